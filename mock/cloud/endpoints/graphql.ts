/**
 * The GraphQL endpoints of the jobs, share and users services: the raw token in `Authorization`
 * (no "Bearer", docs/xoi-api-notes.md §2), HTTP 401 for a refused one, then the request run on
 * the service's schema, with the faults that act on GraphQL answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodOf, readJson, sendJson } from '../../http.js';
import type { Cloud } from '../cloud.js';
import { type GraphQLRequestBody, execute } from '../execute.js';
import type { GraphQLService } from '../schema.js';
import { isObject } from '../seed-checks.js';
import { applyTransportFault } from './transport.js';

/** The request body's parts, each `undefined` when missing or of the wrong type. */
async function readRequest(req: IncomingMessage) {
  const body = await readJson(req).catch(() => null);
  const fields = isObject(body) ? body : {};
  const query = typeof fields.query === 'string' ? fields.query : '';
  const named = typeof fields.operationName === 'string' ? fields.operationName : null;
  return {
    query,
    operationName: named,
    variables: fields.variables,
    operation: named ?? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? null,
  };
}

/** Why the token is refused, or null when it is good. */
function refusal(cloud: Cloud, authorization: string | null): string | null {
  const state = authorization ? cloud.store.tokenState(authorization) : 'unknown';
  if (state === 'valid') return null;
  if (authorization?.startsWith('Bearer ')) return 'Unauthorized: send the raw token, without "Bearer".';
  if (state === 'expired') return 'Unauthorized: the token has expired.';
  return 'Unauthorized: missing or unknown token.';
}

export async function onGraphQL(
  cloud: Cloud,
  service: GraphQLService,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
): Promise<void> {
  if (methodOf(req) !== 'POST') {
    sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
    return;
  }
  const { query, operationName, variables, operation } = await readRequest(req);
  const authorization = req.headers.authorization ?? null;
  const entry = { service, operation, variables, authorization };
  if (await applyTransportFault(cloud, service, req, res, entry)) return;

  const refused = refusal(cloud, authorization);
  if (refused) {
    cloud.log({ ...entry, status: 401 });
    sendJson(res, 401, { errors: [{ errorType: cloud.errorTypes.unauthorized, message: refused }] });
    return;
  }
  if (!query || (variables != null && !isObject(variables))) {
    cloud.log({ ...entry, status: 400 });
    sendJson(res, 400, { errors: [{ message: 'Send {"query": "…", "variables": {…}}.' }] });
    return;
  }
  const injected = cloud.faults.take(service, ['graphql-error']);
  if (injected) {
    cloud.log({ ...entry, status: 200, fault: 'graphql-error' });
    const errorType = injected.errorType ?? cloud.errorTypes.injected;
    sendJson(res, 200, {
      data: null,
      errors: [{ message: injected.message ?? 'Internal failure (injected)', errorType, path: null }],
    });
    return;
  }
  const body: GraphQLRequestBody = { query, variables, operationName };
  const answer = await execute(service, body, { deps: cloud, origin }, cloud.errorTypes);
  if (cloud.faults.take(service, ['lost-response'])) {
    cloud.log({ ...entry, status: 0, fault: 'lost-response' });
    req.socket.destroy();
    return;
  }
  cloud.log({ ...entry, status: 200 });
  sendJson(res, 200, answer);
}
