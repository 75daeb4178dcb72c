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

// Where notes are cut, at each boundary, as the FSM stores them. Transcripts without workflow or
// step name have no heading, so a note's length is the text's own.
describe('where notes are cut', () => {
  const MORE = '\n\n[More transcript text in XOi]';
  const bare = (text) => ({ traits: ['transcript', 'processed'], derivedData: { transcript: text } });
  const transcriptsOf = (result) => result.notes.filter((n) => n.title.startsWith('XOi Transcript')).map((n) => n.text);
  const build = (items, max) => buildAppointmentNotes(COMPLETE, summary(...items), SHARE, { maxNoteLength: max });
  const a = 'a'.repeat(100);
  const b = 'b'.repeat(150);

  test('maxNoteLength 200 is the smallest accepted; a fraction is refused', () => {
    assert.equal(transcriptsOf(build([bare('Short.')], 200)).length, 1);
    assert.throws(() => build([], 199), /maxNoteLength must be an integer ≥ 200/);
    assert.throws(() => build([], 200.5), /maxNoteLength must be an integer ≥ 200/);
  });

  test('a transcript exactly maxNoteLength long is one note, not parts', () => {
    const text = `${'a'.repeat(99)} ${'b'.repeat(100)}`;
    assert.equal(text.length, 200);
    assert.deepEqual(transcriptsOf(build([bare(text)], 200)), [text]);
  });

  test('parts without a heading start with "(part n of m)"; a cut at a space drops it', () => {
    // 200 - 20 = 180 characters of text per part.
    assert.deepEqual(transcriptsOf(build([bare(`${a} ${b}`)], 200)), [`(part 1 of 2)\n${a}`, `(part 2 of 2)\n${b}`]);
  });

  test('the last space before the limit is used even at exactly half of it', () => {
    const half = 'a'.repeat(90);
    const rest = 'b'.repeat(120);
    assert.deepEqual(transcriptsOf(build([bare(`${half} ${rest}`)], 200)), [
      `(part 1 of 2)\n${half}`,
      `(part 2 of 2)\n${rest}`,
    ]);
  });

  test('a word longer than half a note is cut at the limit', () => {
    const word = 'c'.repeat(400);
    assert.deepEqual(transcriptsOf(build([bare(word)], 200)), [
      `(part 1 of 3)\n${'c'.repeat(180)}`,
      `(part 2 of 3)\n${'c'.repeat(180)}`,
      `(part 3 of 3)\n${'c'.repeat(40)}`,
    ]);
  });

  test('a line break is a place to cut too', () => {
    assert.deepEqual(transcriptsOf(build([bare(`${a}\n${b}`)], 200)), [`(part 1 of 2)\n${a}`, `(part 2 of 2)\n${b}`]);
  });

  test('spaces at a cut are dropped from both parts', () => {
    assert.deepEqual(transcriptsOf(build([bare(`${a}  ${b}`)], 200)), [`(part 1 of 2)\n${a}`, `(part 2 of 2)\n${b}`]);
  });

  test('what is left after a cut, exactly one part long, is one part', () => {
    const last = `${'b'.repeat(90)} ${'c'.repeat(89)}`;
    assert.equal(last.length, 180);
    assert.deepEqual(transcriptsOf(build([bare(`${a} ${last}`)], 200)), [
      `(part 1 of 2)\n${a}`,
      `(part 2 of 2)\n${last}`,
    ]);
  });

  test('headings are trimmed, blank names left out, and at most 80 characters', () => {
    const spaced = transcript('Words.', { workflowName: '  RTU-3  ', stepName: '   ' });
    const long = transcript('Words.', { workflowName: 'W'.repeat(70), stepName: 'S'.repeat(20) });
    assert.deepEqual(transcriptsOf(build([spaced, long], 4000)), [
      'RTU-3\nWords.',
      `${'W'.repeat(70)} – ${'S'.repeat(7)}\nWords.`,
    ]);
  });

  test('an item without traits is a processed transcript; a blank transcript is no note', () => {
    const result = build(
      [
        { workflowName: 'RTU', derivedData: { transcript: 'No traits.' } },
        bare('   '),
        bare(''),
        transcript('Kept.', { stepName: 'Last' }),
      ],
      4000,
    );
    assert.deepEqual(transcriptsOf(result), ['RTU\nNo traits.', 'Rooftop unit – Last\nKept.']);
    assert.equal(result.transcriptsPending, false);
  });

  test('runs that fit are kept, even one exactly maxNoteLength long', () => {
    // Four pieces: runs of 2, 1, 1; the first is 100 + 2 + 298 = 400.
    const pieces = ['a'.repeat(100), 'b'.repeat(298), 'c'.repeat(50), 'd'.repeat(50)];
    const result = build(pieces.map(bare), 400);
    assert.deepEqual(transcriptsOf(result), [`${pieces[0]}\n\n${pieces[1]}`, pieces[2], pieces[3]]);
    assert.equal(result.transcriptsTruncated, false);
  });

  test('one run too long: the pieces are packed in order instead, each note as full as fits', () => {
    // Runs of 2, 1, 1: the first would be 602 characters; packed, three notes hold everything.
    const pieces = ['a'.repeat(300), 'b'.repeat(300), 'c'.repeat(50), 'd'.repeat(50)];
    const result = build(pieces.map(bare), 400);
    assert.deepEqual(transcriptsOf(result), [pieces[0], `${pieces[1]}\n\n${pieces[2]}`, pieces[3]]);
    assert.equal(result.transcriptsTruncated, false);
  });

  test('packing joins into the first note up to exactly maxNoteLength, not one character more', () => {
    // Runs of 2, 2, 1: the second is 300 + 2 + 99 = 401, so the pieces are packed: 100 + 2 + 298
    // = 400 fills the first note, 300 + 2 + 99 = 401 does not fit in one.
    const pieces = ['a'.repeat(100), 'b'.repeat(298), 'c'.repeat(300), 'd'.repeat(99), 'e'.repeat(50)];
    const result = build(pieces.map(bare), 400);
    assert.deepEqual(transcriptsOf(result), [
      `${pieces[0]}\n\n${pieces[1]}`,
      pieces[2],
      `${pieces[3]}\n\n${pieces[4]}`,
    ]);
    assert.equal(result.transcriptsTruncated, false);
  });

  test('a third note too full for the notice is cut to make room for it', () => {
    const third = `${'w'.repeat(300)} ${'z'.repeat(89)}`;
    const pieces = ['a'.repeat(390), 'b'.repeat(390), third, 'd'.repeat(390), 'e'.repeat(390)];
    const result = build(pieces.map(bare), 400);
    assert.deepEqual(transcriptsOf(result), [pieces[0], pieces[1], `${'w'.repeat(300)}${MORE}`]);
    assert.equal(result.transcriptsTruncated, true);
  });
});

describe('which job link, when XOi leaves some out', () => {
  const MOBILE_VIEW = 'xoi-vision://activity/view?payload=job-9';
  const WEB_VIEW = 'https://vision.xoi.example/jobs/job-9';
  const workflow = (deepLinks, options) =>
    byTitle(buildAppointmentNotes({ id: 'job-9', deepLinks }, null, null, options))['XOi Workflow'].url;

  test('no phone links: the web link', () => {
    const deepLinks = { visionMobile: { viewJob: null, editJob: null }, visionWeb: { viewJob: { url: WEB_VIEW } } };
    assert.equal(workflow(deepLinks), WEB_VIEW);
  });

  test('web first, but XOi sent no web link: the phone link', () => {
    const mobile = { viewJob: { url: MOBILE_VIEW }, editJob: null };
    assert.equal(workflow({ visionMobile: mobile, visionWeb: null }, { workflowLink: 'web' }), MOBILE_VIEW);
    assert.equal(
      workflow({ visionMobile: mobile, visionWeb: { viewJob: null } }, { workflowLink: 'web' }),
      MOBILE_VIEW,
    );
  });
});
