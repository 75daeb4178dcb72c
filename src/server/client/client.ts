/**
 * A typed client for XOi's authenticated External API (jobs and share services). Server-side
 * only: it holds the partner's API secret, so it must never be bundled for a browser.
 *
 * Every call: input checked first (an `invalid-input` XoiError, no HTTP call), then up to
 * `retry.attempts` attempts with back-off and jitter on network errors, timeouts, HTTP 5xx/429,
 * retryable GraphQL errors and an empty share link; one extra attempt with a fresh token when
 * XOi answers 401. What is left after that is one XoiError with a `code`.
 */
import { answers, graphQLErrors } from './answers.js';
import { isAssignee, normalizeEmail } from '../email.js';
import { resolveHosts, type XoiEnvironment, type XoiHosts } from './environments.js';
import { invalidInput, XoiError, type XoiGraphQLError } from './errors.js';
import {
  CREATE_JOB,
  CREATE_JOB_SHARE,
  GET_JOB,
  GET_JOB_ID_BY_EXTERNAL_ID,
  GET_JOB_SUMMARY,
  LIST_JOBS,
  UPDATE_JOB,
} from './documents.js';
import { backoffDelay, retryOptions, type RetryOptions } from './retry.js';
import { defaultRuntime, discard, fetchWithTimeout, reasonOf, retryAfterMs, type XoiRuntime } from './runtime.js';
import { TokenCache } from './token.js';
import type { XoiDateQuery, XoiJob, XoiJobShare, XoiJobSummary, XoiListJobsFilter } from './types.js';

export type GraphQLErrorClass = 'retry' | 'not-found' | 'rejected';

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
   * Which GraphQL errors are worth retrying. XOi publishes no `errorType` catalogue; the default
   * ({@link classifyGraphQLErrors}) retries all but not-found, validation-like and auth-like ones.
   */
  classifyGraphQLErrors?: (errors: XoiGraphQLError[]) => GraphQLErrorClass;
  fetch?: XoiRuntime['fetch'];
  now?: XoiRuntime['now'];
  sleep?: XoiRuntime['sleep'];
  random?: XoiRuntime['random'];
}

export interface CreateJobInput {
  /** The assignee (XOi allows exactly one): trimmed and lowercased, must be a valid email. */
  technicianEmail: string;
  customerName: string;
  jobLocation: string;
  workOrderNumber: string;
  label?: string;
  /** Your unique id for the job. Also what makes a retried createJob safe (see {@link XoiClient.createJob}). */
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
  /** Reassigns the job (becomes `assigneeIds: [email]`). */
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
   * answers with an empty link (it does under load) the link is fetched with createJobShare.
   * Retried only with `externalId`: XOi refuses a duplicate externalId, and before each retry
   * the client looks it up, so an attempt that did succeed is returned, not created twice.
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
  /** The Vision job id for your externalId, or null. */
  getJobIdByExternalId(externalId: string): Promise<string | null>;
  /** A public share of one job (or several); retried while XOi returns an empty shareLink. */
  createJobShare(jobId: string | string[], options?: { shareEntireJob?: boolean }): Promise<XoiJobShare>;
}

// Messages of graphql-js/AppSync document validation: the query itself is wrong, retrying is useless.
// AppSync words them "Validation error of type …" and "Variable 'input' has an invalid value".
const DOCUMENT_ERROR = new RegExp(
  [
    '^(Syntax Error|Validation error|Cannot query field|Unknown (type|argument)|Variable ["\'$]',
    'Field "[^"]*" (of required type|is not defined)|Expected (type|value))',
  ].join('|'),
  'i',
);

/**
 * The default {@link XoiClientOptions.classifyGraphQLErrors}: `not-found` for an errorType
 * containing NotFound or a "not found" message; `rejected` for validation/auth/conflict-like
 * errorTypes and GraphQL document errors; `retry` for the rest (XOi's own integrations retry
 * every GraphQL error).
 */
