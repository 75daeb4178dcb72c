/**
 * Runs a Fetch API handler (the routes, the notification handler) inside Node's `http` server,
 * Express or Connect. With `next` (Express/Connect), the routes' 404 for a path outside their
 * `basePath` calls `next()` instead of answering, so they can sit in front of other handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { isUnmatched } from './routes/request.js';

export type FetchHandler = (request: Request) => Promise<Response>;
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** Express keeps the mount-free URL in `originalUrl` and a parsed body in `body`. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

const origins = new WeakMap<Request, IncomingMessage>();

/** What a host's middleware made of the request: `nodeRequestOf(r)?.user?.email` compiles untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- middleware adds fields we cannot know (req.user, req.session); pass T to type them
type HostRequest = IncomingMessage & Record<string, any>;

/**
 * The Node request a Fetch Request was made from by {@link toNodeHandler}, so `technician()`
 * can read what the host's middleware put there (`req.session`, `req.user`…).
 */
export function nodeRequestOf<T extends IncomingMessage = HostRequest>(request: Request): T | undefined {
  return origins.get(request) as T | undefined;
}

export function toNodeHandler(handler: FetchHandler): NodeHandler {
  return async (req, res, next) => {
    let response: Response;
    try {
      const request = toRequest(req);
      origins.set(request, req);
      response = await handler(request);
    } catch (error) {
      if (next) {
        next(error);
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
      return;
    }
    if (next && isUnmatched(response)) {
      await response.body?.cancel();
      next();
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    // Headers iterates Set-Cookie once per cookie (each overwrote the last above): pass them all.
    const cookies = response.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    res.writeHead(response.status, { ...headers, 'content-length': String(body.length) }).end(body);
  };
}

/** The Fetch API Request for a Node request. */
function toRequest(req: NodeRequest): Request {
  let url: URL;
  try {
    url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  // A body parser that read the stream hands on what it kept. One that skipped it still sets
  // req.body (Express 4's parsers make it {} for a content type they do not parse): then the
  // stream, unread, is the body.
  if (req.body !== undefined && req.readableEnded) {
    const body = typeof req.body === 'string' || req.body instanceof Uint8Array ? req.body : JSON.stringify(req.body);
    headers.delete('content-length');
    return new Request(url, { method, headers, body });
  }
  return new Request(url, {
    method,
    headers,
    body: Readable.toWeb(req),
    duplex: 'half',
  });
}
