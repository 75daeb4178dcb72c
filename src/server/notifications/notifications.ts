/**
 * XOi change notifications (webhooks, docs/xoi-api-notes.md §6) as a Fetch API handler. XOi POSTs
 *
 *     {"orgId", "event", "jobId", "workflowJobId" ("" at job level), "traits": [], "firedAt"}
 *
 * to a URL its account manager configures. XOi documents no signature or auth header, so the
 * handler refuses to exist without a check: the URL's `secret` (secret.ts) or the host's own
 * `authorize`. Then it checks the body (bad input → 400, nothing emitted; payload.ts), drops exact
 * re-deliveries, and emits one typed event per notification.
 *
 * Durable (with `store` and `queue`, production): the notification is recorded in the store's
 * inbox and its event queued in one transaction, then answered 2xx; the listeners run as queue
 * jobs on any instance (delivery.ts). In process (without them: tests, demos): the listeners run
 * before the answer, which is 2xx only once every one is done (dedupe.ts remembers keys).
 */
import { errorJson, integerOption, json, readText } from '../http.js';
import type { XoiQueue } from '../queue/queue.js';
import type { NotificationInbox } from '../stores/notification-inbox.js';
import { createMemoryDedupe, type NotificationDedupeStore } from './dedupe.js';
import { notificationDelivery, type NotificationDelivery } from './delivery.js';
import {
  classifyNotification,
  dedupeKey,
  eventOf,
  parseNotification,
  type XoiChangeEvent,
  type XoiChangeEventType,
  type XoiNotificationPayload,
} from './payload.js';
import { secretCheck } from './secret.js';

type MaybePromise<T> = T | Promise<T>;

export type { NotificationDedupeStore } from './dedupe.js';
export type { XoiChangeEvent, XoiChangeEventType, XoiNotificationPayload } from './payload.js';

export type XoiChangeListener<T extends XoiChangeEventType = XoiChangeEventType> = (
  event: XoiChangeEvent<T>,
) => MaybePromise<void>;

export interface XoiNotificationsOptions {
  /**
   * The secret in the notification URL you give XOi: `?key=<secret>` (or in the
   * `x-xoi-notification-key` header). At least 16 characters; compared in constant time. A wrong
   * or missing key → 401, nothing read or emitted. This, `authorize` or `insecureNoAuth` is required.
   */
  secret?: string;
  /** The query parameter that carries `secret`. Default `key`. */
  secretParam?: string;
  /** The header that carries `secret` (it wins over the query string). Default `x-xoi-notification-key`. */
  secretHeader?: string;
  /** Your own check (after `secret`, when both are given); false → 401, nothing emitted. */
  authorize?: (request: Request) => MaybePromise<boolean>;
  /** No check at all: anyone who finds the URL can post notifications. For tests only. */
  insecureNoAuth?: boolean;
  /**
   * Durable delivery (production): the store whose inbox records notifications (de-duplicated
   * across instances) and the queue the listeners run from. A notification is answered 2xx once
   * recorded and queued; a listener that fails is retried with back-off, then dead-lettered.
   */
  store?: { notifications: NotificationInbox };
  queue?: XoiQueue;
  /**
   * Listener jobs: retries, first delay (doubling), jobs at once per instance, and how long one may
   * run before it is taken for dead and retried elsewhere. Defaults 10, 5 s, 4, 300 s.
   */
  delivery?: { retryLimit?: number; retryDelaySeconds?: number; concurrency?: number; expireInSeconds?: number };
  /** In-process delivery only. Default: in memory, 24 h, at most 10,000 keys. */
  dedupe?: NotificationDedupeStore;
  /**
   * Event name → type, or null to ignore a notification. Gets the payload and the built-in rule
   * (`byDefault`) to fall back on.
   */
  classify?: (
    payload: XoiNotificationPayload,
    byDefault: (payload: XoiNotificationPayload) => XoiChangeEventType | null,
  ) => XoiChangeEventType | null;
  /** Default 64 KiB; 64 B to 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Told about listener failures and store errors: with the request when answering (the answer is
   * then 500), without it for a queued listener job that failed (it is retried).
   */
  onError?: (error: unknown, context: { request?: Request; event?: XoiChangeEvent }) => void;
}