export function classifyGraphQLErrors(errors: XoiGraphQLError[]): GraphQLErrorClass {
  if (errors.some((e) => /notfound/i.test(e.errorType ?? '') || /\bnot found\b|does not exist/i.test(e.message))) {
    return 'not-found';
  }
  const refused = errors.some(
    (e) =>
      /validation|badrequest|invalid|unauthori[sz]ed|forbidden|accessdenied|conflict|duplicate/i.test(
        e.errorType ?? '',
      ) ||
      (!e.errorType && DOCUMENT_ERROR.test(e.message)),
  );
  return refused ? 'rejected' : 'retry';
}

/** Creates a client; throws an `invalid-input` XoiError for unusable options (no HTTP call). */
export function createXoiClient(options: XoiClientOptions): XoiClient {
  return new Client(options);
}

interface Call<T> {
  service: 'jobs' | 'share';
  operation: string;
  document: string;
  variables: Record<string, unknown>;
  /** Fewer attempts for calls that are not safe to repeat. */
  attempts?: number;
  /**
   * The answer's `data` → the result, through the operation's decoder in answers.ts. A throw
   * means the answer did not have the documented shape (retried, then an `unavailable` XoiError
   * naming the field).
   */
  decode: (data: unknown) => T;
  /** A reason to retry although XOi answered as documented (an empty share link). */
  retryIf?: (result: T) => string | null;
  /** Before each retry: did the previous attempt succeed after all? */
  recover?: () => Promise<T | undefined>;
}

const positiveInt = (value: unknown, field: string, max: number, fallback: number, op?: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(field, `must be an integer from 1 to ${max}`, op);
  }
  return value;
};

class Client implements XoiClient {
  readonly hosts: Readonly<XoiHosts>;
  readonly #runtime: XoiRuntime;
  readonly #retry: Required<RetryOptions>;
  readonly #timeoutMs: number;
  readonly #classify: (errors: XoiGraphQLError[]) => GraphQLErrorClass;
  readonly #tokens: TokenCache;

