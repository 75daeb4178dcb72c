// The client's retry decision (src/server/client/decide.ts) as a table: what one attempt came to,
// where the call stands → retry at once with a fresh token, retry after N ms, or give up with
// which XoiError. Pure: no HTTP, no clock; the back-off's random half is the row's `jitter`.
// Defaults: getJob, attempt 1 of 3, no token refreshed yet, base 1 s, cap 10 s, jitter 0.5
// (so the n-th wait is 0.75 × 1 s × 2^(n−1)).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide } from '../../dist/npm/server/client/decide.js';
import { XoiError } from '../../dist/npm/server/index.js';

const CONTEXT = {
  operation: 'getJob',
  attempt: 1,
  attempts: 3,
  refreshed: false,
  retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
  jitter: 0.5,
};

const notFound = [{ errorType: 'NotFound', message: 'Job job-9 not found' }];
const lambda = [{ errorType: 'Lambda:Unhandled', message: 'boom' }];
const validation = [{ message: "Variable 'input' has coerced Null value for NonNull type 'ID!'" }];
const unauthorized = [{ errorType: 'Unauthorized', message: 'Not Authorized to access getJob on type Query' }];

const graphql = (errors, errorClass) => ({ kind: 'graphql', status: 200, errors, errorClass });
const retryIn = (delayMs) => ({ action: 'retry', delayMs });
const REFRESH = { action: 'refresh-token' };
const giveUp = (code, message, details = {}) => ({ action: 'give-up', code, message, ...details });

// [name, outcome, context changes, expected]
const ROWS = [
  ['dropped connection, attempt 1', { kind: 'network', reason: 'fetch failed' }, {}, retryIn(750)],
  ['dropped connection, attempt 2', { kind: 'network', reason: 'fetch failed' }, { attempt: 2 }, retryIn(1500)],
  [
    'dropped connection on the last attempt',
    { kind: 'network', reason: 'fetch failed' },
    { attempt: 3 },
    giveUp('unavailable', 'getJob failed after 3 attempts: fetch failed.', { attempts: 3 }),
  ],
  ['timeout, attempt 1', { kind: 'timeout' }, {}, retryIn(750)],
  [
    'timeout on the last attempt',
    { kind: 'timeout' },
    { attempt: 3 },
    giveUp('unavailable', 'getJob failed after 3 attempts: timed out.'),
  ],
  ['HTTP 401 with the cached token: a fresh token, at once', { kind: 'unauthorized' }, {}, REFRESH],
  [
    'HTTP 401 on the last attempt: still a fresh token (a repeat is not an attempt)',
    { kind: 'unauthorized' },
    { attempt: 3 },
    REFRESH,
  ],
  [
    'HTTP 401 after a refresh: the key is refused',
    { kind: 'unauthorized' },
    { refreshed: true },
    giveUp('auth', 'getJob: XOi refused a freshly issued token (HTTP 401).', { status: 401, attempts: 1 }),
  ],
  ['HTTP 503', { kind: 'http', status: 503, retryAfterMs: 0 }, {}, retryIn(750)],
  ['HTTP 500, attempt 2', { kind: 'http', status: 500, retryAfterMs: 0 }, { attempt: 2 }, retryIn(1500)],
  ['HTTP 429 without Retry-After', { kind: 'http', status: 429, retryAfterMs: 0 }, {}, retryIn(750)],
  [
    'HTTP 429, Retry-After 5 s: the longer wait wins',
    { kind: 'http', status: 429, retryAfterMs: 5000 },
    {},
    retryIn(5000),
  ],
  [
    'HTTP 503, Retry-After 0.2 s: the back-off wins',
    { kind: 'http', status: 503, retryAfterMs: 200 },
    {},
    retryIn(750),
  ],
  [
    'HTTP 503, Retry-After 1 h: capped at maxDelayMs',
    { kind: 'http', status: 503, retryAfterMs: 3_600_000 },
    {},
    retryIn(10_000),
  ],
  [
    'HTTP 429 on the last attempt',
    { kind: 'http', status: 429, retryAfterMs: 5000 },
    { attempt: 3 },
    giveUp('unavailable', 'getJob failed after 3 attempts: HTTP 429.', { status: 429 }),
  ],
  [
    'HTTP 400: refused, no retry',
    { kind: 'http', status: 400, retryAfterMs: 0 },
    {},
    giveUp('rejected', 'getJob: XOi answered HTTP 400.', { status: 400, attempts: 1 }),
  ],
  [
    'HTTP 403: refused, no retry',
    { kind: 'http', status: 403, retryAfterMs: 0 },
    {},
    giveUp('rejected', 'getJob: XOi answered HTTP 403.', { status: 403 }),
  ],
  ['GraphQL error worth a retry', graphql(lambda, 'retry'), {}, retryIn(750)],
  [
    'GraphQL error worth a retry, on the last attempt',
    graphql(lambda, 'retry'),
    { attempt: 3 },
    giveUp('unavailable', 'getJob failed after 3 attempts: GraphQL error: Lambda:Unhandled: boom.', {
      status: 200,
      graphqlErrors: lambda,
    }),
  ],
  [
    'GraphQL not-found: no retry',
    graphql(notFound, 'not-found'),
    {},
    giveUp('not-found', 'getJob: NotFound: Job job-9 not found', { graphqlErrors: notFound }),
  ],
  [
    'GraphQL rejected: no retry',
    graphql(validation, 'rejected'),
    {},
    giveUp('rejected', "getJob: Variable 'input' has coerced Null value for NonNull type 'ID!'"),
  ],
  ['GraphQL auth with the cached token: a fresh token, at once', graphql(unauthorized, 'auth'), {}, REFRESH],
  [
    'GraphQL auth after a refresh: the key may not do this',
    graphql(unauthorized, 'auth'),
    { refreshed: true },
    giveUp('auth', 'getJob: Unauthorized: Not Authorized to access getJob on type Query'),
  ],
  ['a bad shape', { kind: 'bad-shape', status: 200, reason: 'the answer had no data' }, {}, retryIn(750)],
  [
    'a bad shape on the last attempt',
    { kind: 'bad-shape', status: 200, reason: 'the answer was not JSON' },
    { attempt: 3 },
    giveUp('unavailable', 'getJob failed after 3 attempts: the answer was not JSON.', { status: 200 }),
  ],
  [
    'several GraphQL errors: each in the message, joined by "; "',
    graphql([...notFound, { message: 'and the step too' }], 'not-found'),
    {},
    giveUp('not-found', 'getJob: NotFound: Job job-9 not found; and the step too'),
  ],
  [
    'a long GraphQL error: the message keeps its first 300 characters',
    graphql([{ message: `${'x'.repeat(299)}yz` }], 'rejected'),
    {},
    giveUp('rejected', `getJob: ${'x'.repeat(299)}y`),
  ],
  [
    'an empty share link',
    { kind: 'empty', status: 200, reason: 'XOi returned an empty shareLink' },
    { operation: 'createJobShare' },
    retryIn(750),
  ],
  [
    'no share (jobShare: null) on the last attempt',
    { kind: 'empty', status: 200, reason: 'XOi returned no share (jobShare: null)' },
    { operation: 'createJobShare', attempt: 3 },
    giveUp('unavailable', 'createJobShare failed after 3 attempts: XOi returned no share (jobShare: null).', {
      operation: 'createJobShare',
    }),
  ],
  [
    'a call allowed one attempt (createJob without externalId)',
    { kind: 'http', status: 502, retryAfterMs: 0 },
    { operation: 'createJob', attempts: 1 },
    giveUp('unavailable', 'createJob failed after 1 attempt: HTTP 502.', { attempts: 1 }),
  ],
  ['jitter 0: half the step', { kind: 'timeout' }, { attempt: 2, jitter: 0 }, retryIn(1000)],
  ['jitter just under 1: the whole step', { kind: 'timeout' }, { attempt: 2, jitter: 0.999999 }, retryIn(2000)],
  [
    'attempt 5 of 10: the step is capped at maxDelayMs before the jitter',
    { kind: 'timeout' },
    { attempt: 5, attempts: 10 },
    retryIn(7500),
  ],
];

