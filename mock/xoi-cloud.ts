/**
 * `xoi-share-button/mock`: a stand-in for XOi's authenticated External API ("XOi Cloud") for
 * tests and the demo: the token endpoint and the jobs, share and users GraphQL services, run by
 * graphql-js on schemas built from mock/schema/*.graphql (XOi's names and nullability, with their
 * sources), so a query XOi would refuse is refused here too. Plain Node: `middleware(req, res,
 * next)` works in Connect/Vite and `http.createServer`. `xoi-share-button mock` (mock/cli.ts) runs
 * it as a server of its own.
 *
 * Where XOi is silent the mock assumes, and says so where it does: error types
 * (mock/cloud/errors.ts), token error statuses (endpoints/token.ts), deep link URL shapes
 * (resolvers/deep-links.ts), listJobs' default order and limit (resolvers/list-jobs.ts), user
 * names and ids (cloud/users.ts).
 */
import type { Middleware } from './http.js';
import { type XoiCloudOptions, createCloud, latency } from './cloud/cloud.js';
import type { MockErrorTypes } from './cloud/errors.js';
import { middlewareOf } from './cloud/router.js';
import { clone } from './cloud/store.js';
import type {
  DocumentationItemInput,
  MockDocumentationItem,
  MockFault,
  MockHosts,
  MockJob,
  MockNotificationRecord,
  MockRequestLogEntry,
  MockUser,
  NotificationPayload,
  SeedJob,
  SeedUser,
  TranscriptOptions,
} from './cloud/types.js';

export type { Middleware } from './http.js';
export type { XoiCloudOptions } from './cloud/cloud.js';
export { DEFAULT_ERROR_TYPES, type MockErrorKind, type MockErrorTypes } from './cloud/errors.js';
export type {
  DocumentationItemInput,
  DocumentationItemTrait,
  MockDocumentationItem,
  MockFault,
  MockFaultType,
  MockHosts,
  MockJob,
  MockNotificationRecord,
  MockRequestLogEntry,
  MockService,
  MockUser,
  NotificationPayload,
  SeedJob,
  SeedUser,
  TranscriptOptions,
} from './cloud/types.js';

/** What {@link createXoiCloud} returns. Every method may be called detached (`const { seedJob } = cloud`). */
export interface XoiCloud {
  /** Connect/Vite/Node middleware; anything not the mock's goes to `next()` (404 without one). */
  middleware: Middleware;
  /** The client's `environment` for the mock at `origin` (e.g. `http://127.0.0.1:4000`), plus `usersUrl`. */
  hostsFor(origin: string): MockHosts;
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
  /** The errorType names the mock answers with. */
  readonly errorTypes: Readonly<MockErrorTypes>;
  /** Every token and GraphQL request, in order (the same array for the mock's life). */
  readonly requests: MockRequestLogEntry[];
  /** Every change notification sent, in order. */
  readonly notifications: MockNotificationRecord[];

  /** A copy of the stored job, or null. */
  getJob(jobId: string): MockJob | null;
  listJobs(): MockJob[];
  /** Adds a job (see {@link SeedJob}); `technicianEmail`'s user is created when missing. */
  seedJob(fields?: SeedJob): MockJob;
  getUser(id: string): MockUser | null;
  listUsers(): MockUser[];
  /** Adds a user to the directory; throws when the email is taken or not an email. */
  seedUser(fields: SeedUser): MockUser;
  /** Completes the job (deep links appear) and notifies `job_update`. */
  completeJob(jobId: string): MockJob;
  /** Notifies a finished workflow (`job_update` with its workflowJobId); returns that id. */
  finishWorkflow(jobId: string, workflowJobId?: string): string;
  /** Adds a documentation item; notifies `job_update` with its traits when the job is complete. */
  addDocumentation(jobId: string, item: DocumentationItemInput): MockDocumentationItem;
  addTranscript(jobId: string, text: string, options?: TranscriptOptions): MockDocumentationItem;
  addWorkSummary(jobId: string, text: string): MockDocumentationItem;
  /** Finishes every pending item (pending → processed, transcripts get their text); returns how many. */
  processPending(jobId: string): number;
  /** Deletes the job and notifies `job_delete`. */
  deleteJob(jobId: string): void;

  /** Queues a fault (see {@link MockFault}); throws on a bad spec. */
  fault(spec: MockFault): void;
  clearFaults(): void;
  /** Moves the mock's clock (token expiry, timestamps) forward. */
  advanceTime(ms: number): void;
  /** Makes every token issued so far expired: the next GraphQL call with one gets 401. */
  expireTokens(): void;
  /** The mock's clock, ms since the epoch. */
  now(): number;
  /** Sets {@link XoiCloudOptions.latencyMs} from now on. */
  setLatency(ms: number): void;

