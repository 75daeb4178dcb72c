// xoi-share-button/server's XOi client against the mock XOi Cloud over real HTTP: token fetch,
// cache, refresh and single flight; retries with back-off (observed through the injected sleep,
// never waited); every operation's result; bad input refused before any HTTP call.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { createXoiClient, XOI_HOSTS, XoiError } from '../../dist/npm/server/index.js';
// Internals, from their built modules (not exported by xoi-share-button/server).
import { resolveHosts } from '../../dist/npm/server/client/environments.js';
import { normalizeEmail } from '../../dist/npm/server/email.js';
import { calls, clientFor, fakeXoi, rejection, startCloud } from './xoi-cloud-helpers.mjs';

let env;
before(async () => {
  env = await startCloud();
});
after(() => env.close());
beforeEach(() => env.cloud.reset());

const TECH = 'jane.tech@example.com';

const tokenMethods = () => env.cloud.requests.filter((r) => r.service === 'token').map((r) => r.method);

/** A fetch that lets `change(data)` edit the `data` of every answer to `operation`, as a broken XOi would. */
function rewriting(operation, change) {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!JSON.parse(init.body ?? '{}').query?.includes(`${operation}(`)) return response;
    const body = await response.json();
    change(body.data);
    return Response.json(body, { status: response.status });
  };
}

describe('environments', () => {
  test('staging and production resolve to the URLs of docs/xoi-api-notes.md §1', () => {
    assert.deepEqual(resolveHosts('staging'), {
      tokenUrl: 'https://api-users-external.staging.xoeye.com/stag/token',
      jobsUrl: 'https://gql-jobs-external.staging.xoeye.com/graphql',
      shareUrl: 'https://gql-share-external.staging.xoeye.com/graphql',
      usersUrl: 'https://gql-users-external.staging.xoeye.com/graphql',
    });
    assert.deepEqual(resolveHosts('production'), {
      tokenUrl: 'https://api-users-external.xoi.io/prod/token',
      jobsUrl: 'https://gql-jobs-external.xoi.io/graphql',
      shareUrl: 'https://gql-share-external.xoi.io/graphql',
      usersUrl: 'https://gql-users-external.xoi.io/graphql',
    });
    assert.deepEqual(
      createXoiClient({ apiKey: 'k', apiSecret: 's', environment: 'production' }).hosts,
      XOI_HOSTS.production,
    );
  });

  test('custom hosts: all three, or one environment with an override (the staging token host caveat)', () => {
    const custom = {
      tokenUrl: 'https://t.example/token',
      jobsUrl: 'https://j.example/graphql',
      shareUrl: 'https://s.example/graphql',
    };
    assert.deepEqual(resolveHosts(custom), custom);
    assert.deepEqual(
      resolveHosts({ extends: 'staging', tokenUrl: 'https://api-users-external.staging.xoi.io/stag/token' }),
      {
        ...XOI_HOSTS.staging,
        tokenUrl: 'https://api-users-external.staging.xoi.io/stag/token',
      },
    );
    assert.equal(
      resolveHosts({ ...custom, tokenUrl: 'http://localhost:8080/token' }).tokenUrl,
      'http://localhost:8080/token',
    );
  });

  test('unusable environments are refused with the field named', () => {
    const cases = [
      ['qa', /environment must be 'staging', 'production' or custom hosts, got "qa"/],
      [
        { tokenUrl: 'https://t.example/token', jobsUrl: 'https://j.example/graphql' },
        /environment\.shareUrl is required/,
      ],
      [{ extends: 'staging', jobsUrl: 'http://xoi.example/graphql' }, /environment\.jobsUrl must be an https: URL/],
      [
        { extends: 'staging', tokenUrl: 'https://key:secret@xoi.example/token' },
        /environment\.tokenUrl must be .*without credentials/,
      ],
      [{ extends: 'production', shareUrl: 'not a url' }, /environment\.shareUrl must be an https: URL/],
    ];
    for (const [environment, message] of cases) {
      assert.throws(
        () => createXoiClient({ apiKey: 'k', apiSecret: 's', environment }),
        (e) => {
          assert.equal(e.code, 'invalid-input');
          assert.match(e.message, message);
          return true;
        },
      );
    }
  });

  test('credentials are required and never appear in errors', () => {
    assert.throws(() => createXoiClient({ apiSecret: 's', environment: 'staging' }), {
      code: 'invalid-input',
      field: 'apiKey',
      message: 'apiKey is required (issued by XOi; keep it on the server).',
    });
    assert.throws(() => createXoiClient({ apiKey: 'k', apiSecret: '  ', environment: 'staging' }), {
      field: 'apiSecret',
    });
  });
});

