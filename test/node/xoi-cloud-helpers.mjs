// Shared set-up for the XOi Cloud tier's node tests: the mock XOi Cloud on a loopback port, and
// clients of the BUILT server module (dist/npm/server) whose sleep only records the back-off
// asked for, whose jitter is fixed and whose clock the test moves.
import http from 'node:http';
import { createXoiCloud } from '../../dist/npm/mock/xoi-cloud.js';
import { createXoiClient } from '../../dist/npm/server/index.js';

export const T0 = Date.parse('2025-03-18T12:00:00.000Z');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)).then(
    () => `http://127.0.0.1:${server.address().port}`,
  );
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    });
}

/**
 * The technicians the tests have the client create or reassign jobs for: XOi's users, since XOi
 * (and the mock) refuse an assignee id that is not one.
 */
export const TEST_USERS = [{ email: 'jane.tech@example.com' }, { email: 'other.tech@example.com' }];

/**
 * The mock on http://127.0.0.1:<port> with {@link TEST_USERS} (or `options.users`); `hosts` is the
 * client's `environment` for it.
 */
export async function startCloud(options = {}) {
  const cloud = createXoiCloud({ users: TEST_USERS, ...options });
  const server = http.createServer((req, res) => cloud.middleware(req, res));
  const origin = await listen(server);
  return { cloud, origin, hosts: cloud.hostsFor(origin), close: closer(server) };
}

/** Any `(req, res)` listener on a loopback port. */
export async function serve(listener) {
  const server = http.createServer(listener);
  const origin = await listen(server);
  return { origin, close: closer(server) };
}

/**
 * A client of the mock. `sleeps` lists every back-off delay the client asked for (none is
 * actually waited); `random` is 0.5, so delays are 0.75 × base × 2^(n−1).
 */
export function clientFor(env, overrides = {}) {
  const sleeps = [];
  const clock = { now: T0 };
  const client = createXoiClient({
    apiKey: env.cloud.credentials.apiKey,
    apiSecret: env.cloud.credentials.apiSecret,
    environment: env.hosts,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => clock.now,
    ...overrides,
  });
  return { client, sleeps, clock };
}

/** The mock's request log for one service: `[operation, status]` pairs. */
export function calls(cloud, service) {
  return cloud.requests.filter((r) => r.service === service).map((r) => [r.operation, r.status]);
}

/** Resolves with the rejection of `promise` (fails when it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * A bare XOi on a loopback port, for answers the mock cannot give: a token endpoint, and jobs and
 * share GraphQL endpoints answered by `answer(operation, variables)` → `{ status?, body }` (a
 * string body is sent as is). `requests` lists every request as `{ service, operation,
 * authorization }` (`operation` is null for the token); `client` talks to it like `clientFor()`.
 */
export async function fakeXoi(answer, overrides = {}) {
  const requests = [];
  let tokens = 0;
  const { origin, close } = await serve(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const service = new URL(req.url, 'http://x').pathname.split('/')[1];
    if (service === 'token') {
      requests.push({ service, operation: null, authorization: null });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `token-${++tokens}` }));
      return;
    }
    const { query, variables } = JSON.parse(text);
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? null;
    requests.push({ service, operation, authorization: req.headers.authorization });
    const { status = 200, body } = await answer(operation, variables);
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  const hosts = { tokenUrl: `${origin}/token`, jobsUrl: `${origin}/jobs/graphql`, shareUrl: `${origin}/share/graphql` };
  const sleeps = [];
  const client = createXoiClient({
    apiKey: 'key',
    apiSecret: 'secret',
    environment: hosts,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  const graphql = () => requests.filter((r) => r.service !== 'token').map((r) => r.operation);
  return { client, requests, graphql, sleeps, close };
}
