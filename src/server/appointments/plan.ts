/**
 * Pure: what to do with an appointment now. The worker (worker.ts) holds the appointment, asks
 * {@link nextStep}, does that one step (an XOi call, the vendor's `deliverNotes`), folds its
 * result into the {@link SyncView} and asks again, until the answer is `done`. Everything the sync
 * decides is decided here, so `test/node/appointment-plan.test.mjs` walks it as a table.
 */
import { wantsJob, type Appointment, type XoiJobFields } from './appointment.js';

/** What the worker knows about one appointment while it works on it. */
export interface SyncView {
  appointment: Appointment;
  /** The desired XOi fields (technician, work order number, customer, location, label). */
  desired: XoiJobFields;
  /** The XOi job made for it, or null. */
  jobId: string | null;
  shareLink: string | null;
  /** The fields XOi holds, as we last wrote them; null before the job exists. */
  written: XoiJobFields | null;
  /** The technician email confirmed as an XOi user during this run, or null. */
  technicianChecked: string | null;
  /** A notification (or a new share) asked for the notes to be built again from XOi. */
  refreshWanted: boolean;
  /** Hash of the notes built last, and of the notes the vendor's `deliverNotes` accepted. */
  notesHash: string | null;
  deliveredHash: string | null;
  /** XOi deleted the job (confirmed by getJob). */
  jobDeleted: boolean;
}

/** A sync state that ends the run. */
export type FinalState = 'synced' | 'not-scheduled' | 'cancelled' | 'job-deleted';

export type Step =
  | { step: 'check-technician'; email: string }
  | { step: 'create'; fields: XoiJobFields }
  | { step: 'update'; changes: Partial<XoiJobFields> }
  | { step: 'share' }
  | { step: 'fetch-notes' }
  | { step: 'deliver' }
  | { step: 'done'; state: FinalState };

const FIELDS = ['technicianEmail', 'workOrderNumber', 'customerName', 'jobLocation', 'label'] as const;

/** The fields of `desired` that differ from what XOi holds. */
export function changedFields(desired: XoiJobFields, written: XoiJobFields): Partial<XoiJobFields> {
  const changes: Partial<XoiJobFields> = {};
  for (const field of FIELDS) if (desired[field] !== written[field]) changes[field] = desired[field];
  return changes;
}

export function nextStep(view: SyncView): Step {
  const { appointment, desired, written } = view;
  // Cancelled: no further XOi call; what XOi holds stays as it is.
  if (appointment.status === 'cancelled') return { step: 'done', state: 'cancelled' };
  if (!wantsJob(appointment)) return { step: 'done', state: 'not-scheduled' };
  if (view.jobDeleted && !view.refreshWanted) return { step: 'done', state: 'job-deleted' };

  // A job without a record of its fields (found after a crash between createJob and its record): write them all.
  const changes = view.jobId ? (written ? changedFields(desired, written) : { ...desired }) : null;
  // The technician must be an XOi user before a job is made for them or handed to them.
  const newTechnician = changes === null || 'technicianEmail' in changes;
  if (newTechnician && view.technicianChecked !== desired.technicianEmail) {
    return { step: 'check-technician', email: desired.technicianEmail };
  }
  if (changes === null) return { step: 'create', fields: desired };
  if (Object.keys(changes).length > 0) return { step: 'update', changes };
  if (!view.shareLink) return { step: 'share' };
  if (view.refreshWanted || view.notesHash === null) return { step: 'fetch-notes' };
  if (view.notesHash !== view.deliveredHash) return { step: 'deliver' };
  return { step: 'done', state: 'synced' };
}
