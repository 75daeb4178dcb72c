/**
 * Poll mode, for back offices that cannot call `upsert` when an appointment changes: a pass asks
 * the back office for what changed since the cursor, upserts it, and saves the new cursor in the
 * database, so a restart (or another instance) goes on from there. One pass at a time across
 * instances (a lease on the cursor row). An invalid appointment does not stop the pass: it is
 * reported (`onError`, the pass's result, the status page) and the cursor moves on.
 */
import type { AppointmentInput } from './appointment.js';
import type { AppointmentStore } from './store.js';

/**
 * The back office's changes since `since` (null on the first pass). Return the appointments and
 * your own cursor (a row version, an ISO time…), or only the appointments: the cursor is then the
 * pass's start time minus `pollOverlapMs`, as ISO 8601.
 */
export type FetchAppointmentsChangedSince = (
  since: string | null,
) => Promise<AppointmentInput[] | { appointments: AppointmentInput[]; cursor: string }>;

export interface PollResult {
  /** Another instance was polling: nothing was done. */
  skipped: boolean;
  since: string | null;
  /** The cursor saved for the next pass. */
  cursor: string | null;
  fetched: number;
  /** Changed (or failed before) and queued for XOi. */
  queued: number;
  unchanged: number;
  /** Refused by the check (nothing stored for them), with why. */
  invalid: Array<{ index: number; id: string | null; message: string }>;
}

export interface PollDeps {
  store: AppointmentStore;
  upsert: (appointment: AppointmentInput) => Promise<{ queued: boolean }>;
  cursorName: string;
  overlapMs: number;
  now: () => number;
  report: (error: unknown, appointmentId: string | null) => void;
}

/** A pass running longer is taken for dead, and another instance may poll. */
const POLL_LEASE_MS = 10 * 60_000;

function appointmentsOf(answer: unknown): { appointments: unknown[]; cursor: string | null } {
  if (Array.isArray(answer)) return { appointments: answer, cursor: null };
  const a = answer as { appointments?: unknown; cursor?: unknown } | null;
  if (!a || !Array.isArray(a.appointments) || (typeof a.cursor !== 'string' && a.cursor !== null)) {
    throw new TypeError(
      'syncChanged: fetchAppointmentsChangedSince must resolve to an array of appointments or { appointments, cursor }',
    );
  }
  return { appointments: a.appointments, cursor: a.cursor };
}

const idOf = (value: unknown): string | null => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 256) : null;
};

export async function pollOnce(deps: PollDeps, fetchChanged: FetchAppointmentsChangedSince): Promise<PollResult> {
  if (typeof fetchChanged !== 'function') throw new TypeError('syncChanged(fetchAppointmentsChangedSince): a function');
  const { store, cursorName } = deps;
  if (!(await store.claimCursor(cursorName, POLL_LEASE_MS))) {
    return { skipped: true, since: null, cursor: null, fetched: 0, queued: 0, unchanged: 0, invalid: [] };
  }
  try {
    const since = (await store.cursor(cursorName))?.cursor ?? null;
    const started = deps.now();
    const answer = appointmentsOf(await fetchChanged(since));
    const result: PollResult = {
      skipped: false,
      since,
      cursor: null,
      fetched: 0,
      queued: 0,
      unchanged: 0,
      invalid: [],
    };
    result.fetched = answer.appointments.length;
    for (const [index, appointment] of answer.appointments.entries()) {
      try {
        if ((await deps.upsert(appointment as AppointmentInput)).queued) result.queued++;
        else result.unchanged++;
      } catch (error) {
        // Only the check's refusal is skipped; a database error ends the pass before the cursor moves.
        if (!(error instanceof TypeError)) throw error;
        result.invalid.push({ index, id: idOf(appointment), message: error.message });
        deps.report(error, idOf(appointment));
      }
    }
    result.cursor = answer.cursor ?? laterOf(since, new Date(started - deps.overlapMs).toISOString());
    await store.saveCursor(cursorName, result.cursor, { ...result, invalid: result.invalid.slice(0, 20) });
    return result;
  } finally {
    await store.releaseCursor(cursorName).catch(() => {});
  }
}

/** Our own ISO cursors only move forward (a clock set back must not replay days). */
const laterOf = (previous: string | null, next: string): string =>
  previous && !Number.isNaN(Date.parse(previous)) && Date.parse(previous) > Date.parse(next) ? previous : next;

/** `sync.startPolling`: checks its arguments, then {@link pollEvery} with each pass's error reported. */
export function startPolling(
  intervalMs: number,
  fetchChanged: FetchAppointmentsChangedSince,
  pass: (fetchChanged: FetchAppointmentsChangedSince) => Promise<unknown>,
  report: (error: unknown, appointmentId: string | null) => void,
): { stop(): Promise<void> } {
  if (!Number.isInteger(intervalMs) || intervalMs < 1000) {
    throw new TypeError('startPolling: intervalMs must be an integer of at least 1,000');
  }
  if (typeof fetchChanged !== 'function')
    throw new TypeError('startPolling(fetchAppointmentsChangedSince): a function');
  return pollEvery(intervalMs, () => pass(fetchChanged).catch((error: unknown) => report(error, null)));
}

/** Runs `pass` now and then every `intervalMs` after the previous one ended; `stop` waits for the running one. */
export function pollEvery(intervalMs: number, pass: () => Promise<unknown>): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = pass().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
