/**
 * The host endpoints `<xoi-job-link>` calls, as one Fetch API handler `(Request) => Response`:
 *
 *     GET  {base}/work-orders/{id}/jobs[?label=text]  → 200 { jobs: LinkableJob[], truncated }
 *     GET  {base}/work-orders/{id}/link               → 200 { link: WorkOrderLink | null }
 *     POST {base}/work-orders/{id}/link  { jobId }    → 201 { link } | 409 already-linked { reason[, link] }
 *
 * Who is signed in and what the work order says come from the host (`technician`, `workOrder`),
 * never from the browser; the browser only names a work order id and a job id. The XOi client
 * (and its secret) stays here. Every outcome is a JSON answer: nothing throws into the host.
 */
import type { AssignedJobs, UpdateJobFields, XoiClient } from '../client/client-types.js';
import { ID_SYNTAX } from '../client/inputs.js';
import { deepLinksOf, linkableJobOf, xoiUrl } from '../../contract/mapping.js';
import {
  ROUTE_ERROR_STATUS as STATUS,
  isWorkOrderId,
  type LinkableJobsBody,
  type WorkOrderLink,
  type XoiRouteErrorCode,
} from '../../contract/routes.js';
import { isAssignee, normalizeEmail } from '../email.js';
import { XoiError } from '../client/errors.js';
import { errorJson, integerOption, json, readText } from '../http.js';
import { createMemoryLinkStore, type XoiLinkStore } from '../stores/link-store.js';
import type { XoiJob, XoiJobShare } from '../client/types.js';

type MaybePromise<T> = T | Promise<T>;

/** The host's own record of a work order: what XOi's job is updated with on linking. */
export interface XoiWorkOrder {
  workOrderNumber: string;
  customerName: string;
  jobLocation: string;
}

export interface XoiRoutesOptions {
  /** Where the routes live. Default `/xoi`. */
  basePath?: string;
  /** The signed-in technician's email, from the host's session; undefined → 401. */
  technician: (request: Request) => MaybePromise<string | null | undefined>;
  /** The host's work order, or undefined when there is none with this id (→ 404). */
  workOrder: (workOrderId: string, request: Request) => MaybePromise<XoiWorkOrder | null | undefined>;
  /** listJobs page size. Default 100. */
  pageSize?: number;
  /** listJobs pages read per job list (XOi cannot filter by assignee). Default 10. */
  maxPages?: number;
  /** Only jobs created in the last N days are listed (bounds the paging). Default 90; 0 = no bound. */
  lookbackDays?: number;
  /** Link request body limit. Default 4 KiB. */
  maxBodyBytes?: number;
  /** `shareEntireJob` for the share made on linking. Default false: customer-visible steps only. */
  shareEntireJob?: boolean;
  /** Clock for `linkedAt` and the look-back window. Default `Date.now`. */
  now?: () => number;
  /** Told about every 5xx answer's cause (XOi failures, host callbacks that threw), for logging. */
  onError?: (error: unknown, context: { request: Request; status: number }) => void;
}

export type XoiRoutesClient = Pick<XoiClient, 'listJobsAssignedTo' | 'getJob' | 'updateJob' | 'createJobShare'>;

/** Set on the 404 for a path outside `basePath`, so an adapter can pass the request on. */
export const UNMATCHED_HEADER = 'x-xoi-unmatched';

/** True for the 404 the handler gives a path outside its `basePath`. */
export const isUnmatched = (response: Response): boolean => response.headers.get(UNMATCHED_HEADER) === '1';

/** An answer on its way out of a deep step (thrown to skip the rest, caught in the handler). */
class Answer extends Error {
  constructor(readonly response: Response) {
    super(`XOi route answered HTTP ${response.status}`);
    this.name = 'Answer';
  }
}

const fail = (code: XoiRouteErrorCode, message: string, extra: object = {}, headers = {}): Answer =>
  new Answer(errorJson(STATUS[code], code, message, extra, headers));

const MAX_LABEL_FILTER = 200;