  /** A notification body as XOi documents it, on the mock's clock. */
  notification(
    event: string,
    jobId: string,
    extra?: { traits?: readonly string[]; workflowJobId?: string },
  ): NotificationPayload;
  /** POSTs `payload` to `url` as XOi does; resolves to the receiver's status and body. */
  notify(url: string, payload: unknown): Promise<{ status: number; body: unknown }>;
  setNotifyUrl(url: string | null): void;
  /** Resolves once every notification in flight has been answered. */
  flushNotifications(): Promise<unknown[]>;
  /** Forgets every job, share, token, request, fault and notification; users go back to `options.users`. */
  reset(): void;
  /**
   * What XOi would still hold after a restart, as JSON-safe data: users, jobs, shares, the id
   * sequence and the clock offset (tokens, faults and logs are not kept). Save it, and give it
   * back to {@link XoiCloud.restore} in the next process: the demo does, so links survive a restart.
   */
  snapshot(): XoiCloudSnapshot;
  /** Replaces the mock's users, jobs and shares with a snapshot's; throws a TypeError for anything else. */
  restore(snapshot: XoiCloudSnapshot): void;
}

/** See {@link XoiCloud.snapshot}. */
export interface XoiCloudSnapshot {
  version: 1;
  users: MockUser[];
  jobs: MockJob[];
  shares: Array<{ id: string; jobIds: string[]; shareEntireJob: boolean; createdAt: string }>;
  sequence: number;
  clockOffsetMs: number;
}

function checkSnapshot(value: unknown): XoiCloudSnapshot {
  const s = value as Partial<XoiCloudSnapshot> | null;
  const ok =
    !!s &&
    typeof s === 'object' &&
    s.version === 1 &&
    Array.isArray(s.users) &&
    Array.isArray(s.jobs) &&
    Array.isArray(s.shares) &&
    Number.isInteger(s.sequence) &&
    Number.isFinite(s.clockOffsetMs);
  if (!ok) throw new TypeError('restore(snapshot): not a snapshot of this mock (version 1: users, jobs, shares, …)');
  return s as XoiCloudSnapshot;
}

export function createXoiCloud(options: XoiCloudOptions = {}): XoiCloud {
  const cloud = createCloud(options);
  const { actions, store, users, notifier } = cloud;
  return {
    setLatency: (ms) => {
      cloud.latencyMs = latency(ms);
    },
    snapshot: () => ({ version: 1, users: users.list().map((user) => ({ ...user })), ...store.snapshot() }),
    restore: (snapshot) => {
      const checked = checkSnapshot(snapshot);
      store.restore(checked);
      users.restore(checked.users);
    },
    middleware: middlewareOf(cloud),
    hostsFor: (origin) => cloud.hostsFor(origin),
    credentials: Object.freeze({ apiKey: cloud.apiKey, apiSecret: cloud.apiSecret }),
    errorTypes: cloud.errorTypes,
    requests: cloud.requests,
    notifications: notifier.sent,
    getJob: (jobId) => {
      const job = store.jobs.get(jobId);
      return job ? clone(job) : null;
    },
    listJobs: () => [...store.jobs.values()].map(clone),
    seedJob: (fields) => actions.seedJob(fields),
    getUser: (id) => {
      const user = users.get(id);
      return user ? { ...user } : null;
    },
    listUsers: () => users.list().map((user) => ({ ...user })),
    seedUser: (fields) => actions.seedUser(fields),
    completeJob: (jobId) => actions.completeJob(jobId),
    finishWorkflow: (jobId, workflowJobId) => actions.finishWorkflow(jobId, workflowJobId),
    addDocumentation: (jobId, item) => actions.addDocumentation(jobId, item),
    addTranscript: (jobId, text, transcriptOptions) => actions.addTranscript(jobId, text, transcriptOptions),
    addWorkSummary: (jobId, text) => actions.addWorkSummary(jobId, text),
    processPending: (jobId) => actions.processPending(jobId),
    deleteJob: (jobId) => {
      actions.deleteJob(jobId);
    },
    fault: (spec) => {
      cloud.faults.add(spec);
    },
    clearFaults: () => {
      cloud.faults.clear();
    },
    advanceTime: (ms) => {
      store.advanceTime(ms);
    },
    expireTokens: () => {
      store.expireTokens();
    },
    now: () => store.now(),
    notification: (event, jobId, extra) => notifier.payload(event, jobId, extra),
    notify: (url, payload) => notifier.notify(url, payload),
    setNotifyUrl: (url) => {
      notifier.url = url;
    },
    flushNotifications: () => notifier.flush(),
    reset: () => {
      cloud.reset();
    },
  };
}