  constructor(options: XoiClientOptions) {
    if (!options || typeof options !== 'object') throw invalidInput('options', 'are required');
    for (const field of ['apiKey', 'apiSecret'] as const) {
      if (typeof options[field] !== 'string' || !options[field].trim()) {
        throw invalidInput(field, 'is required (issued by XOi; keep it on the server)');
      }
    }
    if (options.tokenRequest !== undefined && options.tokenRequest !== 'json' && options.tokenRequest !== 'basic') {
      throw invalidInput('tokenRequest', "must be 'json' or 'basic'");
    }
    this.hosts = Object.freeze(resolveHosts(options.environment));
    const base = defaultRuntime();
    this.#runtime = {
      fetch: options.fetch ?? base.fetch,
      now: options.now ?? base.now,
      sleep: options.sleep ?? base.sleep,
      random: options.random ?? base.random,
    };
    this.#retry = retryOptions(options.retry);
    this.#timeoutMs = positiveInt(options.timeoutMs, 'timeoutMs', 600_000, 30_000);
    this.#classify = options.classifyGraphQLErrors ?? classifyGraphQLErrors;
    const lifetimeMs = positiveInt(options.tokenLifetimeMs, 'tokenLifetimeMs', 24 * 3_600_000, 3_600_000);
    const refreshMarginMs = options.tokenRefreshMarginMs ?? 300_000;
    if (!Number.isInteger(refreshMarginMs) || refreshMarginMs < 0 || refreshMarginMs >= lifetimeMs) {
      throw invalidInput('tokenRefreshMarginMs', 'must be an integer from 0 to less than tokenLifetimeMs');
    }
    this.#tokens = new TokenCache({
      tokenUrl: this.hosts.tokenUrl,
      apiKey: options.apiKey.trim(),
      apiSecret: options.apiSecret.trim(),
      method: options.tokenRequest ?? 'json',
      lifetimeMs,
      refreshMarginMs,
      timeoutMs: this.#timeoutMs,
      retry: this.#retry,
      runtime: this.#runtime,
    });
  }

  async createJob(input: CreateJobInput): Promise<CreateJobResult> {
    const op = 'createJob';
    if (!input || typeof input !== 'object') throw invalidInput('input', 'is required', op);
    const newJob: Record<string, unknown> = {
      assigneeIds: [normalizeEmail(input.technicianEmail, 'technicianEmail', op)],
      customerName: text(input.customerName, 'customerName', op),
      jobLocation: text(input.jobLocation, 'jobLocation', op),
      workOrderNumber: text(input.workOrderNumber, 'workOrderNumber', op),
      ...optionalFields(input, op),
    };
    const externalId = input.externalId === undefined ? undefined : id(input.externalId, 'externalId', op);
    if (externalId !== undefined) newJob.externalId = externalId;
    if (input.workTypeIds !== undefined) newJob.workTypeIds = list(input.workTypeIds, 'workTypeIds', op);
    const share = input.createPublicShare ?? true;

    const created = await this.#call({
      service: 'jobs',
      operation: op,
      document: CREATE_JOB,
      variables: {
        input: { newJob, ...(share && { additionalActions: { createPublicShare: { enabled: true } } }) },
      },
      attempts: externalId ? undefined : 1,
      recover: externalId
        ? async () => {
            const existing = await this.getJobIdByExternalId(externalId);
            return existing ? { job: await this.getJob(existing), shareLink: null } : undefined;
          }
        : undefined,
      decode: (data) => {
        const { job, additionalActionsResults } = answers.createJob(data, 'data').createJob;
        return { job, shareLink: nonEmpty(additionalActionsResults?.createPublicShare?.shareLink) };
      },
    });
    if (!share || created.shareLink) return created;
    try {
      return { ...created, shareLink: (await this.createJobShare(created.job.id)).shareLink };
    } catch (error) {
      return {
        ...created,
        shareError: error instanceof XoiError ? error : new XoiError('unavailable', reasonOf(error)),
      };
    }
  }

  async updateJob(jobId: string, fields: UpdateJobFields): Promise<XoiJob> {
    const op = 'updateJob';
    const vid = id(jobId, 'jobId', op);
    if (!fields || typeof fields !== 'object') throw invalidInput('fields', 'are required', op);
    const fieldUpdates: Record<string, unknown> = optionalFields(fields, op);
    for (const field of ['workOrderNumber', 'customerName', 'jobLocation'] as const) {
      if (fields[field] !== undefined) fieldUpdates[field] = text(fields[field], field, op);
    }
    if (fields.technicianEmail !== undefined) {
      fieldUpdates.assigneeIds = [normalizeEmail(fields.technicianEmail, 'technicianEmail', op)];
    }
    if (Object.keys(fieldUpdates).length === 0) throw invalidInput('fields', 'must change at least one field', op);
    return this.#call({
      service: 'jobs',
      operation: op,
      document: UPDATE_JOB,
      variables: { input: { id: vid, fieldUpdates } },
      decode: (data) => answers.updateJob(data, 'data').updateJob.job,
    });
  }

  async getJob(jobId: string): Promise<XoiJob> {
    const op = 'getJob';
    const vid = id(jobId, 'jobId', op);
    return this.#call({
      service: 'jobs',
      operation: op,
      document: GET_JOB,
      variables: { input: { id: vid } },
      decode: (data) => answers.getJob(data, 'data').getJob.job,
    });
  }

  async getJobSummary(jobId: string, options: GetJobSummaryOptions = {}): Promise<XoiJobSummary> {
    const op = 'getJobSummary';
    const vid = id(jobId, 'jobId', op);
    const maxPages = positiveInt(options.maxPages, 'maxPages', 1000, 20, op);
    const base: Record<string, unknown> = { jobId: vid };
    if (options.workflowId !== undefined) base.workflowId = id(options.workflowId, 'workflowId', op);
    if (options.includeAllSteps !== undefined)
      base.includeAllSteps = flag(options.includeAllSteps, 'includeAllSteps', op);
    const page = (nextToken: string | null) =>
      this.#call({
        service: 'jobs',
        operation: op,
        document: GET_JOB_SUMMARY,
        variables: { input: { ...base, ...(nextToken && { nextToken }) } },
        decode: (data) => {
          const { jobSummary, nextToken } = answers.getJobSummary(data, 'data').getJobSummary;
          return { summary: jobSummary, nextToken: nonEmpty(nextToken) };
        },
      });
    let { summary, nextToken } = await page(null);
    for (let pages = 1; pages < maxPages && nextToken; pages++) {
      const next = await page(nextToken);
      summary = { ...summary, documentation: [...summary.documentation, ...next.summary.documentation] };
      nextToken = next.nextToken;
    }
    return summary;
  }

  async listJobs(input: ListJobsInput = {}): Promise<ListJobsPage> {
    const op = 'listJobs';
    if (typeof input !== 'object' || input === null) throw invalidInput('input', 'must be an object', op);
    const variables: Record<string, unknown> = {
      limit: positiveInt(input.limit, 'limit', 1000, 100, op),
      // XOi's first page is asked for with "" (fact sheet §8).
      nextToken: input.nextToken ?? '',
    };
    if (typeof variables.nextToken !== 'string') throw invalidInput('nextToken', 'must be a string', op);
    if (input.filter !== undefined) variables.filter = listFilter(input.filter, op);
    if (input.dateQuery !== undefined) variables.dateQuery = dateQuery(input.dateQuery, op);
    return this.#call({
      service: 'jobs',
      operation: op,
      document: LIST_JOBS,
      variables: { input: variables },
      decode: (data) => {
        const { items, nextToken } = answers.listJobs(data, 'data').listJobs.jobConnection;
        return { jobs: items, nextToken: nonEmpty(nextToken) };
      },
    });
  }

  async listJobsAssignedTo(technicianEmail: string, options: ListAssignedOptions = {}): Promise<AssignedJobs> {
    const op = 'listJobsAssignedTo';
    const email = normalizeEmail(technicianEmail, 'technicianEmail', op);
    const pageSize = positiveInt(options.pageSize, 'pageSize', 1000, 100, op);
    const maxPages = positiveInt(options.maxPages, 'maxPages', 1000, 10, op);
    const jobs: XoiJob[] = [];
    let nextToken: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const result: ListJobsPage = await this.listJobs({
        limit: pageSize,
        nextToken,
        filter: options.filter,
        dateQuery: options.dateQuery,
      });
      jobs.push(...result.jobs.filter((j) => isAssignee(j, email)));
      nextToken = result.nextToken;
      if (!nextToken) return { jobs, truncated: false };
    }
    return { jobs, truncated: true };
  }

  async getJobIdByExternalId(externalId: string): Promise<string | null> {
    const op = 'getJobIdByExternalId';
    const vid = id(externalId, 'externalId', op);
    try {
      return await this.#call({
        service: 'jobs',
        operation: op,
        document: GET_JOB_ID_BY_EXTERNAL_ID,
        variables: { input: { externalId: vid } },
        decode: (data) => nonEmpty(answers.getJobIdByExternalId(data, 'data').getJobIdByExternalId?.jobId),
      });
    } catch (error) {
      if (error instanceof XoiError && error.code === 'not-found') return null;
      throw error;
    }
  }

  async createJobShare(jobId: string | string[], options: { shareEntireJob?: boolean } = {}): Promise<XoiJobShare> {
    const op = 'createJobShare';
    const input: Record<string, unknown> = Array.isArray(jobId)
      ? { jobIds: list(jobId, 'jobIds', op, { min: 1, ids: true }) }
      : { jobId: id(jobId, 'jobId', op) };
    if (options.shareEntireJob !== undefined) input.shareEntireJob = flag(options.shareEntireJob, 'shareEntireJob', op);
    return this.#call({
      service: 'share',
      operation: op,
      document: CREATE_JOB_SHARE,
      variables: { input },
      decode: (data) => {
        const { id, shareLink } = answers.createJobShare(data, 'data').createJobShare.jobShare;
        return { id, shareLink: shareLink.trim() };
      },
      retryIf: (share) => (share.shareLink ? null : 'XOi returned an empty shareLink'),
    });
  }

  async #call<T>(call: Call<T>): Promise<T> {
    const attempts = call.attempts ?? this.#retry.attempts;
    const url = call.service === 'jobs' ? this.hosts.jobsUrl : this.hosts.shareUrl;
    const body = JSON.stringify({ query: call.document, variables: call.variables });
    const details = (attempt: number, extra: object = {}) => ({
      operation: call.operation,
      attempts: attempt,
      ...extra,
    });
    let reason = '';
    let status: number | undefined;
    let graphqlErrors: XoiGraphQLError[] = [];
    let wait = 0;
    let refreshed = false;
    let attempt = 0;
    let retryNow = false;
    while (attempt < attempts || retryNow) {
      if (attempt > 0 && !retryNow) {
        await this.#runtime.sleep(Math.max(backoffDelay(attempt, this.#retry, this.#runtime.random), wait));
        if (call.recover) {
          const recovered = await call.recover().catch(() => undefined);
          if (recovered !== undefined) return recovered;
        }
      }
      if (!retryNow) attempt++;
      retryNow = false;
      wait = 0;
      const token = await this.#tokens.get();
      let response: Response;
      try {
        response = await fetchWithTimeout(
          this.#runtime,
          url,
          {
            method: 'POST',
            // XOi wants the raw token, without "Bearer" (fact sheet §2).
            headers: { 'content-type': 'application/json', accept: 'application/json', authorization: token },
            body,
          },
          this.#timeoutMs,
        );
      } catch (error) {
        reason = reasonOf(error);
        continue;
      }
      status = response.status;
      if (status === 401) {
        await discard(response);
        this.#tokens.invalidate(token);
        if (refreshed) {
          throw new XoiError(
            'auth',
            `${call.operation}: XOi refused a freshly issued token (HTTP 401).`,
            details(attempt, { status }),
          );
        }
        // An expired or revoked token is not an outage: fetch a new one and try again at once.
        refreshed = true;
        retryNow = true;
        continue;
      }
      if (!response.ok) {
        reason = `HTTP ${status}`;
        wait = Math.min(retryAfterMs(response), this.#retry.maxDelayMs);
        await discard(response);
        if (status === 429 || status >= 500) continue;
        throw new XoiError('rejected', `${call.operation}: XOi answered HTTP ${status}.`, details(attempt, { status }));
      }
      const payload: unknown = await response.json().catch(() => undefined);
      if (!payload || typeof payload !== 'object') {
        reason = 'the answer was not JSON';
        continue;
      }
      const { data, errors } = payload as { data?: unknown; errors?: unknown };
      graphqlErrors = graphQLErrors(errors);
      if (graphqlErrors.length) {
        const kind = this.#classify(graphqlErrors);
        const text = graphqlErrors
          .map((e) => (e.errorType ? `${e.errorType}: ${e.message}` : e.message))
          .join('; ')
          .slice(0, 300);
        if (kind === 'not-found')
          throw new XoiError('not-found', `${call.operation}: ${text}`, details(attempt, { status, graphqlErrors }));
        if (kind === 'rejected') {
          // A refused retry may be refused because of our own earlier attempt (createJob: its answer
          // lost, the lookup before this retry failed, now "duplicate externalId"): look once more.
          const recovered = attempt > 1 ? await call.recover?.().catch(() => undefined) : undefined;
          if (recovered !== undefined) return recovered;
          throw new XoiError('rejected', `${call.operation}: ${text}`, details(attempt, { status, graphqlErrors }));
        }
        reason = `GraphQL error: ${text}`;
        continue;
      }
      if (!data || typeof data !== 'object') {
        reason = 'the answer had no data';
        continue;
      }
      let result: T;
      try {
        result = call.decode(data);
      } catch (error) {
        reason = `the answer did not have the documented shape (${reasonOf(error)})`;
        continue;
      }
      const retryReason = call.retryIf?.(result);
      if (retryReason) {
        reason = retryReason;
        continue;
      }
      return result;
    }
    throw new XoiError(
      'unavailable',
      `${call.operation} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}.`,
      details(attempts, { status, graphqlErrors }),
    );
  }
}