describe('token', () => {
  test('fetched once with the documented JSON body, sent raw (no Bearer) on every GraphQL call', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env);
    await client.getJob(job.id);
    await client.getJob(job.id);
    await client.createJobShare(job.id);
    assert.deepEqual(calls(env.cloud, 'token'), [[null, 200]]);
    assert.deepEqual(tokenMethods(), ['POST']);
    const graphql = env.cloud.requests.filter((r) => r.service !== 'token');
    assert.equal(graphql.length, 3);
    assert.ok(graphql.every((r) => r.authorization?.startsWith('mock.') && !r.authorization.includes('Bearer')));
    assert.equal(new Set(graphql.map((r) => r.authorization)).size, 1);
  });

  test('HTTP Basic form (tokenRequest: basic) works too', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env, { tokenRequest: 'basic' });
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(calls(env.cloud, 'token'), [[null, 200]]);
    // The mock takes a GET only with HTTP Basic credentials: a 200 to a GET is form B.
    assert.deepEqual(tokenMethods(), ['GET']);
  });

  test('single flight: 8 concurrent calls make one token request', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env);
    const jobs = await Promise.all(Array.from({ length: 8 }, () => client.getJob(job.id)));
    assert.deepEqual(
      jobs.map((j) => j.id),
      Array(8).fill(job.id),
    );
    assert.deepEqual(calls(env.cloud, 'token'), [[null, 200]]);
  });

  test('refreshed before the 60-minute lifetime ends (5-minute margin), not earlier', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client, clock } = clientFor(env);
    await client.getJob(job.id);
    clock.now += 54 * 60_000;
    await client.getJob(job.id);
    assert.equal(calls(env.cloud, 'token').length, 1, 'still fresh at 54 min');
    clock.now += 60_001;
    await client.getJob(job.id);
    assert.equal(calls(env.cloud, 'token').length, 2, 'refreshed at 55 min');
    const [first, second, third] = env.cloud.requests.filter((r) => r.service === 'jobs').map((r) => r.authorization);
    assert.equal(first, second);
    assert.notEqual(second, third);
  });

  test('a refresh that fails inside the margin falls back to the token that is still valid', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client, clock } = clientFor(env);
    await client.getJob(job.id);
    env.cloud.fault({ type: 'http', status: 503, service: 'token', times: 3 });
    clock.now += 56 * 60_000;
    assert.equal((await client.getJob(job.id)).id, job.id, 'four minutes of the old token left');
    const [first, second] = env.cloud.requests.filter((r) => r.service === 'jobs').map((r) => r.authorization);
    assert.equal(second, first);
    assert.deepEqual(calls(env.cloud, 'token'), [
      [null, 200],
      [null, 503],
      [null, 503],
      [null, 503],
    ]);
    // Once the old token has run out, a failed refresh is the call's failure.
    env.cloud.fault({ type: 'http', status: 503, service: 'token', times: 3 });
    clock.now += 4 * 60_000;
    const error = await rejection(client.getJob(job.id));
    assert.deepEqual([error.code, error.operation], ['unavailable', 'token']);
  });

  test('a token XOi expired early (401) is replaced and the call repeated at once, without back-off', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client, sleeps } = clientFor(env);
    await client.getJob(job.id);
    env.cloud.expireTokens();
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(calls(env.cloud, 'token'), [
      [null, 200],
      [null, 200],
    ]);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['GetJob', 200],
      ['GetJob', 401],
      ['GetJob', 200],
    ]);
    assert.deepEqual(sleeps, []);
  });

  test('the mock expires tokens after its TTL; the client then refreshes on the 401', async () => {
    const cloudEnv = await startCloud({ tokenTtlMs: 10 * 60_000 });
    try {
      const job = cloudEnv.cloud.seedJob({ technicianEmail: TECH });
      const { client } = clientFor(cloudEnv);
      await client.getJob(job.id);
      cloudEnv.cloud.advanceTime(10 * 60_000 + 1);
      await client.getJob(job.id);
      assert.deepEqual(calls(cloudEnv.cloud, 'jobs'), [
        ['GetJob', 200],
        ['GetJob', 401],
        ['GetJob', 200],
      ]);
      assert.equal(calls(cloudEnv.cloud, 'token').length, 2);
    } finally {
      await cloudEnv.close();
    }
  });

  test('a wrong key (403) or secret (401) is an auth error at once: no retry, no GraphQL call', async () => {
    for (const [overrides, status] of [
      [{ apiKey: 'wrong-key' }, 403],
      [{ apiSecret: 'wrong-secret' }, 401],
    ]) {
      env.cloud.reset();
      const { client, sleeps } = clientFor(env, overrides);
      const error = await rejection(client.getJob('job-0001'));
      assert.ok(error instanceof XoiError);
      assert.equal(error.code, 'auth');
      assert.equal(error.status, status);
      assert.match(
        error.message,
        new RegExp(`^XOi refused the API key/secret \\(HTTP ${status}: .+\\) at ${env.hosts.tokenUrl}\\.$`),
      );
      assert.doesNotMatch(error.message, /wrong-/);
      assert.deepEqual(calls(env.cloud, 'token'), [[null, status]]);
      assert.deepEqual(calls(env.cloud, 'jobs'), []);
      assert.deepEqual(sleeps, []);
    }
  });

  test('a token endpoint outage is retried with back-off', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'http', status: 500, service: 'token', times: 2 });
    const { client, sleeps } = clientFor(env);
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(calls(env.cloud, 'token'), [
      [null, 500],
      [null, 500],
      [null, 200],
    ]);
    assert.deepEqual(sleeps, [750, 1500]);
  });
});

