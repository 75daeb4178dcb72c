/**
 * The retry decision, as a pure function: what one attempt of a GraphQL call came to, plus where
 * the call stands → try again at once with a fresh token, try again after a delay, or give up
 * with this XoiError. `call.ts` makes the attempts; everything it decides is decided here, so
 * `test/node/server-decide.test.mjs` can walk every outcome as a table.
 */
import type { GraphQLErrorClass } from './classify.js';
import { XoiError, type XoiErrorCode, type XoiErrorDetails, type XoiGraphQLError } from './errors.js';
import { backoffDelay, type RetryOptions } from './retry.js';

export type AttemptOutcome =
  /** `fetch` threw: connection refused or reset, DNS… */
  | { kind: 'network'; reason: string }
  /** No answer within `timeoutMs`. */
  | { kind: 'timeout' }
  /** HTTP 401: XOi refused the token (docs/xoi-api-notes.md §2). */
  | { kind: 'unauthorized' }
  /** Any other status outside 2xx; `retryAfterMs` from `Retry-After`, 0 without one. */
  | { kind: 'http'; status: number; retryAfterMs: number }
  /** A GraphQL `errors[]`, already classified. */
  | { kind: 'graphql'; status: number; errors: XoiGraphQLError[]; errorClass: GraphQLErrorClass }
  /** Not JSON, no `data`, or `data` without the documented shape (`reason` names the field). */
  | { kind: 'bad-shape'; status: number; reason: string }
  /** The documented shape, holding nothing usable: an empty share link, `jobShare: null`. */
  | { kind: 'empty'; status: number; reason: string };

export interface AttemptContext {
  operation: string;
  /** The attempt that just ended, from 1. A repeat with a fresh token keeps its number. */
  attempt: number;
  /** Attempts this call may make. */
  attempts: number;
  /** This call already fetched a fresh token because XOi refused one. */
  refreshed: boolean;
  retry: Required<RetryOptions>;
  /** A draw from [0, 1) for the back-off's random half. */
  jitter: number;
}

export type Decision =
  { action: 'refresh-token' } | { action: 'retry'; delayMs: number } | { action: 'give-up'; error: XoiError };

const errorText = (errors: readonly XoiGraphQLError[]): string =>
  errors
    .map((e) => (e.errorType ? `${e.errorType}: ${e.message}` : e.message))
    .join('; ')
    .slice(0, 300);

export function decide(outcome: AttemptOutcome, context: AttemptContext): Decision {
  const { operation, attempt, attempts, refreshed, retry, jitter } = context;
  const giveUp = (code: XoiErrorCode, message: string, details: XoiErrorDetails = {}): Decision => ({
    action: 'give-up',
    error: new XoiError(code, message, { operation, attempts: attempt, ...details }),
  });
  const again = (reason: string, details: XoiErrorDetails = {}, retryAfterMs = 0): Decision =>
    attempt < attempts
      ? {
          action: 'retry',
          delayMs: Math.max(backoffDelay(attempt, retry, jitter), Math.min(retryAfterMs, retry.maxDelayMs)),
        }
      : giveUp(
          'unavailable',
          `${operation} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}.`,
          details,
        );

  switch (outcome.kind) {
    case 'network':
      return again(outcome.reason);
    case 'timeout':
      return again('timed out');
    case 'unauthorized':
      // An expired or revoked token is not an outage: a new one is fetched and the attempt repeated
      // at once. A freshly issued token refused as well means the key itself is refused.
      return refreshed
        ? giveUp('auth', `${operation}: XOi refused a freshly issued token (HTTP 401).`, { status: 401 })
        : { action: 'refresh-token' };
    case 'http': {
      const { status } = outcome;
      if (status === 429 || status >= 500) {
        return again(`HTTP ${status}`, { status, retryAfterMs: outcome.retryAfterMs }, outcome.retryAfterMs);
      }
      return giveUp('rejected', `${operation}: XOi answered HTTP ${status}.`, { status });
    }
    case 'graphql': {
      const details = { status: outcome.status, graphqlErrors: outcome.errors };
      const text = `${operation}: ${errorText(outcome.errors)}`;
      if (outcome.errorClass === 'retry') return again(`GraphQL error: ${errorText(outcome.errors)}`, details);
      // AppSync's 200 with `Unauthorized` is usually the key's permissions, sometimes a token its
      // resolver no longer takes: one fresh token tells them apart.
      if (outcome.errorClass === 'auth' && !refreshed) return { action: 'refresh-token' };
      return giveUp(outcome.errorClass, text, details);
    }
    case 'bad-shape':
    case 'empty':
      return again(outcome.reason, { status: outcome.status });
  }
}
