/**
 * XOi's token endpoint (docs/xoi-api-notes.md §2): `POST {api_key, api_secret}` or `GET` with
 * HTTP Basic → `{token}`. [assumed: an unknown key is 403, a wrong secret 401, a malformed
 * request 400: XOi does not document them]
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodOf, readJson, sendJson } from '../../http.js';
import type { Cloud } from '../cloud.js';
import { isObject } from '../seed-checks.js';
import { applyTransportFault } from './transport.js';

interface Credentials {
  key?: unknown;
  secret?: unknown;
}

function basicCredentials(req: IncomingMessage): Credentials {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  return colon < 0 ? {} : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

async function jsonCredentials(req: IncomingMessage): Promise<Credentials> {
  const body = await readJson(req).catch(() => null);
  return isObject(body) ? { key: body.api_key, secret: body.api_secret } : {};
}

/** The status and body for these credentials (a new token when they are right). */
function answer(cloud: Cloud, { key, secret }: Credentials): [number, object] {
  if (typeof key !== 'string' || typeof secret !== 'string') {
    return [400, { message: 'Send {"api_key": "…", "api_secret": "…"}.' }];
  }
  if (key !== cloud.apiKey) return [403, { message: 'Unknown api_key.' }];
  if (secret !== cloud.apiSecret) return [401, { message: 'Invalid api_secret.' }];
  return [200, { token: cloud.store.issueToken(cloud.tokenTtlMs) }];
}

export async function onToken(cloud: Cloud, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = methodOf(req);
  if (await applyTransportFault(cloud, 'token', req, res, { operation: null, method })) return;
  if (method !== 'GET' && method !== 'POST') {
    cloud.log({ service: 'token', operation: null, method, status: 405 });
    sendJson(res, 405, { message: 'Use POST (JSON) or GET (Basic auth).' }, { allow: 'GET, POST' });
    return;
  }
  const credentials = method === 'GET' ? basicCredentials(req) : await jsonCredentials(req);
  const [status, body] = answer(cloud, credentials);
  cloud.log({ service: 'token', operation: null, method, status });
  sendJson(res, status, body);
}