describe('retries', () => {
  test('HTTP 5xx: retried with exponential back-off and jitter', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 2 });
    const { client, sleeps } = clientFor(env);
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['GetJob', 503],
      ['GetJob', 503],
      ['GetJob', 200],
    ]);
    assert.deepEqual(sleeps, [750, 1500]);
  });

  test('jitter spreads the delay between half and all of the exponential step', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    for (const [random, expected] of [
      [() => 0, [500, 1000, 2000]],
      [() => 0.999999, [1000, 2000, 4000]],
    ]) {
      env.cloud.fault({ type: 'http', status: 502, service: 'jobs', times: 3 });
      const { client, sleeps } = clientFor(env, { random, retry: { attempts: 4 } });
      await client.getJob(job.id);
      assert.deepEqual(sleeps, expected);
    }
  });

  test('a dropped connection is retried', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'network', service: 'jobs' });
    const { client, sleeps } = clientFor(env);
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['GetJob', 0],
      ['GetJob', 200],
    ]);
    assert.deepEqual(sleeps, [750]);
  });

  test('a timeout is retried (the mock answers after 5 s, the client waits 150 ms)', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'slow', delayMs: 5000, service: 'jobs' });
    const { client, sleeps } = clientFor(env, { timeoutMs: 150 });
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(sleeps, [750]);
  });

  test('a GraphQL error (errors[], data null) is retried', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'graphql-error', service: 'jobs', errorType: 'Lambda:Unhandled' });
    const { client, sleeps } = clientFor(env);
    assert.equal((await client.getJob(job.id)).id, job.id);
    assert.deepEqual(sleeps, [750]);
  });

  test('an empty share link is retried until XOi gives one', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'empty-share-link', times: 2 });
    const { client, sleeps } = clientFor(env);
    const share = await client.createJobShare(job.id);
    assert.match(share.shareLink, new RegExp(`^${env.origin}/xoi-cloud/share/share-\\d+$`));
    assert.deepEqual(calls(env.cloud, 'share'), [
      ['CreateJobShare', 200],
      ['CreateJobShare', 200],
      ['CreateJobShare', 200],
    ]);
    assert.deepEqual(sleeps, [750, 1500]);
  });

  test('gives up after the last attempt with a typed error saying why', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 3 });
    const { client, sleeps } = clientFor(env);
    const error = await rejection(client.getJob(job.id));
    assert.ok(error instanceof XoiError);
    assert.deepEqual(
      {
        code: error.code,
        operation: error.operation,
        status: error.status,
        attempts: error.attempts,
        message: error.message,
      },
      {
        code: 'unavailable',
        operation: 'getJob',
        status: 503,
        attempts: 3,
        message: 'getJob failed after 3 attempts: HTTP 503.',
      },
    );
    assert.deepEqual(sleeps, [750, 1500]);
  });

  test('an empty share link on every attempt ends in an unavailable error', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    env.cloud.fault({ type: 'empty-share-link', times: 3 });
    const { client } = clientFor(env);
    const error = await rejection(client.createJobShare(job.id));
    assert.equal(error.code, 'unavailable');
    assert.equal(error.message, 'createJobShare failed after 3 attempts: XOi returned an empty shareLink.');
  });

  test('an answer without the documented shape is an unavailable XoiError naming the field, after the retries', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH });
    const { client, sleeps } = clientFor(env, {
      fetch: rewriting('GetJob', (data) => (data.getJob.job.assigneeIds = TECH)),
    });
    const error = await rejection(client.getJob(job.id));
    assert.ok(error instanceof XoiError);
    assert.deepEqual(
      [error.code, error.attempts, error.message],
      [
        'unavailable',
        3,
        'getJob failed after 3 attempts: the answer did not have the documented shape ' +
          '(data.getJob.job.assigneeIds is not a list).',
      ],
    );
    assert.deepEqual(sleeps, [750, 1500]);
  });

  test('a label that is not a string never reaches the caller', async () => {
    env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env, {
      fetch: rewriting('ListJobs', (data) => (data.listJobs.jobConnection.items[0].label = 42)),
      retry: { attempts: 1 },
    });
    const error = await rejection(client.listJobsAssignedTo(TECH));
    assert.equal(error.code, 'unavailable');
    assert.match(error.message, /\(data\.listJobs\.jobConnection\.items\[0\]\.label is not a string\)\.$/);
  });

  test('createJob: a malformed share in the answer keeps the job and fetches the link with createJobShare', async () => {
    const { client } = clientFor(env, {
      fetch: rewriting('CreateJob', (data) => (data.createJob.additionalActionsResults.createPublicShare = 'link')),
    });
    const { job, shareLink } = await client.createJob({
      technicianEmail: TECH,
      customerName: 'A',
      jobLocation: 'B',
      workOrderNumber: 'C',
    });
    assert.equal(env.cloud.getJob(job.id).workOrderNumber, 'C');
    assert.match(shareLink, /\/xoi-cloud\/share\/share-\d+$/);
    assert.deepEqual(calls(env.cloud, 'jobs'), [['CreateJob', 200]]);
    assert.deepEqual(calls(env.cloud, 'share'), [['CreateJobShare', 200]]);
  });

  test('not found is not retried', async () => {
    const { client, sleeps } = clientFor(env);
    const error = await rejection(client.getJob('job-9999'));
    assert.equal(error.code, 'not-found');
    assert.equal(error.graphqlErrors[0].errorType, 'NotFound');
    assert.deepEqual(calls(env.cloud, 'jobs'), [['GetJob', 200]]);
    assert.deepEqual(sleeps, []);
  });

  test('a GraphQL error XOi would repeat (an AppSync resolver template failure) is not retried', async () => {
    const job = env.cloud.seedJob({ technicianEmail: TECH, assigneeIds: ['jane.tech@example.com'] });
    const { client, sleeps } = clientFor(env);
    // The shape of https://github.com/aws/aws-appsync-community/issues/100 (see server-classify.test.mjs).
    env.cloud.fault({
      type: 'graphql-error',
      service: 'jobs',
      errorType: 'MappingTemplate',
      message: 'Unable to convert job to Object.',
    });
    const error = await rejection(client.getJob(job.id));
    assert.equal(error.code, 'rejected');
    assert.equal(error.message, 'getJob: MappingTemplate: Unable to convert job to Object.');
    assert.deepEqual(calls(env.cloud, 'jobs'), [['GetJob', 200]]);
    assert.deepEqual(sleeps, []);
  });

  test('createJob without externalId is never retried: a retry could create a second job', async () => {
    env.cloud.fault({ type: 'http', status: 503, service: 'jobs' });
    const { client, sleeps } = clientFor(env);
    const error = await rejection(
      client.createJob({
        technicianEmail: TECH,
        customerName: 'ABC Corp',
        jobLocation: '1 Main St',
        workOrderNumber: 'WO-1',
      }),
    );
    assert.equal(error.code, 'unavailable');
    assert.equal(error.attempts, 1);
    assert.deepEqual(sleeps, []);
    assert.equal(env.cloud.listJobs().length, 0);
  });

  test('createJob with externalId: a lost answer is found by its externalId, not created twice', async () => {
    env.cloud.fault({ type: 'lost-response', service: 'jobs' });
    const { client } = clientFor(env);
    const result = await client.createJob({
      technicianEmail: TECH,
      customerName: 'ABC Corp',
      jobLocation: '1 Main St',
      workOrderNumber: 'WO-1',
      externalId: 'fsm-visit-1',
    });
    assert.equal(env.cloud.listJobs().length, 1);
    assert.equal(result.job.externalId, 'fsm-visit-1');
    assert.match(result.shareLink, /\/xoi-cloud\/share\/share-\d+$/);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['CreateJob', 0],
      ['GetJobIdByExternalId', 200],
      ['GetJob', 200],
    ]);
    assert.deepEqual(calls(env.cloud, 'share'), [['CreateJobShare', 200]]);
  });

  test('createJob with externalId: lost answer, lookup down, retry refused as a duplicate → the job is found', async () => {
    env.cloud.fault({ type: 'lost-response', service: 'jobs' });
    let lookupsToDrop = 3;
    const { client } = clientFor(env, {
      fetch: (url, init) =>
        JSON.parse(init.body ?? '{}').query?.includes('GetJobIdByExternalId(') && lookupsToDrop-- > 0
          ? Promise.reject(new TypeError('fetch failed'))
          : fetch(url, init),
    });
    const result = await client.createJob({
      technicianEmail: TECH,
      customerName: 'ABC Corp',
      jobLocation: '1 Main St',
      workOrderNumber: 'WO-1',
      externalId: 'fsm-visit-2',
    });
    assert.equal(env.cloud.listJobs().length, 1);
    assert.equal(result.job.externalId, 'fsm-visit-2');
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['CreateJob', 0],
      ['CreateJob', 200],
      ['GetJobIdByExternalId', 200],
      ['GetJob', 200],
    ]);
  });
});

