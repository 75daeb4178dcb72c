/**
 * The mock's two web pages: the public share page a `shareLink` opens (what the customer sees)
 * and the Vision web job page `deepLinks.visionWeb.viewJob` opens.
 */
import type { ServerResponse } from 'node:http';
import { escapeHtml, send } from '../../http.js';
import type { Cloud } from '../cloud.js';
import type { MockJob } from '../types.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f6f9;color:#1d2733}
header{background:#0e2a47;color:#fff;padding:.75rem 1.5rem;font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:1.25rem 1.5rem;background:#fff;border:1px solid #dce3ea;
border-radius:10px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #7fb0d8;background:#f3f8fc}`;

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><header>XOi Vision (mock cloud) — nothing leaves this machine</header><main>${body}</main></body></html>
`;
  send(res, status, html);
}

const quotes = (texts: (string | null | undefined)[]): string =>
  texts
    .filter(Boolean)
    .map((t) => `<blockquote>${escapeHtml(t)}</blockquote>`)
    .join('');

function visit(job: MockJob): string {
  return `<h1>Your service visit — ${escapeHtml(job.workOrderNumber ?? job.label ?? job.id)}</h1>
<dl><dt>Customer</dt><dd>${escapeHtml(job.customerName ?? '')}</dd>
<dt>Location</dt><dd>${escapeHtml(job.jobLocation ?? '')}</dd>
<dt>Status</dt><dd>${job.completedAt ? 'Completed' : 'In progress'}</dd></dl>
${quotes(job.documentation.map((d) => d.workSummary?.summary_text))}`;
}

export function sharePage(cloud: Cloud, res: ServerResponse, id: string): void {
  const share = cloud.store.shares.get(id);
  const jobs = (share?.jobIds ?? []).flatMap((jobId) => cloud.store.jobs.get(jobId) ?? []);
  if (jobs.length === 0) {
    sendHtml(res, 404, 'Not found', '<h1>This share does not exist</h1>');
    return;
  }
  sendHtml(res, 200, 'XOi Vision share', jobs.map(visit).join(''));
}

export function jobPage(cloud: Cloud, res: ServerResponse, id: string): void {
  const job = cloud.store.jobs.get(id);
  if (!job) {
    sendHtml(res, 404, 'Not found', '<h1>No such job</h1>');
    return;
  }
  sendHtml(
    res,
    200,
    `Job ${job.id}`,
    `<h1>${escapeHtml(job.label ?? job.id)}</h1>
<dl><dt>Work order</dt><dd>${escapeHtml(job.workOrderNumber ?? '')}</dd>
<dt>Customer</dt><dd>${escapeHtml(job.customerName ?? '')}</dd>
<dt>Technician</dt><dd>${escapeHtml(job.assigneeIds.join(', '))}</dd></dl>
${quotes(job.documentation.map((d) => d.derivedData?.transcript))}`,
  );
}
