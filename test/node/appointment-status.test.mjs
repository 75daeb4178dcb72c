// The "XOi Integration Setup" status (createAppointmentStatusRoutes): the JSON an administrator's
// tools read, the printable page (escaped: appointment data and error messages are untrusted),
// the retry actions, and who may see any of it. On PGlite, against the mock XOi Cloud.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, test } from 'node:test';
import { createAppointmentStatusRoutes, isUnmatched } from '../../dist/npm/server/index.js';
import { maskSecretUrl } from '../../dist/npm/server/appointments/status.js';
import { escapeHtml, renderStatusPage } from '../../dist/npm/server/appointments/status-page.js';
import { appointmentOf, openSync } from './appointment-contract.mjs';
import { embedded } from './database-helpers.mjs';
import { startCloud } from './xoi-cloud-helpers.mjs';

const db = await embedded();
const env = await startCloud();
after(() => env.close());

const BASE = 'https://fsm.example/xoi/admin';
const HOOK = 'https://fsm.example/xoi/notifications?key=s3cr3t-notification-key-wxyz';
const XSS = `<img src=x onerror="alert('xss')">`;

/** A sync with an appointment XOi cannot take (unknown technician, a hostile customer name) and one synced. */
async function setUp() {
  const s = await openSync(db.connectionString, env);
  const bad = appointmentOf({ technicianEmail: 'ghost@example.com', customerName: `Evil ${XSS} Corp` });
  const good = appointmentOf();
  await s.sync.upsert(bad);
  await s.sync.upsert(good);
  await s.settled(bad.id, ['technician-not-in-xoi']);
  await s.settled(good.id);
  const routes = createAppointmentStatusRoutes({
    sync: s.sync,
    client: s.client,
    authorizeAdmin: (request) => request.headers.get('cookie') === 'session=admin',
    notificationUrl: HOOK,
  });
  const ask = (path, init = {}) =>
    routes(new Request(`${BASE}${path}`, { ...init, headers: { cookie: 'session=admin', ...init.headers } }));
  return { ...s, bad, good, routes, ask };
}

test('refuses to exist without authorizeAdmin, and answers 401 to anyone it refuses', async () => {
  assert.throws(
    () => createAppointmentStatusRoutes({ sync: { status() {} }, client: { checkToken() {} } }),
    /authorizeAdmin\(request\) is required/,
  );
  const s = await setUp();
  for (const [path, method] of [
    ['/status', 'GET'],
    ['/status.html', 'GET'],
    [`/appointments/${s.bad.id}/retry`, 'POST'],
  ]) {
    const response = await s.routes(new Request(`${BASE}${path}`, { method }));
    assert.equal(response.status, 401, `${method} ${path}`);
    assert.equal((await response.json()).error.code, 'unauthenticated');
  }
  const outside = await s.routes(new Request('https://fsm.example/work-orders/1'));
  assert.ok(isUnmatched(outside), 'outside the base path: left to the next handler');
});

test('GET status: XOi hosts, the token, the masked notification URL, counts and each failure with its reason', async () => {
  const s = await setUp();
  const response = await s.ask('/status');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const status = await response.json();
  assert.equal(status.title, 'XOi Integration Setup');
  assert.equal(status.xoi.environment, 'custom');
  assert.deepEqual(status.xoi.hosts, env.hosts);
  assert.deepEqual(status.xoi.token, { ok: true });
  assert.equal(status.notifications.url, 'https://fsm.example/xoi/notifications?key=…wxyz');
  assert.ok(!JSON.stringify(status).includes('s3cr3t'), 'the secret is not in the answer');
  const { synced, waiting, failed, total, attention } = status.appointments;
  assert.deepEqual({ synced, waiting, failed, total }, { synced: 1, waiting: 0, failed: 1, total: 2 });
  assert.equal(attention.length, 1);
  assert.equal(attention[0].appointmentId, s.bad.id);
  assert.equal(attention[0].state, 'technician-not-in-xoi');
  assert.match(attention[0].reason, /^ghost@example\.com is not an XOi Vision user/);
  assert.equal(attention[0].customerName, `Evil ${XSS} Corp`, 'JSON carries the data as it is');
  assert.deepEqual(attention[0].retry, { method: 'POST', url: `/xoi/admin/appointments/${s.bad.id}/retry` });
  assert.deepEqual(status.deadLetters, []);
});

test('a token XOi refuses is shown with why', async () => {
  const s = await setUp();
  const routes = createAppointmentStatusRoutes({
    sync: s.sync,
    client: { hosts: s.client.hosts, checkToken: async () => Promise.reject(new Error('key refused (HTTP 401)')) },
    authorizeAdmin: () => true,
  });
  const status = await (await routes(new Request(`${BASE}/status`))).json();
  assert.deepEqual(status.xoi.token, { ok: false, code: 'error', message: 'key refused (HTTP 401)' });
  assert.equal(status.notifications.url, null);
});

