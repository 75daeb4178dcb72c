/**
 * What the appointment sync keeps (`XoiStore.appointments`): the states, the records, and the
 * store's contract. postgres-appointments.ts holds it in PostgreSQL, poll-cursors.ts the poll mode's
 * cursors. No transaction is held across an XOi call: a worker takes a lease on the row (`claim`),
 * works, and records each step; the lease makes one worker at a time work on one appointment,
 * across instances, and expires when its worker dies.
 */
import type { Sql } from '../db/database.js';
import type { AppointmentNotes } from '../notes.js';
import type { Appointment, XoiJobFields } from './appointment.js';

/** Where an appointment stands with XOi. */
export type AppointmentSyncState =
  /** Queued or being worked (or retrying after an error: see `reason`). */
  | 'waiting'
  /** The XOi job exists with the appointment's fields, and the notes were delivered. */
  | 'synced'
  /** Not scheduled, or nobody assigned: no job yet. */
  | 'not-scheduled'
  /** Cancelled in the back office: no further XOi call, what XOi holds stays. */
  | 'cancelled'
  /** The technician's email is not an XOi user: no job. */
  | 'technician-not-in-xoi'
  /** Failed for good (refused by XOi, or still failing after every retry): see `reason`. */
  | 'failed'
  /** XOi deleted the job (confirmed with XOi). */
  | 'job-deleted';

export const ATTENTION_STATES: readonly AppointmentSyncState[] = ['technician-not-in-xoi', 'failed', 'job-deleted'];

export interface AppointmentRecord {
  id: string;
  appointment: Appointment;
  state: AppointmentSyncState;
  reason: string | null;
  jobId: string | null;
  shareLink: string | null;
  /** The notes built last (delivered once `deliveredHash === notesHash`). */
  notes: AppointmentNotes | null;
  notesHash: string | null;
  deliveredHash: string | null;
  deliveredAt: string | null;
  updatedAt: string;
  syncedAt: string | null;
}

/** A claimed row: the record plus what the worker needs. */
export interface ClaimedAppointment extends AppointmentRecord {
  version: number;
  refreshRequested: number;
  refreshWanted: boolean;
  written: XoiJobFields | null;
  jobDeleted: boolean;
}

/** What a step learnt, written at once (a crash after createJob must not forget the job). */
export interface AppointmentProgress {
  jobId?: string;
  shareLink?: string;
  written?: XoiJobFields;
  notes?: AppointmentNotes;
  notesHash?: string;
  deliveredHash?: string;
  jobDeleted?: boolean;
}

export interface RunEnd {
  state: AppointmentSyncState;
  reason: string | null;
  handled: boolean;
  /** What the run claimed. */
  version: number;
  refreshRequested: number;
}

export interface PollCursor {
  cursor: string | null;
  polledAt: string | null;
  result: unknown;
}

/** Sends the appointment's sync job inside the store's transaction. */
export type Enqueue = (tx: Sql, appointmentId: string) => Promise<unknown>;

export interface AppointmentStore {
  /**
   * Records the appointment; when it changed (or its last sync failed), marks it waiting and runs
   * `enqueue` in the same transaction. Returns whether it was queued, and its state.
   */
  upsert(appointment: Appointment, enqueue: Enqueue): Promise<{ queued: boolean; state: AppointmentSyncState }>;
  get(id: string): Promise<AppointmentRecord | null>;
  /** Takes the row for one worker for `leaseMs`; null when another holds it. */
  claim(id: string, token: string, leaseMs: number): Promise<ClaimedAppointment | null>;
  saveProgress(id: string, progress: AppointmentProgress): Promise<void>;
  /**
   * Records the run's end and lets go of the row. `handled`: the claimed version and refresh were
   * dealt with (false for a failure). True when more work arrived after the claim (a newer
   * version, another notification), which the same worker then does.
   */
  finish(id: string, token: string, end: RunEnd): Promise<boolean>;
  /** Notes to rebuild for the appointment of XOi job `jobId` (queued with `enqueue`); its id, or null. */
  requestRefresh(jobId: string, enqueue: Enqueue): Promise<string | null>;
  /** Queues an appointment that needs attention again; false when unknown or not in such a state. */
  retry(id: string, enqueue: Enqueue): Promise<boolean>;
  counts(): Promise<Record<AppointmentSyncState, number>>;
  /** Appointments that need attention, and those retrying after an error, newest first. */
  attention(limit: number): Promise<AppointmentRecord[]>;
  cursor(name: string): Promise<PollCursor | null>;
  /** Takes the poll for one instance for `leaseMs`; false when another instance is polling. */
  claimCursor(name: string, leaseMs: number): Promise<boolean>;
  saveCursor(name: string, cursor: string | null, result: unknown): Promise<void>;
  releaseCursor(name: string): Promise<void>;
}
