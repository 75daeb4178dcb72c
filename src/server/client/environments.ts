/**
 * Where XOi's External API lives. The URLs are docs/xoi-api-notes.md §1's list; XOi's own curl
 * example for staging uses another token host than its list, which is why a single URL can be
 * overridden on top of a named environment.
 */
import { invalidInput } from './errors.js';

export type XoiEnvironmentName = 'staging' | 'production';

export interface XoiHosts {
  /** REST token endpoint (`POST {api_key, api_secret}` → `{token}`). */
  tokenUrl: string;
  /** GraphQL endpoint of the jobs service. */
  jobsUrl: string;
  /** GraphQL endpoint of the share service. */
  shareUrl: string;
  /**
   * GraphQL endpoint of the users service (a technician's XOi user id, docs/xoi-api-notes.md §5).
   * Optional for custom hosts: without it, assignees are matched by email alone.
   */
  usersUrl?: string;
}

/** A named environment, or custom hosts (token, jobs and share; users optional), or `extends` one environment and override some. */
export type XoiEnvironment = XoiEnvironmentName | (Partial<XoiHosts> & { extends?: XoiEnvironmentName });

export const XOI_HOSTS: Readonly<Record<XoiEnvironmentName, Readonly<XoiHosts>>> = Object.freeze({
  staging: Object.freeze({
    tokenUrl: 'https://api-users-external.staging.xoeye.com/stag/token',
    jobsUrl: 'https://gql-jobs-external.staging.xoeye.com/graphql',
    shareUrl: 'https://gql-share-external.staging.xoeye.com/graphql',
    usersUrl: 'https://gql-users-external.staging.xoeye.com/graphql',
  }),
  production: Object.freeze({
    tokenUrl: 'https://api-users-external.xoi.io/prod/token',
    jobsUrl: 'https://gql-jobs-external.xoi.io/graphql',
    shareUrl: 'https://gql-share-external.xoi.io/graphql',
    usersUrl: 'https://gql-users-external.xoi.io/graphql',
  }),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const HOST_KEYS = ['tokenUrl', 'jobsUrl', 'shareUrl', 'usersUrl'] as const;

/**
 * A URL the client may send the API secret and tokens to: `https:`, or `http:` on loopback only
 * (the mock); no user info (credentials in a URL end up in logs) and no fragment.
 */
function checkUrl(field: string, value: unknown): string {
  const rule = 'must be an https: URL (http: only on localhost, 127.0.0.1, [::1]) without credentials or #fragment';
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(`environment.${field}`, `is required and ${rule}`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidInput(`environment.${field}`, rule);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || url.hash) throw invalidInput(`environment.${field}`, rule);
  return url.href;
}

/** The three URLs for `environment`; throws an `invalid-input` XoiError for anything else. */
export function resolveHosts(environment: XoiEnvironment): XoiHosts {
  if (typeof environment === 'string') {
    const hosts = Object.hasOwn(XOI_HOSTS, environment) ? XOI_HOSTS[environment] : undefined;
    if (!hosts)
      throw invalidInput(
        'environment',
        `must be 'staging', 'production' or custom hosts, got ${JSON.stringify(environment)}`,
      );
    return { ...hosts };
  }
  if (!environment || typeof environment !== 'object') {
    throw invalidInput('environment', "must be 'staging', 'production' or { tokenUrl, jobsUrl, shareUrl }");
  }
  let base: Partial<XoiHosts> = {};
  if (environment.extends !== undefined) base = resolveHosts(environment.extends);
  const merged = {
    ...base,
    ...Object.fromEntries(HOST_KEYS.filter((k) => environment[k] !== undefined).map((k) => [k, environment[k]])),
  };
  return {
    tokenUrl: checkUrl('tokenUrl', merged.tokenUrl),
    jobsUrl: checkUrl('jobsUrl', merged.jobsUrl),
    shareUrl: checkUrl('shareUrl', merged.shareUrl),
    ...(merged.usersUrl !== undefined && { usersUrl: checkUrl('usersUrl', merged.usersUrl) }),
  };
}
