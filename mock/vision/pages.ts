/**
 * The mock XOi Vision's pages: the activity a share POST opens (with a "Finish workflow" step),
 * the page after it, the customer's page, and error pages. Pure functions of an activity.
 */
import { escapeHtml } from '../http.js';

/** One share id's activity, as the mock holds it. */
export interface Activity {
  partnerId: string;
  shareId: string;
  serviceTicket: string;
  customer: string;
  location: string;
  tags: string[];
  opens: number;
  finished: boolean;
  createdAt: string;
}

const STYLE = `
  :root { color-scheme: light; }
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f3f6f9; }
  header { background: #0e2a47; color: #fff; padding: .75rem 1.5rem; font-weight: 600; letter-spacing: .02em; display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
  header small { font-weight: 400; opacity: .75; }
  main { max-width: 40rem; margin: 1.5rem auto; padding: 1.25rem 1.5rem; background: #fff; border: 1px solid #dce3ea; border-radius: 10px; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  ul.tags { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
  ul.tags li { background: #e6f0fa; color: #15497e; border-radius: 1rem; padding: 0 .75rem; }
  button { font: inherit; font-weight: 600; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid #0a7d5a; background: #0a7d5a; color: #fff; cursor: pointer; }
  code { font-size: .9em; }
  .note { color: #5a6672; }
  .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); gap: .5rem; margin: 1rem 0; padding: 0; list-style: none; }
  .gallery li { aspect-ratio: 4 / 3; border-radius: 6px; display: grid; place-items: end start; padding: .4rem; color: #fff; font-size: .8rem; background: linear-gradient(135deg, #3a6f9e, #7fb0d8); }
  .gallery li:nth-child(2) { background: linear-gradient(135deg, #4c7a4c, #a5c98f); }
  .gallery li:nth-child(3) { background: linear-gradient(135deg, #7a5a3a, #d8b07f); }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><span>XOi Vision (mock)</span><small>local stand-in for vision.xoeye.io — nothing leaves this machine</small></header>
${body}
</body>
</html>
`;
}

function tagList(tags: readonly string[]): string {
  if (tags.length === 0) return '<dd class="note">none</dd>';
  return `<dd><ul class="tags">${tags.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul></dd>`;
}

function details(activity: Activity): string {
  return `<dl>
<dt>Work order</dt><dd data-field="serviceTicket">${escapeHtml(activity.serviceTicket)}</dd>
<dt>Customer</dt><dd data-field="customer">${escapeHtml(activity.customer)}</dd>
<dt>Location</dt><dd data-field="location">${escapeHtml(activity.location)}</dd>
<dt>Tags</dt>${tagList(activity.tags)}
</dl>`;
}

function shareUrl(partnerId: string, shareId: string): string {
  return `/partners/${encodeURIComponent(partnerId)}/share/${encodeURIComponent(shareId)}`;
}

export function activityPage(activity: Activity): string {
  const opens = activity.opens === 1 ? 'Opened once' : `Opened ${activity.opens} times`;
  const finish = activity.finished
    ? '<p role="status">Workflow finished — you can return to your FSM app.</p>'
    : `<form method="post" action="${escapeHtml(shareUrl(activity.partnerId, activity.shareId))}/finish">
<button type="submit">Finish workflow</button>
</form>`;
  return page(
    `XOi Vision activity ${activity.serviceTicket}`,
    `<main>
<h1>XOi Vision activity</h1>
${details(activity)}
<p>Share id: <code data-field="shareId">${escapeHtml(activity.shareId)}</code></p>
<p class="note" data-field="opens">${opens}</p>
${activity.finished ? '' : '<p class="note">Here the technician would take photos and videos. Press Finish workflow, then go back to the FSM tab and answer Yes.</p>'}
${finish}
</main>`,
  );
}

export function finishedPage(activity: Activity): string {
  return page(
    'Workflow finished',
    `<main>
<h1>Workflow finished — you can return to your FSM app</h1>
<p>Work order <strong>${escapeHtml(activity.serviceTicket)}</strong> for ${escapeHtml(activity.customer)}.</p>
<p class="note">Close this tab, go back to the FSM and answer Yes to “Have you completed the workflow?”.</p>
</main>`,
  );
}

export function customerPage(activity: Activity): string {
  return page(
    `Your service visit — ${activity.serviceTicket}`,
    `<main>
<h1>Photos and videos from your service visit</h1>
${details(activity)}
<ul class="gallery" aria-label="Media (placeholders in the mock)"><li>Before</li><li>Repair</li><li>After</li></ul>
<p class="note">Customer content for share id <code data-field="shareId">${escapeHtml(activity.shareId)}</code>.</p>
${activity.finished ? '' : '<p class="note">The technician has not finished this workflow yet.</p>'}
</main>`,
  );
}

export function errorPage(title: string, message: string, items: readonly string[] = []): string {
  const list = items.length ? `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>` : '';
  return page(title, `<main>\n<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${list}\n</main>`);
}