describe('createJob with an externalId XOi already holds returns that job (idempotent)', () => {
  const input = {
    technicianEmail: TECH,
    customerName: 'ABC Corp',
    jobLocation: '1 Main St',
    workOrderNumber: 'WO-1',
    externalId: 'fsm-visit-7',
  };

  test('two createJob calls with one externalId: one job in XOi, the second call returns it with a share link', async () => {
    const { client, sleeps } = clientFor(env);
    const first = await client.createJob(input);
    const second = await client.createJob({ ...input, workOrderNumber: 'WO-1 (again)' });
    assert.equal(env.cloud.listJobs().length, 1);
    assert.equal(second.job.id, first.job.id);
    assert.equal(second.job.externalId, 'fsm-visit-7');
    assert.equal(second.job.workOrderNumber, 'WO-1', 'the job as XOi holds it: not updated');
    assert.match(second.shareLink, /\/xoi-cloud\/share\/share-\d+$/);
    assert.equal(second.shareError, undefined);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['CreateJob', 200],
      ['CreateJob', 200],
      ['GetJobIdByExternalId', 200],
      ['GetJob', 200],
    ]);
    assert.deepEqual(calls(env.cloud, 'share'), [['CreateJobShare', 200]]);
    assert.deepEqual(sleeps, [], 'the duplicate is not retried: it is looked up');
  });

  test('refused for another reason, with an id XOi does not hold: the refusal, after one lookup', async () => {
    env.cloud.fault({ type: 'graphql-error', service: 'jobs', errorType: 'BadRequestException', message: 'nope' });
    const { client } = clientFor(env);
    const error = await rejection(client.createJob(input));
    assert.deepEqual([error.code, error.message], ['rejected', 'createJob: BadRequestException: nope']);
    assert.equal(env.cloud.listJobs().length, 0);
    assert.deepEqual(calls(env.cloud, 'jobs'), [
      ['CreateJob', 200],
      ['GetJobIdByExternalId', 200],
    ]);
  });
});