export function createXoiRoutes(
  client: XoiRoutesClient,
  store: XoiLinkStore = createMemoryLinkStore(),
  options: XoiRoutesOptions,
): (request: Request) => Promise<Response> {
  if (!client || !options || typeof options.technician !== 'function' || typeof options.workOrder !== 'function') {
    throw new TypeError(
      'createXoiRoutes(client, store, { technician, workOrder }): client and both callbacks are required',
    );
  }
  const base = normalizeBase(options.basePath ?? '/xoi');
  const option = (name: string, value: number, min: number, max: number) =>
    integerOption('createXoiRoutes', name, value, min, max);
  const pageSize = option('pageSize', options.pageSize ?? 100, 1, 1000);
  const maxPages = option('maxPages', options.maxPages ?? 10, 1, 1000);
  const lookbackDays = option('lookbackDays', options.lookbackDays ?? 90, 0, 36_500);
  const maxBodyBytes = option('maxBodyBytes', options.maxBodyBytes ?? 4096, 64, 1 << 20);
  const now = options.now ?? Date.now;
  // Links in progress in this process: a racing request waits for them, then sees the result.
  const inflight = new Map<string, Promise<void>>();

  const report = (error: unknown, request: Request, status: number) => {
    try {
      options.onError?.(error, { request, status });
    } catch {
      // A failing logger must not turn an answer into an exception.
    }
  };

  /** XoiError → the answer the browser gets; the details go to onError only. */
  const xoiFailure = (error: unknown, request: Request, what: string): Answer => {
    if (error instanceof XoiError && error.code === 'not-found')
      return fail('not-found', `XOi does not know this job.`);
    // Only an outage is worth trying again in a minute; a refused key ('auth') or request
    // ('rejected', 'invalid-input') stays refused until the server is fixed.
    const code = error instanceof XoiError && error.code === 'unavailable' ? 'xoi-unavailable' : 'internal';
    report(error, request, STATUS[code]);
    return code === 'internal'
      ? fail('internal', `Could not ${what}: unexpected error on the server.`)
      : fail('xoi-unavailable', `XOi did not answer while trying to ${what}. Try again in a minute.`);
  };

  /** A host callback, with its exception turned into a 500 (the host's bug, not the browser's). */
  const host = async <T>(request: Request, what: string, fn: () => MaybePromise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      report(error, request, 500);
      throw fail('internal', `The server could not ${what}.`);
    }
  };

  async function signedIn(request: Request): Promise<string> {
    const raw = await host(request, 'tell who is signed in', () => options.technician(request));
    if (raw === undefined || raw === null || raw === '')
      throw fail('unauthenticated', 'Sign in to see and link XOi jobs.');
    try {
      return normalizeEmail(raw);
    } catch {
      throw fail(
        'forbidden',
        'Your account has no valid email address, and XOi matches technicians by email. ' +
          'Ask an administrator to fix it.',
      );
    }
  }

  async function listJobs(request: Request, url: URL, email: string): Promise<Response> {
    const filter = (url.searchParams.get('label') ?? '').trim().toLowerCase();
    if (filter.length > MAX_LABEL_FILTER)
      throw fail('invalid-request', `label must be at most ${MAX_LABEL_FILTER} characters.`);
    let assigned: AssignedJobs;
    try {
      assigned = await client.listJobsAssignedTo(email, {
        pageSize,
        maxPages,
        ...(lookbackDays > 0 && {
          dateQuery: { type: 'CREATED_AT' as const, gte: new Date(now() - lookbackDays * 86_400_000) },
        }),
      });
    } catch (error) {
      throw xoiFailure(error, request, 'list your XOi jobs');
    }
    const linked = await host(request, 'read the job links', () => store.linkedJobIds(assigned.jobs.map((j) => j.id)));
    const jobs = assigned.jobs
      .filter((j) => !linked.has(j.id))
      .map((job) => linkableJobOf(job)!)
      .filter(
        (j) => !filter || [j.label, j.workOrderNumber, j.customerName].some((f) => f?.toLowerCase().includes(filter)),
      )
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id));
    const body: LinkableJobsBody = { jobs, truncated: assigned.truncated };
    return json(200, body);
  }

  /** The work order's own link: the technician may see it, the host gave them the work order. */
  async function workOrderLinked(workOrderId: string, request: Request): Promise<Answer | null> {
    const existing = await host(request, 'read the work order link', () => store.get(workOrderId));
    if (!existing) return null;
    return fail('already-linked', 'This work order is already linked to an XOi job.', {
      reason: 'work-order-linked',
      link: existing,
    });
  }

  /**
   * The job is linked to another work order. Said only to the job's assignee (checked first), and
   * without that work order or its links: another customer's share link is not the technician's.
   */
  async function jobTaken(jobId: string, request: Request): Promise<Answer | null> {
    const holder = await host(request, 'read the job link', () => store.getByJob(jobId));
    if (!holder) return null;
    return fail('already-linked', 'This XOi job is already linked to another work order.', { reason: 'job-taken' });
  }

  async function link(request: Request, workOrderId: string, order: XoiWorkOrder, email: string): Promise<Response> {
    const jobId = await readJobId(request, maxBodyBytes);
    // One link at a time per work order and per job in this process: a racing request waits for
    // the first to finish, then gets its 409 with the winner's link. The store's reserve() makes
    // the same rule hold across processes.
    const keys = [`wo:${workOrderId}`, `job:${jobId}`];
    for (;;) {
      const pending = keys.map((k) => inflight.get(k)).filter((p) => p !== undefined);
      if (pending.length === 0) break;
      await Promise.all(pending);
    }
    let done = () => {};
    const mine = new Promise<void>((resolve) => (done = resolve));
    for (const k of keys) inflight.set(k, mine);
    try {
      const linked = await workOrderLinked(workOrderId, request);
      if (linked) throw linked;
      let job: XoiJob;
      try {
        job = await client.getJob(jobId);
      } catch (error) {
        throw xoiFailure(error, request, 'read the XOi job');
      }
      if (!isAssignee(job, email)) {
        throw fail('forbidden', 'This XOi job is not assigned to you.');
      }
      const taken = await jobTaken(jobId, request);
      if (taken) throw taken;
      if (!(await host(request, 'reserve the link', () => store.reserve(workOrderId, jobId)))) {
        // Another server process holds one of them: its link once there is one, else "in progress".
        throw (
          (await workOrderLinked(workOrderId, request)) ??
          (await jobTaken(jobId, request)) ??
          fail('already-linked', 'This work order or XOi job is being linked right now.', { reason: 'in-progress' })
        );
      }
      return json(201, { link: await linkReserved(request, workOrderId, jobId, order, email) });
    } finally {
      done();
      for (const k of keys) if (inflight.get(k) === mine) inflight.delete(k);
    }
  }

  /** The XOi side of a link, then the commit; any failure releases the reservation. */
  async function linkReserved(
    request: Request,
    workOrderId: string,
    jobId: string,
    order: XoiWorkOrder,
    email: string,
  ): Promise<WorkOrderLink> {
    try {
      const fields: UpdateJobFields = {
        workOrderNumber: order.workOrderNumber,
        customerName: order.customerName,
        jobLocation: order.jobLocation,
        label: `${order.workOrderNumber.trim()} - ${order.customerName.trim()}`,
      };
      let share: XoiJobShare;
      let job: XoiJob;
      try {
        // updateJob answers with the updated job, deep links included: no second read.
        job = await client.updateJob(jobId, fields);
        share = await client.createJobShare(jobId, { shareEntireJob: options.shareEntireJob ?? false });
      } catch (error) {
        throw xoiFailure(error, request, 'link the XOi job');
      }
      const result: WorkOrderLink = {
        workOrderId,
        jobId,
        label: job.label ?? fields.label ?? '',
        shareLink: share.shareLink,
        deepLinks: deepLinksOf(job.deepLinks, xoiUrl),
        linkedAt: new Date(now()).toISOString(),
        linkedBy: email,
      };
      await host(request, 'save the link', () => store.commit(result));
      return result;
    } catch (error) {
      try {
        await store.release(workOrderId, jobId);
      } catch (releaseError) {
        report(releaseError, request, 500);
      }
      throw error;
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = matchRoute(base, url.pathname);
    if (route === 'outside') {
      return errorJson(404, 'not-found', `No XOi route at ${url.pathname}.`, {}, { [UNMATCHED_HEADER]: '1' });
    }
    if (route === 'unknown') throw fail('not-found', `No XOi route at ${url.pathname}.`);
    if (route === 'bad-id') throw fail('invalid-request', 'The work order id in the path is not valid.');
    const allowed = route.kind === 'jobs' ? ['GET'] : ['GET', 'POST'];
    if (!allowed.includes(request.method)) {
      throw fail('method-not-allowed', `Use ${allowed.join(' or ')}.`, {}, { allow: allowed.join(', ') });
    }
    const email = await signedIn(request);
    const raw = await host(request, 'read the work order', () => options.workOrder(route.workOrderId, request));
    if (!raw) throw fail('not-found', 'There is no such work order.');
    const order = checkWorkOrder(raw);
    if (!order) {
      report(
        new TypeError('workOrder() must return { workOrderNumber, customerName, jobLocation }, all non-blank strings'),
        request,
        500,
      );
      throw fail('internal', 'The work order is missing its number, customer or location.');
    }

    if (route.kind === 'jobs') return listJobs(request, url, email);
    if (request.method === 'GET') {
      const link = await host(request, 'read the work order link', () => store.get(route.workOrderId));
      return json(200, { link });
    }
    return link(request, route.workOrderId, order, email);
  }

  return async (request: Request): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof Answer) return error.response;
      report(error, request, 500);
      return errorJson(500, 'internal', 'Unexpected error on the server.');
    }
  };
}

