/**
 * The read-only appointment notes WennSoft MobileTech gets from XOi, as a pure function of the
 * job, its summary and its share, so any FSM can write the same notes (and re-write them when a
 * `job-updated` notification says a transcript arrived):
 *
 * - **XOi Site History** (internal): `deepLinks.visionMobile.jobLocationActivitySearch`, the job
 *   location's activity in the Vision app; before XOi gives it (it is complete-only), the documented
 *   deep link to the job's activity, `xoi-vision://activity/view?payload={"jobId":…}`.
 * - **XOi Workflow** (internal): the link to the job: `visionMobile.viewJob`, else
 *   `visionMobile.editJob`, else `visionWeb.viewJob` (`workflowLink: 'web'` tries web first);
 *   else the documented `xoi-vision://my-work/edit?payload={"jobId":…}`.
 * - **XOi Resolution** (customer-facing, on the summary report): the public share link, also
 *   returned as `invoiceLink`; left out while there is no share.
 * - **XOi Transcript, XOi Transcript 2, XOi Transcript 3** (internal, not on the report):
 *   `documentation[].derivedData.transcript` texts, as below.
 *
 * Transcripts: items whose traits include `pending` are skipped and set `transcriptsPending`
 * (no placeholder note: MobileTech's notes also appear only after processing). Each transcript
 * is headed by its workflow and step ("Rooftop unit – Compressor"). One transcript longer than
 * `maxNoteLength` is cut at word boundaries into parts ("(part 1 of 2)"). Up to three pieces:
 * one note each. More: split in order into three runs, as even by count as possible (7 → 3, 2,
 * 2), joined by a blank line; if a run is then too long, the pieces are instead packed in order,
 * each note as full as `maxNoteLength` allows. Text that does not fit in three notes is dropped
 * and the third note ends with "[More transcript text in XOi]" (`transcriptsTruncated`).
 */
import type { XoiDocumentationItem, XoiJob, XoiJobSummary } from './client/types.js';

export type AppointmentNoteTitle =
  'XOi Site History' | 'XOi Workflow' | 'XOi Resolution' | 'XOi Transcript' | 'XOi Transcript 2' | 'XOi Transcript 3';

export interface AppointmentNote {
  title: AppointmentNoteTitle;
  /** The note's text: the URL itself for link notes, the transcript text otherwise. */
  text: string;
  /** The link of a link note; null for transcripts. */
  url: string | null;
  /** Back-office only (everything but XOi Resolution). */
  internal: boolean;
  /** Printed on the call/appointment summary (XOi Resolution only). */
  onSummaryReport: boolean;
}

export interface AppointmentNotes {
  /** In the order of the table; notes without content are left out. */
  notes: AppointmentNote[];
  /** The public share link for the invoice/report, or null. */
  invoiceLink: string | null;
  /** Some transcript is still being processed: build the notes again on its `job-updated` event. */
  transcriptsPending: boolean;
  /** Transcript text was dropped to fit three notes of `maxNoteLength`. */
  transcriptsTruncated: boolean;
}

export interface AppointmentNotesOptions {
  /** Longest note text. Default 4,000 characters (set it to your FSM's note field size). */
  maxNoteLength?: number;
  /** Which job link goes first in XOi Workflow. Default `mobile` (technicians open notes on the phone). */
  workflowLink?: 'mobile' | 'web';
}

const TRANSCRIPT_TITLES = ['XOi Transcript', 'XOi Transcript 2', 'XOi Transcript 3'] as const;
const MORE = '\n\n[More transcript text in XOi]';

const deepLink = (path: string, jobId: string): string =>
  `xoi-vision://${path}?payload=${encodeURIComponent(JSON.stringify({ jobId }))}`;

const link = (title: AppointmentNoteTitle, url: string, internal: boolean): AppointmentNote => ({
  title,
  text: url,
  url,
  internal,
  onSummaryReport: !internal,
});

/**
 * The notes for one job. `share` is the job's public share (`createJobShare`'s result or its
 * link), `summary` its `getJobSummary` (null before it was fetched: no transcript notes).
 */
