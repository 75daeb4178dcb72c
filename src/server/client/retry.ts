/**
 * Back-off between attempts. Exponential with "equal jitter": half the delay is fixed, half is
 * random, so many clients failing together (XOi under load) do not retry in lockstep, yet each
 * still waits long enough for the service to recover.
 */
import { invalidInput } from './errors.js';

export interface RetryOptions {
  /** Total attempts per call, first included. Default 3 (what XOi's Dynamics integration uses). */
  attempts?: number;
  /** Delay before the first retry, before jitter. Default 1,000 ms. */
  baseDelayMs?: number;
  /** Cap on a single delay. Default 10,000 ms. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 };

/**
 * The wait before retry number `retry` (1 = the wait after the first failure):
 * `d = min(max, base × 2^(retry−1))`, then `d/2 + jitter × d/2`, rounded; `jitter` is a draw
 * from [0, 1), made by the caller so this stays a pure function.
 */
export function backoffDelay(retry: number, options: Required<RetryOptions>, jitter: number): number {
  const d = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const r = Math.min(1, Math.max(0, jitter));
  return Math.round(d / 2 + (r * d) / 2);
}

/** Fills defaults and checks the numbers, so a typo fails at start-up, not at the first outage. */
export function retryOptions(input: RetryOptions | undefined): Required<RetryOptions> {
  const out = {
    ...DEFAULT_RETRY,
    ...Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined)),
  };
  const ok =
    Number.isInteger(out.attempts) &&
    out.attempts >= 1 &&
    out.attempts <= 10 &&
    Number.isFinite(out.baseDelayMs) &&
    out.baseDelayMs >= 0 &&
    Number.isFinite(out.maxDelayMs) &&
    out.maxDelayMs >= out.baseDelayMs;
  if (!ok) throw invalidInput('retry', 'needs attempts an integer 1–10 and 0 ≤ baseDelayMs ≤ maxDelayMs');
  return out;
}
