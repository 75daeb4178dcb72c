/**
 * One mock XOi Cloud's parts, made from its options: state, users, faults, notifications, test
 * helpers, the request log and the settings the endpoints read. mock/xoi-cloud.ts turns this into
 * the public `XoiCloud`; the endpoints and the admin helpers take it whole.
 */
import { CloudActions } from './actions.js';
import { errorTypesWith, type MockErrorTypes } from './errors.js';
import { FaultQueue } from './faults.js';
import { Notifier } from './notifications.js';
import type { CloudDeps } from './resolvers/context.js';
import { checkSeedUser } from './seed-checks.js';
import { CloudStore } from './store.js';
import type { MockHosts, MockRequestLogEntry, SeedUser } from './types.js';
import { type UserIdMode, UserDirectory } from './users.js';

export interface XoiCloudOptions {
  /** The key the token endpoint accepts (default `mock-api-key`). */
  apiKey?: string;
  /** The secret (default `mock-api-secret`). */
  apiSecret?: string;
  /** Token lifetime (default 60 min, XOi's documented value: docs/xoi-api-notes.md §2). */
  tokenTtlMs?: number;
  /** Path of the API endpoints (default `/xoi-cloud`). */
  prefix?: string;
  /** The mock's clock, ms since the epoch (default `Date.now`); `advanceTime()` adds to it. */
  now?: () => number;
  /** Documentation items per getJobSummary page (default 50). */
  summaryPageSize?: number;
  /** The organisation in notifications (default `org-mock`). */
  orgId?: string;
  /** Where change notifications are POSTed as XOi would (default none). */
  notifyUrl?: string | null;
  /** `job_update`/`job_delete` (default `short`) or `job_updated`/`job_deleted` (`past`). */
  eventSpelling?: 'short' | 'past';
  /** Users in the directory from the start (and again after `reset()`). */
  users?: SeedUser[];
  /** A user's id: their lowercased email (default, as XOi's ids look today) or a random UUID. */
  userIds?: UserIdMode;
  /** The errorType names of the mock's GraphQL errors ([assumed], docs/xoi-api-notes.md §8). */
  errorTypes?: Partial<MockErrorTypes>;
  /**
   * Milliseconds every API request (token, GraphQL) waits before it is handled, as the network
   * and XOi's own work would (benchmarks use 150). Default 0. The test helpers and pages do not wait.
   */
  latencyMs?: number;
}

export interface Cloud extends CloudDeps {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly tokenTtlMs: number;
  readonly errorTypes: Readonly<MockErrorTypes>;
  readonly notifier: Notifier;
  readonly actions: CloudActions;
  /** Every token and GraphQL request, in order (the same array for the mock's life). */
  readonly requests: MockRequestLogEntry[];
  /** See {@link XoiCloudOptions.latencyMs}; changed by `setLatency()`. */
  latencyMs: number;
  log(entry: Omit<MockRequestLogEntry, 'at'>): void;
  hostsFor(origin: string): MockHosts;
  reset(): void;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new TypeError(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function latency(value: unknown): number {
  if (value === undefined) return 0;
  if (!(typeof value === 'number' && value >= 0 && value <= 60_000 && Number.isFinite(value))) {
    throw new TypeError(`latencyMs must be a number of milliseconds from 0 to 60,000, got ${JSON.stringify(value)}`);
  }
  return value;
}

function seededUsers(idMode: UserIdMode | undefined, users: SeedUser[] = []): UserDirectory {
  const directory = new UserDirectory(idMode);
  if (!Array.isArray(users)) throw new TypeError('users must be a list of { email, given_name?, … }');
  users.forEach((user, i) => directory.add(checkSeedUser(user, `users[${i}]`)));
  directory.markInitial();
  return directory;
}

export function createCloud(options: XoiCloudOptions = {}): Cloud {
  const store = new CloudStore(options.now);
  const deps: CloudDeps = {
    store,
    users: seededUsers(options.userIds, options.users),
    faults: new FaultQueue(),
    prefix: (options.prefix ?? '/xoi-cloud').replace(/\/+$/, ''),
    summaryPageSize: positive('summaryPageSize', options.summaryPageSize, 50),
  };
  const notifier = new Notifier({
    orgId: options.orgId ?? 'org-mock',
    eventSpelling: options.eventSpelling ?? 'short',
    notifyUrl: options.notifyUrl ?? null,
    now: () => store.now(),
  });
  const requests: MockRequestLogEntry[] = [];
  return {
    ...deps,
    apiKey: options.apiKey ?? 'mock-api-key',
    apiSecret: options.apiSecret ?? 'mock-api-secret',
    tokenTtlMs: positive('tokenTtlMs', options.tokenTtlMs, 3_600_000),
    errorTypes: errorTypesWith(options.errorTypes),
    notifier,
    actions: new CloudActions(deps, notifier),
    requests,
    latencyMs: latency(options.latencyMs),
    log: (entry) => requests.push({ at: store.iso(), ...entry }),
    hostsFor(origin) {
      const base = origin.replace(/\/+$/, '');
      return {
        tokenUrl: `${base}${deps.prefix}/token`,
        jobsUrl: `${base}${deps.prefix}/jobs/graphql`,
        shareUrl: `${base}${deps.prefix}/share/graphql`,
        usersUrl: `${base}${deps.prefix}/users/graphql`,
      };
    },
    reset() {
      store.reset();
      deps.users.reset();
      deps.faults.clear();
      notifier.clear();
      requests.length = 0;
    },
  };
}
