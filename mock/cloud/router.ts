/**
 * Which endpoint answers a request, as Connect/Vite/Node middleware. Anything that is not the
 * mock's goes to `next()`, so the mock can share a server with the host's own routes.
 *
 *   POST {prefix}/token            token (also GET with HTTP Basic)
 *   POST {prefix}/jobs/graphql     jobs service
 *   POST {prefix}/share/graphql    share service
 *   POST {prefix}/users/graphql    users service
 *   GET  {prefix}/share/{id}       the public share page; GET {prefix}/web/jobs/{id} the job page
 *   …    /__xoi-cloud/…            test helpers (mock/cloud/admin.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, type Middleware, sendJson } from '../http.js';
import { ADMIN, onAdmin } from './admin.js';
import type { Cloud } from './cloud.js';
import { onGraphQL } from './endpoints/graphql.js';
import { jobPage, sharePage } from './endpoints/pages.js';
import { onToken } from './endpoints/token.js';

const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
};

/** True when the request was the mock's (and has been answered). */
async function handle(cloud: Cloud, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
  const origin = `http://${req.headers.host ?? 'localhost'}`;
  if (path === ADMIN || path.startsWith(`${ADMIN}/`)) {
    await onAdmin(cloud, req, res, path.slice(ADMIN.length), origin);
    return true;
  }
  if (!path.startsWith(`${cloud.prefix}/`)) return false;
  const rest = path.slice(cloud.prefix.length);
  const api = rest === '/token' || rest.endsWith('/graphql');
  if (api && cloud.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, cloud.latencyMs).unref());
  }
  if (rest === '/token') await onToken(cloud, req, res);
  else if (rest === '/jobs/graphql') await onGraphQL(cloud, 'jobs', req, res, origin);
  else if (rest === '/share/graphql') await onGraphQL(cloud, 'share', req, res, origin);
  else if (rest === '/users/graphql') await onGraphQL(cloud, 'users', req, res, origin);
  else if (rest.startsWith('/share/')) sharePage(cloud, res, decoded(rest.slice('/share/'.length)));
  else if (rest.startsWith('/web/jobs/')) jobPage(cloud, res, decoded(rest.slice('/web/jobs/'.length)));
  else return false;
  return true;
}

/** The mock as middleware: settles once a handled response has ended. */
export function middlewareOf(cloud: Cloud): Middleware {
  return async (req, res, next) => {
    let handled: boolean;
    try {
      handled = await handle(cloud, req, res);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, status, { message: error instanceof Error ? error.message : String(error) });
      } else res.destroy();
      return;
    }
    if (handled) return;
    if (next) next();
    else sendJson(res, 404, { message: 'Nothing here.' });
  };
}
