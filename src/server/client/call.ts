/**
 * One GraphQL call to XOi with its retries: each attempt is turned into an {@link AttemptOutcome}
 * (or the decoded result), and {@link decide} says what happens next. Nothing about when to retry
 * is decided here.
 */
import { EmptyAnswer, graphQLErrors } from './answers.js';
import type { GraphQLErrorClass } from './classify.js';
import { decide, type AttemptOutcome } from './decide.js';
import type { XoiHosts } from './environments.js';
import type { XoiGraphQLError } from './errors.js';
import type { RetryOptions } from './retry.js';
import { discard, fetchWithTimeout, reasonOf, retryAfterMs, type XoiRuntime } from './runtime.js';
import type { TokenCache } from './token.js';

export interface GraphQLCall<T> {
  service: 'jobs' | 'share' | 'users';
  operation: string;
  document: string;
  variables: Record<string, unknown>;
  /** Fewer attempts for calls that are not safe to repeat. */
  attempts?: number;
  /**
   * The answer's `data` → the result, through the operation's decoder in answers.ts. A
   * `ShapeError` (or any throw) is a bad shape, an {@link EmptyAnswer} an empty answer: both are
   * retried, then an `unavailable` XoiError saying why.
   */
  decode: (data: unknown) => T;
  /** Before each retry: did the previous attempt succeed after all? A result ends the call. */
  beforeRetry?: () => Promise<T | undefined>;
}

/** What every call shares, fixed when the client is created. */
export interface CallContext {
  hosts: Readonly<XoiHosts>;
  runtime: XoiRuntime;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  tokens: TokenCache;
  classify: (errors: XoiGraphQLError[]) => GraphQLErrorClass;
}

export type Caller = <T>(call: GraphQLCall<T>) => Promise<T>;

type Attempt<T> = { ok: true; value: T } | { ok: false; outcome: AttemptOutcome };

export async function callXoi<T>(context: CallContext, call: GraphQLCall<T>): Promise<T> {
  const attempts = call.attempts ?? context.retry.attempts;
  let attempt = 1;
  let refreshed = false;
  for (;;) {
    const token = await context.tokens.get();
    const result = await attemptOnce(context, call, token);
    if (result.ok) return result.value;
    const decision = decide(result.outcome, {
      operation: call.operation,
      attempt,
      attempts,
      refreshed,
      retry: context.retry,
      jitter: context.runtime.random(),
    });
    if (decision.action === 'give-up') throw decision.error;
    if (decision.action === 'refresh-token') {
      context.tokens.invalidate(token);
      refreshed = true;
      continue;
    }
    await context.runtime.sleep(decision.delayMs);
    attempt++;
    const recovered = await call.beforeRetry?.().catch(() => undefined);
    if (recovered !== undefined) return recovered;
  }
}

/** The service's endpoint; the users service may be unset on custom hosts (checked by users.ts first). */
function serviceUrl(hosts: Readonly<XoiHosts>, service: GraphQLCall<unknown>['service']): string {
  if (service === 'jobs') return hosts.jobsUrl;
  if (service === 'share') return hosts.shareUrl;
  return hosts.usersUrl ?? '';
}

async function attemptOnce<T>(context: CallContext, call: GraphQLCall<T>, token: string): Promise<Attempt<T>> {
  const fail = (outcome: AttemptOutcome): Attempt<T> => ({ ok: false, outcome });
  let response: Response;
  try {
    response = await fetchWithTimeout(
      context.runtime,
      serviceUrl(context.hosts, call.service),
      {
        method: 'POST',
        // XOi wants the raw token, without "Bearer" (docs/xoi-api-notes.md §2).
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: token },
        body: JSON.stringify({ query: call.document, variables: call.variables }),
      },
      context.timeoutMs,
    );
  } catch (error) {
    return fail(
      error instanceof Error && error.name === 'TimeoutError'
        ? { kind: 'timeout' }
        : { kind: 'network', reason: reasonOf(error) },
    );
  }
  if (response.status === 401) {
    await discard(response);
    return fail({ kind: 'unauthorized' });
  }
  if (!response.ok) {
    const retryAfter = retryAfterMs(response);
    await discard(response);
    return fail({ kind: 'http', status: response.status, retryAfterMs: retryAfter });
  }
  return readAnswer(context, call, response);
}

async function readAnswer<T>(context: CallContext, call: GraphQLCall<T>, response: Response): Promise<Attempt<T>> {
  const { status } = response;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!payload || typeof payload !== 'object') {
    return { ok: false, outcome: { kind: 'bad-shape', status, reason: 'the answer was not JSON' } };
  }
  const { data, errors } = payload as { data?: unknown; errors?: unknown };
  const graphqlErrors = graphQLErrors(errors);
  if (graphqlErrors.length) {
    const errorClass = context.classify(graphqlErrors);
    return { ok: false, outcome: { kind: 'graphql', status, errors: graphqlErrors, errorClass } };
  }
  if (!data || typeof data !== 'object') {
    return { ok: false, outcome: { kind: 'bad-shape', status, reason: 'the answer had no data' } };
  }
  try {
    return { ok: true, value: call.decode(data) };
  } catch (error) {
    if (error instanceof EmptyAnswer) return { ok: false, outcome: { kind: 'empty', status, reason: error.message } };
    const reason = `the answer did not have the documented shape (${reasonOf(error)})`;
    return { ok: false, outcome: { kind: 'bad-shape', status, reason } };
  }
}
