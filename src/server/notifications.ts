/**
 * XOi change notifications (webhooks, fact sheet §6) as a Fetch API handler. XOi POSTs
 *
 *     {"orgId", "event", "jobId", "workflowJobId" ("" at job level), "traits": [], "firedAt"}
 *
 * to a URL its account manager configures. The handler checks that body (bad input → 400,
 * nothing emitted), drops exact re-deliveries, and emits one typed event per notification.
 * XOi documents no signature, auth header, retry policy or expected status: protect the URL
 * with `authorize` (e.g. a secret in the query string) and answer 2xx only once handled.
 */
import { ID_SYNTAX } from './client/client.js';
import { errorJson, integerOption, json, readText } from './http.js';
import { notificationDelivery, type NotificationDelivery } from './notification-queue.js';
import type { XoiQueue } from './queue/queue.js';
import type { NotificationInbox } from './stores/notification-inbox.js';

type MaybePromise<T> = T | Promise<T>;

export type XoiChangeEventType = 'workflow-finished' | 'job-completed' | 'job-updated' | 'job-deleted';

/** The documented body, checked. */
export interface XoiNotificationPayload {
  orgId: string;
  event: string;
  jobId: string;
  /** "" for a job-level notification. */
  workflowJobId: string;
  traits: string[];
  /** As sent: "2020-03-18 18:49:20" in XOi's example (no zone). Absent → null. */
  firedAt: string | null;
}

export interface XoiChangeEvent<T extends XoiChangeEventType = XoiChangeEventType> {
  type: T;
  orgId: string;
  jobId: string;
  /** Null for a job-level notification. */
  workflowJobId: string | null;
  /** E.g. `transcript`, `processed`, `pending`, `dataplate` — what changed. */
  traits: string[];
  /** ISO 8601 (UTC when XOi sent no zone), or null when XOi sent none. */
  firedAt: string | null;
  /** XOi's event name as sent (`job_update`, `job_updated`, …). */
  event: string;
}

export type XoiChangeListener<T extends XoiChangeEventType = XoiChangeEventType> = (
  event: XoiChangeEvent<T>,
) => MaybePromise<void>;

/** Remembers notification keys; `claim` is true the first time a key is seen. */
export interface NotificationDedupeStore {
  claim(key: string): MaybePromise<boolean>;
  /** Forgets a key whose listeners failed, so XOi's re-delivery is handled again. */
  release(key: string): MaybePromise<void>;
}

export interface XoiNotificationsOptions {
  /** false → 401 and nothing emitted. XOi documents no signature: check a secret you put in the URL. */
  authorize?: (request: Request) => MaybePromise<boolean>;
  /**
   * Durable delivery (production): the store whose inbox records notifications and the queue
   * the listeners run from. A notification is answered 2xx once recorded and queued; listeners
   * run as queue jobs, retried while they fail, dead-lettered when they still fail. Without
   * them, listeners run before the answer, in this process (tests, demos).
   */
  store?: { notifications: NotificationInbox };
  queue?: XoiQueue;
  /**
   * Listener jobs: retries, first delay (doubling), jobs at once per instance, and how long one may
   * run before it is taken for dead and retried elsewhere. Defaults 10, 5 s, 4, 300 s.
   */
  delivery?: { retryLimit?: number; retryDelaySeconds?: number; concurrency?: number; expireInSeconds?: number };
  /** In-process delivery only. Default: in memory, 24 h, at most 10,000 keys ({@link createMemoryDedupe}). */
  dedupe?: NotificationDedupeStore;
  /** Event name → type; default {@link classifyNotification}. Return null to ignore a notification. */
  classify?: (payload: XoiNotificationPayload) => XoiChangeEventType | null;
  /** Default 64 KiB; 64 B to 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Told about listener failures and store errors: with the request when answering (the answer
   * is then 500), without it for a queued listener job that failed (it is retried).
   */
  onError?: (error: unknown, context: { request?: Request; event?: XoiChangeEvent }) => void;
}

export interface XoiNotifications {
  /** The handler: `POST` the notification; answers JSON. Bound, so `export const POST = n.handle` works. */
  handle: (request: Request) => Promise<Response>;
  /** Resolves once durable delivery works (at once without a queue); rejects with why it cannot. */
  ready: Promise<void>;
  /** Listens to one type or to all (`'*'`); returns the unsubscribe function. */
  on<T extends XoiChangeEventType>(type: T, listener: XoiChangeListener<T>): () => void;
  on(type: '*', listener: XoiChangeListener): () => void;
}

const UPDATE_EVENTS = new Set(['job_update', 'job_updated']);
const DELETE_EVENTS = new Set(['job_delete', 'job_deleted']);
const COMPLETE_EVENTS = new Set(['job_complete', 'job_completed']);
const WORKFLOW_EVENTS = new Set([
  'workflow_job_update',
  'workflow_job_updated',
  'workflow_complete',
  'workflow_completed',
]);

