/**
 * The routes' options and their check: done once, when the handler is created, so a typo stops
 * start-up instead of turning every request into a 500 or switching a limit off.
 */
import type { XoiClient } from '../client/client-types.js';
import { integerOption } from '../http.js';

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
  return {
    base: normalizeBase(options.basePath ?? '/xoi'),
    technician: options.technician,
    workOrder: options.workOrder,
    pageSize: integerOption(OWNER, 'pageSize', options.pageSize ?? 100, 1, 1000),
    maxPages: integerOption(OWNER, 'maxPages', options.maxPages ?? 10, 1, 1000),
    lookbackDays: integerOption(OWNER, 'lookbackDays', options.lookbackDays ?? 90, 0, 36_500),
    maxBodyBytes: integerOption(OWNER, 'maxBodyBytes', options.maxBodyBytes ?? 4096, 64, 1 << 20),
    shareEntireJob,
    now: optionalFunction('now', options.now) ?? Date.now,
    onError: optionalFunction('onError', options.onError),
  };
}