export function buildAppointmentNotes(
  job: Pick<XoiJob, 'id' | 'deepLinks'>,
  summary: Pick<XoiJobSummary, 'documentation'> | null,
  share: { shareLink: string } | string | null,
  options: AppointmentNotesOptions = {},
): AppointmentNotes {
  const max = options.maxNoteLength ?? 4000;
  if (!Number.isInteger(max) || max < 200) throw new RangeError('maxNoteLength must be an integer ≥ 200');
  const mobile = job.deepLinks?.visionMobile;
  const web = job.deepLinks?.visionWeb;
  const notes: AppointmentNote[] = [];

  notes.push(
    link('XOi Site History', mobile?.jobLocationActivitySearch?.url || deepLink('activity/view', job.id), true),
  );
  const jobLinks = [mobile?.viewJob?.url, mobile?.editJob?.url];
  const ordered = options.workflowLink === 'web' ? [web?.viewJob?.url, ...jobLinks] : [...jobLinks, web?.viewJob?.url];
  notes.push(link('XOi Workflow', ordered.find(Boolean) || deepLink('my-work/edit', job.id), true));

  const shareLink = (typeof share === 'string' ? share : share?.shareLink)?.trim() || null;
  if (shareLink) notes.push(link('XOi Resolution', shareLink, false));

  const items = summary?.documentation ?? [];
  const pending = items.some(
    (i) => i.traits?.includes('pending') && (i.traits.includes('transcript') || hasTranscript(i)),
  );
  const pieces = items.filter((i) => hasTranscript(i) && !i.traits?.includes('pending')).flatMap((i) => split(i, max));
  const { texts, truncated } = distribute(pieces, max);
  texts.forEach((text, n) =>
    notes.push({ title: TRANSCRIPT_TITLES[n], text, url: null, internal: true, onSummaryReport: false }),
  );

  return { notes, invoiceLink: shareLink, transcriptsPending: pending, transcriptsTruncated: truncated };
}

function hasTranscript(item: XoiDocumentationItem): boolean {
  return typeof item.derivedData?.transcript === 'string' && item.derivedData.transcript.trim() !== '';
}

function headingOf(item: XoiDocumentationItem): string {
  const parts = [item.workflowLabel || item.workflowName, item.stepName].map((s) => s?.trim()).filter(Boolean);
  return parts.join(' – ').slice(0, 80);
}

/** One transcript as pieces of at most `max` characters, cut at word boundaries. */
function split(item: XoiDocumentationItem, max: number): string[] {
  const text = item.derivedData!.transcript!.trim();
  const heading = headingOf(item);
  const whole = heading ? `${heading}\n${text}` : text;
  if (whole.length <= max) return [whole];
  // Room for "heading (part 10 of 10)\n" on every part.
  const room = max - (heading ? heading.length + 20 : 20);
  const parts = cut(text, room);
  return parts.map((p, i) => `${heading ? `${heading} ` : ''}(part ${i + 1} of ${parts.length})\n${p}`);
}

/** `text` in chunks of at most `size`, ending at whitespace where there is some. */
function cut(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let at = rest.lastIndexOf(' ', size);
    const newline = rest.lastIndexOf('\n', size);
    at = Math.max(at, newline);
    if (at < size / 2) at = size; // one enormous "word": cut it
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

function distribute(pieces: string[], max: number): { texts: string[]; truncated: boolean } {
  if (pieces.length <= 3) return { texts: pieces, truncated: false };
  const runs: string[] = [];
  let start = 0;
  for (let r = 0; r < 3; r++) {
    const size = Math.floor(pieces.length / 3) + (r < pieces.length % 3 ? 1 : 0);
    runs.push(pieces.slice(start, start + size).join('\n\n'));
    start += size;
  }
  if (runs.every((t) => t.length <= max)) return { texts: runs, truncated: false };

  const packed: string[] = [];
  for (const piece of pieces) {
    const last = packed.length - 1;
    if (last >= 0 && packed[last].length + 2 + piece.length <= max) packed[last] += `\n\n${piece}`;
    else packed.push(piece);
  }
  if (packed.length <= 3) return { texts: packed, truncated: false };
  const third = packed[2].length + MORE.length <= max ? packed[2] : cut(packed[2], max - MORE.length)[0];
  return { texts: [packed[0], packed[1], third + MORE], truncated: true };
}