/**
 * Which event a notification is. XOi's names are inconsistent (`job_update` and `job_updated`,
 * `job_delete` and `job_deleted`; its Dynamics integration also accepts `workflow_job_update`
 * and `job_completed`), and the update names cover three documented occasions. So:
 *
 * - `job_delete(d)` → `job-deleted`; `job_complete(d)` → `job-completed`
 * - an update (`job_update(d)`, `workflow_job_update(d)`, …) with traits → `job-updated`
 *   (a completed job or finished workflow changed: transcript, dataplate, edits…)
 * - an update without traits, with a `workflowJobId` → `workflow-finished`; without → `job-completed`
 * - anything else → null (answered 200, not emitted, so XOi does not re-deliver it forever).
 */
export function classifyNotification(payload: XoiNotificationPayload): XoiChangeEventType | null {
  const event = payload.event
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (DELETE_EVENTS.has(event)) return 'job-deleted';
  if (COMPLETE_EVENTS.has(event)) return 'job-completed';
  if (!UPDATE_EVENTS.has(event) && !WORKFLOW_EVENTS.has(event)) return null;
  if (payload.traits.length > 0) return 'job-updated';
  return payload.workflowJobId ? 'workflow-finished' : 'job-completed';
}

// "2020-03-18 18:49:20" (XOi's example) or ISO 8601 with an optional zone.
const FIRED_AT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** The firedAt instant as ISO; a time without zone is taken as UTC (XOi does not say). */
export function parseFiredAt(value: string): string | null {
  const m = FIRED_AT.exec(value.trim());
  if (!m) return null;
  const zone = m[3] ? (m[3].toUpperCase() === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const time = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const LIMIT = 256;

/** The payload, or every problem with it (for the 400 message). */
export function parseNotification(body: unknown): { payload: XoiNotificationPayload } | { problems: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { problems: ['the body must be a JSON object'] };
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const required = (field: string): string => {
    const v = b[field];
    if (typeof v !== 'string' || !v.trim()) problems.push(`${field} must be a non-empty string`);
    else if (v.length > LIMIT) problems.push(`${field} must be at most ${LIMIT} characters`);
    return typeof v === 'string' ? v.trim() : '';
  };
  // An id XOi sends has no spaces or control characters (the client's ID_SYNTAX): one that does is
  // refused here, not accepted and then failed by every retry of its listeners.
  const id = (field: string, value: string): string => {
    if (value && !ID_SYNTAX.test(value)) problems.push(`${field} must not contain spaces or control characters`);
    return value;
  };
  const orgId = required('orgId');
  const event = required('event');
  const jobId = id('jobId', required('jobId'));
  let workflowJobId = '';
  if (b.workflowJobId !== undefined && b.workflowJobId !== null) {
    if (typeof b.workflowJobId !== 'string' || b.workflowJobId.length > LIMIT) {
      problems.push(`workflowJobId must be a string of at most ${LIMIT} characters`);
    } else workflowJobId = id('workflowJobId', b.workflowJobId.trim());
  }
  let traits: string[] = [];
  if (b.traits !== undefined && b.traits !== null) {
    if (
      !Array.isArray(b.traits) ||
      b.traits.length > 100 ||
      !b.traits.every((t) => typeof t === 'string' && t.length <= 64)
    ) {
      problems.push('traits must be an array of at most 100 strings');
    } else traits = [...new Set(b.traits.map((t: string) => t.trim()).filter(Boolean))];
  }
  let firedAt: string | null = null;
  if (b.firedAt !== undefined && b.firedAt !== null) {
    firedAt = typeof b.firedAt === 'string' ? parseFiredAt(b.firedAt) : null;
    if (!firedAt) problems.push('firedAt must be a date-time like "2020-03-18 18:49:20"');
    else firedAt = (b.firedAt as string).trim();
  }
  if (problems.length) return { problems };
  return { payload: { orgId, event, jobId, workflowJobId, traits, firedAt } };
}

/** In-memory dedupe: remembers each key for `ttlMs`, the oldest forgotten first beyond `max`. */
export function createMemoryDedupe({
  ttlMs = 24 * 3_600_000,
  max = 10_000,
  now = Date.now,
}: { ttlMs?: number; max?: number; now?: () => number } = {}): NotificationDedupeStore {
  integerOption('createMemoryDedupe', 'ttlMs', ttlMs, 1, Number.MAX_SAFE_INTEGER);
  integerOption('createMemoryDedupe', 'max', max, 1, Number.MAX_SAFE_INTEGER);
  const seen = new Map<string, number>(); // key → expiry, in insertion order
  return {
    claim(key) {
      const t = now();
      for (const [k, expiry] of seen) {
        if (expiry > t && seen.size < max) break;
        seen.delete(k);
      }
      const expiry = seen.get(key);
      if (expiry !== undefined && expiry > t) return false;
      seen.delete(key);
      seen.set(key, t + ttlMs);
      return true;
    },
    release(key) {
      seen.delete(key);
    },
  };
}

/** Creates the notification handler and its event source. */
export function createXoiNotifications(options: XoiNotificationsOptions = {}): XoiNotifications {
  const dedupe = options.dedupe ?? createMemoryDedupe();
  const classify = options.classify ?? classifyNotification;
  const maxBodyBytes = integerOption(
    'createXoiNotifications',
    'maxBodyBytes',
    options.maxBodyBytes ?? 64 * 1024,
    64,
    1 << 20,
  );
  const listeners = new Map<XoiChangeEventType | '*', Set<XoiChangeListener>>();
  if (Boolean(options.store) !== Boolean(options.queue)) {
    throw new TypeError('createXoiNotifications: durable delivery needs both store and queue');
  }

  /** Every listener of the event; rejects with the first failure once all have run. */
  async function dispatch(event: XoiChangeEvent): Promise<void> {
    const targets = [...(listeners.get(event.type) ?? []), ...(listeners.get('*') ?? [])];
    const results = await Promise.allSettled(targets.map(async (listener) => listener(structuredClone(event))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  const durable: NotificationDelivery<XoiChangeEvent> | null =
    options.store && options.queue
      ? notificationDelivery({
          inbox: options.store.notifications,
          queue: options.queue,
          dispatch: (event) =>
            dispatch(event).catch((error: unknown) => {
              report(error, undefined, event);
              throw error;
            }),
          ...options.delivery,
        })
      : null;

  const report = (error: unknown, request?: Request, event?: XoiChangeEvent) => {
    try {
      options.onError?.(error, { request, event });
    } catch {
      // A failing logger must not change the answer.
    }
  };

  function on<T extends XoiChangeEventType>(type: T | '*', listener: XoiChangeListener<T>): () => void {
    if (typeof listener !== 'function') throw new TypeError('on(type, listener): listener must be a function');
    // Listeners are looked up by the event's type, so this one only ever gets an XoiChangeEvent<T>.
    const stored = listener as XoiChangeListener;
    let set = listeners.get(type);
    if (!set) listeners.set(type, (set = new Set()));
    set.add(stored);
    return () => {
      listeners.get(type)?.delete(stored);
    };
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST') return errorJson(405, 'method-not-allowed', 'Use POST.', {}, { allow: 'POST' });
    try {
      if (options.authorize && !(await options.authorize(request))) {
        return errorJson(401, 'unauthenticated', 'This notification URL needs its secret.');
      }
    } catch (error) {
      report(error, request);
      return errorJson(500, 'internal', 'Could not check the notification.');
    }
    const text = await readText(request, maxBodyBytes).catch(() => undefined);
    if (text === null) return errorJson(413, 'invalid-request', `The body is larger than ${maxBodyBytes} bytes.`);
    let body: unknown;
    try {
      if (text === undefined) throw new Error('not UTF-8');
      body = JSON.parse(text);
    } catch {
      return errorJson(400, 'invalid-request', 'The body must be a JSON notification.');
    }
    const parsed = parseNotification(body);
    if ('problems' in parsed)
      return errorJson(400, 'invalid-request', `Invalid notification: ${parsed.problems.join('; ')}.`);
    const { payload } = parsed;
    const type = classify(payload);
    if (!type)
      return json(200, { received: true, ignored: `unknown event ${JSON.stringify(payload.event.slice(0, 64))}` });

    const event: XoiChangeEvent = {
      type,
      orgId: payload.orgId,
      jobId: payload.jobId,
      workflowJobId: payload.workflowJobId || null,
      traits: payload.traits,
      firedAt: payload.firedAt === null ? null : parseFiredAt(payload.firedAt),
      event: payload.event,
    };
    // XOi may deliver the same notification twice (its own integrations de-duplicate): the same
    // job, workflow, event, traits and firing time is the same notification, whatever the spelling.
    // Without a firing time a re-delivery looks exactly like a later change of the same kind (a
    // second transcript processed): emitting twice is safer than dropping that change for the
    // whole de-duplication window.
    const key =
      event.firedAt === null
        ? null
        : JSON.stringify([
            event.orgId,
            type,
            event.jobId,
            event.workflowJobId,
            [...event.traits].sort(),
            event.firedAt,
          ]);
    if (durable) {
      try {
        const outcome = await durable.accept(key, event);
        return json(200, { received: true, duplicate: outcome === 'duplicate', type });
      } catch (error) {
        report(error, request, event);
        // Nothing was recorded: XOi's re-delivery (if it re-delivers) is accepted.
        return errorJson(500, 'internal', 'Could not record the notification; send it again.');
      }
    }
    if (key !== null) {
      let first: boolean;
      try {
        first = await dedupe.claim(key);
      } catch (error) {
        report(error, request, event);
        return errorJson(500, 'internal', 'Could not record the notification.');
      }
      if (!first) return json(200, { received: true, duplicate: true, type });
    }

    try {
      await dispatch(event);
    } catch (failure) {
      report(failure, request, event);
      // Not remembered, so XOi's retry (if it retries) is handled again; 500 asks for one.
      if (key !== null) {
        await Promise.resolve(dedupe.release(key)).catch((error: unknown) => {
          report(error, request, event);
        });
      }
      return errorJson(500, 'internal', 'The notification could not be handled; send it again.');
    }
    return json(200, { received: true, duplicate: false, type });
  }

  return { handle, on, ready: durable?.ready ?? Promise.resolve() };
}
