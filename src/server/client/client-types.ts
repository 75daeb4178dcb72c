/**
 * The client's public types: its options, each operation's input and result, and the XoiClient
 * interface itself. What XOi's data looks like is in types.ts.
 */
import type { GraphQLErrorClassifier } from './classify.js';
import type { XoiEnvironment, XoiHosts } from './environments.js';
import type { XoiError } from './errors.js';
import type { RetryOptions } from './retry.js';
import type { XoiRuntime } from './runtime.js';
import type { XoiDateQuery, XoiJob, XoiJobShare, XoiJobSummary, XoiListJobsFilter, XoiUser } from './types.js';

export type { GraphQLErrorClass, GraphQLErrorClassifier } from './classify.js';

export interface XoiClientOptions {
  /** Issued by XOi to the partner. Server-side only. */
  apiKey: string;
  apiSecret: string;
  /** `'staging'` (XOi's "Testing"), `'production'`, or custom hosts (the mock, a proxy). */
  environment: XoiEnvironment;
  /** How the token is requested: documented form A (`json`, default) or B (`basic`). */
  tokenRequest?: 'json' | 'basic';
  /** Assumed token lifetime. Default 60 min (documented). */
  tokenLifetimeMs?: number;
  /** Refresh this long before the assumed expiry. Default 5 min. */
  tokenRefreshMarginMs?: number;
  /** Per HTTP request. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * What a GraphQL `errors[]` means: `retry`, `not-found`, `auth` or `rejected`. XOi publishes
   * no `errorType` catalogue (docs/xoi-api-notes.md §8); the built-in table follows AWS AppSync's
   * error shapes and retries what it does not recognise. Yours gets the errors and that table
   * (`byDefault`) to fall back on; if it throws or answers anything else, the table decides.
   */
  classifyGraphQLErrors?: GraphQLErrorClassifier;
  /**
   * What a technician's email becomes in a job's `assigneeIds`. `'user-id'` (default): the XOi
   * user id the users service has for that email (XOi's ids look like emails today but, XOi says,
   * will not always; docs/xoi-api-notes.md §5); a technician XOi does not know is a `not-found`
   * XoiError. `'email'`: the email itself, for a partner without access to the users service.
   */
  assigneeIds?: 'user-id' | 'email';
  /** How long XOi's user directory is used before it is read again. Default 10 minutes. */
  usersCacheTtlMs?: number;
  fetch?: XoiRuntime['fetch'];
  now?: XoiRuntime['now'];
  sleep?: XoiRuntime['sleep'];
  random?: XoiRuntime['random'];
}

export interface CreateJobInput {
  /**
   * The assignee (XOi allows exactly one): trimmed and lowercased, must be a valid email; it
   * becomes the technician's XOi user id (the client option `assigneeIds`).
   */
  technicianEmail: string;
  customerName: string;
  jobLocation: string;
  workOrderNumber: string;
  label?: string;
  /**
   * Your unique id for the job. It makes createJob idempotent: with an id XOi already holds, the
   * call returns that job instead of making a second one (see {@link XoiClient.createJob}).
   */
  externalId?: string;
  tags?: string[];
  publicTags?: string[];
  /** ≤ 3,000 characters. */
  internalNote?: string;
  customerEmail?: string;
  /** ≤ 1,024 characters; a "return to your app" button in XOi Mobile. */
  externalAppUrl?: string;
  workTypeIds?: string[];
  /** Ask XOi for the public share link in the same call. Default true. */
  createPublicShare?: boolean;
}

export interface CreateJobResult {
  job: XoiJob;
  /** The public share link, or null when not asked for or not obtainable (then see `shareError`). */
  shareLink: string | null;
  /** Why there is no share link although one was asked for. The job exists: retry createJobShare(job.id). */
  shareError?: XoiError;
}

/** Every field optional, at least one given; given strings must not be blank (XOi's rule). */
export interface UpdateJobFields {
  workOrderNumber?: string;
  customerName?: string;
  jobLocation?: string;
  label?: string;
  /** Reassigns the job to this technician (their XOi user id, the client option `assigneeIds`). */
  technicianEmail?: string;
  customerEmail?: string;
  tags?: string[];
  publicTags?: string[];
  internalNote?: string;
  externalAppUrl?: string;
}

