/**
 * How a route answers a failure: the {@link Answer} thrown out of a deep step, and the mapping
 * from an XoiError to what the browser is told. The details of a 5xx go to `onError` only.
 */
import { ROUTE_ERROR_STATUS as STATUS, type XoiRouteErrorCode } from '../../contract/routes.js';
import { XoiError } from '../client/errors.js';
import { errorJson } from '../http.js';

/** An answer on its way out of a deep step (thrown to skip the rest, caught in the handler). */
export class Answer extends Error {
  constructor(readonly response: Response) {
    super(`XOi route answered HTTP ${response.status}`);
    this.name = 'Answer';
  }
}

export const fail = (code: XoiRouteErrorCode, message: string, extra: object = {}, headers = {}): Answer =>
  new Answer(errorJson(STATUS[code], code, message, extra, headers));

/**
 * An XOi failure while trying to `what` → the answer. Only an outage is worth trying again in a
 * minute; a refused key (`auth`) or request (`rejected`, `invalid-input`) stays refused until the
 * server is fixed, so it is an `internal` error, reported.
 */
export function xoiFailure(error: unknown, what: string, report: (error: unknown, status: number) => void): Answer {
  if (error instanceof XoiError && error.code === 'not-found') return fail('not-found', 'XOi does not know this job.');
  const code = error instanceof XoiError && error.code === 'unavailable' ? 'xoi-unavailable' : 'internal';
  report(error, STATUS[code]);
  return code === 'internal'
    ? fail('internal', `Could not ${what}: unexpected error on the server.`)
    : fail('xoi-unavailable', `XOi did not answer while trying to ${what}. Try again in a minute.`);
}