test('the printable page: everything escaped, no script, its one style allowed by hash in the CSP', async () => {
  const s = await setUp();
  const response = await s.ask('/status.html');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  const html = await response.text();
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /form-action 'self'/);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the style is allowed');
  assert.ok(!html.includes(XSS), 'the hostile name is not markup');
  assert.ok(html.includes(escapeHtml(`Evil ${XSS} Corp`)));
  assert.ok(!/<script/i.test(html));
  assert.ok(!html.includes('s3cr3t'));
  assert.ok(html.includes(`<form method="post" action="/xoi/admin/appointments/${s.bad.id}/retry">`));
  assert.match(html, /<td data-count="Failed">1<\/td>/);
});

test('renderStatusPage escapes every field it is given', () => {
  const evil = `"><script>alert(1)</script>&'`;
  const html = renderStatusPage({
    title: evil,
    generatedAt: '2026-03-18T12:00:00.000Z',
    xoi: {
      environment: evil,
      hosts: { tokenUrl: evil, jobsUrl: evil, shareUrl: evil, usersUrl: evil },
      token: { ok: false, code: evil, message: evil },
    },
    notifications: { url: evil, lastReceived: { receivedAt: evil, type: evil, jobId: evil } },
    appointments: {
      synced: 0,
      waiting: 0,
      failed: 1,
      notScheduled: 0,
      cancelled: 0,
      total: 1,
      byState: {},
      attention: [
        {
          appointmentId: evil,
          state: evil,
          reason: evil,
          workOrderNumber: evil,
          customerName: evil,
          technicianEmail: evil,
          jobId: evil,
          updatedAt: evil,
          retry: { method: 'POST', url: evil },
        },
      ],
    },
    deadLetters: [
      { id: evil, queue: evil, appointmentId: evil, error: evil, failedAt: evil, retry: { method: 'POST', url: evil } },
    ],
    lastPoll: { at: evil, cursor: evil, result: { fetched: 1, queued: 0, invalid: [{ message: evil }] } },
  });
  assert.ok(!html.includes('<script>'), 'no markup from the data');
  assert.ok(!html.includes(evil), 'no attribute broken out of');
  const shown = html.split(escapeHtml(evil)).length - 1;
  assert.ok(shown >= 20, `every field shown escaped (${shown})`);
  assert.ok(!/alert\(1\)(?!&lt;\/script&gt;)/.test(html), 'alert(1) only ever inside escaped text');
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('maskSecretUrl shows only the last 4 characters of each query value', () => {
  assert.equal(maskSecretUrl(HOOK), 'https://fsm.example/xoi/notifications?key=…wxyz');
  assert.equal(maskSecretUrl('https://u:p@fsm.example/n?key=short'), 'https://…@fsm.example/n?key=…');
  assert.equal(maskSecretUrl('not a url'), '(not a URL)');
});

test('retry: the form POST answers 303 to the page and queues the appointment; cross-site is refused', async () => {
  const s = await setUp();
  const path = `/appointments/${s.bad.id}/retry`;
  const cross = await s.ask(path, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(cross.status, 403);
  const other = await s.ask(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
  assert.equal(other.status, 403);
  assert.equal((await s.sync.get(s.bad.id)).state, 'technician-not-in-xoi', 'nothing retried');

  const form = await s.ask(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: '',
  });
  assert.equal(form.status, 303);
  assert.equal(form.headers.get('location'), '/xoi/admin/status.html');
  await s.settled(s.bad.id, ['technician-not-in-xoi']);

  const script = await s.ask(path, { method: 'POST' });
  assert.deepEqual(await script.json(), { retried: true, id: s.bad.id });
  const unknown = await s.ask('/appointments/SA-nobody/retry', { method: 'POST' });
  assert.equal(unknown.status, 404);
  assert.equal((await s.ask(path)).status, 405, 'GET is not a retry');
  assert.equal((await s.ask('/dead-letters/not-a-uuid/retry', { method: 'POST' })).status, 404);
});

test('an authorizeAdmin that throws is a 500, reported', async () => {
  const s = await setUp();
  const errors = [];
  const routes = createAppointmentStatusRoutes({
    sync: s.sync,
    client: s.client,
    authorizeAdmin: () => {
      throw new Error('session store down');
    },
    onError: (error) => errors.push(error.message),
  });
  const response = await routes(new Request(`${BASE}/status`));
  assert.equal(response.status, 500);
  assert.deepEqual(errors, ['session store down']);
});
