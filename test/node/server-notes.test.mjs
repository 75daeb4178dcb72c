// buildAppointmentNotes: the four MobileTech-style notes (XOi Site History, Workflow, Resolution,
// Transcript 1–3) and the invoice link, from a job, its summary and its share.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildAppointmentNotes } from '../../dist/npm/server/index.js';
import { clientFor, startCloud } from './xoi-cloud-helpers.mjs';

const payload = (value) => encodeURIComponent(JSON.stringify(value));
const SHARE = 'https://share.xoi.example/s/abc';

const COMPLETE = {
  id: 'job-1',
  deepLinks: {
    visionWeb: { viewJob: { url: 'https://vision.xoi.example/jobs/job-1' } },
    visionMobile: {
      viewJob: { url: 'xoi-vision://activity/view?payload=job-1' },
      editJob: { url: 'xoi-vision://my-work/edit?payload=job-1' },
      jobLocationActivitySearch: { url: 'xoi-vision://activity/search?payload=1-main-st' },
      contributeToJob: { url: 'xoi-vision://my-work/contribute?jobId=job-1' },
    },
  },
};

const transcript = (text, fields = {}) => ({
  traits: ['transcript', 'processed'],
  workflowName: 'Rooftop unit',
  stepName: 'Video',
  derivedData: { transcript: text },
  ...fields,
});

const summary = (...documentation) => ({ documentation });
const byTitle = (result) => Object.fromEntries(result.notes.map((n) => [n.title, n]));

describe('which link or text goes in each note', () => {
  test('a completed job with its share and transcripts: all notes, in order', () => {
    const result = buildAppointmentNotes(
      COMPLETE,
      summary(
        { traits: ['work_summary', 'ai_generated'], workSummary: { summary_text: 'Replaced the contactor.' } },
        transcript('The contactor was pitted.', { stepName: 'Diagnosis' }),
        transcript('Unit running, 42 degree split.', { workflowLabel: 'RTU-3', stepName: 'Verification' }),
      ),
      { id: 'share-1', shareLink: SHARE },
    );
    assert.deepEqual(result, {
      notes: [
        {
          title: 'XOi Site History',
          text: 'xoi-vision://activity/search?payload=1-main-st',
          url: 'xoi-vision://activity/search?payload=1-main-st',
          internal: true,
          onSummaryReport: false,
        },
        {
          title: 'XOi Workflow',
          text: 'xoi-vision://activity/view?payload=job-1',
          url: 'xoi-vision://activity/view?payload=job-1',
          internal: true,
          onSummaryReport: false,
        },
        { title: 'XOi Resolution', text: SHARE, url: SHARE, internal: false, onSummaryReport: true },
        {
          title: 'XOi Transcript',
          text: 'Rooftop unit – Diagnosis\nThe contactor was pitted.',
          url: null,
          internal: true,
          onSummaryReport: false,
        },
        {
          title: 'XOi Transcript 2',
          text: 'RTU-3 – Verification\nUnit running, 42 degree split.',
          url: null,
          internal: true,
          onSummaryReport: false,
        },
      ],
      invoiceLink: SHARE,
      transcriptsPending: false,
      transcriptsTruncated: false,
    });
  });

  test('workflowLink: web puts the Vision web link in XOi Workflow', () => {
    const notes = byTitle(buildAppointmentNotes(COMPLETE, null, SHARE, { workflowLink: 'web' }));
    assert.equal(notes['XOi Workflow'].url, 'https://vision.xoi.example/jobs/job-1');
  });

  test('an open job: Site History falls back to the activity deep link, Workflow to editJob', () => {
    const open = {
      id: 'job-7',
      deepLinks: {
        visionWeb: { viewJob: null },
        visionMobile: { viewJob: null, editJob: { url: 'xoi-vision://edit/job-7' } },
      },
    };
    const notes = byTitle(buildAppointmentNotes(open, null, SHARE));
    assert.equal(notes['XOi Site History'].url, `xoi-vision://activity/view?payload=${payload({ jobId: 'job-7' })}`);
    assert.equal(notes['XOi Workflow'].url, 'xoi-vision://edit/job-7');
  });

  test('no deep links at all: both fall back to the documented xoi-vision:// links', () => {
    const notes = byTitle(buildAppointmentNotes({ id: 'job 8', deepLinks: null }, null, null));
    assert.equal(notes['XOi Site History'].url, `xoi-vision://activity/view?payload=${payload({ jobId: 'job 8' })}`);
    assert.equal(notes['XOi Workflow'].url, `xoi-vision://my-work/edit?payload=${payload({ jobId: 'job 8' })}`);
  });

  test('no share yet: no XOi Resolution note and no invoice link', () => {
    for (const share of [null, '', { shareLink: '  ' }]) {
      const result = buildAppointmentNotes(COMPLETE, null, share);
      assert.deepEqual(
        result.notes.map((n) => n.title),
        ['XOi Site History', 'XOi Workflow'],
      );
      assert.equal(result.invoiceLink, null);
    }
  });

  test('no summary yet: no transcript notes, nothing pending', () => {
    const result = buildAppointmentNotes(COMPLETE, null, SHARE);
    assert.deepEqual(
      result.notes.map((n) => n.title),
      ['XOi Site History', 'XOi Workflow', 'XOi Resolution'],
    );
    assert.equal(result.transcriptsPending, false);
  });
});