export interface XoiNotifications {
  /** The handler: `POST` the notification; answers JSON. Bound, so `export const POST = n.handle` works. */
  handle: (request: Request) => Promise<Response>;
  /** Listens to one type or to all (`'*'`); returns the unsubscribe function. */
  on<T extends XoiChangeEventType>(type: T, listener: XoiChangeListener<T>): () => void;
  on(type: '*', listener: XoiChangeListener): () => void;
  /** Resolves once durable delivery works (at once without a queue); rejects with why it cannot. */
  ready: Promise<void>;
}

const OWNER = 'createXoiNotifications';
const NO_CHECK =
  `${OWNER}: pass { secret } (the key in the notification URL you give XOi, compared in constant time) ` +
  'or { authorize(request) }. XOi signs nothing, so without one anybody who finds the URL can post ' +
  'notifications. In tests only: { insecureNoAuth: true }.';

interface Handling {
  authorized: (request: Request) => Promise<boolean>;
  dedupe: NotificationDedupeStore;
  classify: (payload: XoiNotificationPayload) => XoiChangeEventType | null;
  maxBodyBytes: number;
  listeners: Map<XoiChangeEventType | '*', Set<XoiChangeListener>>;
  report: (error: unknown, request?: Request, event?: XoiChangeEvent) => void;
  /** Set when delivery is durable. */
  durable: NotificationDelivery<XoiChangeEvent> | null;
}

function functionOption(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`${OWNER}: ${name} must be a function`);
}

/** Who may post, checked at creation: a secret, the host's check, both, or explicitly nobody checks. */
function authorization(options: XoiNotificationsOptions): (request: Request) => Promise<boolean> {
  functionOption('authorize', options.authorize);
  const { secret, authorize, insecureNoAuth } = options;
  if (insecureNoAuth !== undefined && typeof insecureNoAuth !== 'boolean') {
    throw new TypeError(`${OWNER}: insecureNoAuth must be true or false`);
  }
  if (insecureNoAuth && (secret !== undefined || authorize)) {
    throw new TypeError(`${OWNER}: insecureNoAuth cannot be combined with secret or authorize`);
  }
  if (secret === undefined && !authorize) {
    if (insecureNoAuth) return () => Promise.resolve(true);
    throw new TypeError(NO_CHECK);
  }
  const keyMatches = secret === undefined ? () => true : secretCheck({ ...options, secret });
  return async (request) => keyMatches(request) && (!authorize || Boolean(await authorize(request)));
}

function handling(options: XoiNotificationsOptions): Handling {
  if (!options || typeof options !== 'object') throw new TypeError(NO_CHECK);
  const authorized = authorization(options);
  functionOption('classify', options.classify);
  functionOption('onError', options.onError);
  const dedupe = options.dedupe ?? createMemoryDedupe();
  if (typeof dedupe.claim !== 'function' || typeof dedupe.release !== 'function') {
    throw new TypeError(`${OWNER}: dedupe must have claim(key) and release(key)`);
  }
  const custom = options.classify;
  if (Boolean(options.store) !== Boolean(options.queue)) {
    throw new TypeError(`${OWNER}: durable delivery needs both store and queue`);
  }
  return {
    durable: null,
    authorized,
    dedupe,
    classify: custom ? (payload) => custom(payload, classifyNotification) : classifyNotification,
    maxBodyBytes: integerOption(OWNER, 'maxBodyBytes', options.maxBodyBytes ?? 64 * 1024, 64, 1 << 20),
    listeners: new Map(),
    report: (error, request, event) => {
      try {
        options.onError?.(error, { request, event });
      } catch {
        // A failing logger must not change the answer.
      }
    },
  };
}

