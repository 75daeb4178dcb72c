/**
 * The queue job that syncs one appointment (`xoi-appointment`, data `{ appointmentId }`): takes
 * the appointment's lease, runs its steps (steps.ts), records the end and lets go. A job that
 * finds the lease taken ends at once: the holder sees the newer version when it lets go
 * (`finish` answers "more") and runs again. So one worker at a time works on an appointment, on
 * any instance, and no change is lost.
 *
 * Errors: XOi refusing for good (`invalid-input`, `rejected`, `auth`) fails the appointment with
 * the reason, without a retry; anything else (XOi unavailable, the network, `deliverNotes`
 * throwing, the database) is thrown to the queue, which retries it with back-off (no sooner than
 * XOi's `Retry-After`) and dead-letters it after the last retry, when the appointment is failed too.
 */
import { randomUUID } from 'node:crypto';
import { XoiError } from '../client/errors.js';
import { runAppointment, type RunOutcome, type StepContext } from './steps.js';
import type { ClaimedAppointment } from './store.js';

export const APPOINTMENT_QUEUE = 'xoi-appointment';

export interface AppointmentJob {
  appointmentId: string;
}

export interface WorkerContext extends StepContext {
  leaseMs: number;
  retryLimit: number;
  report: (error: unknown, appointmentId: string) => void;
}

/** Runs after one another at most this often per job: a stream of changes cannot hold a worker forever. */
const MAX_ROUNDS = 10;

const PERMANENT = new Set<string>(['invalid-input', 'rejected', 'auth']);

const message = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500);

/** Where a thrown error leaves the appointment: failed for good, or waiting for the queue's retry. */
export function failureOf(error: unknown, lastAttempt: boolean): { outcome: RunOutcome; retry: boolean } {
  if (error instanceof XoiError && PERMANENT.has(error.code)) {
    return { outcome: { state: 'failed', reason: `XOi refused it (${error.code}): ${message(error)}` }, retry: false };
  }
  const reason = message(error);
  if (lastAttempt)
    return { outcome: { state: 'failed', reason: `Still failing after every retry: ${reason}` }, retry: true };
  return { outcome: { state: 'waiting', reason: `Retrying: ${reason}` }, retry: true };
}

export async function syncAppointment(
  ctx: WorkerContext,
  appointmentId: string,
  job: { retryCount: number },
): Promise<void> {
  const token = randomUUID();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimed = await ctx.store.claim(appointmentId, token, ctx.leaseMs);
    if (!claimed) return;
    const more = await runOnce(ctx, claimed, token, job.retryCount >= ctx.retryLimit);
    if (!more) return;
  }
  // Still changing: the rest is done by the next job for it (every change sends one).
}

/** One run; true when more work arrived meanwhile. Throws for the queue to retry. */
async function runOnce(ctx: WorkerContext, claimed: ClaimedAppointment, token: string, last: boolean) {
  const claim = { version: claimed.version, refreshRequested: claimed.refreshRequested };
  let outcome: RunOutcome;
  try {
    outcome = await runAppointment(ctx, claimed);
  } catch (error) {
    ctx.report(error, claimed.id);
    const failure = failureOf(error, last);
    const more = await ctx.store.finish(claimed.id, token, { ...failure.outcome, handled: false, ...claim });
    // The queue retries (the newest version with it), unless this was the last attempt and a newer
    // version came meanwhile: that one is tried now.
    if (failure.retry && !(last && more)) throw error;
    return more;
  }
  return ctx.store.finish(claimed.id, token, { ...outcome, handled: outcome.state !== 'failed', ...claim });
}