describe('answers the mock cannot give (a bare XOi over HTTP)', () => {
  const JOB = {
    id: 'job-1',
    assigneeIds: [TECH],
    customerName: 'A',
    jobLocation: 'B',
    workOrderNumber: 'C',
    label: null,
    createdAt: null,
    createdBy: null,
    updatedAt: null,
    completedAt: null,
    completedBy: null,
    customerEmail: null,
    externalAppUrl: null,
    externalId: null,
    tags: null,
    publicTags: null,
    internalNote: null,
    deepLinks: null,
  };
  const SHARE = { id: 'share-1', shareLink: 'https://share.example/s/1' };
  let xoi;
  afterEach(async () => {
    await xoi?.close();
    xoi = undefined;
  });

  test('createJobShare answered jobShare: null every time: retried, then unavailable saying XOi returned no share', async () => {
    xoi = await fakeXoi(() => ({ body: { data: { createJobShare: { jobShare: null } } } }));
    const error = await rejection(xoi.client.createJobShare('job-1'));
    assert.ok(error instanceof XoiError);
    assert.deepEqual(
      [error.code, error.attempts, error.message],
      ['unavailable', 3, 'createJobShare failed after 3 attempts: XOi returned no share (jobShare: null).'],
    );
    assert.deepEqual(xoi.graphql(), ['CreateJobShare', 'CreateJobShare', 'CreateJobShare']);
    assert.deepEqual(xoi.sleeps, [750, 1500]);
  });

  test('createJobShare answered jobShare: null once: the retry gets the share', async () => {
    let n = 0;
    xoi = await fakeXoi(() => ({ body: { data: { createJobShare: { jobShare: n++ === 0 ? null : SHARE } } } }));
    assert.deepEqual(await xoi.client.createJobShare('job-1'), SHARE);
    assert.deepEqual(xoi.sleeps, [750]);
  });

  for (const [name, results] of [
    ['createPublicShare: null', { createPublicShare: null }],
    ['additionalActionsResults: null', null],
  ]) {
    test(`createJob answered ${name}: the share is made with createJobShare`, async () => {
      xoi = await fakeXoi(
        (operation) =>
          operation === 'CreateJob'
            ? { body: { data: { createJob: { job: JOB, additionalActionsResults: results } } } }
            : { body: { data: { createJobShare: { jobShare: SHARE } } } },
        // This bare XOi has no users service: the email is the assignee id.
        { assigneeIds: 'email' },
      );
      const result = await xoi.client.createJob({
        technicianEmail: TECH,
        customerName: 'A',
        jobLocation: 'B',
        workOrderNumber: 'C',
      });
      assert.deepEqual([result.job.id, result.shareLink, result.shareError], ['job-1', SHARE.shareLink, undefined]);
      assert.deepEqual(xoi.graphql(), ['CreateJob', 'CreateJobShare']);
    });
  }

  // Every not-found shape of server-classify.test.mjs, and the data shapes that mean "none" (§3).
  const NOT_FOUND = [
    { data: null, errors: [{ errorType: 'NotFound', message: 'No job with externalId fsm-9' }] },
    { data: null, errors: [{ errorType: 'Lambda:Unhandled', message: 'No job found with externalId fsm-9' }] },
    { data: null, errors: [{ message: 'Job with externalId fsm-9 does not exist' }] },
    { data: null, errors: [{ errorType: 'NoSuchEntity', message: 'fsm-9' }] },
    { data: null, errors: [{ errorType: 'ResourceNotFoundException', message: 'fsm-9' }] },
    { data: { getJobIdByExternalId: null } },
    { data: { getJobIdByExternalId: { jobId: null } } },
    { data: { getJobIdByExternalId: { jobId: '  ' } } },
  ];
  for (const body of NOT_FOUND) {
    test(`getJobIdByExternalId: ${JSON.stringify(body).slice(0, 110)} → null, one request`, async () => {
      xoi = await fakeXoi(() => ({ body }));
      assert.equal(await xoi.client.getJobIdByExternalId('fsm-9'), null);
      assert.deepEqual(xoi.graphql(), ['GetJobIdByExternalId']);
      assert.deepEqual(xoi.sleeps, []);
    });
  }

  test('a 200 with errorType Unauthorized: one fresh token, then an auth error (no back-off)', async () => {
    const body = {
      data: null,
      errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access getJob on type Query' }],
    };
    xoi = await fakeXoi(() => ({ body }));
    const error = await rejection(xoi.client.getJob('job-1'));
    assert.deepEqual(
      [error.code, error.message],
      ['auth', 'getJob: Unauthorized: Not Authorized to access getJob on type Query'],
    );
    assert.deepEqual(
      xoi.requests.map((r) => [r.operation, r.authorization]),
      [
        [null, null],
        ['GetJob', 'token-1'],
        [null, null],
        ['GetJob', 'token-2'],
      ],
    );
    assert.deepEqual(xoi.sleeps, []);
  });

  test('a 200 with errorType Unauthorized that a fresh token cures', async () => {
    let n = 0;
    xoi = await fakeXoi(() =>
      n++ === 0
        ? { body: { data: null, errors: [{ errorType: 'Unauthorized', message: 'Token is no longer valid' }] } }
        : { body: { data: { getJob: { job: JOB } } } },
    );
    assert.equal((await xoi.client.getJob('job-1')).id, 'job-1');
    assert.deepEqual(xoi.graphql(), ['GetJob', 'GetJob']);
  });

  test("the host's classifier decides, with the built-in table to fall back on; one that throws is ignored", async () => {
    const body = { data: null, errors: [{ errorType: 'XoiBusy', message: 'try later' }] };
    const seen = [];
    xoi = await fakeXoi(() => ({ body }), {
      classifyGraphQLErrors: (errors, byDefault) => {
        seen.push(errors[0].errorType);
        return errors[0].errorType === 'XoiBusy' ? 'rejected' : byDefault(errors);
      },
    });
    assert.equal((await rejection(xoi.client.getJob('job-1'))).code, 'rejected');
    assert.deepEqual(seen, ['XoiBusy']);
    await xoi.close();
    xoi = await fakeXoi(() => ({ body }), {
      classifyGraphQLErrors: () => {
        throw new Error('host bug');
      },
    });
    const error = await rejection(xoi.client.getJob('job-1'));
    assert.deepEqual([error.code, error.attempts], ['unavailable', 3], 'the table retries an unknown errorType');
  });

  test('a job summary comes back with every field the documents ask for, as XOi sent it', async () => {
    const item = {
      traits: ['transcript', 'processed'],
      stepTraits: ['video'],
      tags: null,
      workflowId: 'wf-1',
      workflowName: 'Rooftop unit',
      workflowLabel: 'RTU-3',
      stepIndex: 2,
      stepName: 'Repair video',
      contentId: 'c-1',
      note: { text: 'Check the belt next visit.' },
      derivedData: {
        make: 'Carrier',
        model: '48TC',
        serial: 'S-1',
        name: null,
        transcript: 'Compressor replaced.',
        manufacture_date: '2019-04',
      },
      workSummary: { summary_text: 'Replaced the compressor.' },
    };
    const summary = {
      jobId: 'job-1',
      assignees: [{ id: 'u-1', email: TECH, given_name: 'Jane', family_name: null, phone_number: null }],
      supportStatuses: [
        {
          workflowId: 'wf-1',
          status: 'resolved',
          lastSetAt: '2026-01-02T03:04:05Z',
          agentInfo: { email: 'agent@xoi.example' },
        },
      ],
      documentation: [item],
    };
    xoi = await fakeXoi(() => ({ body: { data: { getJobSummary: { nextToken: null, jobSummary: summary } } } }));
    assert.deepEqual(await xoi.client.getJobSummary('job-1'), summary);
    await xoi.close();
    xoi = await fakeXoi(() => ({
      body: { data: { getJobSummary: { nextToken: null, jobSummary: { ...summary, documentation: null } } } },
    }));
    assert.deepEqual((await xoi.client.getJobSummary('job-1')).documentation, [], 'documentation: null is none yet');
  });

  // An answer without the documented shape is retried, then an unavailable XoiError naming the
  // first field that was wrong: what the host's log shows.
  const SHAPES = [
    ['getJob', { getJob: { job: null } }, 'data.getJob.job is not an object'],
    ['getJob', { getJob: { job: [JOB] } }, 'data.getJob.job is not an object'],
    ['getJob', { getJob: 'job-1' }, 'data.getJob is not an object'],
    ['getJob', { getJob: { job: { ...JOB, assigneeIds: 'jane' } } }, 'data.getJob.job.assigneeIds is not a list'],
    ['getJob', { getJob: { job: { ...JOB, label: 7 } } }, 'data.getJob.job.label is not a string'],
    [
      'getJobSummary',
      {
        getJobSummary: {
          nextToken: null,
          jobSummary: { jobId: 'job-1', assignees: [], documentation: [{ traits: [], stepIndex: '2' }] },
        },
      },
      'data.getJobSummary.jobSummary.documentation[0].stepIndex is not a number',
    ],
    [
      'getJobSummary',
      // JSON's 1e999 parses to Infinity: not a step index.
      '{"getJobSummary":{"nextToken":null,"jobSummary":{"jobId":"job-1","assignees":[],"documentation":[{"traits":[],"stepIndex":1e999}]}}}',
      'data.getJobSummary.jobSummary.documentation[0].stepIndex is not a number',
    ],
  ];
  for (const [operation, data, field] of SHAPES) {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    test(`${operation} answered ${text.slice(0, 90)}: ${field}`, async () => {
      xoi = await fakeXoi(() => ({ body: `{"data":${text}}` }));
      const run = operation === 'getJob' ? xoi.client.getJob('job-1') : xoi.client.getJobSummary('job-1');
      const error = await rejection(run);
      assert.deepEqual(
        [error.code, error.attempts, error.message],
        [
          'unavailable',
          3,
          `${operation} failed after 3 attempts: the answer did not have the documented shape (${field}).`,
        ],
      );
    });
  }

  test("XOi's errors[] reach the host as XoiError.graphqlErrors: message, errorType and path kept, the rest made usable", async () => {
    const errors = [
      { message: 'Job job-9 not found', errorType: 'NotFound', path: ['getJob', 0, null, { x: 1 }, 'job'], extra: 1 },
      { message: 42, errorType: 7 },
      null,
      'text',
      { errorType: 'NotFound', path: 'getJob' },
    ];
    xoi = await fakeXoi(() => ({ body: { data: null, errors } }));
    const error = await rejection(xoi.client.getJob('job-9'));
    assert.equal(error.code, 'not-found');
    assert.deepEqual(error.graphqlErrors, [
      { message: 'Job job-9 not found', errorType: 'NotFound', path: ['getJob', 0, 'job'] },
      { message: 'GraphQL error' },
      { message: 'GraphQL error' },
      { message: 'GraphQL error' },
      { message: 'GraphQL error', errorType: 'NotFound' },
    ]);
    assert.ok(
      error.graphqlErrors.slice(1).every((e) => !('path' in e)),
      'no path key where XOi sent no usable path',
    );
  });

  test("the host's classifier may answer any of the four classes, and each is obeyed", async () => {
    // The table calls a ConflictException rejected; the host says otherwise.
    const body = { data: null, errors: [{ errorType: 'ConflictException', message: 'busy' }] };
    const cases = [
      ['retry', 'unavailable', ['GetJob', 'GetJob', 'GetJob']],
      ['not-found', 'not-found', ['GetJob']],
      ['auth', 'auth', ['GetJob', 'GetJob']],
      ['rejected', 'rejected', ['GetJob']],
    ];
    for (const [answer, code, requests] of cases) {
      xoi = await fakeXoi(() => ({ body }), { classifyGraphQLErrors: () => answer });
      const error = await rejection(xoi.client.getJob('job-1'));
      assert.deepEqual([error.code, xoi.graphql()], [code, requests], answer);
      await xoi.close();
      xoi = undefined;
    }
  });

  test('a classifier that is not a function is refused at creation', () => {
    assert.throws(
      () => createXoiClient({ apiKey: 'k', apiSecret: 's', environment: 'staging', classifyGraphQLErrors: 'retry' }),
      { code: 'invalid-input', field: 'classifyGraphQLErrors' },
    );
  });
});