/** Creates the notification handler and its event source; throws a TypeError for unusable options. */
export function createXoiNotifications(options: XoiNotificationsOptions): XoiNotifications {
  const h = handling(options);
  if (options.store && options.queue) {
    h.durable = notificationDelivery({
      inbox: options.store.notifications,
      queue: options.queue,
      ...options.delivery,
      dispatch: (event) =>
        dispatch(h, event).catch((error: unknown) => {
          h.report(error, undefined, event);
          throw error;
        }),
    });
  }
  function on<T extends XoiChangeEventType>(type: T | '*', listener: XoiChangeListener<T>): () => void {
    if (typeof listener !== 'function') throw new TypeError('on(type, listener): listener must be a function');
    // Listeners are looked up by the event's type, so this one only ever gets an XoiChangeEvent<T>.
    const stored = listener as XoiChangeListener;
    let set = h.listeners.get(type);
    if (!set) h.listeners.set(type, (set = new Set()));
    set.add(stored);
    return () => {
      h.listeners.get(type)?.delete(stored);
    };
  }
  return { handle: (request) => handle(h, request), on, ready: h.durable?.ready ?? Promise.resolve() };
}

async function handle(h: Handling, request: Request): Promise<Response> {
  if (request.method !== 'POST') return errorJson(405, 'method-not-allowed', 'Use POST.', {}, { allow: 'POST' });
  try {
    if (!(await h.authorized(request)))
      return errorJson(401, 'unauthenticated', 'This notification URL needs its secret.');
  } catch (error) {
    h.report(error, request);
    return errorJson(500, 'internal', 'Could not check the notification.');
  }
  const read = await readPayload(h, request);
  if (read instanceof Response) return read;
  let type: XoiChangeEventType | null;
  try {
    type = h.classify(read);
  } catch (error) {
    h.report(error, request);
    return errorJson(500, 'internal', 'Could not classify the notification.');
  }
  if (!type) return json(200, { received: true, ignored: `unknown event ${JSON.stringify(read.event.slice(0, 64))}` });
  const event = eventOf(read, type);
  const key = dedupeKey(event);
  if (h.durable) return queued(h, h.durable, request, event, key);
  if (key !== null) {
    let first: boolean;
    try {
      first = await h.dedupe.claim(key);
    } catch (error) {
      h.report(error, request, event);
      return errorJson(500, 'internal', 'Could not record the notification.');
    }
    if (!first) return json(200, { received: true, duplicate: true, type });
  }
  return emit(h, request, event, key);
}

/** The checked payload, or the 400/413 answer. */
async function readPayload(h: Handling, request: Request): Promise<XoiNotificationPayload | Response> {
  const text = await readText(request, h.maxBodyBytes).catch(() => undefined);
  if (text === null) return errorJson(413, 'invalid-request', `The body is larger than ${h.maxBodyBytes} bytes.`);
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
  return parsed.payload;
}

/** Every listener of the event; rejects with the first failure once all have run. */
async function dispatch(h: Handling, event: XoiChangeEvent): Promise<void> {
  const targets = [...(h.listeners.get(event.type) ?? []), ...(h.listeners.get('*') ?? [])];
  const results = await Promise.allSettled(targets.map(async (listener) => listener(structuredClone(event))));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Durable: recorded and queued in one transaction, then 2xx; nothing recorded → 500, XOi may re-deliver. */
async function queued(
  h: Handling,
  durable: NotificationDelivery<XoiChangeEvent>,
  request: Request,
  event: XoiChangeEvent,
  key: string | null,
): Promise<Response> {
  try {
    const outcome = await durable.accept(key, event);
    return json(200, { received: true, duplicate: outcome === 'duplicate', type: event.type });
  } catch (error) {
    h.report(error, request, event);
    return errorJson(500, 'internal', 'Could not record the notification; send it again.');
  }
}

async function emit(h: Handling, request: Request, event: XoiChangeEvent, key: string | null): Promise<Response> {
  try {
    await dispatch(h, event);
    return json(200, { received: true, duplicate: false, type: event.type });
  } catch (failure) {
    h.report(failure, request, event);
  }
  // Not remembered, so XOi's retry (if it retries) is handled again; 500 asks for one.
  if (key !== null) {
    await Promise.resolve()
      .then(() => h.dedupe.release(key))
      .catch((error: unknown) => {
        h.report(error, request, event);
      });
  }
  return errorJson(500, 'internal', 'The notification could not be handled; send it again.');
}
