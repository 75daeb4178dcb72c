/**
 * The mock's GraphQL errors and their `errorType` names, in one table.
 *
 * XOi publishes no list of errorType values (docs/xoi-api-notes.md §8): every name below is
 * assumed, after AppSync's and graphql-js's conventions. A test or a host that knows XOi's real
 * names passes `errorTypes` to `createXoiCloud()`.
 */
import { HttpError } from '../http.js';

/** Which kind of failure each errorType names. */
export interface MockErrorTypes {
  /** An unknown job, user or externalId. */
  notFound: string;
  /** Input XOi refuses: blank strings, a bad limit, an unknown assignee, a bad nextToken. */
  validation: string;
  /** A second job with an externalId XOi already holds. */
  conflict: string;
  /** A missing, unknown or expired token (HTTP 401). */
  unauthorized: string;
  /** An operation of XOi's schema the mock does not serve. */
  notImplemented: string;
  /** A `graphql-error` fault without its own `errorType`. */
  injected: string;
}

export type MockErrorKind = keyof MockErrorTypes;

/** [assumed] (docs/xoi-api-notes.md §8) */
export const DEFAULT_ERROR_TYPES: Readonly<MockErrorTypes> = Object.freeze({
  notFound: 'NotFound',
  validation: 'ValidationError',
  conflict: 'Conflict',
  unauthorized: 'UnauthorizedException',
  notImplemented: 'NotImplemented',
  injected: 'InternalFailure',
});

const STATUS: Readonly<Record<MockErrorKind, number>> = {
  notFound: 404,
  validation: 400,
  conflict: 409,
  unauthorized: 401,
  notImplemented: 501,
  injected: 500,
};

/**
 * A refusal by the mock's rules. Over GraphQL it becomes an `errors[]` entry whose errorType is
 * the table's name for `kind`; from a `/__xoi-cloud` helper, an HTTP status.
 */
export class MockError extends HttpError {
  constructor(
    readonly kind: MockErrorKind,
    message: string,
  ) {
    super(STATUS[kind], message);
    this.name = 'MockError';
  }
}

/** The table with `overrides` applied; a blank or non-string name is refused. */
export function errorTypesWith(overrides: Partial<MockErrorTypes> = {}): Readonly<MockErrorTypes> {
  const types = { ...DEFAULT_ERROR_TYPES };
  for (const kind of Object.keys(DEFAULT_ERROR_TYPES) as MockErrorKind[]) {
    const name: unknown = overrides[kind];
    if (name === undefined) continue;
    if (typeof name !== 'string' || !name.trim()) {
      throw new TypeError(`errorTypes.${kind} must be a non-empty string, got ${JSON.stringify(name)}`);
    }
    types[kind] = name;
  }
  return Object.freeze(types);
}