describe('operations', () => {
  test('createJob: normalised assignee, trimmed fields, public share link in the same call', async () => {
    const { client } = clientFor(env);
    const { job, shareLink, shareError } = await client.createJob({
      technicianEmail: '  Jane.Tech@Example.COM ',
      customerName: ' ABC Corp ',
      jobLocation: '1 Main St, Springfield',
      workOrderNumber: 'WO-10432',
      label: 'WO-10432 - ABC Corp',
      tags: ['rooftop'],
      internalNote: 'Gate code 1234',
      customerEmail: 'Owner@ABC.example',
    });
    assert.equal(shareError, undefined);
    assert.deepEqual(
      { ...job, createdAt: typeof job.createdAt, updatedAt: typeof job.updatedAt },
      {
        id: job.id,
        assigneeIds: ['jane.tech@example.com'],
        customerName: 'ABC Corp',
        jobLocation: '1 Main St, Springfield',
        workOrderNumber: 'WO-10432',
        label: 'WO-10432 - ABC Corp',
        createdAt: 'string',
        createdBy: 'jane.tech@example.com',
        updatedAt: 'string',
        completedAt: null,
        completedBy: null,
        customerEmail: 'owner@abc.example',
        externalAppUrl: null,
        externalId: null,
        tags: ['rooftop'],
        publicTags: null,
        internalNote: { text: 'Gate code 1234' },
        deepLinks: {
          visionWeb: { viewJob: null },
          visionMobile: {
            viewJob: null,
            editJob: {
              url: `xoi-vision://my-work/edit?payload=${encodeURIComponent(JSON.stringify({ jobId: job.id }))}`,
            },
            jobLocationActivitySearch: null,
            contributeToJob: { url: `xoi-vision://my-work/contribute?jobId=${job.id}` },
          },
        },
      },
    );
    assert.match(shareLink, new RegExp(`^${env.origin}/xoi-cloud/share/share-\\d+$`));
    const page = await fetch(shareLink);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ABC Corp/);
    assert.deepEqual(calls(env.cloud, 'jobs'), [['CreateJob', 200]]);
    assert.deepEqual(env.cloud.requests.find((r) => r.operation === 'CreateJob').variables.input.additionalActions, {
      createPublicShare: { enabled: true },
    });
  });

  test('createJob: an empty share link from createPublicShare is fetched with createJobShare', async () => {
    env.cloud.fault({ type: 'empty-share-link' });
    const { client } = clientFor(env);
    const { job, shareLink } = await client.createJob({
      technicianEmail: TECH,
      customerName: 'ABC Corp',
      jobLocation: '1 Main St',
      workOrderNumber: 'WO-1',
    });
    assert.match(shareLink, /\/xoi-cloud\/share\/share-\d+$/);
    assert.equal(env.cloud.listJobs().length, 1);
    assert.equal(env.cloud.requests.find((r) => r.operation === 'CreateJobShare').variables.input.jobId, job.id);
  });

  test('createJob: when no share link can be had, the job is still returned with shareError', async () => {
    env.cloud.fault({ type: 'empty-share-link', times: 4 });
    const { client } = clientFor(env);
    const result = await client.createJob({
      technicianEmail: TECH,
      customerName: 'A',
      jobLocation: 'B',
      workOrderNumber: 'C',
    });
    assert.equal(result.shareLink, null);
    assert.equal(result.shareError.code, 'unavailable');
    assert.equal(env.cloud.getJob(result.job.id).workOrderNumber, 'C');
  });

  test('createJob with createPublicShare: false asks for no share', async () => {
    const { client } = clientFor(env);
    const result = await client.createJob({
      technicianEmail: TECH,
      customerName: 'A',
      jobLocation: 'B',
      workOrderNumber: 'C',
      createPublicShare: false,
    });
    assert.equal(result.shareLink, null);
    assert.equal(
      env.cloud.requests.find((r) => r.operation === 'CreateJob').variables.input.additionalActions,
      undefined,
    );
  });

  test('updateJob links a job to a work order: number, customer, location, label', async () => {
    const seeded = env.cloud.seedJob({ technicianEmail: TECH, label: '12345 - ABC', workOrderNumber: 'TEMP' });
    const { client } = clientFor(env);
    const job = await client.updateJob(seeded.id, {
      workOrderNumber: 'WO-10432',
      customerName: 'ABC Corp',
      jobLocation: '1 Main St',
      label: 'WO-10432 - ABC Corp',
    });
    const picked = (j) => [j.workOrderNumber, j.customerName, j.jobLocation, j.label];
    assert.deepEqual(picked(job), ['WO-10432', 'ABC Corp', '1 Main St', 'WO-10432 - ABC Corp']);
    assert.deepEqual(picked(env.cloud.getJob(seeded.id)), picked(job));
  });

  test('updateJob reassigns by email (normalised)', async () => {
    const seeded = env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env);
    const job = await client.updateJob(seeded.id, { technicianEmail: 'Other.Tech@Example.com' });
    assert.deepEqual(job.assigneeIds, ['other.tech@example.com']);
  });

  test('getJob: deep links appear once the job is complete', async () => {
    const seeded = env.cloud.seedJob({ technicianEmail: TECH, jobLocation: '1 Main St' });
    const { client } = clientFor(env);
    const open = await client.getJob(seeded.id);
    assert.equal(open.completedAt, null);
    assert.equal(open.deepLinks.visionWeb.viewJob, null);
    assert.equal(open.deepLinks.visionMobile.jobLocationActivitySearch, null);
    env.cloud.completeJob(seeded.id);
    const done = await client.getJob(seeded.id);
    assert.equal(typeof done.completedAt, 'string');
    assert.equal(done.completedBy, TECH);
    assert.equal(done.deepLinks.visionWeb.viewJob.url, `${env.origin}/xoi-cloud/web/jobs/${seeded.id}`);
    const payload = (value) => encodeURIComponent(JSON.stringify(value));
    assert.deepEqual(done.deepLinks.visionMobile, {
      viewJob: { url: `xoi-vision://activity/view?payload=${payload({ jobId: seeded.id })}` },
      editJob: { url: `xoi-vision://my-work/edit?payload=${payload({ jobId: seeded.id })}` },
      jobLocationActivitySearch: {
        url: `xoi-vision://activity/search?payload=${payload({ jobLocation: '1 Main St' })}`,
      },
      contributeToJob: { url: `xoi-vision://my-work/contribute?jobId=${seeded.id}` },
    });
  });

  test('getJobSummary follows every documentation page: work summaries and transcripts', async () => {
    const paged = await startCloud({ summaryPageSize: 2 });
    try {
      const seeded = paged.cloud.seedJob({ technicianEmail: TECH, completed: true });
      paged.cloud.addWorkSummary(seeded.id, 'Replaced the contactor.');
      for (const n of [1, 2, 3]) paged.cloud.addTranscript(seeded.id, `Transcript ${n}.`, { stepName: `Video ${n}` });
      paged.cloud.addTranscript(seeded.id, 'Still processing.', { pending: true });
      const { client } = clientFor(paged);
      const summary = await client.getJobSummary(seeded.id);
      assert.equal(summary.jobId, seeded.id);
      assert.deepEqual(summary.assignees, [
        { id: TECH, email: TECH, given_name: 'Jane', family_name: 'Tech', phone_number: '' },
      ]);
      assert.deepEqual(
        summary.documentation.map((d) => [
          d.traits.join(','),
          d.workSummary?.summary_text ?? d.derivedData?.transcript ?? null,
        ]),
        [
          ['work_summary,ai_generated', 'Replaced the contactor.'],
          ['transcript,processed', 'Transcript 1.'],
          ['transcript,processed', 'Transcript 2.'],
          ['transcript,processed', 'Transcript 3.'],
          ['transcript,pending', null],
        ],
      );
      assert.deepEqual(calls(paged.cloud, 'jobs'), [
        ['GetJobSummary', 200],
        ['GetJobSummary', 200],
        ['GetJobSummary', 200],
      ]);
    } finally {
      await paged.close();
    }
  });

  test('listJobs: one page, newest first, with the next page token; filter by work order number', async () => {
    for (const n of [1, 2, 3])
      env.cloud.seedJob({
        technicianEmail: TECH,
        workOrderNumber: `WO-${n}`,
        createdAt: `2025-03-0${n}T10:00:00.000Z`,
      });
    const { client } = clientFor(env);
    const first = await client.listJobs({ limit: 2 });
    assert.deepEqual(
      first.jobs.map((j) => j.workOrderNumber),
      ['WO-3', 'WO-2'],
    );
    assert.equal(typeof first.nextToken, 'string');
    const second = await client.listJobs({ limit: 2, nextToken: first.nextToken });
    assert.deepEqual(
      second.jobs.map((j) => j.workOrderNumber),
      ['WO-1'],
    );
    assert.equal(second.nextToken, null);
    const filtered = await client.listJobs({ filter: { workOrderNumber: 'WO-2' } });
    assert.deepEqual(
      filtered.jobs.map((j) => j.workOrderNumber),
      ['WO-2'],
    );
    assert.equal(env.cloud.requests[1].variables.input.nextToken, '', 'first page asked with ""');
  });

  test("listJobsAssignedTo pages through listJobs, keeps the technician's jobs (emails normalised)", async () => {
    const mine = [];
    for (let n = 1; n <= 7; n++) {
      const email = n % 3 === 0 ? 'someone.else@example.com' : n === 4 ? 'Jane.Tech@EXAMPLE.com' : TECH;
      const job = env.cloud.seedJob({ technicianEmail: email, createdAt: `2025-03-0${n}T10:00:00.000Z` });
      if (n % 3 !== 0) mine.push(job.id);
    }
    const { client } = clientFor(env);
    const all = await client.listJobsAssignedTo(' JANE.TECH@example.com', { pageSize: 2 });
    assert.deepEqual(
      all.jobs.map((j) => j.id),
      mine.reverse(),
    );
    assert.equal(all.truncated, false);
    assert.equal(calls(env.cloud, 'jobs').length, 4);
    const capped = await client.listJobsAssignedTo(TECH, { pageSize: 2, maxPages: 2 });
    assert.equal(capped.truncated, true);
    assert.deepEqual(
      capped.jobs.map((j) => j.id),
      mine.slice(0, 3),
    );
  });

  test('getJobIdByExternalId: the id, or null when XOi knows no such externalId', async () => {
    const seeded = env.cloud.seedJob({ technicianEmail: TECH, externalId: 'fsm-42' });
    const { client } = clientFor(env);
    assert.equal(await client.getJobIdByExternalId('fsm-42'), seeded.id);
    assert.equal(await client.getJobIdByExternalId('fsm-43'), null);
  });

  test('createJobShare: one job or several; shareEntireJob passed on', async () => {
    const a = env.cloud.seedJob({ technicianEmail: TECH });
    const b = env.cloud.seedJob({ technicianEmail: TECH });
    const { client } = clientFor(env);
    const one = await client.createJobShare(a.id);
    const both = await client.createJobShare([a.id, b.id], { shareEntireJob: true });
    assert.match(one.id, /^share-\d+$/);
    assert.notEqual(one.shareLink, both.shareLink);
    assert.deepEqual(
      env.cloud.requests.filter((r) => r.service === 'share').map((r) => r.variables.input),
      [{ jobId: a.id }, { jobIds: [a.id, b.id], shareEntireJob: true }],
    );
  });
});

