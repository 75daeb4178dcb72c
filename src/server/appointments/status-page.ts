/**
 * The "XOi Integration Setup" page: the status report (status.ts) as one HTML document that an
 * administrator reads on screen (with retry buttons) and prints on one page for XOi (print CSS:
 * no buttons, the first rows of each list, long reasons clamped to two lines inside their cells).
 * Pure. Everything from the report is escaped: appointment data and error messages are untrusted.
 * No script; the style sheet's hash goes into the answer's Content-Security-Policy (status-routes.ts).
 */
import { createHash } from 'node:crypto';
import type { IntegrationStatus } from './status.js';

/** Rows of each list printed (the screen shows them all). */
export const PRINTED_ROWS = { attention: 8, deadLetters: 4 };

const STYLE = `
:root { color-scheme: light; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.meta { color: #57606a; margin: 0; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .3rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.ok { color: #1a7f37; font-weight: 600; }
.bad { color: #cf222e; font-weight: 600; }
small { color: #57606a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #d8dee4; }
th { background: #f6f8fa; font-weight: 600; }
.counts td { font-size: 1.3rem; font-weight: 600; }
.reason { overflow-wrap: anywhere; }
.state { white-space: nowrap; }
form { margin: 0; }
button { font: inherit; padding: .2rem .7rem; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.print-only { display: none; }
@page { margin: 12mm; }
@media print {
  :root { font-size: 9pt; }
  body { padding: 0; max-width: none; }
  h2 { margin-top: .8rem; break-after: avoid; }
  .screen-only, form, button { display: none !important; }
  .print-only { display: block; }
  tr.extra { display: none; }
  .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden; }
  table, tr { break-inside: avoid; }
}
`;

/** `'sha256-…'` of the page's one style element, for `style-src`. */
export const STATUS_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: the five characters HTML gives meaning to. */
export const escapeHtml = (value: string | number | null | undefined): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const when = (iso: string | null | undefined): string =>
  iso ? `${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC` : 'never';

const STATE_NAMES: Record<string, string> = {
  'technician-not-in-xoi': 'Technician not in XOi',
  failed: 'Failed',
  'job-deleted': 'XOi job deleted',
  waiting: 'Retrying',
};

function retryForm(action: { url: string } | null, label: string): string {
  if (!action) return '';
  return `<form method="post" action="${escapeHtml(action.url)}"><button type="submit" aria-label="${escapeHtml(label)}">Retry</button></form>`;
}

function xoiSection(s: IntegrationStatus): string {
  const { hosts, token } = s.xoi;
  const host = (name: string, url: string | undefined) =>
    `<dt>${name}</dt><dd>${url ? `<code>${escapeHtml(url)}</code>` : '<small>not set</small>'}</dd>`;
  const tokenText = token.ok
    ? '<span class="ok">Obtained now</span>'
    : `<span class="bad">Not obtained (${escapeHtml(token.code)})</span>: ${escapeHtml(token.message)}`;
  const last = s.notifications.lastReceived;
  const notification = s.notifications.url
    ? `<code>${escapeHtml(s.notifications.url)}</code><br><small>The secret is masked: give XOi the full URL from your server's configuration.</small>`
    : '<small>not configured</small>';
  return `<section aria-labelledby="for-xoi"><h2 id="for-xoi">XOi connection</h2><dl>
<dt>Environment</dt><dd>${escapeHtml(s.xoi.environment)}</dd>
${host('Token endpoint', hosts.tokenUrl)}${host('Jobs service', hosts.jobsUrl)}${host('Share service', hosts.shareUrl)}${host('Users service', hosts.usersUrl)}
<dt>API token</dt><dd>${tokenText}</dd>
<dt>Notification URL</dt><dd>${notification}</dd>
<dt>Last notification</dt><dd>${last ? `${when(last.receivedAt)}: ${escapeHtml(last.type)}, job <code>${escapeHtml(last.jobId)}</code>` : 'none received yet'}</dd>
</dl></section>`;
}

function countsSection(s: IntegrationStatus): string {
  const a = s.appointments;
  const cells: Array<[string, number]> = [
    ['Synced', a.synced],
    ['Waiting', a.waiting],
    ['Failed', a.failed],
    ['Not scheduled or assigned', a.notScheduled],
    ['Cancelled', a.cancelled],
    ['Total', a.total],
  ];
  return `<section aria-labelledby="counts"><h2 id="counts">Appointments</h2><table class="counts">
<thead><tr>${cells.map(([name]) => `<th scope="col">${name}</th>`).join('')}</tr></thead>
<tbody><tr>${cells.map(([name, n]) => `<td data-count="${escapeHtml(name)}">${n}</td>`).join('')}</tr></tbody></table></section>`;
}

