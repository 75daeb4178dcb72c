// <xoi-job-link>'s state machine (src/job-link/machine.ts) on its own: every transition, what the
// controller and the element are told to do, and what they are not. Pure, so plain node, on the
// built module.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// Not a public entry: the built module itself.
import { initial, reduce } from '../../dist/npm/job-link/machine.js';

const KEY = '/xoi\nWO-1';
const OTHER_KEY = '/xoi\nWO-2';

const linkOf = (over = {}) => ({
  workOrderId: 'WO-1',
  jobId: 'job-1',
  label: 'WO-1 - ABC Corp',
  shareLink: 'https://share.xoi.example/s/1',
  deepLinks: {},
  linkedAt: '2026-01-01T00:00:00.000Z',
  linkedBy: 'ana@fsm.example',
  ...over,
});
const jobOf = (id, over = {}) => ({
  id,
  label: `10432 - ${id}`,
  customerName: null,
  jobLocation: null,
  workOrderNumber: null,
  createdAt: null,
  completedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const ok = (value) => ({ ok: true, value });
const failed = (code, status, more = {}) => ({ ok: false, error: { code, message: `${code}!`, status }, ...more });
const ABORT = { type: 'abort' };

/** Feeds `events` one after the other from `state`; returns every step. */
function steps(state, ...events) {
  const out = [];
  for (const event of events) {
    const step = reduce(state, event);
    out.push(step);
    state = step.state;
  }
  return out;
}
/** The last step of `steps()`. */
const run = (state, ...events) => steps(state, ...events).at(-1);

/** The request the machine asked for last (its effect), to answer it. */
const asked = (step) => step.effects.find((e) => e.type.startsWith('read-') || e.type === 'post-link');

/** Loading the link of WO-1, as on connect. */
const loading = () => run(initial(), { type: 'configured', key: KEY });
/** WO-1 read: not linked. */
function ready() {
  const step = loading();
  return run(step.state, { ...asked(step), result: ok({ link: null }) }).state;
}
/** The list for `query` shown. */
function choosing(jobs = [jobOf('job-1'), jobOf('job-2')], query = '10432') {
  const step = run(ready(), { type: 'list', query });
  return run(step.state, { ...asked(step), result: ok({ jobs, truncated: false }) }).state;
}
/** "Link it?" asked for `jobId`. */
const confirming = (jobId = 'job-1') =>
  run(choosing(), { type: 'pick', job: jobOf(jobId) }, { type: 'complete', yes: true }).state;
/** The link request out for `jobId`: its step (the effect to answer). */
const linking = (jobId = 'job-1') => run(confirming(jobId), { type: 'confirm' });
/** The answer to the link request of `step`, for WO-1. */
const posted = (step, result, over = {}) => ({ ...asked(step), key: KEY, workOrderId: 'WO-1', result, ...over });

/** The step leaves the state as it was and does nothing. */
function ignored(state, event) {
  const step = reduce(state, event);
  assert.equal(step.state, state, `${event.type} in ${state.state} changes nothing`);
  assert.deepEqual(step.effects, []);
  assert.equal(step.focus, undefined);
}

describe('configured', () => {
  test('no endpoint or work order: idle, the read in flight dropped, nothing asked', () => {
    const step = run(loading().state, { type: 'configured', key: '' });
    assert.equal(step.state.state, 'idle');
    assert.equal(step.state.key, '');
    assert.deepEqual(step.effects, [ABORT]);
    assert.equal(step.focus, undefined);
  });

  test('a work order: loading its link, no focus (nothing was done by the technician)', () => {
    const step = loading();
    assert.equal(step.state.state, 'loading');
    assert.equal(step.state.busy, 'loadingLink');
    assert.equal(step.state.key, KEY);
    assert.deepEqual(step.effects, [ABORT, { type: 'read-link', request: 1 }]);
    assert.equal(step.focus, undefined);
  });

  test('another work order forgets everything shown, and its requests get new ids', () => {
    const linked = run(linking().state, posted(linking(), ok({ link: linkOf() }))).state;
    assert.equal(linked.state, 'linked');
    const step = run(linked, { type: 'configured', key: OTHER_KEY });
    assert.equal(step.state.link, null);
    assert.deepEqual(step.state.jobs, []);
    assert.equal(step.state.said, undefined);
    assert.equal(step.state.chosen, undefined);
    assert.equal(step.state.key, OTHER_KEY);
    assert.equal(asked(step).request, linked.seq + 1);
  });

  test('a configuration that cannot be read: idle, and the error a task later (deferred), once', () => {
    const problem = { code: 'invalid-endpoint', message: 'endpoint "javascript:" is not…', status: 0 };
    const step = run(initial(), { type: 'configured', key: KEY, problem });
    assert.equal(step.state.state, 'idle');
    const [abort, defer] = step.effects;
    assert.deepEqual(abort, ABORT);
    assert.deepEqual(defer, { type: 'defer', event: { type: 'refused', request: step.state.request, error: problem } });
    const told = run(step.state, defer.event);
    assert.equal(told.state.state, 'error');
    assert.deepEqual(told.state.failure, { detail: problem, text: 'invalid-endpoint', retry: undefined, back: false });
    assert.deepEqual(told.effects, [{ type: 'xoi-job-link-error', detail: problem }]);
    assert.equal(told.focus, undefined);
    // Reconfigured before the task: the old refusal is stale.
    const again = run(step.state, { type: 'configured', key: KEY, problem });
    ignored(again.state, defer.event);
  });
});

describe('the link read', () => {
  test('not linked: ready, no focus, nothing else', () => {
    const step = loading();
    const answered = run(step.state, { ...asked(step), result: ok({ link: null }) });
    assert.equal(answered.state.state, 'ready');
    assert.deepEqual(answered.effects, []);
    assert.equal(answered.focus, undefined);
  });

  test('linked already: linked, xoi-job-link-linked existing, not announced, no focus', () => {
    const step = loading();
    const link = linkOf();
    const answered = run(step.state, { ...asked(step), result: ok({ link }) });
    assert.equal(answered.state.state, 'linked');
    assert.equal(answered.state.link, link);
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-linked', detail: { ...link, existing: true } }]);
    assert.equal(answered.state.said, undefined);
    assert.equal(answered.focus, undefined);
  });

  test('failed: error, "Try again" reads again, no focus on load', () => {
    const step = loading();
    const result = failed('unauthenticated', 401);
    const answered = run(step.state, { ...asked(step), result });
    assert.equal(answered.state.state, 'error');
    assert.deepEqual(answered.state.failure, {
      detail: result.error,
      text: 'unauthenticated',
      retry: 'load',
      back: false,
    });
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-error', detail: result.error }]);
    assert.equal(answered.focus, undefined);
    // Try again: the technician asked, so the status and then the outcome take focus.
    const retried = run(answered.state, { type: 'retry' });
    assert.equal(retried.state.state, 'loading');
    assert.equal(retried.focus, 'status');
    assert.deepEqual(retried.effects, [ABORT, { type: 'read-link', request: retried.state.request }]);
    assert.equal(run(retried.state, { ...asked(retried), result: ok({ link: null }) }).focus, 'start');
    const linked = run(retried.state, { ...asked(retried), result: ok({ link: linkOf() }) });
    assert.equal(linked.focus, 'link');
    assert.deepEqual(linked.state.said, { what: 'linked', label: 'WO-1 - ABC Corp' });
  });

  test('an answer to a request that is no longer awaited is ignored', () => {
    const first = loading();
    const second = run(first.state, { type: 'configured', key: OTHER_KEY });
    ignored(second.state, { ...asked(first), result: ok({ link: linkOf() }) });
    ignored(second.state, { ...asked(first), result: failed('internal', 500) });
  });
});

describe('the list', () => {
  test('opened from ready: the filter trimmed, the status focused, the read asked', () => {
    const step = run(ready(), { type: 'list', query: '  10432 ' });
    assert.equal(step.state.state, 'loading');
    assert.equal(step.state.busy, 'loadingJobs');
    assert.equal(step.state.query, '10432');
    assert.deepEqual(step.effects, [ABORT, { type: 'read-jobs', request: step.state.request, query: '10432' }]);
    assert.equal(step.focus, 'status');
  });

  test('answered: choosing, the jobs, the count said, focus on the filter', () => {
    const step = run(ready(), { type: 'list', query: '10432' });
    const jobs = [jobOf('job-1')];
    const answered = run(step.state, { ...asked(step), result: ok({ jobs, truncated: true }) });
    assert.equal(answered.state.state, 'choosing');
    assert.equal(answered.state.jobs, jobs);
    assert.equal(answered.state.truncated, true);
    assert.deepEqual(answered.state.said, { what: 'count', jobs: 1, query: '10432', more: false });
    assert.equal(answered.state.next, null, 'a whole list: no next page');
    assert.equal(answered.focus, 'input');
    assert.deepEqual(answered.effects, []);
  });

  test('the same list said twice is still a change (echo flips)', () => {
    const once = choosing();
    const again = run(once, { type: 'list', query: '10432' });
    const twice = run(again.state, { ...asked(again), result: ok({ jobs: once.jobs, truncated: false }) }).state;
    assert.deepEqual(twice.said, once.said);
    assert.notEqual(twice.echo, once.echo);
  });

  test('searched again from the list; "Show all" is a search for nothing', () => {
    const step = run(choosing(), { type: 'list', query: '' });
    assert.deepEqual(asked(step), { type: 'read-jobs', request: step.state.request, query: '' });
  });

  test('failed: error, "Try again" repeats the same search, no "Back"', () => {
    const step = run(ready(), { type: 'list', query: 'beta' });
    const result = failed('xoi-unavailable', 502);
    const answered = run(step.state, { ...asked(step), result });
    assert.deepEqual(answered.state.failure, {
      detail: result.error,
      text: 'xoi-unavailable',
      retry: 'list',
      back: false,
    });
    assert.equal(answered.focus, 'retry');
    ignored(answered.state, { type: 'back' });
    assert.deepEqual(asked(run(answered.state, { type: 'retry' })), {
      type: 'read-jobs',
      request: answered.state.seq + 1,
      query: 'beta',
    });
  });

  test('not from idle, loading, the questions, linking, linked or error', () => {
    const linkingStep = linking();
    for (const state of [
      initial(),
      loading().state,
      run(choosing(), { type: 'pick', job: jobOf('job-1') }).state,
      confirming(),
      linkingStep.state,
      run(linkingStep.state, posted(linkingStep, ok({ link: linkOf() }))).state,
      run(linkingStep.state, posted(linkingStep, failed('internal', 500))).state,
    ])
      ignored(state, { type: 'list', query: 'x' });
  });
});

describe('the list in pages', () => {
  /** The first page of `jobs` shown, with a next page behind `cursor`. */
  function paged(jobs = [jobOf('job-1'), jobOf('job-2')], cursor = 'c1', query = '10432') {
    const step = run(ready(), { type: 'list', query });
    return run(step.state, {
      ...asked(step),
      result: ok({ jobs, truncated: false, hasMore: true, nextCursor: cursor, source: 'index' }),
    }).state;
  }

  test('a first page: its cursor kept, the heading says more follow', () => {
    const state = paged();
    assert.equal(state.state, 'choosing');
    assert.equal(state.next, 'c1');
    assert.deepEqual(state.said, { what: 'count', jobs: 2, query: '10432', more: true });
  });

  test('Show more: the next page asked with the cursor and the filter; the list stays on screen', () => {
    const state = paged();
    const step = run(state, { type: 'more' });
    assert.equal(step.state.state, 'choosing');
    assert.equal(step.state.more, true);
    assert.equal(step.state.jobs, state.jobs);
    assert.deepEqual(step.effects, [
      ABORT,
      { type: 'read-jobs', request: step.state.request, query: '10432', cursor: 'c1' },
    ]);
    assert.equal(step.focus, undefined, 'focus stays on Show more');
    ignored(step.state, { type: 'more' });
  });

  test('the page answered: appended (no job twice), the new cursor kept, focus on the first job added', () => {
    const step = run(paged(), { type: 'more' });
    const page = [jobOf('job-2'), jobOf('job-3'), jobOf('job-4')];
    const answered = run(step.state, {
      ...asked(step),
      result: ok({ jobs: page, truncated: false, hasMore: true, nextCursor: 'c2', source: 'index' }),
    });
    assert.deepEqual(
      answered.state.jobs.map((j) => j.id),
      ['job-1', 'job-2', 'job-3', 'job-4'],
    );
    assert.equal(answered.state.next, 'c2');
    assert.equal(answered.state.more, false);
    assert.equal(answered.state.added, 'job-3');
    assert.equal(answered.focus, 'added');
    assert.deepEqual(answered.state.said, { what: 'count', jobs: 4, query: '10432', more: true });
    const last = run(answered.state, { type: 'more' });
    const end = run(last.state, {
      ...asked(last),
      result: ok({ jobs: [jobOf('job-5')], truncated: false, hasMore: false, nextCursor: null, source: 'index' }),
    });
    assert.equal(end.state.next, null, 'the last page: no Show more');
    ignored(end.state, { type: 'more' });
  });

  test('a page that failed: the list kept, the failure said and reported, Show more tries again', () => {
    const step = run(paged(), { type: 'more' });
    const result = failed('xoi-unavailable', 502);
    const answered = run(step.state, { ...asked(step), result });
    assert.equal(answered.state.state, 'choosing');
    assert.equal(answered.state.jobs.length, 2);
    assert.equal(answered.state.notice, 'moreFailed');
    assert.deepEqual(answered.state.said, { what: 'moreFailed' });
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-error', detail: result.error }]);
    assert.deepEqual(asked(run(answered.state, { type: 'more' })).cursor, 'c1');
  });

  test('a search while a page is read: the page answer is stale and ignored', () => {
    const step = run(paged(), { type: 'more' });
    const search = run(step.state, { type: 'list', query: 'beta' });
    ignored(search.state, {
      ...asked(step),
      result: ok({ jobs: [jobOf('job-9')], truncated: false, hasMore: false, nextCursor: null, source: 'index' }),
    });
  });

  test('a job picked, or the list cancelled, while a page is read: the read dropped', () => {
    const step = run(paged(), { type: 'more' });
    const picked = run(step.state, { type: 'pick', job: jobOf('job-1') });
    assert.equal(picked.state.state, 'confirming-complete');
    assert.deepEqual(picked.effects, [ABORT]);
    ignored(picked.state, { ...asked(step), result: ok({ jobs: [jobOf('job-9')], truncated: false }) });
    const cancelled = run(step.state, { type: 'cancel' });
    assert.equal(cancelled.state.state, 'ready');
    assert.deepEqual(cancelled.effects, [ABORT]);
  });

  test('moved in the page while a page is read: dropped; Show more is offered again', () => {
    const step = run(paged(), { type: 'more' });
    const moved = run(step.state, { type: 'disconnected' });
    assert.deepEqual(moved.effects, [ABORT]);
    assert.equal(moved.state.more, false);
    assert.equal(moved.state.next, 'c1');
    ignored(moved.state, { type: 'reconnected' });
  });
});

describe('the questions', () => {
  test('pick: "Is the work complete?", the notice gone, focus on the question', () => {
    const noted = run(choosing(), { type: 'pick', job: jobOf('job-2') }, { type: 'complete', yes: false }).state;
    assert.equal(noted.notice, 'notComplete');
    const job = jobOf('job-1');
    const step = run(noted, { type: 'pick', job });
    assert.equal(step.state.state, 'confirming-complete');
    assert.equal(step.state.chosen, job);
    assert.equal(step.state.notice, undefined);
    assert.equal(step.focus, 'question');
    assert.deepEqual(step.effects, []);
    ignored(ready(), { type: 'pick', job });
  });

  test('Yes: "Link it?", focus on the question, nothing asked', () => {
    const step = run(choosing(), { type: 'pick', job: jobOf('job-1') }, { type: 'complete', yes: true });
    assert.equal(step.state.state, 'confirming-link');
    assert.equal(step.focus, 'question');
    assert.deepEqual(step.effects, []);
  });

  test('No: back to the list with the advice, said, focus on the job; nothing asked', () => {
    const list = choosing();
    const step = run(list, { type: 'pick', job: jobOf('job-1') }, { type: 'complete', yes: false });
    assert.equal(step.state.state, 'choosing');
    assert.equal(step.state.jobs, list.jobs);
    assert.equal(step.state.notice, 'notComplete');
    assert.deepEqual(step.state.said, { what: 'notComplete' });
    assert.equal(step.focus, 'job');
    assert.deepEqual(step.effects, []);
  });

  test('complete and confirm only answer their own question', () => {
    ignored(choosing(), { type: 'complete', yes: true });
    ignored(confirming(), { type: 'complete', yes: true });
    ignored(run(choosing(), { type: 'pick', job: jobOf('job-1') }).state, { type: 'confirm' });
    ignored(choosing(), { type: 'confirm' });
  });

  test('Cancel: from "Link it?" to the list (focus on the job), from the list to the start', () => {
    const back = run(confirming(), { type: 'cancel' });
    assert.equal(back.state.state, 'choosing');
    assert.equal(back.focus, 'job');
    const start = run(back.state, { type: 'cancel' });
    assert.equal(start.state.state, 'ready');
    assert.equal(start.focus, 'start');
    ignored(start.state, { type: 'cancel' });
    ignored(run(choosing(), { type: 'pick', job: jobOf('job-1') }).state, { type: 'cancel' });
  });
});

describe('the link request', () => {
  test('confirm: linking, the status focused, the POST for the chosen job asked', () => {
    const step = linking('job-2');
    assert.equal(step.state.state, 'linking');
    assert.equal(step.state.busy, 'linking');
    assert.deepEqual(step.effects, [ABORT, { type: 'post-link', request: step.state.request, jobId: 'job-2' }]);
    assert.equal(step.focus, 'status');
  });

  test('linked: xoi-job-link-linked (existing: false), announced, focus on the link', () => {
    const step = linking();
    const link = linkOf();
    const answered = run(step.state, posted(step, ok({ link })));
    assert.equal(answered.state.state, 'linked');
    assert.equal(answered.state.link, link);
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-linked', detail: { ...link, existing: false } }]);
    assert.deepEqual(answered.state.said, { what: 'linked', label: 'WO-1 - ABC Corp' });
    assert.equal(answered.focus, 'link');
    assert.equal(answered.state.notice, undefined);
  });

  test('a link without a label is said by its job id', () => {
    const step = linking();
    const answered = run(step.state, posted(step, ok({ link: linkOf({ label: '' }) })));
    assert.deepEqual(answered.state.said, { what: 'linked', label: 'job-1' });
  });

  test('409 work-order-linked (another session won): its link, existing, and "raced" when another job', () => {
    for (const [jobId, notice] of [
      ['job-1', undefined],
      ['job-9', 'raced'],
    ]) {
      const step = linking();
      const link = linkOf({ jobId });
      const result = failed('already-linked', 409, { reason: 'work-order-linked', link });
      const answered = run(step.state, posted(step, result));
      assert.equal(answered.state.state, 'linked', jobId);
      assert.equal(answered.state.notice, notice, jobId);
      assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-linked', detail: { ...link, existing: true } }]);
      assert.equal(answered.focus, 'link');
    }
  });

  test('409 job-taken: error "jobTaken", Back to the list (no Try again), focus on Back', () => {
    const step = linking();
    const result = failed('already-linked', 409, { reason: 'job-taken', link: null });
    const answered = run(step.state, posted(step, result));
    assert.deepEqual(answered.state.failure, { detail: result.error, text: 'jobTaken', retry: undefined, back: true });
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-error', detail: result.error }]);
    assert.equal(answered.focus, 'back');
    ignored(answered.state, { type: 'retry' });
    const back = run(answered.state, { type: 'back' });
    assert.deepEqual(asked(back), { type: 'read-jobs', request: back.state.request, query: '10432' });
  });

  test('409 in-progress, or a work-order-linked link for another work order: "inProgress", Try again reads the link', () => {
    for (const more of [
      { reason: 'in-progress', link: null },
      { reason: 'work-order-linked', link: linkOf({ workOrderId: 'WO-2' }) },
    ]) {
      const step = linking();
      const answered = run(step.state, posted(step, failed('already-linked', 409, more)));
      assert.equal(answered.state.failure.text, 'inProgress', more.reason);
      assert.equal(answered.state.failure.retry, 'load');
      assert.equal(answered.state.failure.back, false);
      assert.equal(answered.focus, 'retry');
      const retried = run(answered.state, { type: 'retry' });
      assert.deepEqual(asked(retried), { type: 'read-link', request: retried.state.request });
      assert.equal(retried.focus, 'status');
    }
  });

  test('a failure that can pass: Try again posts the same job again, Back goes to the list', () => {
    const step = linking('job-2');
    const answered = run(step.state, posted(step, failed('xoi-unavailable', 502)));
    assert.deepEqual(
      { ...answered.state.failure, detail: undefined },
      { detail: undefined, text: 'xoi-unavailable', retry: 'link', back: true },
    );
    assert.equal(answered.focus, 'retry');
    const retried = run(answered.state, { type: 'retry' });
    assert.deepEqual(asked(retried), { type: 'post-link', request: retried.state.request, jobId: 'job-2' });
    assert.equal(run(answered.state, { type: 'back' }).state.busy, 'loadingJobs');
  });

  test('a failure that would only fail again (403, 404, 400, 405): no Try again, Back to the list', () => {
    for (const [code, status] of [
      ['forbidden', 403],
      ['not-found', 404],
      ['invalid-request', 400],
      ['method-not-allowed', 405],
    ]) {
      const step = linking();
      const answered = run(step.state, posted(step, failed(code, status)));
      assert.equal(answered.state.failure.retry, undefined, code);
      assert.equal(answered.state.failure.back, true, code);
      assert.equal(answered.focus, 'back', code);
    }
  });

  test('retry and back do nothing outside an error that offers them', () => {
    for (const state of [ready(), choosing(), confirming(), linking().state]) {
      ignored(state, { type: 'retry' });
      ignored(state, { type: 'back' });
    }
    const loadFailed = run(loading().state, { ...asked(loading()), result: failed('internal', 500) }).state;
    ignored(loadFailed, { type: 'back' });
  });
});

describe('a link answer after reload() or another work-order (stale, but a link is final)', () => {
  test('reload() while linking, the link made: shown and fired (not focused), the reload read dropped', () => {
    const step = linking();
    const reloaded = run(step.state, { type: 'configured', key: KEY });
    assert.equal(reloaded.state.state, 'loading');
    const link = linkOf();
    const answered = run(reloaded.state, posted(step, ok({ link })));
    assert.equal(answered.state.state, 'linked');
    assert.equal(answered.state.link, link);
    assert.deepEqual(answered.effects, [ABORT, { type: 'xoi-job-link-linked', detail: { ...link, existing: false } }]);
    assert.deepEqual(answered.state.said, { what: 'linked', label: 'WO-1 - ABC Corp' });
    assert.equal(answered.focus, undefined);
    // The reload's read comes back later: stale.
    ignored(answered.state, { ...asked(reloaded), result: ok({ link: null }) });
  });

  test('reload() while linking, answered 409 work-order-linked: shown, existing, "raced" when another job', () => {
    const step = linking();
    const read = run(step.state, { type: 'configured', key: KEY });
    const reloaded = run(read.state, { ...asked(read), result: ok({ link: null }) });
    assert.equal(reloaded.state.state, 'ready');
    const link = linkOf({ jobId: 'job-9' });
    const answered = run(
      reloaded.state,
      posted(step, failed('already-linked', 409, { reason: 'work-order-linked', link })),
    );
    assert.equal(answered.state.state, 'linked');
    assert.equal(answered.state.notice, 'raced');
    assert.deepEqual(answered.effects, [ABORT, { type: 'xoi-job-link-linked', detail: { ...link, existing: true } }]);
  });

  test('another work-order shown: the host hears of the link made, the element shows and says nothing', () => {
    const step = linking();
    const moved = run(step.state, { type: 'configured', key: OTHER_KEY }).state;
    const link = linkOf();
    const answered = run(moved, posted(step, ok({ link })));
    assert.equal(answered.state, moved);
    assert.deepEqual(answered.effects, [{ type: 'xoi-job-link-linked', detail: { ...link, existing: false } }]);
    assert.equal(answered.focus, undefined);
    const existing = run(moved, posted(step, failed('already-linked', 409, { reason: 'work-order-linked', link })));
    assert.deepEqual(existing.effects, [{ type: 'xoi-job-link-linked', detail: { ...link, existing: true } }]);
  });

  test('a stale failure linked nothing: ignored; so is a link for another work order than the one posted', () => {
    const step = linking();
    const reloaded = run(step.state, { type: 'configured', key: KEY }).state;
    ignored(reloaded, posted(step, failed('xoi-unavailable', 502)));
    ignored(reloaded, posted(step, failed('already-linked', 409, { reason: 'job-taken', link: null })));
    ignored(reloaded, posted(step, ok({ link: linkOf({ workOrderId: 'WO-7' }) })));
  });
});

describe('moves: disconnected and reconnected', () => {
  test('while the link is read: the read dropped (aborted), made again on reconnection, without focus', () => {
    const step = loading();
    const away = run(step.state, { type: 'disconnected' });
    assert.deepEqual(away.effects, [ABORT]);
    assert.equal(away.state.state, 'loading');
    assert.equal(away.state.dropped, 'link');
    ignored(away.state, { type: 'disconnected' });
    // The aborted read's answer is stale.
    ignored(away.state, { ...asked(step), result: failed('network', 0) });
    const back = run(away.state, { type: 'reconnected' });
    assert.deepEqual(back.effects, [ABORT, { type: 'read-link', request: back.state.request }]);
    assert.ok(back.state.request > asked(step).request);
    assert.equal(back.state.dropped, undefined);
    assert.equal(back.focus, undefined);
  });

  test('while the list is read: the same search made again on reconnection', () => {
    const step = run(ready(), { type: 'list', query: 'beta' });
    const back = run(step.state, { type: 'disconnected' }, { type: 'reconnected' });
    assert.deepEqual(back.effects, [ABORT, { type: 'read-jobs', request: back.state.request, query: 'beta' }]);
  });

  test('while linking, or with nothing being read: nothing happens either way', () => {
    for (const state of [linking().state, ready(), choosing(), initial()]) {
      ignored(state, { type: 'disconnected' });
      ignored(state, { type: 'reconnected' });
    }
  });

  test('a link made for this work order while away: shown, and the dropped read is not made again', () => {
    const step = linking();
    const list = run(step.state, { type: 'configured', key: KEY });
    const ready = run(list.state, { ...asked(list), result: ok({ link: null }) });
    const reading = run(ready.state, { type: 'list', query: '10432' }, { type: 'disconnected' });
    assert.equal(reading.state.dropped, 'jobs');
    const answered = run(reading.state, posted(step, ok({ link: linkOf() })));
    assert.equal(answered.state.state, 'linked');
    ignored(answered.state, { type: 'reconnected' });
  });
});

describe('edges', () => {
  test('an answer to a search that reload() replaced is ignored', () => {
    const list = run(ready(), { type: 'list', query: 'alpha' });
    const reloaded = run(list.state, { type: 'configured', key: KEY });
    ignored(reloaded.state, { ...asked(list), result: ok({ jobs: [jobOf('job-a')], truncated: false }) });
    ignored(reloaded.state, { ...asked(list), result: failed('xoi-unavailable', 502) });
  });

  test('after an error is mended, Try again and Back do nothing', () => {
    // The list failed, Try again listed it: choosing.
    const step = run(ready(), { type: 'list', query: 'beta' });
    const failedList = run(step.state, { ...asked(step), result: failed('xoi-unavailable', 502) });
    const retried = run(failedList.state, { type: 'retry' });
    const listed = run(retried.state, { ...asked(retried), result: ok({ jobs: [jobOf('job-1')], truncated: false }) });
    assert.equal(listed.state.state, 'choosing');
    ignored(listed.state, { type: 'retry' });
    // The job was taken, Back listed the jobs again: choosing.
    const post = linking();
    const taken = run(post.state, posted(post, failed('already-linked', 409, { reason: 'job-taken', link: null })));
    const back = run(taken.state, { type: 'back' });
    const again = run(back.state, { ...asked(back), result: ok({ jobs: [jobOf('job-2')], truncated: false }) });
    assert.equal(again.state.state, 'choosing');
    ignored(again.state, { type: 'back' });
  });

  test("a configuration refused after reads: its refusal has a new request id, an earlier read's answer stays stale", () => {
    const load = loading();
    const list = run(run(load.state, { ...asked(load), result: ok({ link: null }) }).state, {
      type: 'list',
      query: '',
    });
    const problem = { code: 'invalid-endpoint', message: 'endpoint is not…', status: 0 };
    const refused = run(list.state, { type: 'configured', key: KEY, problem });
    const [, defer] = refused.effects;
    assert.ok(defer.event.request > asked(list).request);
    ignored(refused.state, { ...asked(load), result: ok({ link: linkOf() }) });
    ignored(refused.state, { ...asked(list), result: ok({ jobs: [], truncated: false }) });
  });

  test('a stale link answer shown for this work order: later requests get new ids, older answers stay stale', () => {
    const step = linking();
    const reloaded = run(step.state, { type: 'configured', key: KEY });
    const answered = run(reloaded.state, posted(step, ok({ link: linkOf() })));
    assert.equal(answered.state.key, KEY);
    const again = run(answered.state, { type: 'configured', key: KEY });
    assert.ok(asked(again).request > asked(reloaded).request);
    ignored(again.state, { ...asked(reloaded), result: ok({ link: null }) });
  });

  test('409 work-order-linked: the link is announced; without a readable link it is "in progress"', () => {
    const step = linking();
    const link = linkOf({ jobId: 'job-9' });
    const answered = run(
      step.state,
      posted(step, failed('already-linked', 409, { reason: 'work-order-linked', link })),
    );
    assert.deepEqual(answered.state.said, { what: 'linked', label: 'WO-1 - ABC Corp' });
    const unreadable = run(
      step.state,
      posted(step, failed('already-linked', 409, { reason: 'work-order-linked', link: null })),
    );
    assert.equal(unreadable.state.state, 'error');
    assert.equal(unreadable.state.failure.text, 'inProgress');
  });
});
