/**
 * `createAppointmentSync`'s options, their types, and their check at creation: a typo stops
 * start-up with a TypeError naming the option, not the first appointment.
 */
import type { XoiNotifications } from '../notifications/notifications.js';
import { buildAppointmentNotes, type AppointmentNotesOptions } from '../notes.js';
import type { XoiQueue } from '../queue/queue.js';
import type { NotificationInbox } from '../stores/notification-inbox.js';
import type { Database } from '../db/database.js';
import { defaultLabel, type Appointment } from './appointment.js';
import type { AppointmentSyncClient, DeliverNotes } from './steps.js';
import type { AppointmentStore } from './store.js';

export interface AppointmentSyncOptions {
  /** `createXoiClient(…)`: every XOi call of the sync goes through it, from the queue. */
  client: AppointmentSyncClient;
  /** `createPostgresStore(…)`: its `appointments` facet holds the sync's state. */
  store: { appointments: AppointmentStore; notifications: NotificationInbox; database: Database };
  /** `createXoiQueue(store.database)`: the sync's jobs, their retries and dead letters. */
  queue: XoiQueue;
  /**
   * Writes the notes to the appointment in your back office, replacing its previous XOi notes (by
   * title). Called again only when the notes changed; when it throws, the queue retries it.
   * `idempotencyKey` is the same for the same notes of the same appointment: use it to skip a
   * delivery you already made (a retry after a crash between your write and our record of it).
   */
  deliverNotes: DeliverNotes;
  /**
   * Your `createXoiNotifications(…)`: the sync listens to it (job completed, workflow finished, a
   * transcript processed, job deleted). Without it, call `sync.handleChange(event)` yourself.
   */
  notifications?: Pick<XoiNotifications, 'on'>;
  /** XOi calls at once in this instance. Default 8. */
  concurrency?: number;
  /** Retries of a failing sync (XOi down, `deliverNotes` throwing). Default 8 (about 9 minutes from 2 s). */
  retryLimit?: number;
  /** The first retry's delay, doubled each time (never sooner than XOi's Retry-After). Default 2 s. */
  retryDelaySeconds?: number;
  /** A sync running longer is taken for dead and retried, on any instance. Default 300 s. */
  expireInSeconds?: number;
  /** The XOi job's label. Default `"<workOrderNumber> - <customerName>"`. */
  label?: (appointment: Appointment) => string;
  /** `buildAppointmentNotes`'s options (`maxNoteLength`, `workflowLink`). */
  notes?: AppointmentNotesOptions;
  /** Poll mode: the cursor's name (one per back office). Default `default`. */
  cursorName?: string;
  /** Poll mode without your own cursor: how far back each pass looks again. Default 60 s. */
  pollOverlapMs?: number;
  /** Told about every failure (with the appointment id), an invalid appointment in poll mode, a failing listener. */
  onError?: (error: unknown, context: { appointmentId: string | null }) => void;
}

export interface CheckedOptions {
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  label: (appointment: Appointment) => string;
  notes: AppointmentNotesOptions;
  cursorName: string;
  pollOverlapMs: number;
}

const OWNER = 'createAppointmentSync';

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new TypeError(`${OWNER}: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return n;
}

function has(value: unknown, methods: readonly string[]): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  );
}

const CLIENT_METHODS = ['createJob', 'updateJob', 'getJob', 'getJobSummary', 'createJobShare', 'findUserByEmail'];

/** Every option checked; throws a TypeError naming the first one at fault. */
export function checkOptions(options: AppointmentSyncOptions): CheckedOptions {
  if (!options || typeof options !== 'object') throw new TypeError(`${OWNER}: options are required`);
  if (!has(options.client, CLIENT_METHODS)) throw new TypeError(`${OWNER}: client must be createXoiClient(…)'s`);
  if (!has(options.store?.appointments, ['upsert', 'claim', 'finish'])) {
    throw new TypeError(`${OWNER}: store must be createPostgresStore(…)'s (its appointments facet holds the state)`);
  }
  if (!has(options.queue, ['work', 'send', 'wake', 'deadLetters'])) {
    throw new TypeError(`${OWNER}: queue must be createXoiQueue(store.database)'s`);
  }
  if (typeof options.deliverNotes !== 'function') {
    throw new TypeError(`${OWNER}: deliverNotes(appointmentId, notes, { idempotencyKey }) is required`);
  }
  if (options.notifications !== undefined && !has(options.notifications, ['on'])) {
    throw new TypeError(`${OWNER}: notifications must be createXoiNotifications(…)'s`);
  }
  for (const name of ['label', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`${OWNER}: ${name} must be a function`);
    }
  }
  const notes = options.notes ?? {};
  // The notes' own check (maxNoteLength…), now rather than at the first appointment.
  buildAppointmentNotes({ id: 'check', deepLinks: null }, null, null, notes);
  const cursorName = options.cursorName ?? 'default';
  if (typeof cursorName !== 'string' || !/^[\w.-]{1,64}$/.test(cursorName)) {
    throw new TypeError(`${OWNER}: cursorName must be 1–64 letters, digits, _, . or -`);
  }
  return {
    concurrency: integer('concurrency', options.concurrency, 8, 1, 64),
    retryLimit: integer('retryLimit', options.retryLimit, 8, 0, 100),
    retryDelaySeconds: integer('retryDelaySeconds', options.retryDelaySeconds, 2, 0, 3600),
    expireInSeconds: integer('expireInSeconds', options.expireInSeconds, 300, 5, 86_400),
    label: options.label ?? defaultLabel,
    notes,
    cursorName,
    pollOverlapMs: integer('pollOverlapMs', options.pollOverlapMs, 60_000, 0, 86_400_000),
  };
}