describe('bad input: a clear error and no HTTP call', () => {
  const email = (value) => ({ technicianEmail: value, customerName: 'A', jobLocation: 'B', workOrderNumber: 'C' });
  const cases = [
    [
      'createJob',
      (c) => c.createJob(email('not-an-email')),
      'technicianEmail',
      /must be an email address like name@example\.com, got "not-an-email"/,
    ],
    ['createJob', (c) => c.createJob(email('')), 'technicianEmail', /technicianEmail is required/],
    ['createJob', (c) => c.createJob(email(undefined)), 'technicianEmail', /technicianEmail is required/],
    ['createJob', (c) => c.createJob(email('jane@localhost')), 'technicianEmail', /must be an email address/],
    ['createJob', (c) => c.createJob(email('jane doe@example.com')), 'technicianEmail', /must be an email address/],
    ['createJob', (c) => c.createJob(email('jane@@example.com')), 'technicianEmail', /must be an email address/],
    ['createJob', (c) => c.createJob(email('.jane@example.com')), 'technicianEmail', /must be an email address/],
    [
      'createJob',
      (c) => c.createJob({ ...email(TECH), customerName: undefined }),
      'customerName',
      /customerName is required and must not be blank/,
    ],
    [
      'createJob',
      (c) => c.createJob({ ...email(TECH), workOrderNumber: '   ' }),
      'workOrderNumber',
      /must not be blank/,
    ],
    [
      'createJob',
      (c) => c.createJob({ ...email(TECH), internalNote: 'x'.repeat(3001) }),
      'internalNote',
      /at most 3000 characters/,
    ],
    [
      'createJob',
      (c) => c.createJob({ ...email(TECH), externalAppUrl: 'fsm/visit/1' }),
      'externalAppUrl',
      /absolute URL/,
    ],
    [
      'createJob',
      (c) => c.createJob({ ...email(TECH), customerEmail: 'nope' }),
      'customerEmail',
      /must be an email address/,
    ],
    ['createJob', (c) => c.createJob({ ...email(TECH), tags: ['ok', ''] }), 'tags[1]', /must not be blank/],
    ['createJob', (c) => c.createJob(null), 'input', /input is required/],
    ['updateJob', (c) => c.updateJob('job-1', {}), 'fields', /must change at least one field/],
    ['updateJob', (c) => c.updateJob('job-1', { label: '' }), 'label', /must not be blank/],
    [
      'updateJob',
      (c) => c.updateJob('job-1', { technicianEmail: 'x@y' }),
      'technicianEmail',
      /must be an email address/,
    ],
    ['updateJob', (c) => c.updateJob('', { label: 'x' }), 'jobId', /jobId is required/],
    ['getJob', (c) => c.getJob('job 1'), 'jobId', /without spaces/],
    ['getJob', (c) => c.getJob(undefined), 'jobId', /jobId is required/],
    ['getJobSummary', (c) => c.getJobSummary('job-1', { maxPages: 0 }), 'maxPages', /integer from 1 to 1000/],
    [
      'getJobSummary',
      (c) => c.getJobSummary('job-1', { includeAllSteps: 'yes' }),
      'includeAllSteps',
      /must be true or false/,
    ],
    ['createJobShare', (c) => c.createJobShare('job-1', { shareEntireJob: 1 }), 'shareEntireJob', /true or false/],
    ['listJobs', (c) => c.listJobs({ limit: 0 }), 'limit', /integer from 1 to 1000/],
    ['listJobs', (c) => c.listJobs({ filter: { customerName: 'ABC Corp' } }), 'filter.customerName', /single word/],
    ['listJobs', (c) => c.listJobs({ dateQuery: { type: 'UPDATED_AT' } }), 'dateQuery.type', /CREATED_AT/],
    ['listJobsAssignedTo', (c) => c.listJobsAssignedTo('tech'), 'technicianEmail', /must be an email address/],
    ['getJobIdByExternalId', (c) => c.getJobIdByExternalId(' '), 'externalId', /externalId is required/],
    ['createJobShare', (c) => c.createJobShare([]), 'jobIds', /at least 1 entry/],
    ['createJobShare', (c) => c.createJobShare(42), 'jobId', /jobId is required/],
  ];
  for (const [operation, call, field, message] of cases) {
    const input = call.toString().replace(/^\(c\) => c\./, '');
    test(`${input} → ${field}`, async () => {
      const { client } = clientFor(env);
      const error = await rejection(call(client));
      assert.ok(error instanceof XoiError, String(error));
      assert.equal(error.code, 'invalid-input');
      assert.equal(error.field, field);
      assert.equal(error.operation, operation);
      assert.match(error.message, message);
      assert.ok(error.message.startsWith(`${operation}: ${field} `), error.message);
      assert.equal(error.attempts, 0);
      assert.deepEqual(env.cloud.requests, [], 'no HTTP call');
    });
  }

  test('normalizeEmail trims and lowercases', () => {
    assert.equal(normalizeEmail("  Jane.O'Neil+fsm@Sub.Example.COM \n"), "jane.o'neil+fsm@sub.example.com");
  });
});
