/**
 * `createAppointmentSync`: WennSoft MobileTech's automatic jobs (docs/xoi-api-notes.md §9) as one
 * call for the vendor. Each scheduled and assigned (or completed) appointment of a technician who
 * is an XOi user gets exactly one XOi job, kept up to date, and its notes reach the vendor's
 * `deliverNotes` by themselves: when the job is made, and again seconds after XOi notifies a
 * change (a completed job, a finished workflow, a processed transcript).
 *
 *     const sync = createAppointmentSync({ client, store, queue, notifications, deliverNotes });
 *     await sync.upsert({ id, technicianEmail, workOrderNumber, customerName, jobLocation, status });
 *
 * `upsert` only records and queues (in one transaction); every XOi call runs from the queue
 * (worker.ts), `concurrency` at a time per instance, retried while XOi is down.
 */
import type { XoiChangeEvent } from '../notifications/notifications.js';
import type { DeadLetter, QueueCounts, XoiQueue } from '../queue/queue.js';
import type { LastNotification, NotificationInbox } from '../stores/notification-inbox.js';
import { checkAppointment, type AppointmentInput } from './appointment.js';
import { checkOptions, type AppointmentSyncOptions } from './options.js';
import { pollOnce, startPolling, type FetchAppointmentsChangedSince, type PollResult } from './poll.js';
import type { AppointmentRecord, AppointmentStore, AppointmentSyncState, Enqueue, PollCursor } from './store.js';
import { APPOINTMENT_QUEUE, syncAppointment, type AppointmentJob } from './worker.js';

export interface AppointmentUpsertResult {
  id: string;
  /** True when the appointment changed (or its last sync failed) and was queued for XOi. */
  queued: boolean;
  state: AppointmentSyncState;
}

export interface AppointmentSyncStatus {
  counts: Record<AppointmentSyncState, number> & { total: number };
  /** Appointments needing attention (and those retrying after an error), newest first, with why. */
  attention: AppointmentRecord[];
  /**
   * Work that failed after every retry, in every queue this instance works (the sync's, the
   * notification listeners'): `retryDeadLetter(id)` queues one again.
   */
  deadLetters: DeadLetter[];
  queue: QueueCounts;
  /** Poll mode's last pass, or null. */
  lastPoll: PollCursor | null;
  /** The newest change notification received (the store's inbox), or null. */
  lastNotification: LastNotification | null;
}

export interface AppointmentSync {
  /** Resolves once this instance works the sync's queue; rejects with why it cannot. */
  readonly ready: Promise<void>;
  /**
   * Records the appointment (checked first: a TypeError naming the field, nothing stored) and,
   * when it changed, queues its sync. Call it whenever an appointment changes.
   */
  upsert(appointment: AppointmentInput): Promise<AppointmentUpsertResult>;
  get(id: string): Promise<AppointmentRecord | null>;
  /** Queues an appointment that needs attention again; false when unknown or not in such a state. */
  retry(id: string): Promise<boolean>;
  /** Queues a dead letter's work again (`queue.retryDeadLetter`); false when there is none with that id. */
  retryDeadLetter(id: string): Promise<boolean>;
  /**
   * What a change notification means for the appointments: the notes of the job's appointment are
   * built again from XOi (a `job-deleted` is confirmed with XOi first). Registered on
   * `options.notifications` when given; otherwise call it from your own listener.
   */
  handleChange(event: Pick<XoiChangeEvent, 'type' | 'jobId' | 'traits'>): Promise<void>;
  /** Poll mode: one pass over the back office's changes since the saved cursor. */
  syncChanged(fetchChanged: FetchAppointmentsChangedSince): Promise<PollResult>;
  /** Poll mode on a timer: a pass now, then `intervalMs` (default 60 s) after each one ends. */
  startPolling(
    fetchChanged: FetchAppointmentsChangedSince,
    options?: { intervalMs?: number },
  ): { stop(): Promise<void> };
  /** Counts, what needs attention, dead letters, the last poll: the status page's data. */
  status(options?: { limit?: number }): Promise<AppointmentSyncStatus>;
}