/** The decision as plain data: the XoiError's code, message and the details the row names. */
function seen(decision, expected) {
  if (decision.action !== 'give-up') return decision;
  assert.ok(decision.error instanceof XoiError);
  const picked = { action: 'give-up', code: decision.error.code, message: decision.error.message };
  for (const key of Object.keys(expected)) if (!(key in picked)) picked[key] = decision.error[key];
  return picked;
}

describe('decide: one attempt’s outcome → what the call does next', () => {
  for (const [name, outcome, changes, expected] of ROWS) {
    test(`${name} → ${expected.action}${expected.code ? ` ${expected.code}` : ''}`, () => {
      assert.deepEqual(seen(decide(outcome, { ...CONTEXT, ...changes }), expected), expected);
    });
  }

  test('every outcome kind and every action is in the table', () => {
    assert.deepEqual(
      new Set(ROWS.map((r) => r[1].kind)),
      new Set(['network', 'timeout', 'unauthorized', 'http', 'graphql', 'bad-shape', 'empty']),
    );
    assert.deepEqual(new Set(ROWS.map((r) => r[3].action)), new Set(['retry', 'refresh-token', 'give-up']));
  });

  test('the same input gives the same decision (nothing but its arguments decides)', () => {
    for (const [, outcome, changes] of ROWS) {
      const a = decide(outcome, { ...CONTEXT, ...changes });
      const b = decide(outcome, { ...CONTEXT, ...changes });
      assert.deepEqual(seen(a, {}), seen(b, {}));
    }
  });
});
