/**
 * The one error type the server module throws. Hosts branch on `code`, never on the message:
 * messages are for people and name the field or operation at fault, never a credential.
 */

export type XoiErrorCode =
  /** Refused before any HTTP call: a missing field, a bad email, an id with spaces… */
  | 'invalid-input'
  /**
   * The token endpoint refused the API key/secret (HTTP 400/401/403), or XOi refused a freshly
   * issued token, or said the key may not do this (AppSync's `Unauthorized`) even with a fresh one.
   */
  | 'auth'
  /** XOi says the job (or external id) does not exist. */
  | 'not-found'
  /** XOi refused the request itself (another 4xx, or a GraphQL error that retrying cannot fix). */
  | 'rejected'
  /** Network error, timeout, 5xx/429, GraphQL error, a bad answer or no share link on every attempt. */
  | 'unavailable';

/** One entry of a GraphQL `errors[]`, with the AppSync fields XOi adds (docs/xoi-api-notes.md §8). */
export interface XoiGraphQLError {
  message: string;
  errorType?: string;
  path?: ReadonlyArray<string | number>;
}

export interface XoiErrorDetails {
  /** The client method or GraphQL operation, e.g. `getJob`. */
  operation?: string;
  /** The input field at fault (`invalid-input`). */
  field?: string;
  /** The HTTP status of the last attempt, when it got an answer. */
  status?: number;
  /** HTTP attempts made (0 when the input was refused before any call). */
  attempts?: number;
  graphqlErrors?: XoiGraphQLError[];
  /** What XOi's last `Retry-After` asked for, in ms (429/503 that still failed after the retries). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class XoiError extends Error {
  readonly code: XoiErrorCode;
  readonly operation: string | undefined;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly attempts: number;
  readonly graphqlErrors: XoiGraphQLError[];
  /**
   * How long XOi asked us to wait (its last `Retry-After`, in ms), when it refused with one on the
   * final attempt; else undefined. The call itself waited at most `retry.maxDelayMs` between
   * attempts: whoever tries again later (a queue job) must not come sooner than this.
   */
  readonly retryAfterMs: number | undefined;

  constructor(code: XoiErrorCode, message: string, details: XoiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'XoiError';
    this.code = code;
    this.operation = details.operation;
    this.field = details.field;
    this.status = details.status;
    this.attempts = details.attempts ?? 0;
    this.graphqlErrors = details.graphqlErrors ?? [];
    this.retryAfterMs = details.retryAfterMs && details.retryAfterMs > 0 ? details.retryAfterMs : undefined;
  }
}

export const isXoiError = (error: unknown): error is XoiError => error instanceof XoiError;

/** Shorthand for the input checks: `invalid-input`, no HTTP call made. */
export const invalidInput = (field: string, rule: string, operation?: string): XoiError =>
  new XoiError('invalid-input', `${operation ? `${operation}: ` : ''}${field} ${rule}.`, { field, operation });