describe('transcripts', () => {
  test('while pending: left out (no placeholder) and transcriptsPending set', () => {
    const result = buildAppointmentNotes(
      COMPLETE,
      summary(
        transcript('Ready.', { stepName: 'A' }),
        { traits: ['transcript', 'pending'], derivedData: { transcript: null } },
        transcript('Preliminary words.', { traits: ['transcript', 'pending'], stepName: 'B' }),
      ),
      SHARE,
    );
    const transcripts = result.notes.filter((n) => n.title.startsWith('XOi Transcript'));
    assert.deepEqual(
      transcripts.map((n) => [n.title, n.text]),
      [['XOi Transcript', 'Rooftop unit – A\nReady.']],
    );
    assert.equal(result.transcriptsPending, true);
  });

  test('a pending dataplate is not a pending transcript', () => {
    const result = buildAppointmentNotes(
      COMPLETE,
      summary({ traits: ['dataplate', 'pending'], derivedData: { serial: 'X' } }),
      SHARE,
    );
    assert.equal(result.transcriptsPending, false);
  });

  test('more than three: split in order into three runs, as even as count allows (7 → 3, 2, 2)', () => {
    const seven = Array.from({ length: 7 }, (_, i) => transcript(`Words ${i + 1}.`, { stepName: `Step ${i + 1}` }));
    const result = buildAppointmentNotes(COMPLETE, summary(...seven), SHARE);
    const texts = result.notes.filter((n) => n.title.startsWith('XOi Transcript')).map((n) => [n.title, n.text]);
    const t = (i) => `Rooftop unit – Step ${i}\nWords ${i}.`;
    assert.deepEqual(texts, [
      ['XOi Transcript', [t(1), t(2), t(3)].join('\n\n')],
      ['XOi Transcript 2', [t(4), t(5)].join('\n\n')],
      ['XOi Transcript 3', [t(6), t(7)].join('\n\n')],
    ]);
    assert.equal(result.transcriptsTruncated, false);
  });

  test('a transcript longer than maxNoteLength is cut at word boundaries into parts', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const result = buildAppointmentNotes(COMPLETE, summary(transcript(words, { stepName: 'Long' })), SHARE, {
      maxNoteLength: 400,
    });
    const texts = result.notes.filter((n) => n.title.startsWith('XOi Transcript')).map((n) => n.text);
    assert.equal(texts.length, 3);
    texts.forEach((text, i) => {
      assert.ok(text.length <= 400, `${text.length} characters`);
      assert.ok(text.startsWith(`Rooftop unit – Long (part ${i + 1} of 3)\n`), text.slice(0, 50));
    });
    const rejoined = texts.map((t) => t.slice(t.indexOf('\n') + 1)).join(' ');
    assert.equal(rejoined, words, 'nothing lost, no word cut');
  });

  test('text beyond three full notes is dropped and the third note says so', () => {
    const long = Array.from({ length: 6 }, (_, i) => transcript(`${'blah '.repeat(60)}end${i}`, { stepName: `S${i}` }));
    const result = buildAppointmentNotes(COMPLETE, summary(...long), SHARE, { maxNoteLength: 400 });
    const texts = result.notes.filter((n) => n.title.startsWith('XOi Transcript')).map((n) => n.text);
    assert.equal(texts.length, 3);
    assert.ok(texts.every((t) => t.length <= 400));
    assert.ok(texts[2].endsWith('\n\n[More transcript text in XOi]'));
    assert.equal(result.transcriptsTruncated, true);
    assert.ok(texts[0].startsWith('Rooftop unit – S0\n'));
  });

  test('an item with neither workflow nor step name has no heading', () => {
    const result = buildAppointmentNotes(
      COMPLETE,
      summary({ traits: ['transcript'], derivedData: { transcript: ' Just words. ' } }),
      SHARE,
    );
    assert.equal(byTitle(result)['XOi Transcript'].text, 'Just words.');
  });

  test('maxNoteLength below 200 is refused', () => {
    assert.throws(() => buildAppointmentNotes(COMPLETE, null, SHARE, { maxNoteLength: 50 }), /maxNoteLength/);
  });
});

test('from the mock XOi Cloud: a completed job, its summary and a share give every note', async () => {
  const env = await startCloud();
  try {
    const seeded = env.cloud.seedJob({
      technicianEmail: 'jane.tech@example.com',
      jobLocation: '1 Main St',
      completed: true,
    });
    env.cloud.addTranscript(seeded.id, 'Compressor replaced.', {
      workflowName: 'RTU service',
      stepName: 'Repair video',
    });
    env.cloud.addTranscript(seeded.id, 'Still being processed.', { pending: true });
    const { client } = clientFor(env);
    const [job, jobSummary, share] = await Promise.all([
      client.getJob(seeded.id),
      client.getJobSummary(seeded.id),
      client.createJobShare(seeded.id),
    ]);
    const result = buildAppointmentNotes(job, jobSummary, share);
    assert.deepEqual(
      result.notes.map((n) => [n.title, n.text]),
      [
        ['XOi Site History', `xoi-vision://activity/search?payload=${payload({ jobLocation: '1 Main St' })}`],
        ['XOi Workflow', `xoi-vision://activity/view?payload=${payload({ jobId: seeded.id })}`],
        ['XOi Resolution', share.shareLink],
        ['XOi Transcript', 'RTU service – Repair video\nCompressor replaced.'],
      ],
    );
    assert.equal(result.invoiceLink, share.shareLink);
    assert.equal(result.transcriptsPending, true);
  } finally {
    await env.close();
  }
});
