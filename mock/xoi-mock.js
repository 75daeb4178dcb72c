/**
 * A stand-in for XOi Vision's "Foundational Integration" endpoint, for tests and the demo.
 *
 * It records every share POST byte-exact, so a browser test can assert the body XOi would
 * receive (`GET /__xoi-mock/requests?shareId=…`), and serves small pages that behave like the
 * real flow: an activity page with a "Finish workflow" button, and the public customer page.
 *
 * Plain Node ESM with no dependencies: `middleware(req, res, next)` works in Connect/Vite and
 * `http.createServer`; the web-test-runner config wraps it for Koa. `middleware` returns a
 * promise that settles once a handled response has ended (Koa's adapter waits on it).
 */

import { escapeHtml, readBody, send } from './http.js';

export { escapeHtml };

const SHARE_FIELDS = ['shareId', 'serviceTicket', 'customer', 'location'];

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

function page(title, body) {
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

function tagList(tags) {
  if (tags.length === 0) return '<dd class="note">none</dd>';
  return `<dd><ul class="tags">${tags.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul></dd>`;
}

function details(activity) {
  return `<dl>
<dt>Work order</dt><dd data-field="serviceTicket">${escapeHtml(activity.serviceTicket)}</dd>
<dt>Customer</dt><dd data-field="customer">${escapeHtml(activity.customer)}</dd>
<dt>Location</dt><dd data-field="location">${escapeHtml(activity.location)}</dd>
<dt>Tags</dt>${tagList(activity.tags)}
</dl>`;
}

function shareUrl(partnerId, shareId) {
  return `/partners/${encodeURIComponent(partnerId)}/share/${encodeURIComponent(shareId)}`;
}

function activityPage(activity) {
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

function finishedPage(activity) {
  return page(
    'Workflow finished',
    `<main>
<h1>Workflow finished — you can return to your FSM app</h1>
<p>Work order <strong>${escapeHtml(activity.serviceTicket)}</strong> for ${escapeHtml(activity.customer)}.</p>
<p class="note">Close this tab, go back to the FSM and answer Yes to “Have you completed the workflow?”.</p>
</main>`,
  );
}

function customerPage(activity) {
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

function errorPage(title, message, items = []) {
  const list = items.length ? `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>` : '';
  return page(title, `<main>\n<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${list}\n</main>`);
}

/** Splits the path on raw "/" before decoding, so an encoded "%2F" stays inside its segment. */
function segments(pathname) {
  const parts = pathname.split('/').slice(1);
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

export function createXoiMock() {
  /** @type {Array<Record<string, unknown>>} */
  const requests = [];
  /** key `${partnerId}\n${shareId}` → activity */
  const activities = new Map();
  const key = (partnerId, shareId) => `${partnerId}\n${shareId}`;

  async function onShare(req, res, partnerId, path) {
    const body = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const fields = [...new URLSearchParams(body.toString('utf8'))];
    const first = (name) => fields.find(([n]) => n === name)?.[1];
    const shareId = first('shareId') ?? '';
    const record = {
      partnerId,
      path,
      contentType,
      rawBody: body.toString('latin1'),
      fields,
      shareId,
      at: new Date().toISOString(),
      status: 200,
    };
    requests.push(record);

    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      record.status = 415;
      send(
        res,
        415,
        errorPage(
          'Unsupported content type',
          `Expected application/x-www-form-urlencoded, got "${contentType || 'none'}".`,
        ),
      );
      return;
    }
    const missing = SHARE_FIELDS.filter((name) => !(first(name) ?? '').trim());
    if (missing.length) {
      record.status = 400;
      send(
        res,
        400,
        errorPage(
          'Missing fields',
          'XOi Vision could not open an activity; these fields are missing or blank:',
          missing,
        ),
      );
      return;
    }

    const data = {
      partnerId,
      shareId,
      serviceTicket: first('serviceTicket'),
      customer: first('customer'),
      location: first('location'),
      tags: fields.filter(([n]) => n === 'tags').map(([, v]) => v),
    };
    let activity = activities.get(key(partnerId, shareId));
    if (activity) {
      // The same shareId is the same activity; the latest post's details win, as a re-share would.
      Object.assign(activity, data);
      activity.opens += 1;
    } else {
      activity = { ...data, opens: 1, finished: false, createdAt: record.at };
      activities.set(key(partnerId, shareId), activity);
    }
    send(res, 200, activityPage(activity));
  }

  function notFound(res) {
    send(res, 404, errorPage('Not found', 'There is no XOi Vision activity at this address.'));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const method = (req.method ?? 'GET').toUpperCase();

    if (url.pathname === '/__xoi-mock/requests') {
      if (method === 'GET' || method === 'HEAD') {
        const shareId = url.searchParams.get('shareId');
        const list = shareId === null ? requests : requests.filter((r) => r.shareId === shareId);
        send(res, 200, JSON.stringify(list), 'application/json; charset=utf-8');
      } else if (method === 'DELETE') {
        reset();
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
      } else {
        send(res, 405, errorPage('Method not allowed', 'Use GET or DELETE.'));
      }
      return true;
    }

    if (!url.pathname.startsWith('/partners/')) return false;
    const seg = segments(url.pathname);
    // ['partners', partnerId, 'share', shareId?, 'finish'?]
    if (!seg || seg.length < 3 || seg[2] !== 'share' || !seg[1]) return false;
    const partnerId = seg[1];

    if (seg.length === 3) {
      if (method !== 'POST') {
        send(res, 405, errorPage('Method not allowed', 'Open an activity with a form POST.'));
        return true;
      }
      await onShare(req, res, partnerId, url.pathname);
      return true;
    }

    const activity = activities.get(key(partnerId, seg[3]));
    if (seg.length === 4 && (method === 'GET' || method === 'HEAD')) {
      if (activity) send(res, 200, customerPage(activity));
      else notFound(res);
      return true;
    }
    if (seg.length === 5 && seg[4] === 'finish' && method === 'POST') {
      await readBody(req);
      if (!activity) {
        notFound(res);
        return true;
      }
      activity.finished = true;
      send(res, 200, finishedPage(activity));
      return true;
    }
    if (seg.length <= 5) {
      notFound(res);
      return true;
    }
    return false;
  }

  function reset() {
    requests.length = 0;
    activities.clear();
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {(err?: unknown) => void} [next]
   */
  async function middleware(req, res, next) {
    let handled;
    try {
      handled = await handle(req, res);
    } catch (error) {
      const status = error?.status ?? 500;
      if (!res.headersSent) send(res, status, errorPage('Mock error', String(error?.message ?? error)));
      else res.destroy();
      return;
    }
    if (!handled) {
      if (next) next();
      else send(res, 404, errorPage('Not found', 'Nothing here.'));
    }
  }

  return { middleware, requests, activities, reset };
}