// ── pure helpers ────────────────────────────────────────────────────────────────────────────

function normalizeBase(basePath: string): string {
  if (typeof basePath !== 'string' || !/^\/[^?#]*$/.test(basePath)) {
    throw new TypeError(`basePath must be a path starting with "/", got ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, '');
}

type Route = { kind: 'jobs' | 'link'; workOrderId: string } | 'outside' | 'unknown' | 'bad-id';

/** Splits on raw "/" before decoding, so an id with an encoded "%2F" stays one segment. */
function matchRoute(base: string, pathname: string): Route {
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return 'outside';
  const parts = pathname.slice(base.length).split('/').slice(1);
  if (parts.length !== 3 || parts[0] !== 'work-orders' || (parts[2] !== 'jobs' && parts[2] !== 'link'))
    return 'unknown';
  let workOrderId: string;
  try {
    workOrderId = decodeURIComponent(parts[1]);
  } catch {
    return 'bad-id';
  }
  if (!isWorkOrderId(workOrderId)) return 'bad-id';
  return { kind: parts[2], workOrderId };
}

async function readJobId(request: Request, maxBytes: number): Promise<string> {
  // Only JSON: a cross-site form can post text/plain with the technician's cookies, but it cannot
  // send application/json without a CORS preflight the host never grants.
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw fail('invalid-request', 'Send the body as application/json: { "jobId": "…" }.');
  }
  const text = await readText(request, maxBytes);
  if (text === null) throw fail('invalid-request', `The request body is larger than ${maxBytes} bytes.`);
  if (text === undefined) throw fail('invalid-request', 'The request body is not UTF-8 text.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('invalid-request', 'The request body must be JSON: { "jobId": "…" }.');
  }
  const jobId = body && typeof body === 'object' ? (body as { jobId?: unknown }).jobId : undefined;
  if (typeof jobId !== 'string' || !jobId.trim()) throw fail('invalid-request', 'jobId is required: { "jobId": "…" }.');
  if (!ID_SYNTAX.test(jobId.trim()))
    throw fail('invalid-request', 'jobId must be at most 256 characters without spaces.');
  return jobId.trim();
}

function checkWorkOrder(raw: unknown): XoiWorkOrder | null {
  if (!raw || typeof raw !== 'object') return null;
  const { workOrderNumber, customerName, jobLocation } = raw as Record<string, unknown>;
  const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
  if (!given(workOrderNumber) || !given(customerName) || !given(jobLocation)) return null;
  return { workOrderNumber, customerName, jobLocation };
}
