/**
 * `createAppointmentStatusRoutes`: the "XOi Integration Setup" status as a Fetch API handler, for
 * the back office's administrators only (the host's `authorizeAdmin`, required):
 *
 *   GET  {base}/status                         the report as JSON (status.ts)
 *   GET  {base}/status.html                    the same as a printable page (status-page.ts)
 *   POST {base}/appointments/{id}/retry        queue an appointment that needs attention again
 *   POST {base}/dead-letters/{id}/retry        queue a dead letter's work again
 *
 * A retry from the page's form answers 303 back to the page; from a script, JSON. A cross-site
 * POST is refused (the admin's cookies must not retry anything for another site).
 */
import { ID_SYNTAX } from '../client/inputs.js';
import { errorJson, integerOption, json } from '../http.js';
import { UNMATCHED_HEADER } from '../routes/request.js';
import { renderStatusPage, STATUS_STYLE_HASH } from './status-page.js';
import { integrationStatus, type StatusSources } from './status.js';
import type { AppointmentSync } from './sync.js';

export interface AppointmentStatusRoutesOptions {
  sync: Pick<AppointmentSync, 'status' | 'retry' | 'retryDeadLetter'>;
  /** `createXoiClient(…)`: its hosts, and whether it can get a token now. */
  client: StatusSources['client'];
  /** Your check that the request comes from a back-office administrator (your session). Required. */
  authorizeAdmin: (request: Request) => boolean | Promise<boolean>;
  /** Default `/xoi/admin`. */
  basePath?: string;
  /** The notification URL you gave XOi, secret included: shown with the secret masked. */
  notificationUrl?: string;
  /** How long the token check may take before the page says it failed. Default 10,000 ms. */
  tokenTimeoutMs?: number;
  onError?: (error: unknown, context: { request: Request }) => void;
}

const OWNER = 'createAppointmentStatusRoutes';

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; style-src ${STATUS_STYLE_HASH}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function checkRoutesOptions(options: AppointmentStatusRoutesOptions) {
  if (!options || typeof options !== 'object') throw new TypeError(`${OWNER}: options are required`);
  if (typeof options.authorizeAdmin !== 'function') {
    throw new TypeError(
      `${OWNER}: authorizeAdmin(request) is required: the status page shows your XOi setup and retries work, ` +
        'so only your back-office administrators may see it',
    );
  }
  if (!options.sync || typeof options.sync.status !== 'function') throw new TypeError(`${OWNER}: sync is required`);
  if (!options.client || typeof options.client.checkToken !== 'function') {
    throw new TypeError(`${OWNER}: client must be createXoiClient(…)'s`);
  }
  const basePath = options.basePath ?? '/xoi/admin';
  if (typeof basePath !== 'string' || !/^(\/[\w.~-]+)+$/.test(basePath)) {
    throw new TypeError(`${OWNER}: basePath must look like /xoi/admin`);
  }
  if (options.notificationUrl !== undefined && !URL.canParse(options.notificationUrl)) {
    throw new TypeError(`${OWNER}: notificationUrl must be an absolute URL`);
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError(`${OWNER}: onError must be a function`);
  }
  const tokenTimeoutMs = integerOption(OWNER, 'tokenTimeoutMs', options.tokenTimeoutMs ?? 10_000, 100, 120_000);
  return { basePath, tokenTimeoutMs };
}

/** Same-origin only: a browser says so in Sec-Fetch-Site, older ones in Origin; scripts send neither. */
function crossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  return !URL.canParse(origin) || new URL(origin).host !== new URL(request.url).host;
}

type Retry = { kind: 'retry'; id: string } | { kind: 'dead-letter'; id: string };
type Match = { kind: 'status' } | { kind: 'page' } | Retry | 'outside' | 'unknown';

function match(base: string, pathname: string): Match {
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return 'outside';
  const rest = pathname.slice(base.length);
  if (rest === '/status') return { kind: 'status' };
  if (rest === '/status.html') return { kind: 'page' };
  const m = /^\/(appointments|dead-letters)\/([^/]+)\/retry$/.exec(rest);
  if (!m) return 'unknown';
  let id: string;
  try {
    id = decodeURIComponent(m[2]);
  } catch {
    return 'unknown';
  }
  if (!ID_SYNTAX.test(id)) return 'unknown';
  return m[1] === 'appointments' ? { kind: 'retry', id } : { kind: 'dead-letter', id };
}

export function createAppointmentStatusRoutes(
  options: AppointmentStatusRoutesOptions,
): (request: Request) => Promise<Response> {
  const { basePath, tokenTimeoutMs } = checkRoutesOptions(options);
  const sources: StatusSources = {
    sync: options.sync,
    client: options.client,
    basePath,
    notificationUrl: options.notificationUrl ?? null,
    tokenTimeoutMs,
  };
  const report = (error: unknown, request: Request) => {
    try {
      options.onError?.(error, { request });
    } catch {
      // A failing logger must not change the answer.
    }
  };

  async function answer(request: Request, route: Exclude<Match, 'outside' | 'unknown'>): Promise<Response> {
    if (route.kind === 'status' || route.kind === 'page') {
      if (request.method !== 'GET') return errorJson(405, 'method-not-allowed', 'Use GET.', {}, { allow: 'GET' });
      const status = await integrationStatus(sources);
      if (route.kind === 'status') return json(200, status);
      return new Response(renderStatusPage(status), { status: 200, headers: HTML_HEADERS });
    }
    return retry(request, route);
  }

  async function retry(request: Request, route: Retry): Promise<Response> {
    if (request.method !== 'POST') return errorJson(405, 'method-not-allowed', 'Use POST.', {}, { allow: 'POST' });
    if (crossSite(request)) return errorJson(403, 'forbidden', 'A retry must come from this site.');
    const done =
      route.kind === 'retry' ? await options.sync.retry(route.id) : await options.sync.retryDeadLetter(route.id);
    const fromForm = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
    if (fromForm) return new Response(null, { status: 303, headers: { location: `${basePath}/status.html` } });
    if (!done) return errorJson(404, 'not-found', `Nothing to retry for ${route.id}.`);
    return json(200, { retried: true, id: route.id });
  }

  return async (request) => {
    const route = match(basePath, new URL(request.url).pathname);
    if (route === 'outside') {
      return errorJson(404, 'not-found', 'No such route.', {}, { [UNMATCHED_HEADER]: '1' });
    }
    try {
      if (!(await options.authorizeAdmin(request))) {
        return errorJson(401, 'unauthenticated', 'Only back-office administrators may see the XOi status.');
      }
    } catch (error) {
      report(error, request);
      return errorJson(500, 'internal', 'Could not check who is asking.');
    }
    if (route === 'unknown') return errorJson(404, 'not-found', 'No such route.');
    try {
      return await answer(request, route);
    } catch (error) {
      report(error, request);
      return errorJson(500, 'internal', 'The XOi status could not be read.');
    }
  };
}
