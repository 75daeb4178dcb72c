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

const CREATE_JOB = 'mutation M($input: CreateJobInput!) { createJob(input: $input) { job { id assigneeIds } } }';
const newJob = (assigneeIds) => ({ assigneeIds, customerName: 'c', jobLocation: 'l', workOrderNumber: 'w' });

test('users service: seeded users listed page by page, getUser by id, NotFound for an unknown id', async () => {
  const added = await fetch(
    `${origin}/__xoi-cloud/users`,
    json({ email: 'Jane.Doe@Example.com', phone_number: '+1 555 0100' }),
  );
  assert.equal(added.status, 201);
  assert.deepEqual(await added.json(), {
    id: 'jane.doe@example.com',
    email: 'jane.doe@example.com',
    given_name: 'Jane',
    family_name: 'Doe',
    phone_number: '+1 555 0100',
  });
  const t = await token();
  const list = (nextToken) =>
    graphql(
      'users',
      'query L($input: ListUsersInput!) { listUsers(input: $input) { userConnection { items { id email given_name family_name phone_number } nextToken } } }',
      { input: { limit: 1, nextToken } },
      t,
    );
  const first = (await list('')).body.data.listUsers.userConnection;
  assert.deepEqual(
    first.items.map((u) => u.id),
    ['a@b.co'],
  );
  assert.deepEqual(first.items[0], {
    id: 'a@b.co',
    email: 'a@b.co',
    given_name: 'A',
    family_name: '',
    phone_number: '',
  });
  const second = (await list(first.nextToken)).body.data.listUsers.userConnection;
  assert.deepEqual([second.items.map((u) => u.id), second.nextToken], [['jane.doe@example.com'], '']);

  const get = (id) => graphql('users', 'query G($id: ID!) { getUser(input: {id: $id}) { user { email } } }', { id }, t);
  assert.deepEqual((await get('jane.doe@example.com')).body.data, {
    getUser: { user: { email: 'jane.doe@example.com' } },
  });
  const missing = (await get('nobody@example.com')).body;
  assert.deepEqual(
    [missing.data, missing.errors[0].errorType, missing.errors[0].path],
    [null, 'NotFound', ['getUser']],
  );
  assert.match(missing.errors[0].message, /User nobody@example\.com not found/);

  const taken = await fetch(`${origin}/__xoi-cloud/users`, json({ email: 'JANE.doe@example.com' }));
  assert.equal(taken.status, 409);
  assert.match((await taken.json()).message, /already exists/);
});

test('createJob and updateJob refuse an assignee id that is not a user (ValidationError)', async () => {
  const t = await token();
  const unknown = await graphql('jobs', CREATE_JOB, { input: { newJob: newJob(['ghost@b.co']) } }, t);
  assert.deepEqual(
    [unknown.body.data, unknown.body.errors[0].errorType, unknown.body.errors[0].message],
    [null, 'ValidationError', 'assigneeIds: no user with id ghost@b.co'],
  );
  const created = (await graphql('jobs', CREATE_JOB, { input: { newJob: newJob(['a@b.co']) } }, t)).body.data;
  const id = created.createJob.job.id;
  const update = (assigneeIds) =>
    graphql(
      'jobs',
      'mutation U($input: UpdateJobInput!) { updateJob(input: $input) { job { assigneeIds } } }',
      { input: { id, fieldUpdates: { assigneeIds } } },
      t,
    );
  assert.equal((await update(['ghost@b.co'])).body.errors[0].errorType, 'ValidationError');
  assert.deepEqual(cloud.getJob(id).assigneeIds, ['a@b.co'], 'a refused update changes nothing');
  await fetch(`${origin}/__xoi-cloud/users`, json({ email: 'ghost@b.co' }));
  assert.deepEqual((await update(['ghost@b.co'])).body.data.updateJob.job.assigneeIds, ['ghost@b.co']);
});