const notPrinted = (total: number, printed: number, what: string) =>
  total > printed
    ? `<p class="print-only">${total - printed} more ${what} not printed: see this page on screen.</p>`
    : '';

function attentionSection(s: IntegrationStatus): string {
  const rows = s.appointments.attention;
  const head = `<h2 id="attention">Needing attention (${rows.length})</h2>`;
  if (!rows.length) return `<section aria-labelledby="attention">${head}<p>None.</p></section>`;
  const body = rows
    .map(
      (
        r,
        i,
      ) => `<tr${i >= PRINTED_ROWS.attention ? ' class="extra"' : ''} data-appointment="${escapeHtml(r.appointmentId)}">
<td><code>${escapeHtml(r.appointmentId)}</code></td>
<td>${escapeHtml(r.workOrderNumber)}<br><small>${escapeHtml(r.customerName)}</small></td>
<td>${escapeHtml(r.technicianEmail ?? '—')}</td>
<td class="state">${escapeHtml(STATE_NAMES[r.state] ?? r.state)}<br><small>${when(r.updatedAt)}</small></td>
<td class="reason"><div class="clamp">${escapeHtml(r.reason)}</div></td>
<td class="screen-only">${retryForm(r.retry, `Retry appointment ${r.appointmentId}`)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="attention">${head}<table>
<thead><tr><th scope="col">Appointment</th><th scope="col">Work order</th><th scope="col">Technician</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col" class="screen-only">Action</th></tr></thead>
<tbody>${body}</tbody></table>${notPrinted(rows.length, PRINTED_ROWS.attention, 'appointments')}</section>`;
}

function deadLetterSection(s: IntegrationStatus): string {
  const rows = s.deadLetters;
  const head = `<h2 id="dead">Dead-lettered work (${rows.length})</h2>`;
  if (!rows.length) return `<section aria-labelledby="dead">${head}<p>None.</p></section>`;
  const body = rows
    .map(
      (d, i) => `<tr${i >= PRINTED_ROWS.deadLetters ? ' class="extra"' : ''} data-dead-letter="${escapeHtml(d.id)}">
<td>${escapeHtml(d.queue)}<br><small>${d.appointmentId ? `appointment <code>${escapeHtml(d.appointmentId)}</code>` : ''}</small></td>
<td class="state">${when(d.failedAt)}</td>
<td class="reason"><div class="clamp">${escapeHtml(d.error)}</div></td>
<td class="screen-only">${retryForm(d.retry, `Retry dead letter ${d.id}`)}</td></tr>`,
    )
    .join('');
  return `<section aria-labelledby="dead">${head}<table>
<thead><tr><th scope="col">Work</th><th scope="col">Failed</th><th scope="col">Last error</th><th scope="col" class="screen-only">Action</th></tr></thead>
<tbody>${body}</tbody></table>${notPrinted(rows.length, PRINTED_ROWS.deadLetters, 'dead letters')}</section>`;
}

function pollSection(s: IntegrationStatus): string {
  if (!s.lastPoll) return '';
  const r = (s.lastPoll.result ?? {}) as { fetched?: number; queued?: number; invalid?: Array<{ message: string }> };
  const invalid = r.invalid ?? [];
  return `<section aria-labelledby="poll"><h2 id="poll">Poll mode</h2><p>Last pass ${when(s.lastPoll.at)}:
${Number(r.fetched ?? 0)} changed appointments read, ${Number(r.queued ?? 0)} queued, ${invalid.length} refused${
    invalid.length ? `: ${escapeHtml(invalid[0].message)}${invalid.length > 1 ? ' …' : ''}` : ''
  }.</p></section>`;
}

export function renderStatusPage(status: IntegrationStatus): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(status.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(status.title)}</h1>
<p class="meta">Generated ${when(status.generatedAt)}. <span class="screen-only">Print this page (Ctrl+P or ⌘P) to hand it to XOi.</span></p></header>
<main>${xoiSection(status)}${countsSection(status)}${attentionSection(status)}${deadLetterSection(status)}${pollSection(status)}</main>
</body></html>`;
}
