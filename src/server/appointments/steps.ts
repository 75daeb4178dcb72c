/**
 * One run over one claimed appointment: ask plan.ts for the next step, do it (an XOi call, or the
 * vendor's `deliverNotes`), record what it learnt at once, and ask again. XOi's answers that end
 * the run (an unknown technician, a deleted job) become its final state; every other error is
 * thrown to worker.ts, which decides between a retry and a failure.
 */
import type { XoiClient } from '../client/client-types.js';
import { XoiError } from '../client/errors.js';
import type { XoiJob, XoiJobSummary } from '../client/types.js';
import { buildAppointmentNotes, type AppointmentNotes, type AppointmentNotesOptions } from '../notes.js';
import { jobFieldsOf, type Appointment } from './appointment.js';
import { idempotencyKey, notesHash } from './notes-hash.js';
import { nextStep, type FinalState, type Step, type SyncView } from './plan.js';
import type { AppointmentStore, AppointmentSyncState, ClaimedAppointment } from './store.js';

/** The vendor's callback that writes the notes to the appointment (see AppointmentSyncOptions). */
export type DeliverNotes = (
  appointmentId: string,
  notes: AppointmentNotes,
  context: { idempotencyKey: string },
) => Promise<void> | void;

/** The client operations the sync uses. */
export type AppointmentSyncClient = Pick<
  XoiClient,
  'createJob' | 'updateJob' | 'getJob' | 'getJobSummary' | 'createJobShare' | 'findUserByEmail'
>;

export interface StepContext {
  client: AppointmentSyncClient;
  store: AppointmentStore;
  deliverNotes: DeliverNotes;
  label: (appointment: Appointment) => string;
  notes: AppointmentNotesOptions;
}

export interface RunOutcome {
  state: AppointmentSyncState;
  reason: string | null;
}

/** A run's working copy: the plan's view, and the notes built so far. */
interface Run {
  view: SyncView;
  notes: AppointmentNotes | null;
}

const MAX_STEPS = 12;

const isNotFound = (error: unknown, field?: string): error is XoiError =>
  error instanceof XoiError && error.code === 'not-found' && (field === undefined || error.field === field);

function viewOf(claimed: ClaimedAppointment, label: (a: Appointment) => string): SyncView {
  return {
    appointment: claimed.appointment,
    desired: jobFieldsOf(claimed.appointment, label),
    jobId: claimed.jobId,
    shareLink: claimed.shareLink,
    written: claimed.written,
    technicianChecked: null,
    refreshWanted: claimed.refreshWanted,
    notesHash: claimed.notesHash,
    deliveredHash: claimed.deliveredHash,
    jobDeleted: claimed.jobDeleted,
  };
}

function final(state: FinalState, view: SyncView): RunOutcome {
  if (state === 'job-deleted') {
    return { state, reason: `XOi deleted job ${view.jobId ?? ''} (confirmed with XOi): no job for this appointment.` };
  }
  return { state, reason: null };
}

/** Runs steps until the plan says done; throws what worker.ts must decide about. */
export async function runAppointment(ctx: StepContext, claimed: ClaimedAppointment): Promise<RunOutcome> {
  let view: SyncView;
  try {
    view = viewOf(claimed, ctx.label);
  } catch (error) {
    return {
      state: 'failed',
      reason: `label(appointment) threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const run: Run = { view, notes: claimed.notes };
  for (let i = 0; i < MAX_STEPS; i++) {
    const step = nextStep(run.view);
    if (step.step === 'done') return final(step.state, run.view);
    try {
      const ended = await perform(ctx, claimed.id, run, step);
      if (ended) return ended;
    } catch (error) {
      if (isNotFound(error, 'technicianEmail')) return notInXoi(run.view.desired.technicianEmail);
      // Any other not-found names the job: XOi no longer has it (the answer itself, not a hint).
      if (isNotFound(error) && run.view.jobId) {
        await ctx.store.saveProgress(claimed.id, { jobDeleted: true });
        return final('job-deleted', run.view);
      }
      throw error;
    }
  }
  throw new Error(`appointment ${claimed.id}: no end after ${MAX_STEPS} steps (a bug: please report it)`);
}

const notInXoi = (email: string): RunOutcome => ({
  state: 'technician-not-in-xoi',
  reason:
    `${email} is not an XOi Vision user (XOi's user directory has no such email): no XOi job is made. ` +
    'Add the technician in XOi (or correct the email in the appointment), then retry.',
});

/** Does one step; returns the run's outcome when the step ends it. */
async function perform(ctx: StepContext, id: string, run: Run, step: Step): Promise<RunOutcome | undefined> {
  const { view } = run;
  switch (step.step) {
    case 'check-technician': {
      if (!(await ctx.client.findUserByEmail(step.email))) return notInXoi(step.email);
      view.technicianChecked = step.email;
      return undefined;
    }
    case 'create':
      return create(ctx, id, run, step.fields);
    case 'update': {
      await ctx.client.updateJob(view.jobId!, step.changes);
      view.written = { ...view.desired };
      await ctx.store.saveProgress(id, { written: view.written });
      return undefined;
    }
    case 'share': {
      view.shareLink = (await ctx.client.createJobShare(view.jobId!)).shareLink;
      await ctx.store.saveProgress(id, { shareLink: view.shareLink });
      // The Resolution note needs the share: the notes are built again from XOi.
      view.refreshWanted = true;
      return undefined;
    }
    case 'fetch-notes': {
      const jobId = view.jobId!;
      const [job, summary] = await Promise.all([ctx.client.getJob(jobId), ctx.client.getJobSummary(jobId)]);
      await keepNotes(ctx, id, run, job, summary);
      view.refreshWanted = false;
      if (view.jobDeleted) {
        view.jobDeleted = false;
        await ctx.store.saveProgress(id, { jobDeleted: false });
      }
      return undefined;
    }
    case 'deliver': {
      const hash = view.notesHash!;
      await ctx.deliverNotes(id, structuredClone(run.notes!), { idempotencyKey: idempotencyKey(id, hash) });
      view.deliveredHash = hash;
      await ctx.store.saveProgress(id, { deliveredHash: hash });
      return undefined;
    }
  }
  return undefined;
}

/** createJob with the appointment id as externalId: XOi makes one job per id, however often it is asked. */
async function create(ctx: StepContext, id: string, run: Run, fields: SyncView['desired']): Promise<undefined> {
  const { view } = run;
  const result = await ctx.client.createJob({ ...fields, externalId: id, createPublicShare: true });
  view.jobId = result.job.id;
  view.written = { ...fields };
  view.shareLink = result.shareLink;
  await ctx.store.saveProgress(id, {
    jobId: view.jobId,
    written: view.written,
    shareLink: result.shareLink ?? undefined,
  });
  // A new job has no documentation: its notes come from the answer, without another call. A job
  // XOi already held (completed, maybe with transcripts) is read in full instead.
  if (result.shareLink && !result.job.completedAt) await keepNotes(ctx, id, run, result.job, null);
  else view.refreshWanted = true;
  return undefined;
}

async function keepNotes(
  ctx: StepContext,
  id: string,
  run: Run,
  job: XoiJob,
  summary: XoiJobSummary | null,
): Promise<void> {
  const notes = buildAppointmentNotes(job, summary, run.view.shareLink, ctx.notes);
  const hash = notesHash(notes);
  if (hash === run.view.notesHash) return;
  run.notes = notes;
  run.view.notesHash = hash;
  await ctx.store.saveProgress(id, { notes, notesHash: hash });
}
