// createXoiNotifications: XOi's change notifications in, typed events out. No handler without a
// check of who posts (a secret compared in constant time, or the host's authorize); a wrong key is
// a 401 and emits nothing. Bad input is a 400 and emits nothing; a re-delivery (any spelling) is
// emitted once; the mock XOi Cloud's own notifications reach the handler over real HTTP. Most
// tests here are about the body, so they use `insecureNoAuth: true`.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createXoiNotifications, toNodeHandler } from '../../dist/npm/server/index.js';
// Internals, from their built modules (not exported by xoi-share-button/server).
import { createMemoryDedupe } from '../../dist/npm/server/notifications/dedupe.js';
import { parseFiredAt } from '../../dist/npm/server/notifications/payload.js';
import { sameSecret } from '../../dist/npm/server/notifications/secret.js';
import { serve, startCloud } from './xoi-cloud-helpers.mjs';

const BODY = {
  orgId: 'org-1',
  event: 'job_update',
  jobId: 'job-0001',
  workflowJobId: '',
  traits: [],
  firedAt: '2020-03-18 18:49:20',
};

let notifications;
let events;

function post(
  body,
  { method = 'POST', type = 'application/json', url = 'https://fsm.example/xoi/notifications' } = {},
) {
  return notifications.handle(
    new Request(url, {
      method,
      headers: type ? { 'content-type': type } : {},
      body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function answer(body, options) {
  const response = await post(body, options);
  return { status: response.status, body: await response.json() };
}

beforeEach(() => {
  notifications = createXoiNotifications({ insecureNoAuth: true });
  events = [];
  notifications.on('*', (event) => {
    events.push(event);
  });
});

describe('valid notifications', () => {
  test('a job-level update without traits: job completed, with the typed detail', async () => {
    const { status, body } = await answer(BODY);
    assert.equal(status, 200);
    assert.deepEqual(body, { received: true, duplicate: false, type: 'job-completed' });
    assert.deepEqual(events, [
      {
        type: 'job-completed',
        orgId: 'org-1',
        jobId: 'job-0001',
        workflowJobId: null,
        traits: [],
        firedAt: '2020-03-18T18:49:20.000Z',
        event: 'job_update',
      },
    ]);
  });

  const cases = [
    ['job_update + workflowJobId, no traits', { workflowJobId: 'wjob-7' }, 'workflow-finished', 'wjob-7', []],
    [
      'job_update + transcript traits',
      { traits: ['transcript', 'processed'] },
      'job-updated',
      null,
      ['transcript', 'processed'],
    ],
    [
      'job_updated (past tense) + traits',
      { event: 'job_updated', traits: ['dataplate'] },
      'job-updated',
      null,
      ['dataplate'],
    ],
    ['job_delete', { event: 'job_delete' }, 'job-deleted', null, []],
    ['job_deleted (past tense)', { event: 'job_deleted' }, 'job-deleted', null, []],
    ['job_completed (seen in a partner integration)', { event: 'job_completed' }, 'job-completed', null, []],
    [
      'workflow_job_update',
      { event: 'workflow_job_update', workflowJobId: 'wjob-2' },
      'workflow-finished',
      'wjob-2',
      [],
    ],
    ['missing workflowJobId and traits', { workflowJobId: undefined, traits: undefined }, 'job-completed', null, []],
  ];
  for (const [name, change, type, workflowJobId, traits] of cases) {
    test(`${name} → ${type}`, async () => {
      const { status, body } = await answer({ ...BODY, ...change });
      assert.equal(status, 200);
      assert.equal(body.type, type);
      assert.equal(events.length, 1);
      assert.deepEqual([events[0].type, events[0].workflowJobId, events[0].traits], [type, workflowJobId, traits]);
    });
  }

  test('typed listeners get only their type', async () => {
    const deleted = [];
    notifications.on('job-deleted', (e) => {
      deleted.push(e.jobId);
    });
    await post({ ...BODY, jobId: 'job-1' });
    await post({ ...BODY, jobId: 'job-2', event: 'job_deleted' });
    assert.deepEqual(deleted, ['job-2']);
    assert.equal(events.length, 2);
  });

  test('an unsubscribed listener hears nothing more', async () => {
    const heard = [];
    const off = notifications.on('job-completed', (e) => {
      heard.push(e.jobId);
    });
    await post({ ...BODY, jobId: 'job-1' });
    off();
    await post({ ...BODY, jobId: 'job-2' });
    assert.deepEqual(heard, ['job-1']);
  });

  test('firedAt: no zone is UTC; ISO with zone is honoured', () => {
    assert.equal(parseFiredAt('2020-03-18 18:49:20'), '2020-03-18T18:49:20.000Z');
    assert.equal(parseFiredAt('2020-03-18T18:49:20.123Z'), '2020-03-18T18:49:20.123Z');
    assert.equal(parseFiredAt('2020-03-18T18:49:20+0200'), '2020-03-18T16:49:20.000Z');
    assert.equal(parseFiredAt('18/03/2020'), null);
  });

  test('an unknown event is acknowledged (so XOi does not re-send it) but not emitted', async () => {
    const { status, body } = await answer({ ...BODY, event: 'content_update' });
    assert.equal(status, 200);
    assert.deepEqual(body, { received: true, ignored: 'unknown event "content_update"' });
    assert.deepEqual(events, []);
  });
});

describe('invalid notifications: 400 and nothing emitted', () => {
  const cases = [
    ['not JSON', '{"orgId":', /^The body must be a JSON notification\.$/],
    ['an array', [BODY], /the body must be a JSON object/],
    ['no jobId', { ...BODY, jobId: undefined }, /jobId must be a non-empty string/],
    ['blank event', { ...BODY, event: ' ' }, /event must be a non-empty string/],
    ['orgId a number', { ...BODY, orgId: 7 }, /orgId must be a non-empty string/],
    ['traits a string', { ...BODY, traits: 'transcript' }, /traits must be an array of at most 100 strings/],
    ['traits with a number', { ...BODY, traits: ['transcript', 3] }, /traits must be an array/],
    ['workflowJobId a number', { ...BODY, workflowJobId: 5 }, /workflowJobId must be a string/],
    ['firedAt not a date', { ...BODY, firedAt: 'yesterday' }, /firedAt must be a date-time like "2020-03-18 18:49:20"/],
    [
      'several problems at once',
      { orgId: '', event: 'job_update' },
      /orgId must be a non-empty string; jobId must be a non-empty string/,
    ],
  ];
  for (const [name, body, message] of cases) {
    test(name, async () => {
      const r = await answer(body);
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'invalid-request');
      assert.match(r.body.error.message, message);
      assert.deepEqual(events, []);
    });
  }

  test('a body over the limit is 413, nothing emitted', async () => {
    notifications = createXoiNotifications({ insecureNoAuth: true, maxBodyBytes: 256 });
    notifications.on('*', (e) => events.push(e));
    const r = await answer({ ...BODY, traits: Array(40).fill('transcript') });
    assert.equal(r.status, 413);
    assert.deepEqual(events, []);
  });

  test('an unusable limit fails at creation instead of turning the body limit or the dedupe off', () => {
    assert.throws(
      () => createXoiNotifications({ insecureNoAuth: true, maxBodyBytes: '64kb' }),
      /^TypeError: createXoiNotifications: maxBodyBytes must be an integer from 64 to 1048576, got 64kb$/,
    );
    assert.throws(
      () => createXoiNotifications({ insecureNoAuth: true, maxBodyBytes: Number.NaN }),
      /maxBodyBytes must be an integer/,
    );
    assert.throws(() => createMemoryDedupe({ ttlMs: '24h' }), /createMemoryDedupe: ttlMs must be an integer/);
    assert.throws(() => createMemoryDedupe({ max: 0 }), /createMemoryDedupe: max must be an integer/);
  });

  test('a GET is 405 with Allow: POST', async () => {
    const response = await post(undefined, { method: 'GET' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    assert.deepEqual(events, []);
  });

  test('authorize() false → 401, nothing emitted; true → handled', async () => {
    notifications = createXoiNotifications({
      authorize: (request) => new URL(request.url).searchParams.get('key') === 's3cret',
    });
    notifications.on('*', (e) => events.push(e));
    const denied = await answer(BODY, { url: 'https://fsm.example/xoi/notifications?key=guess' });
    assert.equal(denied.status, 401);
    assert.equal(denied.body.error.code, 'unauthenticated');
    assert.deepEqual(events, []);
    const allowed = await answer(BODY, { url: 'https://fsm.example/xoi/notifications?key=s3cret' });
    assert.equal(allowed.status, 200);
    assert.equal(events.length, 1);
  });
});

describe('who may post: a secret, the host check, or explicitly nobody', () => {
  const SECRET = 'k3y-0f-at-least-16-chars';
  const URL_BASE = 'https://fsm.example/xoi/notifications';

  function withSecret(options = {}) {
    notifications = createXoiNotifications({ secret: SECRET, ...options });
    notifications.on('*', (e) => events.push(e));
  }

  async function postWith({ query = '', headers = {} } = {}) {
    const response = await notifications.handle(
      new Request(`${URL_BASE}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(BODY),
      }),
    );
    return { status: response.status, body: await response.json() };
  }

  test('no secret, no authorize, no insecureNoAuth: refused at creation, saying what to pass', () => {
    for (const options of [undefined, {}, { insecureNoAuth: false }, { maxBodyBytes: 1024 }]) {
      assert.throws(
        () => createXoiNotifications(options),
        (e) =>
          e instanceof TypeError &&
          /pass \{ secret \}.*or \{ authorize\(request\) \}.*anybody who finds the URL can post.*insecureNoAuth: true/.test(
            e.message,
          ),
        JSON.stringify(options),
      );
    }
  });

  test('unusable secret options are refused at creation', () => {
    const cases = [
      [{ secret: 'short' }, /secret must be a string of at least 16 characters/],
      [{ secret: 42 }, /secret must be a string/],
      [{ secret: SECRET, secretHeader: 'not a header' }, /secretHeader must be an HTTP header name/],
      [{ secret: SECRET, secretParam: '' }, /secretParam must be a non-empty string/],
      [{ authorize: 'yes' }, /authorize must be a function/],
      [{ secret: SECRET, insecureNoAuth: true }, /insecureNoAuth cannot be combined with secret or authorize/],
      [{ insecureNoAuth: 'true' }, /insecureNoAuth must be true or false/],
    ];
    for (const [options, message] of cases) {
      assert.throws(
        () => createXoiNotifications(options),
        (e) => e instanceof TypeError && message.test(e.message),
      );
    }
  });

  test('in the query string (?key=): wrong or missing → 401 and nothing emitted; right → 200', async () => {
    withSecret();
    for (const query of ['?key=guess', '?key=', '', `?key=${SECRET}x`, `?other=${SECRET}`]) {
      const denied = await postWith({ query });
      assert.equal(denied.status, 401, query);
      assert.deepEqual(denied.body.error, {
        code: 'unauthenticated',
        message: 'This notification URL needs its secret.',
      });
    }
    assert.deepEqual(events, []);
    const allowed = await postWith({ query: `?key=${encodeURIComponent(SECRET)}` });
    assert.deepEqual([allowed.status, allowed.body.type], [200, 'job-completed']);
    assert.equal(events.length, 1);
  });

  test('in the x-xoi-notification-key header: wrong or missing → 401 and nothing emitted; right → 200', async () => {
    withSecret();
    for (const headers of [{ 'x-xoi-notification-key': 'guess' }, { 'x-xoi-notification-key': '' }, {}]) {
      assert.equal((await postWith({ headers })).status, 401, JSON.stringify(headers));
    }
    assert.deepEqual(events, []);
    assert.equal((await postWith({ headers: { 'x-xoi-notification-key': SECRET } })).status, 200);
    assert.equal(events.length, 1);
  });

  test('the header, when sent, is the key: a wrong header is not rescued by a right query string', async () => {
    withSecret();
    const r = await postWith({ query: `?key=${SECRET}`, headers: { 'x-xoi-notification-key': 'guess' } });
    assert.equal(r.status, 401);
    assert.deepEqual(events, []);
  });

  test('the parameter and header names are configurable', async () => {
    withSecret({ secretParam: 'token', secretHeader: 'x-hook-token' });
    assert.equal((await postWith({ query: `?key=${SECRET}` })).status, 401);
    assert.equal((await postWith({ query: `?token=${SECRET}` })).status, 200);
    assert.equal((await postWith({ headers: { 'x-hook-token': SECRET } })).status, 200);
  });

  test('secret and authorize together: both must pass', async () => {
    const asked = [];
    withSecret({
      authorize: (request) => {
        asked.push(new URL(request.url).searchParams.get('org'));
        return new URL(request.url).searchParams.get('org') === 'org-1';
      },
    });
    assert.equal((await postWith({ query: `?key=guess&org=org-1` })).status, 401);
    assert.deepEqual(asked, [], 'authorize is not asked once the secret is wrong');
    assert.equal((await postWith({ query: `?key=${SECRET}&org=org-2` })).status, 401);
    assert.equal((await postWith({ query: `?key=${SECRET}&org=org-1` })).status, 200);
    assert.equal(events.length, 1);
  });

  test('sameSecret: equal → true; unequal, different lengths, empty → false', () => {
    assert.equal(sameSecret(SECRET, SECRET), true);
    assert.equal(sameSecret('é-ünïcode-secret-✓', 'é-ünïcode-secret-✓'), true);
    assert.equal(sameSecret(`${SECRET.slice(0, -1)}X`, SECRET), false, 'same length, last character differs');
    assert.equal(sameSecret('a', SECRET), false);
    assert.equal(sameSecret(`${SECRET}${SECRET}`, SECRET), false);
    assert.equal(sameSecret('', SECRET), false);
    assert.equal(sameSecret(SECRET.toUpperCase(), SECRET), false);
  });

  test('sameSecret is constant-time by construction: timingSafeEqual on two 32-byte digests, whatever the lengths', () => {
    const compared = [];
    const original = crypto.timingSafeEqual;
    crypto.timingSafeEqual = (a, b) => {
      compared.push([a.length, b.length]);
      return original(a, b);
    };
    try {
      for (const presented of ['', 'a', SECRET, 'x'.repeat(10_000)]) sameSecret(presented, SECRET);
    } finally {
      crypto.timingSafeEqual = original;
    }
    assert.deepEqual(compared, [
      [32, 32],
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});

describe('duplicates', () => {
  test('the same notification twice is emitted once; the second answer says duplicate', async () => {
    const first = await answer(BODY);
    const second = await answer(BODY);
    assert.deepEqual(first.body, { received: true, duplicate: false, type: 'job-completed' });
    assert.deepEqual(second.body, { received: true, duplicate: true, type: 'job-completed' });
    assert.equal(second.status, 200);
    assert.equal(events.length, 1);
  });

  test('the same notification in the other spelling, traits reordered, is a duplicate', async () => {
    await post({ ...BODY, traits: ['transcript', 'processed'] });
    const again = await answer({ ...BODY, event: 'job_updated', traits: ['processed', 'transcript'] });
    assert.equal(again.body.duplicate, true);
    assert.equal(events.length, 1);
  });

  test('concurrent re-deliveries are emitted once', async () => {
    const bodies = await Promise.all(Array.from({ length: 5 }, () => answer(BODY)));
    assert.deepEqual(bodies.map((b) => b.body.duplicate).sort(), [false, true, true, true, true]);
    assert.equal(events.length, 1);
  });

  test('a later notification for the same job (new firedAt or traits) is not a duplicate', async () => {
    await post(BODY);
    await post({ ...BODY, firedAt: '2020-03-18 19:00:00' });
    await post({ ...BODY, traits: ['transcript'] });
    assert.deepEqual(
      events.map((e) => e.type),
      ['job-completed', 'job-completed', 'job-updated'],
    );
  });

  test('without firedAt a re-delivery cannot be told from a later change: each one is emitted', async () => {
    const body = { ...BODY, firedAt: undefined, traits: ['transcript', 'processed'] };
    const first = await answer(body);
    const second = await answer(body);
    assert.deepEqual([first.body.duplicate, second.body.duplicate], [false, false]);
    assert.deepEqual(
      events.map((e) => [e.type, e.firedAt]),
      [
        ['job-updated', null],
        ['job-updated', null],
      ],
    );
  });

  test('a listener that fails → 500, and the re-delivery is handled again', async () => {
    let fail = true;
    const reported = [];
    notifications = createXoiNotifications({ insecureNoAuth: true, onError: (error) => reported.push(error.message) });
    notifications.on('job-completed', (e) => {
      if (fail) throw new Error('database down');
      events.push(e);
    });
    const failed = await answer(BODY);
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.body, {
      error: { code: 'internal', message: 'The notification could not be handled; send it again.' },
    });
    assert.deepEqual(reported, ['database down']);
    fail = false;
    const retried = await answer(BODY);
    assert.deepEqual([retried.status, retried.body.duplicate], [200, false]);
    assert.equal(events.length, 1);
  });
});

describe('from the mock XOi Cloud over HTTP', () => {
  let env;
  let app;
  before(async () => {
    env = await startCloud();
    const node = toNodeHandler((request) => notifications.handle(request));
    app = await serve((req, res) => node(req, res));
  });
  after(async () => {
    await app.close();
    await env.close();
  });

  test("notify(url, payload) POSTs XOi's documented body; the handler answers it", async () => {
    const payload = env.cloud.notification('job_update', 'job-0042', { traits: ['transcript', 'processed'] });
    assert.deepEqual(Object.keys(payload), ['orgId', 'event', 'jobId', 'workflowJobId', 'traits', 'firedAt']);
    assert.match(payload.firedAt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const result = await env.cloud.notify(`${app.origin}/xoi/notifications`, payload);
    assert.deepEqual(result, { status: 200, body: { received: true, duplicate: false, type: 'job-updated' } });
    assert.deepEqual(
      events.map((e) => [e.type, e.jobId, e.traits]),
      [['job-updated', 'job-0042', ['transcript', 'processed']]],
    );
  });

  test('completing a job, finishing a workflow, processing a transcript and deleting send what XOi would', async () => {
    env.cloud.reset();
    env.cloud.setNotifyUrl(`${app.origin}/xoi/notifications`);
    try {
      const job = env.cloud.seedJob({ technicianEmail: 'jane.tech@example.com' });
      env.cloud.finishWorkflow(job.id, 'wjob-1');
      await env.cloud.flushNotifications();
      env.cloud.completeJob(job.id);
      await env.cloud.flushNotifications();
      env.cloud.addTranscript(job.id, 'The compressor was replaced.', { pending: true });
      env.cloud.processPending(job.id);
      await env.cloud.flushNotifications();
      env.cloud.deleteJob(job.id);
      await env.cloud.flushNotifications();
      assert.deepEqual(
        events.map((e) => [e.type, e.jobId, e.workflowJobId, e.traits]),
        [
          ['workflow-finished', job.id, 'wjob-1', []],
          ['job-completed', job.id, null, []],
          ['job-updated', job.id, null, ['transcript', 'processed']],
          ['job-deleted', job.id, null, []],
        ],
      );
      assert.ok(env.cloud.notifications.every((n) => n.status === 200));
    } finally {
      env.cloud.setNotifyUrl(null);
    }
  });

  test('the past-tense spelling from the mock is understood the same way', async () => {
    const past = await startCloud({ eventSpelling: 'past', notifyUrl: `${app.origin}/xoi/notifications` });
    try {
      const job = past.cloud.seedJob({});
      past.cloud.deleteJob(job.id);
      await past.cloud.flushNotifications();
      assert.equal(past.cloud.notifications[0].payload.event, 'job_deleted');
      assert.deepEqual(
        events.map((e) => e.type),
        ['job-deleted'],
      );
    } finally {
      await past.close();
    }
  });

  test('over HTTP, a bad body is a 400 and nothing is emitted', async () => {
    const response = await fetch(`${app.origin}/xoi/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'job_update' }),
    });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'invalid-request');
    assert.deepEqual(events, []);
  });
});

// Each field's rule at its edges, as the host sees it: the event its listeners get, or the 400's
// message (every problem, and only the real ones).
describe('the body, field by field', () => {
  const problem = async (body) => {
    events = [];
    const r = await answer(body);
    assert.equal(r.status, 400, JSON.stringify(body).slice(0, 200));
    assert.deepEqual(events, []);
    return r.body.error.message;
  };
  const emitted = async (body) => {
    events = [];
    const r = await answer(body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(events.length, 1);
    return events[0];
  };

  test('every spelling of XOi event names, in any case, with spaces or dashes', async () => {
    const cases = [
      ['job_complete', {}, 'job-completed'],
      ['job_completed', {}, 'job-completed'],
      ['job_delete', {}, 'job-deleted'],
      ['job_update', { workflowJobId: 'w-1' }, 'workflow-finished'],
      ['job_updated', {}, 'job-completed'],
      ['workflow_job_update', { workflowJobId: 'w-1' }, 'workflow-finished'],
      ['workflow_job_updated', { workflowJobId: 'w-1' }, 'workflow-finished'],
      ['workflow_complete', { workflowJobId: 'w-1' }, 'workflow-finished'],
      ['workflow_completed', { workflowJobId: 'w-1' }, 'workflow-finished'],
      ['workflow_completed', { traits: ['transcript'] }, 'job-updated'],
      ['Job Updated', { traits: ['dataplate'] }, 'job-updated'],
      ['JOB - DELETED', {}, 'job-deleted'],
      ['job-complete', {}, 'job-completed'],
    ];
    for (const [i, [event, change, type]] of cases.entries()) {
      const got = await emitted({ ...BODY, event, ...change, jobId: `job-${i}` });
      assert.deepEqual([got.type, got.event], [type, event], event);
    }
  });

  test("the host's classify gets the checked body, and the built-in rule reads any spelling it is handed", async () => {
    const seen = [];
    notifications = createXoiNotifications({
      insecureNoAuth: true,
      classify: (payload, byDefault) => {
        seen.push(payload);
        return byDefault({ ...payload, event: ` ${payload.event.toUpperCase().replace('_', ' - ')}D ` });
      },
    });
    notifications.on('*', (e) => events.push(e));
    const r = await answer({
      ...BODY,
      orgId: ' org-1 ',
      event: ' job_update ',
      jobId: ' job-7 ',
      workflowJobId: ' wjob-7 ',
      traits: [' transcript ', 'transcript', '', '  ', 'processed'],
      firedAt: ' 2020-03-18 18:49:20 ',
    });
    assert.deepEqual(r.body, { received: true, duplicate: false, type: 'job-updated' });
    assert.deepEqual(seen, [
      {
        orgId: 'org-1',
        event: 'job_update',
        jobId: 'job-7',
        workflowJobId: 'wjob-7',
        traits: ['transcript', 'processed'],
        firedAt: '2020-03-18 18:49:20',
      },
    ]);
    assert.deepEqual(events, [
      {
        type: 'job-updated',
        orgId: 'org-1',
        jobId: 'job-7',
        workflowJobId: 'wjob-7',
        traits: ['transcript', 'processed'],
        firedAt: '2020-03-18T18:49:20.000Z',
        event: 'job_update',
      },
    ]);
  });

  test('null optional fields are as absent', async () => {
    const got = await emitted({ ...BODY, workflowJobId: null, traits: null, firedAt: null });
    assert.deepEqual([got.type, got.workflowJobId, got.traits, got.firedAt], ['job-completed', null, [], null]);
  });

  test('a body that is not an object: one problem, saying so', async () => {
    for (const body of ['null', '42', '"job_update"', 'true', '[]']) {
      assert.equal(await problem(body), 'Invalid notification: the body must be a JSON object.', body);
    }
  });

  test('a missing field is one problem, not also a bad id', async () => {
    assert.equal(
      await problem({ ...BODY, jobId: undefined }),
      'Invalid notification: jobId must be a non-empty string.',
    );
  });

  test('ids and names: 256 characters pass, 257 are refused by length', async () => {
    const long = (n) => 'x'.repeat(n);
    const got = await emitted({
      ...BODY,
      orgId: long(256),
      event: 'job_update',
      jobId: long(256),
      workflowJobId: long(256),
    });
    assert.deepEqual([got.orgId.length, got.jobId.length, got.workflowJobId.length], [256, 256, 256]);
    for (const field of ['orgId', 'event', 'jobId']) {
      // A long jobId is also told it has spaces (the id rule caps the length too): left as is.
      assert.match(
        await problem({ ...BODY, [field]: long(257) }),
        new RegExp(`^Invalid notification: ${field} must be at most 256 characters[.;]`),
        field,
      );
    }
    assert.equal(
      await problem({ ...BODY, workflowJobId: long(257) }),
      'Invalid notification: workflowJobId must be a string of at most 256 characters.',
    );
  });

  test('a job or workflow job id with a space or a control character is refused', async () => {
    assert.equal(
      await problem({ ...BODY, jobId: 'job 1' }),
      'Invalid notification: jobId must not contain spaces or control characters.',
    );
    assert.equal(
      await problem({ ...BODY, workflowJobId: 'wjob\u00071' }),
      'Invalid notification: workflowJobId must not contain spaces or control characters.',
    );
  });

  test('traits: 100 of up to 64 characters pass; 101, or one of 65, are refused', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `t${i}`);
    assert.deepEqual((await emitted({ ...BODY, traits: hundred })).traits, hundred);
    assert.deepEqual((await emitted({ ...BODY, traits: ['x'.repeat(64)] })).traits, ['x'.repeat(64)]);
    for (const traits of [[...hundred, 't100'], ['x'.repeat(65)], [['transcript']]]) {
      assert.equal(
        await problem({ ...BODY, traits }),
        'Invalid notification: traits must be an array of at most 100 strings.',
      );
    }
  });

  test('firedAt: minutes without seconds pass; text around the date or a number is refused', async () => {
    assert.equal((await emitted({ ...BODY, firedAt: '2020-03-18T18:49Z' })).firedAt, '2020-03-18T18:49:00.000Z');
    for (const firedAt of ['at 2020-03-18 18:49:20', '2020-03-18 18:49:20 UTC', 20200318184920]) {
      assert.equal(
        await problem({ ...BODY, firedAt }),
        'Invalid notification: firedAt must be a date-time like "2020-03-18 18:49:20".',
        String(firedAt),
      );
    }
  });

  test("firedAt without a zone is UTC, and Z is UTC, whatever the server's time zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      assert.equal(parseFiredAt('2020-03-18 18:49:20'), '2020-03-18T18:49:20.000Z');
      assert.equal(parseFiredAt('2020-03-18 18:49:20z'), '2020-03-18T18:49:20.000Z');
      assert.equal(parseFiredAt('2020-03-18T18:49:20-05:30'), '2020-03-19T00:19:20.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('the same job and firing time with other traits is another change, not a duplicate', async () => {
    await post({ ...BODY, traits: ['transcript'] });
    const other = await answer({ ...BODY, traits: ['dataplate'] });
    assert.equal(other.body.duplicate, false);
    assert.deepEqual(
      events.map((e) => e.traits),
      [['transcript'], ['dataplate']],
    );
  });
});