/** The notifications that change an appointment's notes (docs/xoi-api-notes.md §6). */
function rebuilds(event: Pick<XoiChangeEvent, 'type' | 'traits'>): boolean {
  if (event.type === 'job-updated') return event.traits.includes('transcript');
  return ['job-completed', 'workflow-finished', 'job-deleted'].includes(event.type);
}

/** The status page's data: counts, what needs attention, dead letters, the last poll and notification. */
async function statusOf(
  store: AppointmentStore,
  queue: XoiQueue,
  inbox: NotificationInbox,
  cursorName: string,
  { limit = 50 }: { limit?: number } = {},
): Promise<AppointmentSyncStatus> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new TypeError('status: limit must be an integer from 1 to 1,000');
  }
  const [counts, attention, deadLetters, queues, lastPoll, lastNotification] = await Promise.all([
    store.counts(),
    store.attention(limit),
    queue.deadLetters(),
    queue.counts(),
    store.cursor(cursorName),
    inbox.last(),
  ]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    counts: { ...counts, total },
    attention,
    deadLetters,
    queue: queues[APPOINTMENT_QUEUE] ?? { waiting: 0, active: 0, dead: 0 },
    lastPoll,
    lastNotification,
  };
}

export function createAppointmentSync(options: AppointmentSyncOptions): AppointmentSync {
  const checked = checkOptions(options);
  const { client, queue, deliverNotes } = options;
  const store = options.store.appointments;
  const report = (error: unknown, appointmentId: string | null) => {
    try {
      options.onError?.(error, { appointmentId });
    } catch {
      // A failing logger must not change what the sync does.
    }
  };
  const worker = {
    client,
    store,
    deliverNotes,
    label: checked.label,
    notes: checked.notes,
    leaseMs: checked.expireInSeconds * 1000,
    retryLimit: checked.retryLimit,
    report,
  };
  const ready = queue.work<AppointmentJob>({
    name: APPOINTMENT_QUEUE,
    concurrency: checked.concurrency,
    retryLimit: checked.retryLimit,
    retryDelaySeconds: checked.retryDelaySeconds,
    expireInSeconds: checked.expireInSeconds,
    handler: (data, job) => syncAppointment(worker, data.appointmentId, job),
  });
  ready.catch(() => {});
  const enqueue: Enqueue = (tx, appointmentId) => queue.send(APPOINTMENT_QUEUE, { appointmentId }, { tx });
  const woken = <T>(result: T): T => {
    queue.wake(APPOINTMENT_QUEUE);
    return result;
  };

  async function upsert(input: AppointmentInput): Promise<AppointmentUpsertResult> {
    const appointment = checkAppointment(input);
    await ready;
    const { queued, state } = await store.upsert(appointment, enqueue);
    return woken({ id: appointment.id, queued, state });
  }

  async function handleChange(event: Pick<XoiChangeEvent, 'type' | 'jobId' | 'traits'>): Promise<void> {
    if (!rebuilds(event)) return;
    await ready;
    if (await store.requestRefresh(event.jobId, enqueue)) woken(undefined);
  }
  options.notifications?.on('*', handleChange);

  const poll = {
    store,
    upsert,
    cursorName: checked.cursorName,
    overlapMs: checked.pollOverlapMs,
    now: Date.now,
    report,
  };
  return {
    ready,
    upsert,
    get: (id) => store.get(id),
    retry: async (id) => (await store.retry(id, enqueue)) && woken(true),
    retryDeadLetter: (id) => queue.retryDeadLetter(id),
    handleChange,
    syncChanged: async (fetchChanged) => {
      await ready;
      return pollOnce(poll, fetchChanged);
    },
    startPolling: (fetchChanged, pollOptions = {}) =>
      startPolling(pollOptions.intervalMs ?? 60_000, fetchChanged, (f) => ready.then(() => pollOnce(poll, f)), report),
    status: (statusOptions) => statusOf(store, queue, options.store.notifications, checked.cursorName, statusOptions),
  };
}
