/**
 * A stand-in for XOi Vision's "Foundational Integration" endpoint, for tests and the demo.
 *
 * It records every share POST byte-exact, so a browser test can assert the body XOi would
 * receive (`GET /__xoi-mock/requests?shareId=…`), and serves small pages that behave like the
 * real flow (mock/vision/pages.ts): an activity page with a "Finish workflow" button, and the
 * public customer page.
 *
 * Plain Node with no dependencies: `middleware(req, res, next)` works in Connect/Vite and
 * `http.createServer`; the web-test-runner config wraps it for Koa. `middleware` returns a
 * promise that settles once a handled response has ended (Koa's adapter waits on it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, type Middleware, methodOf, readBody, send } from './http.js';
import { type Activity, activityPage, customerPage, errorPage, finishedPage } from './vision/pages.js';

export { escapeHtml } from './http.js';
export type { Activity } from './vision/pages.js';

const SHARE_FIELDS = ['shareId', 'serviceTicket', 'customer', 'location'] as const;

/** One share POST as the mock received it. */
export interface ShareRequestRecord {
  partnerId: string;
  path: string;
  contentType: string;
  /** The body as bytes, read as latin1 (byte-exact). */
  rawBody: string;
  /** Every form field, in order. */
  fields: [string, string][];
  shareId: string;
  at: string;
  status: number;
}

export interface XoiMock {
  middleware: Middleware;
  /** Every share POST, in order. */
  readonly requests: ShareRequestRecord[];
  /** `${partnerId}\n${shareId}` → activity */
  readonly activities: Map<string, Activity>;
  reset(): void;
}

interface State {
  requests: ShareRequestRecord[];
  activities: Map<string, Activity>;
}

const key = (partnerId: string, shareId: string) => `${partnerId}\n${shareId}`;

/** Splits the path on raw "/" before decoding, so an encoded "%2F" stays inside its segment. */
function segments(pathname: string): string[] | null {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** What is wrong with the POST (status and page), or null when XOi Vision would open it. */
function refusal(contentType: string, first: (name: string) => string | undefined): [number, string] | null {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    const got = `Expected application/x-www-form-urlencoded, got "${contentType || 'none'}".`;
    return [415, errorPage('Unsupported content type', got)];
  }
  const missing = SHARE_FIELDS.filter((name) => !(first(name) ?? '').trim());
  if (missing.length === 0) return null;
  const why = 'XOi Vision could not open an activity; these fields are missing or blank:';
  return [400, errorPage('Missing fields', why, missing)];
}

async function onShare(state: State, req: IncomingMessage, res: ServerResponse, partnerId: string, path: string) {
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  const fields = [...new URLSearchParams(body.toString('utf8'))];
  const first = (name: string) => fields.find(([n]) => n === name)?.[1];
  const shareId = first('shareId') ?? '';
  const at = new Date().toISOString();
  const record: ShareRequestRecord = {
    partnerId,
    path,
    contentType,
    rawBody: body.toString('latin1'),
    fields,
    shareId,
    at,
    status: 200,
  };
  state.requests.push(record);

  const refused = refusal(contentType, first);
  if (refused) {
    record.status = refused[0];
    send(res, ...refused);
    return;
  }
  const data = {
    partnerId,
    shareId,
    serviceTicket: first('serviceTicket') ?? '',
    customer: first('customer') ?? '',
    location: first('location') ?? '',
    tags: fields.filter(([n]) => n === 'tags').map(([, v]) => v),
  };
  let activity = state.activities.get(key(partnerId, shareId));
  if (activity) {
    // The same shareId is the same activity; the latest post's details win, as a re-share would.
    Object.assign(activity, data);
    activity.opens += 1;
  } else {
    activity = { ...data, opens: 1, finished: false, createdAt: at };
    state.activities.set(key(partnerId, shareId), activity);
  }
  send(res, 200, activityPage(activity));
}

function onRequests(state: State, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const method = methodOf(req);
  if (method === 'GET' || method === 'HEAD') {
    const shareId = url.searchParams.get('shareId');
    const list = shareId === null ? state.requests : state.requests.filter((r) => r.shareId === shareId);
    send(res, 200, JSON.stringify(list), 'application/json; charset=utf-8');
  } else if (method === 'DELETE') {
    reset(state);
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  } else {
    send(res, 405, errorPage('Method not allowed', 'Use GET or DELETE.'));
  }
}

const notFound = (res: ServerResponse) =>
  send(res, 404, errorPage('Not found', 'There is no XOi Vision activity at this address.'));

/** `/partners/{partnerId}/share[/{shareId}[/finish]]`; false when the path is not one of these. */
async function onPartner(state: State, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const method = methodOf(req);
  const seg = segments(url.pathname);
  if (!seg || seg.length < 3 || seg[2] !== 'share' || !seg[1]) return false;
  const partnerId = seg[1];
  if (seg.length === 3) {
    if (method === 'POST') await onShare(state, req, res, partnerId, url.pathname);
    else send(res, 405, errorPage('Method not allowed', 'Open an activity with a form POST.'));
    return true;
  }
  const activity = state.activities.get(key(partnerId, seg[3]));
  if (seg.length === 4 && (method === 'GET' || method === 'HEAD')) {
    if (activity) send(res, 200, customerPage(activity));
    else notFound(res);
    return true;
  }
  if (seg.length === 5 && seg[4] === 'finish' && method === 'POST') {
    await readBody(req);
    if (activity) {
      activity.finished = true;
      send(res, 200, finishedPage(activity));
    } else notFound(res);
    return true;
  }
  if (seg.length > 5) return false;
  notFound(res);
  return true;
}

function reset(state: State): void {
  state.requests.length = 0;
  state.activities.clear();
}

export function createXoiMock(): XoiMock {
  const state: State = { requests: [], activities: new Map() };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    if (url.pathname === '/__xoi-mock/requests') {
      onRequests(state, req, res, url);
      return true;
    }
    return url.pathname.startsWith('/partners/') && onPartner(state, req, res, url);
  }

  const middleware: Middleware = async (req, res, next) => {
    let handled: boolean;
    try {
      handled = await handle(req, res);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, status, errorPage('Mock error', message));
      else res.destroy();
      return;
    }
    if (handled) return;
    if (next) next();
    else send(res, 404, errorPage('Not found', 'Nothing here.'));
  };

  return {
    middleware,
    requests: state.requests,
    activities: state.activities,
    reset: () => {
      reset(state);
    },
  };
}
