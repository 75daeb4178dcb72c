// The mock XOi is what browser tests read "the body XOi receives" from, so it must record
// byte-exact and answer like the real flow. Exercised over real HTTP.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createXoiMock } from '../../dist/npm/mock/xoi-mock.js';

const mock = createXoiMock();
let server;
let origin;

before(async () => {
  server = http.createServer((req, res) => {
    mock.middleware(req, res, () => {
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end('passed to next');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

beforeEach(async () => {
  const res = await fetch(`${origin}/__xoi-mock/requests`, { method: 'DELETE' });
  assert.equal(res.status, 204);
});

function post(path, body, type = 'application/x-www-form-urlencoded') {
  return fetch(origin + path, { method: 'POST', headers: { 'content-type': type }, body });
}

async function recorded(shareId) {
  const q = shareId === undefined ? '' : `?shareId=${encodeURIComponent(shareId)}`;
  const res = await fetch(`${origin}/__xoi-mock/requests${q}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  return res.json();
}

const tricky = {
  shareId: 'abcDEF0123456789_-xy',
  serviceTicket: 'WO-1&2=3+4%20',
  customer: 'Café Nuñez <b>"Ü"</b>',
  location: '12 Rue de la Paix,\r\nMontréal 🏠',
};

test('records a share POST byte-exact, fields in order, partner id decoded from the path', async () => {
  const params = new URLSearchParams([...Object.entries(tricky), ['tags', 'roof & top'], ['tags', 'RTU=3+']]);
  const body = params.toString();
  const res = await post('/partners/ACME%2F%C3%A9%20co/share', body);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);

  const [r, ...rest] = await recorded(tricky.shareId);
  assert.equal(rest.length, 0);
  assert.equal(r.partnerId, 'ACME/é co');
  assert.equal(r.path, '/partners/ACME%2F%C3%A9%20co/share');
  assert.equal(r.contentType, 'application/x-www-form-urlencoded');
  assert.equal(r.rawBody, Buffer.from(body, 'utf8').toString('latin1'));
  // Non-ASCII is percent-encoded UTF-8 on the wire, and &=+% are escaped.
  assert.match(r.rawBody, /customer=Caf%C3%A9\+Nu%C3%B1ez/);
  assert.match(r.rawBody, /serviceTicket=WO-1%262%3D3%2B4%2520/);
  assert.deepEqual(r.fields, [
    ['shareId', tricky.shareId],
    ['serviceTicket', tricky.serviceTicket],
    ['customer', tricky.customer],
    ['location', tricky.location],
    ['tags', 'roof & top'],
    ['tags', 'RTU=3+'],
  ]);
  assert.equal(r.shareId, tricky.shareId);
  assert.ok(!Number.isNaN(Date.parse(r.at)));
});

test('keeps a raw non-UTF-8 body byte-exact in rawBody', async () => {
  // What a windows-1252 page without accept-charset would send: é as the single byte 0xE9.
  const bytes = Buffer.concat([
    Buffer.from('shareId=latin1latin1latin1&serviceTicket=1&customer=Caf'),
    Buffer.from([0xe9]),
    Buffer.from('&location=x'),
  ]);
  await post('/partners/p/share', bytes);
  const [r] = await recorded('latin1latin1latin1');
  assert.equal(r.rawBody, 'shareId=latin1latin1latin1&serviceTicket=1&customer=Caf\u00e9&location=x');
});

test('the activity page shows the work order HTML-escaped, with a Finish button and no script', async () => {
  const res = await post(
    '/partners/p1/share',
    new URLSearchParams({ ...tricky, tags: '<script>x</script>' }).toString(),
  );
  const html = await res.text();
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<meta charset="utf-8">/);
  assert.match(html, /XOi Vision activity/);
  assert.ok(html.includes('WO-1&amp;2=3+4%20'));
  assert.ok(html.includes('Café Nuñez &lt;b&gt;&quot;Ü&quot;&lt;/b&gt;'));
  assert.ok(html.includes('Montréal 🏠'));
  assert.ok(html.includes('&lt;script&gt;x&lt;/script&gt;'));
  assert.ok(html.includes(tricky.shareId));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<b>/);
  assert.ok(html.includes(`action="/partners/p1/share/${tricky.shareId}/finish"`));
  assert.match(html, /Finish workflow/);
  assert.match(html, /Opened once/);
});

test('posting the same shareId again reopens the same activity and counts the opens', async () => {
  const body = new URLSearchParams(tricky).toString();
  await post('/partners/p1/share', body);
  const html = await (await post('/partners/p1/share', body)).text();
  assert.match(html, /Opened 2 times/);
  assert.equal((await recorded(tricky.shareId)).length, 2);
  assert.equal((await recorded()).length, 2);
  assert.equal((await recorded('someone-else-entirely')).length, 0);
});

test('a missing or blank field gives a 400 page naming each missing field', async () => {
  const res = await post('/partners/p1/share', 'shareId=abcdefghijklmnop&serviceTicket=%20%20&customer=Bob');
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /<meta charset="utf-8">/);
  assert.match(html, /<code>serviceTicket<\/code>/);
  assert.match(html, /<code>location<\/code>/);
  assert.doesNotMatch(html, /<code>customer<\/code>/);
  assert.doesNotMatch(html, /<code>shareId<\/code>/);
  const [r] = await recorded('abcdefghijklmnop');
  assert.equal(r.status, 400);
  // Nothing was opened, so there is no customer page.
  assert.equal((await fetch(`${origin}/partners/p1/share/abcdefghijklmnop`)).status, 404);
});

test('a body that is not urlencoded is refused', async () => {
  const res = await post('/partners/p1/share', JSON.stringify(tricky), 'application/json');
  assert.equal(res.status, 415);
});

test('the customer page shows the activity; finishing it is reflected there', async () => {
  await post(
    '/partners/p%201/share',
    new URLSearchParams([...Object.entries(tricky), ['tags', 'a'], ['tags', 'b']]).toString(),
  );
  const url = `${origin}/partners/p%201/share/${tricky.shareId}`;
  let res = await fetch(url);
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /Photos and videos from your service visit/);
  assert.ok(html.includes('Café Nuñez &lt;b&gt;'));
  assert.match(html, /<li>a<\/li><li>b<\/li>/);
  assert.match(html, /not finished/);

  res = await fetch(`${url}/finish`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Workflow finished — you can return to your FSM app/);

  html = await (await fetch(url)).text();
  assert.doesNotMatch(html, /not finished/);
  // Reopening a finished activity shows it finished, without the button.
  html = await (await post('/partners/p%201/share', new URLSearchParams(tricky).toString())).text();
  assert.match(html, /Workflow finished/);
  assert.doesNotMatch(html, /Finish workflow<\/button>/);
});

test('unknown activities are 404, for another partner too', async () => {
  await post('/partners/p1/share', new URLSearchParams(tricky).toString());
  assert.equal((await fetch(`${origin}/partners/p1/share/nope-nope-nope-nope`)).status, 404);
  assert.equal((await fetch(`${origin}/partners/p2/share/${tricky.shareId}`)).status, 404);
  const res = await fetch(`${origin}/partners/p1/share/nope-nope-nope-nope/finish`, { method: 'POST' });
  assert.equal(res.status, 404);
  assert.match(await res.text(), /<meta charset="utf-8">/);
});

test('DELETE clears the record; other paths go to next()', async () => {
  await post('/partners/p1/share', new URLSearchParams(tricky).toString());
  assert.equal((await recorded()).length, 1);
  await fetch(`${origin}/__xoi-mock/requests`, { method: 'DELETE' });
  assert.deepEqual(await recorded(), []);
  assert.equal((await fetch(`${origin}/partners/p1/share/${tricky.shareId}`)).status, 404);
  assert.equal((await fetch(`${origin}/index.html`)).status, 418);
  assert.equal((await fetch(`${origin}/partnersX/p1/share`)).status, 418);
});