// ── input checks (all throw `invalid-input` before any HTTP call) ─────────────────────────────

/**
 * An id we send XOi, also what the routes accept as a job id. Control characters have no place
 * in an id and would be invisible in logs.
 */
// eslint-disable-next-line no-control-regex
export const ID_SYNTAX = /^[^\s\u0000-\u001f\u007f]{1,256}$/;

function id(value: unknown, field: string, op: string): string {
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(field, 'is required', op);
  const trimmed = value.trim();
  if (!ID_SYNTAX.test(trimmed))
    throw invalidInput(field, 'must be at most 256 characters without spaces or control characters', op);
  return trimmed;
}

function text(value: unknown, field: string, op: string, max = 1000): string {
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(field, 'is required and must not be blank', op);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidInput(field, `must be at most ${max} characters`, op);
  return trimmed;
}

function flag(value: unknown, field: string, op: string): boolean {
  if (typeof value !== 'boolean') throw invalidInput(field, 'must be true or false', op);
  return value;
}

function list(value: unknown, field: string, op: string, { min = 0, ids = false } = {}): string[] {
  if (!Array.isArray(value)) throw invalidInput(field, 'must be an array of strings', op);
  const out = value.map((v, i) => (ids ? id(v, `${field}[${i}]`, op) : text(v, `${field}[${i}]`, op, 256)));
  if (out.length < min) throw invalidInput(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`, op);
  return out;
}

/** The optional fields createJob and updateJob share. */
function optionalFields(input: CreateJobInput | UpdateJobFields, op: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.label !== undefined) out.label = text(input.label, 'label', op);
  if (input.tags !== undefined) out.tags = list(input.tags, 'tags', op);
  if (input.publicTags !== undefined) out.publicTags = list(input.publicTags, 'publicTags', op);
  if (input.internalNote !== undefined) out.internalNote = { text: text(input.internalNote, 'internalNote', op, 3000) };
  if (input.customerEmail !== undefined) out.customerEmail = normalizeEmail(input.customerEmail, 'customerEmail', op);
  if (input.externalAppUrl !== undefined) {
    const url = text(input.externalAppUrl, 'externalAppUrl', op, 1024);
    if (!URL.canParse(url)) throw invalidInput('externalAppUrl', 'must be an absolute URL', op);
    out.externalAppUrl = url;
  }
  return out;
}

function listFilter(filter: XoiListJobsFilter, op: string): Record<string, string> {
  if (!filter || typeof filter !== 'object') throw invalidInput('filter', 'must be an object', op);
  const out: Record<string, string> = {};
  for (const field of ['customerName', 'jobLocation', 'workOrderNumber'] as const) {
    if (filter[field] !== undefined) out[field] = text(filter[field], `filter.${field}`, op);
  }
  for (const field of ['customerName', 'jobLocation'] as const) {
    if (out[field] && /\s/.test(out[field]))
      throw invalidInput(`filter.${field}`, 'must be a single word (XOi matches one word)', op);
  }
  return out;
}

function dateQuery(query: XoiDateQuery, op: string): Record<string, unknown> {
  if (!query || (query.type !== 'CREATED_AT' && query.type !== 'COMPLETED_AT')) {
    throw invalidInput('dateQuery.type', "must be 'CREATED_AT' or 'COMPLETED_AT'", op);
  }
  const out: Record<string, unknown> = { type: query.type };
  for (const bound of ['gte', 'lte'] as const) {
    const value = query[bound];
    if (value === undefined) continue;
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) throw invalidInput(`dateQuery.${bound}`, 'must be a date', op);
    out[bound] = date.toISOString();
  }
  if (query.ascending !== undefined) out.ascending = flag(query.ascending, 'dateQuery.ascending', op);
  return out;
}

/** A string XOi may send blank or padded ("" ends a listing): trimmed, or null. */
const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
