/**
 * The routes' options and their check: done once, when the handler is created, so a typo stops
 * start-up instead of turning every request into a 500 or switching a limit off.
 */
import type { XoiClient } from '../client/client-types.js';
import { integerOption } from '../http.js';
import type { XoiJobIndex } from '../job-index/indexer.js';

export type MaybePromise<T> = T | Promise<T>;

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
  /**
   * The job index (`createXoiJobIndex`): the job list is read from it, with no XOi call, while it
   * is built and caught up; from XOi otherwise. Without it, every job list is read from XOi.
   */
  jobIndex?: Pick<XoiJobIndex, 'page' | 'lookbackDays'>;
  /** Jobs per answer of the job list (`hasMore` and `nextCursor` lead to the next). Default 50. */
  listLimit?: number;
  /** listJobs page size when listing from XOi. Default 100. */
  pageSize?: number;
  /** listJobs pages read per job list from XOi (XOi cannot filter by assignee). Default 10. */
  maxPages?: number;
  /** Only jobs created in the last N days are listed (bounds the paging). Default 90; 0 = no bound. */
  lookbackDays?: number;
  /** Link request body limit. Default 4 KiB. */
  maxBodyBytes?: number;
  /** `shareEntireJob` for the share made on linking. Default false: customer-visible steps only. */
  shareEntireJob?: boolean;
  /** Clock for `linkedAt` and the look-back window, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Told about every 5xx answer's cause (XOi failures, host callbacks that threw), for logging. */
  onError?: (error: unknown, context: { request: Request; status: number }) => void;
}

export type XoiRoutesClient = Pick<
  XoiClient,
  'listJobsAssignedTo' | 'getJob' | 'updateJob' | 'createJobShare' | 'findUserByEmail'
>;

/** The options, checked and with their defaults. */
export interface RouteConfig {
  base: string;
  technician: XoiRoutesOptions['technician'];
  workOrder: XoiRoutesOptions['workOrder'];
  jobIndex: XoiRoutesOptions['jobIndex'] | null;
  listLimit: number;
  pageSize: number;
  maxPages: number;
  lookbackDays: number;
  maxBodyBytes: number;
  shareEntireJob: boolean;
  now: () => number;
  onError: XoiRoutesOptions['onError'];
}

const OWNER = 'createXoiRoutes';

function normalizeBase(basePath: unknown): string {
  if (typeof basePath !== 'string' || !/^\/[^?#]*$/.test(basePath)) {
    throw new TypeError(`basePath must be a path starting with "/", got ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, '');
}

function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`${OWNER}: ${name} must be a function`);
  return value;
}

export function routeConfig(client: unknown, options: XoiRoutesOptions | undefined): RouteConfig {
  if (!client || !options || typeof options.technician !== 'function' || typeof options.workOrder !== 'function') {
    throw new TypeError(
      'createXoiRoutes(client, store, { technician, workOrder }): client and both callbacks are required',
    );
  }
  const shareEntireJob = options.shareEntireJob ?? false;
  if (typeof shareEntireJob !== 'boolean') throw new TypeError(`${OWNER}: shareEntireJob must be true or false`);
  const lookbackDays = integerOption(OWNER, 'lookbackDays', options.lookbackDays ?? 90, 0, 36_500);
  return {
    base: normalizeBase(options.basePath ?? '/xoi'),
    technician: options.technician,
    workOrder: options.workOrder,
    jobIndex: jobIndexOption(options.jobIndex, lookbackDays),
    listLimit: integerOption(OWNER, 'listLimit', options.listLimit ?? 50, 1, 1000),
    pageSize: integerOption(OWNER, 'pageSize', options.pageSize ?? 100, 1, 1000),
    maxPages: integerOption(OWNER, 'maxPages', options.maxPages ?? 10, 1, 1000),
    lookbackDays,
    maxBodyBytes: integerOption(OWNER, 'maxBodyBytes', options.maxBodyBytes ?? 4096, 64, 1 << 20),
    shareEntireJob,
    now: optionalFunction('now', options.now) ?? Date.now,
    onError: optionalFunction('onError', options.onError),
  };
}

/** The index must hold every job the routes list: its window at least as long as theirs. */
function jobIndexOption(jobIndex: XoiRoutesOptions['jobIndex'], lookbackDays: number): RouteConfig['jobIndex'] {
  if (jobIndex === undefined || jobIndex === null) return null;
  if (typeof jobIndex !== 'object' || typeof jobIndex.page !== 'function') {
    throw new TypeError(`${OWNER}: jobIndex must be what createXoiJobIndex returns`);
  }
  const kept = jobIndex.lookbackDays;
  if (kept !== 0 && (lookbackDays === 0 || lookbackDays > kept)) {
    throw new TypeError(
      `${OWNER}: the job index keeps ${kept} days of jobs, the routes list ${lookbackDays || 'all'}: ` +
        'give createXoiJobIndex a lookbackDays at least as long',
    );
  }
  return jobIndex;
}
