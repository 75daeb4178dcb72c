/**
 * The test helpers over HTTP, under `/__xoi-cloud/`: for tests that cannot call the mock's
 * JavaScript API (another process, another language, the `xoi-share-button mock` server).
 * Each route calls the same function as the JavaScript API; bad input is a 400 naming the field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, methodOf, pathSegments, readJson, sendJson } from '../http.js';
import type { Cloud } from './cloud.js';
import { isObject } from './seed-checks.js';
import type { TranscriptOptions } from './types.js';

export const ADMIN = '/__xoi-cloud';

interface AdminRequest {
  cloud: Cloud;
  body: Record<string, unknown>;
  /** The `:id` segment, when the route has one. */
  id: string;
  origin: string;
}
type Answer = [status: number, body: unknown];
type Route = [method: string, path: string, handle: (request: AdminRequest) => Answer | Promise<Answer>];

/** `body[name]` when it is a string (or absent: `undefined`); a 400 otherwise. */
function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new HttpError(400, `${name} must be a string`);
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw new HttpError(400, `${name} is required`);
  return value;
}

function transcriptOptions(body: Record<string, unknown>): TranscriptOptions {
  const { pending, stepIndex } = body;
  if (pending !== undefined && typeof pending !== 'boolean') throw new HttpError(400, 'pending must be true or false');
  if (stepIndex !== undefined && !Number.isInteger(stepIndex)) throw new HttpError(400, 'stepIndex must be an integer');
  return {
    pending,
    stepIndex: stepIndex as number | undefined,
    workflowName: optionalString(body, 'workflowName'),
    workflowLabel: optionalString(body, 'workflowLabel'),
    stepName: optionalString(body, 'stepName'),
    workflowJobId: optionalString(body, 'workflowJobId'),
  };
}

const OK: Answer = [200, { ok: true }];

const ROUTES: readonly Route[] = [
  ['GET', 'requests', ({ cloud }) => [200, cloud.requests]],
  ['DELETE', 'requests', ({ cloud }) => ((cloud.requests.length = 0), OK)],
  ['DELETE', 'state', ({ cloud }) => (cloud.reset(), OK)],
  ['GET', 'hosts', ({ cloud, origin }) => [200, cloud.hostsFor(origin)]],
  ['GET', 'users', ({ cloud }) => [200, cloud.users.list()]],
  ['POST', 'users', ({ cloud, body }) => [201, cloud.actions.seedUser(body)]],
  ['GET', 'jobs', ({ cloud }) => [200, [...cloud.store.jobs.values()]]],
  ['POST', 'jobs', ({ cloud, body }) => [201, cloud.actions.seedJob(body)]],
  ['DELETE', 'jobs/:id', ({ cloud, id }) => (cloud.actions.deleteJob(id), [200, { id }])],
  ['POST', 'jobs/:id/complete', ({ cloud, id }) => [200, cloud.actions.completeJob(id)]],
  [
    'POST',
    'jobs/:id/workflows',
    ({ cloud, id, body }) => [
      200,
      { workflowJobId: cloud.actions.finishWorkflow(id, optionalString(body, 'workflowJobId')) },
    ],
  ],
  [
    'POST',
    'jobs/:id/transcripts',
    ({ cloud, id, body }) => [
      201,
      cloud.actions.addTranscript(id, requiredString(body, 'text'), transcriptOptions(body)),
    ],
  ],
  [
    'POST',
    'jobs/:id/work-summaries',
    ({ cloud, id, body }) => [201, cloud.actions.addWorkSummary(id, requiredString(body, 'text'))],
  ],
  ['POST', 'jobs/:id/documentation', ({ cloud, id, body }) => [201, cloud.actions.addDocumentation(id, body)]],
  ['POST', 'jobs/:id/process', ({ cloud, id }) => [200, { processed: cloud.actions.processPending(id) }]],
  ['POST', 'faults', ({ cloud, body }) => (cloud.faults.add(body), [201, { faults: cloud.faults.list() }])],
  ['DELETE', 'faults', ({ cloud }) => (cloud.faults.clear(), OK)],
  [
    'POST',
    'clock',
    ({ cloud, body }) => (cloud.store.advanceTime(Number(body.advanceMs ?? 0)), [200, { now: cloud.store.iso() }]),
  ],
  ['POST', 'tokens/expire', ({ cloud }) => (cloud.store.expireTokens(), OK)],
  [
    'PUT',
    'notify-url',
    ({ cloud, body }) => (
      (cloud.notifier.url = optionalString(body, 'url') || null),
      [200, { notifyUrl: cloud.notifier.url }]
    ),
  ],
  [
    'POST',
    'notify',
    async ({ cloud, body }) => {
      const url = requiredString(body, 'url');
      const traits = Array.isArray(body.traits) ? body.traits.map(String) : undefined;
      const payload =
        body.payload ??
        cloud.notifier.payload(requiredString(body, 'event'), requiredString(body, 'jobId'), {
          traits,
          workflowJobId: optionalString(body, 'workflowJobId'),
        });
      return [200, await cloud.notifier.notify(url, payload)];
    },
  ],
  ['GET', 'notifications', ({ cloud }) => [200, cloud.notifier.sent]],
];

/** The route for `method` and `segments`, with its `:id`. */
function match(method: string, segments: string[]): { route: Route; id: string } | undefined {
  for (const route of ROUTES) {
    const parts = route[1].split('/');
    if (route[0] !== method || parts.length !== segments.length) continue;
    if (parts.every((part, i) => part === ':id' || part === segments[i])) {
      return { route, id: segments[parts.indexOf(':id')] ?? '' };
    }
  }
  return undefined;
}

/** Handles a request under {@link ADMIN}; `path` is what follows it. */
export async function onAdmin(
  cloud: Cloud,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  origin: string,
): Promise<void> {
  const method = methodOf(req);
  const found = match(method, pathSegments(path));
  if (!found) {
    sendJson(res, 404, { message: `No test helper at ${method} ${ADMIN}${path}` });
    return;
  }
  const raw = method === 'GET' || method === 'DELETE' ? {} : await readJson(req);
  if (!isObject(raw)) throw new HttpError(400, 'the body must be a JSON object');
  const [status, body] = await found.route[2]({ cloud, body: raw, id: found.id, origin });
  sendJson(res, status, body);
}