export interface ListJobsInput {
  /** Page size, 1–1,000. Default 100. */
  limit?: number;
  /** From the previous page; omit for the first. */
  nextToken?: string | null;
  filter?: XoiListJobsFilter;
  dateQuery?: XoiDateQuery;
}

export interface ListJobsPage {
  jobs: XoiJob[];
  /** Null on the last page. */
  nextToken: string | null;
}

export interface ListAssignedOptions {
  /** Default 100. */
  pageSize?: number;
  /** Stop after this many pages (XOi cannot filter by assignee, so this bounds the cost). Default 10. */
  maxPages?: number;
  filter?: XoiListJobsFilter;
  dateQuery?: XoiDateQuery;
}

export interface AssignedJobs {
  jobs: XoiJob[];
  /** True when `maxPages` was reached with pages left: older jobs may be missing. */
  truncated: boolean;
}

export interface GetJobSummaryOptions {
  workflowId?: string;
  includeAllSteps?: boolean;
  /** Documentation pages to follow. Default 20. */
  maxPages?: number;
}

export interface XoiClient {
  /** The resolved endpoints. */
  readonly hosts: Readonly<XoiHosts>;
  /**
   * Creates a job assigned to the technician, by default with its public share link. When XOi
   * answers with an empty link or no share (it does under load) the link is made with
   * createJobShare.
   *
   * With an `externalId` it is idempotent: when XOi already holds a job with that id (XOi refuses
   * the duplicate, docs/xoi-api-notes.md §3), that job is returned as XOi holds it, with a share
   * link, and no second job is made. That is also what makes its retries safe: before each retry
   * the client looks the id up, so an attempt that did succeed is returned, not made twice.
   * Without `externalId` it is never retried.
   */
  createJob(input: CreateJobInput): Promise<CreateJobResult>;
  /** Links a job to a work order (work order number, customer, location, label), reassigns… */
  updateJob(jobId: string, fields: UpdateJobFields): Promise<XoiJob>;
  /** The job with its deep links. `not-found` XoiError when XOi does not know it. */
  getJob(jobId: string): Promise<XoiJob>;
  /** Work summaries, transcripts and other documentation, every page merged. */
  getJobSummary(jobId: string, options?: GetJobSummaryOptions): Promise<XoiJobSummary>;
  /** One page of the organisation's jobs, newest first by default. */
  listJobs(input?: ListJobsInput): Promise<ListJobsPage>;
  /** The technician's jobs: pages through listJobs and keeps those assigned to the email. */
  listJobsAssignedTo(technicianEmail: string, options?: ListAssignedOptions): Promise<AssignedJobs>;
  /** The Vision job id for your externalId, or null when XOi says it has none (every not-found shape, §3). */
  getJobIdByExternalId(externalId: string): Promise<string | null>;
  /** A public share of one job (or several); retried while XOi returns an empty shareLink or no share. */
  createJobShare(jobId: string | string[], options?: { shareEntireJob?: boolean }): Promise<XoiJobShare>;
  /** One page of the organisation's XOi users (the users service). */
  listUsers(input?: ListUsersInput): Promise<ListUsersPage>;
  /** One user by XOi user id; `not-found` XoiError when XOi has none. */
  getUser(userId: string): Promise<XoiUser>;
  /**
   * The XOi user with this email (trimmed, lowercased), or null when XOi has none. XOi cannot look
   * users up by email, so the directory is read page by page and kept `usersCacheTtlMs`; a miss
   * reads it again at most once a minute, so a technician just added to XOi is found.
   */
  findUserByEmail(email: string): Promise<XoiUser | null>;
  /**
   * Resolves once the client holds a token XOi issued (the cached one while it is valid, else a
   * new one, fetched now); rejects with the XoiError that says why not: `auth` (the key or secret
   * is refused), `unavailable`, `rejected`. For status pages: "can we talk to XOi right now?".
   */
  checkToken(): Promise<void>;
}

export interface ListUsersInput {
  /** Page size, 1–1,000. Default 100. */
  limit?: number;
  /** From the previous page; omit for the first. */
  nextToken?: string | null;
}

export interface ListUsersPage {
  users: XoiUser[];
  /** Null on the last page. */
  nextToken: string | null;
}
