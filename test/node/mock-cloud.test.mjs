// The mock XOi Cloud itself, over raw HTTP (no client): what a vendor's own tests and the demo
// rely on. Token endpoint rules, GraphQL served by a real engine (bad queries refused), the
// /__xoi-cloud/ helpers, fault injection and middleware chaining.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, test } from 'node:test';
import { createXoiCloud } from '../../dist/npm/mock/xoi-cloud.js';

const cloud = createXoiCloud({ tokenTtlMs: 60_000, users: [{ email: 'a@b.co' }] });
let server;
let origin;

before(async () => {
  server = http.createServer((req, res) =>
    cloud.middleware(req, res, () => {
      res.writeHead(418, { 'content-type': 'text/plain' }).end('passed to next');
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));
beforeEach(async () => {
  const res = await fetch(`${origin}/__xoi-cloud/state`, { method: 'DELETE' });
  assert.equal(res.status, 200);
});

const json = (body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function token() {
  const res = await fetch(
    `${origin}/xoi-cloud/token`,
    json({ api_key: 'mock-api-key', api_secret: 'mock-api-secret' }),
  );
  assert.equal(res.status, 200);
  return (await res.json()).token;
}

async function graphql(service, query, variables, authorization) {
  const res = await fetch(`${origin}/xoi-cloud/${service}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

test('token endpoint: JSON body → {token}; unknown key 403, wrong secret 401, missing fields 400', async () => {
  assert.match(await token(), /^mock\./);
  const cases = [
    [{ api_key: 'nope', api_secret: 'mock-api-secret' }, 403],
    [{ api_key: 'mock-api-key', api_secret: 'nope' }, 401],
    [{ api_key: 'mock-api-key' }, 400],
  ];
  for (const [body, status] of cases) {
    const res = await fetch(`${origin}/xoi-cloud/token`, json(body));
    assert.equal(res.status, status);
    assert.equal(typeof (await res.json()).message, 'string');
  }
  const basic = await fetch(`${origin}/xoi-cloud/token`, {
    headers: { authorization: `Basic ${Buffer.from('mock-api-key:mock-api-secret').toString('base64')}` },
  });
  assert.equal(basic.status, 200);
});

test('GraphQL: raw token accepted; Bearer, unknown and expired tokens get 401', async () => {
  const t = await token();
  const query = 'query { listJobs(input: {limit: 5}) { jobConnection { items { id } nextToken } } }';
  assert.deepEqual((await graphql('jobs', query, {}, t)).body, {
    data: { listJobs: { jobConnection: { items: [], nextToken: '' } } },
  });
  const bearer = await graphql('jobs', query, {}, `Bearer ${t}`);
  assert.equal(bearer.status, 401);
  assert.match(bearer.body.errors[0].message, /without "Bearer"/);
  assert.equal((await graphql('jobs', query, {}, 'made-up')).status, 401);
  assert.equal((await graphql('jobs', query, {})).status, 401);
  await fetch(`${origin}/__xoi-cloud/clock`, json({ advanceMs: 60_001 }));
  const expired = await graphql('jobs', query, {}, t);
  assert.equal(expired.status, 401);
  assert.match(expired.body.errors[0].message, /expired/);
});

test('GraphQL is validated against the schema: unknown fields and wrong variables are refused', async () => {
  const t = await token();
  const unknown = await graphql('jobs', 'query { getJob(input: {id: "x"}) { job { id color } } }', {}, t);
  assert.match(unknown.body.errors[0].message, /Cannot query field "color" on type "Job"/);
  const badVar = await graphql(
    'jobs',
    'query Q($input: GetJobInput!) { getJob(input: $input) { job { id } } }',
    { input: { id: 'x', nope: 1 } },
    t,
  );
  assert.match(badVar.body.errors[0].message, /^Variable "\$input" got invalid value/);
  const email = await graphql(
    'jobs',
    'mutation M($input: CreateJobInput!) { createJob(input: $input) { job { id } } }',
    {
      input: {
        newJob: {
          assigneeIds: ['a@b.co'],
          customerName: 'c',
          jobLocation: 'l',
          workOrderNumber: 'w',
          customerEmail: 'bad',
        },
      },
    },
    t,
  );
  assert.match(email.body.errors[0].message, /Invalid AWSEmail/);
});

test('XOi rules: exactly one assignee, no blank strings, unique externalId; errors carry errorType', async () => {
  const t = await token();
  const create = (newJob) =>
    graphql(
      'jobs',
      'mutation M($input: CreateJobInput!) { createJob(input: $input) { job { id } } }',
      { input: { newJob } },
      t,
    );
  const base = {
    assigneeIds: ['a@b.co'],
    customerName: 'c',
    jobLocation: 'l',
    workOrderNumber: 'w',
    externalId: 'e-1',
  };
  assert.equal(
    (await create({ ...base, assigneeIds: ['a@b.co', 'c@d.co'] })).body.errors[0].errorType,
    'ValidationError',
  );
  assert.equal((await create({ ...base, customerName: ' ' })).body.errors[0].errorType, 'ValidationError');
  assert.ok((await create(base)).body.data.createJob.job.id);
  const dup = await create(base);
  assert.equal(dup.body.data, null);
  assert.equal(dup.body.errors[0].errorType, 'Conflict');
  const missing = await graphql('jobs', 'query { getJob(input: {id: "job-9"}) { job { id } } }', {}, t);
  assert.deepEqual([missing.body.data, missing.body.errors[0].errorType], [null, 'NotFound']);
});

test('test helpers over HTTP: seed, complete, transcripts, faults; share page served', async () => {
  const seeded = await (
    await fetch(`${origin}/__xoi-cloud/jobs`, json({ technicianEmail: 'jane@example.com', label: 'L' }))
  ).json();
  assert.equal(seeded.label, 'L');
  await fetch(`${origin}/__xoi-cloud/jobs/${seeded.id}/complete`, { method: 'POST' });
  await fetch(`${origin}/__xoi-cloud/jobs/${seeded.id}/transcripts`, json({ text: 'Hello.', pending: true }));
  assert.equal(cloud.getJob(seeded.id).documentation[0].derivedData.transcript, null);
  const processed = await (await fetch(`${origin}/__xoi-cloud/jobs/${seeded.id}/process`, { method: 'POST' })).json();
  assert.deepEqual(processed, { processed: 1 });
  assert.equal(cloud.getJob(seeded.id).documentation[0].derivedData.transcript, 'Hello.');
  assert.ok(cloud.getJob(seeded.id).completedAt);

  await fetch(`${origin}/__xoi-cloud/faults`, json({ type: 'http', status: 500, service: 'share' }));
  const t = await token();
  const share = (q) => graphql('share', q, {}, t);
  const mutation = `mutation { createJobShare(input: {jobId: "${seeded.id}"}) { jobShare { id shareLink } } }`;
  assert.equal((await share(mutation)).status, 500);
  const ok = await share(mutation);
  assert.equal(ok.status, 200);
  const page = await fetch(ok.body.data.createJobShare.jobShare.shareLink);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Your service visit/);

  const log = await (await fetch(`${origin}/__xoi-cloud/requests`)).json();
  assert.deepEqual(
    log.map((r) => [r.service, r.status]),
    [
      ['token', 200],
      ['share', 500],
      ['share', 200],
    ],
  );
  const deleted = await fetch(`${origin}/__xoi-cloud/jobs/${seeded.id}`, { method: 'DELETE' });
  assert.equal(deleted.status, 200);
  assert.equal(cloud.getJob(seeded.id), null);
  assert.deepEqual(await (await fetch(`${origin}/__xoi-cloud/hosts`)).json(), cloud.hostsFor(origin));
});

test('anything else is passed to next(); the Foundational mock is not shadowed', async () => {
  const res = await fetch(`${origin}/partners/ACME/share`);
  assert.equal(res.status, 418);
  assert.equal(await res.text(), 'passed to next');
});

test('a bad helper request is a 400 that says what is wrong, not a 500', async () => {
  const bad = await fetch(`${origin}/__xoi-cloud/faults`, json({ type: 'meltdown' }));
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).message, /^fault\.type must be one of http, network/);
  const badPath = await fetch(`${origin}/__xoi-cloud/jobs/%E0%A4%A/complete`, { method: 'POST' });
  assert.equal(badPath.status, 400);
  assert.match((await badPath.json()).message, /URI malformed/);
});