test('seedJob({technicianEmail}) makes the user and assigns the job to their id; reset() keeps options.users', async () => {
  const job = cloud.seedJob({ technicianEmail: ' New.Tech@Example.com ' });
  assert.deepEqual(job.assigneeIds, ['new.tech@example.com']);
  assert.deepEqual(cloud.getUser('new.tech@example.com')?.given_name, 'New');
  cloud.reset();
  assert.deepEqual(
    cloud.listUsers().map((u) => u.id),
    ['a@b.co'],
  );
  assert.equal(cloud.hostsFor(origin).usersUrl, `${origin}/xoi-cloud/users/graphql`);

  const uuids = createXoiCloud({ userIds: 'uuid', users: [{ email: 'ana@example.com' }] });
  const [ana] = uuids.listUsers();
  assert.match(ana.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(uuids.seedJob({ technicianEmail: 'ANA@example.com' }).assigneeIds, [ana.id]);
  uuids.reset();
  assert.equal(uuids.listUsers()[0].id, ana.id, 'reset() brings the users back with the same ids');
  assert.throws(() => createXoiCloud({ userIds: 'guid' }), /userIds must be 'email' or 'uuid', got "guid"/);
});

test('fault null-job-share: createJobShare answers jobShare: null (XOi may), createJob createPublicShare: null', async () => {
  const seeded = cloud.seedJob({ technicianEmail: 'a@b.co' });
  const t = await token();
  const share = () =>
    graphql(
      'share',
      `mutation { createJobShare(input: {jobId: "${seeded.id}"}) { jobShare { id shareLink } } }`,
      {},
      t,
    );
  const added = await fetch(`${origin}/__xoi-cloud/faults`, json({ type: 'null-job-share', times: 2 }));
  assert.equal(added.status, 201);
  assert.deepEqual((await share()).body, { data: { createJobShare: { jobShare: null } } });
  const created = await graphql(
    'jobs',
    'mutation M($input: CreateJobInput!) { createJob(input: $input) { job { id } additionalActionsResults { createPublicShare { shareLink } } } }',
    { input: { newJob: newJob(['a@b.co']), additionalActions: { createPublicShare: { enabled: true } } } },
    t,
  );
  assert.equal(created.body.data.createJob.additionalActionsResults.createPublicShare, null);
  assert.match((await share()).body.data.createJobShare.jobShare.shareLink, /\/xoi-cloud\/share\/share-/);
});

test('an operation of XOi’s schema the mock does not serve answers NotImplemented, not a crash', async () => {
  const t = await token();
  const answer = await graphql(
    'jobs',
    'query { listWebhookHistory(input: {limit: 5}) { webhookHistoryConnection { nextToken } } }',
    {},
    t,
  );
  assert.equal(answer.status, 200);
  assert.deepEqual(
    [answer.body.data, answer.body.errors[0].errorType, answer.body.errors[0].message],
    [null, 'NotImplemented', 'The mock XOi Cloud does not implement listWebhookHistory (jobs service)'],
  );
  assert.deepEqual(Object.keys(answer.body.errors[0]).sort(), [
    'errorInfo',
    'errorType',
    'locations',
    'message',
    'path',
  ]);
});

test('errorTypes: a host renames the mock’s errorTypes in one place', async () => {
  const renamed = createXoiCloud({
    users: [{ email: 'a@b.co' }],
    errorTypes: { notFound: 'DynamoDB:NotFound', validation: 'BadRequestException' },
  });
  const own = http.createServer((req, res) => renamed.middleware(req, res));
  await new Promise((resolve) => own.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${own.address().port}`;
    const { token: t } = await (
      await fetch(`${base}/xoi-cloud/token`, json({ api_key: 'mock-api-key', api_secret: 'mock-api-secret' }))
    ).json();
    const post = async (query, variables) =>
      (
        await fetch(`${base}/xoi-cloud/jobs/graphql`, {
          method: 'POST',
          headers: { authorization: t },
          body: JSON.stringify({ query, variables }),
        })
      ).json();
    const missing = await post('query { getJob(input: {id: "job-9"}) { job { id } } }');
    assert.equal(missing.errors[0].errorType, 'DynamoDB:NotFound');
    const invalid = await post(CREATE_JOB, { input: { newJob: newJob(['a@b.co', 'c@d.co']) } });
    assert.equal(invalid.errors[0].errorType, 'BadRequestException');
    assert.equal(renamed.errorTypes.conflict, 'Conflict');
  } finally {
    own.close();
  }
  assert.throws(
    () => createXoiCloud({ errorTypes: { notFound: ' ' } }),
    /errorTypes\.notFound must be a non-empty string/,
  );
});

test('seeds are checked: a wrong or unknown field is a 400 naming it, and nothing is seeded', async () => {
  const cases = [
    [{ technicianEmail: 'nope' }, 'job.technicianEmail must be an email address, got "nope"'],
    [{ technician: 'a@b.co' }, /^job\.technician is not a field \(one of technicianEmail, assigneeIds/],
    [{ completed: 'yesterday' }, 'job.completed must be true, false or an ISO date-time, got "yesterday"'],
    [{ documentation: [{ traits: ['transcript', 'loud'] }] }, /^job\.documentation\[0\]\.traits must be a list of /],
  ];
  for (const [body, message] of cases) {
    const res = await fetch(`${origin}/__xoi-cloud/jobs`, json(body));
    assert.equal(res.status, 400, JSON.stringify(body));
    const { message: got } = await res.json();
    if (typeof message === 'string') assert.equal(got, message);
    else assert.match(got, message);
  }
  assert.deepEqual(cloud.listJobs(), []);
  const user = await fetch(`${origin}/__xoi-cloud/users`, json({ given_name: 'Jane' }));
  assert.deepEqual([user.status, (await user.json()).message], [400, 'user.email is required']);
});

test('snapshot() and restore(): a second mock (the next process) holds the same users, jobs and shares', async () => {
  const first = createXoiCloud({ userIds: 'uuid', users: [{ email: 'jane@x.example' }] });
  const job = first.seedJob({ technicianEmail: 'jane@x.example', label: 'Kept', completed: true });
  first.addTranscript(job.id, 'Compressor replaced.', { pending: true });
  const snapshot = JSON.parse(JSON.stringify(first.snapshot()));

  const second = createXoiCloud({ userIds: 'uuid' });
  second.restore(snapshot);
  assert.deepEqual(second.listUsers(), first.listUsers(), 'same users, same ids');
  assert.deepEqual(second.getJob(job.id), first.getJob(job.id));
  assert.equal(second.processPending(job.id), 1, 'its pending transcript can still finish');
  const next = second.seedJob({ technicianEmail: 'jane@x.example' });
  assert.ok(!first.getJob(next.id), 'new ids continue the sequence: no collision with kept jobs');
  assert.throws(() => second.restore({ version: 2 }), { name: 'TypeError', message: /not a snapshot/ });
  assert.equal(second.getJob(job.id).label, 'Kept', 'a bad snapshot changes nothing');
});

test('latencyMs: every API request waits at least that long (benchmarks); bad values are refused', async () => {
  const slow = createXoiCloud({ latencyMs: 120 });
  const server = http.createServer((req, res) => slow.middleware(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const timed = async (path, init) => {
      const start = performance.now();
      const response = await fetch(base + path, init);
      await response.text();
      return performance.now() - start;
    };
    const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
    assert.ok(
      (await timed('/xoi-cloud/token', {
        ...post,
        body: JSON.stringify({ api_key: 'mock-api-key', api_secret: 'mock-api-secret' }),
      })) >= 115,
    );
    assert.ok((await timed('/xoi-cloud/jobs/graphql', { ...post, body: '{}' })) >= 115);
    assert.throws(() => slow.setLatency(-1), { name: 'TypeError', message: /latencyMs/ });
    assert.throws(() => createXoiCloud({ latencyMs: 'fast' }), { name: 'TypeError' });
  } finally {
    server.close();
  }
});
