/**
 * What a test does to the mock XOi Cloud from JavaScript (and, through mock/cloud/admin.ts, over
 * HTTP): seed users and jobs, complete them, add documentation, process transcripts, delete.
 * A change XOi would notify about is notified (docs/xoi-api-notes.md §6).
 */
import type { Notifier } from './notifications.js';
import type { CloudDeps } from './resolvers/context.js';
import { checkDocumentationItem, checkSeedJob, checkSeedUser } from './seed-checks.js';
import { clone } from './store.js';
import type { DocumentationItemInput, MockDocumentationItem, MockJob, MockUser, TranscriptOptions } from './types.js';

export class CloudActions {
  readonly #deps: CloudDeps;
  readonly #notifier: Notifier;

  constructor(deps: CloudDeps, notifier: Notifier) {
    this.#deps = deps;
    this.#notifier = notifier;
  }

  seedUser(fields: unknown): MockUser {
    return { ...this.#deps.users.add(checkSeedUser(fields)) };
  }

  /**
   * A job assigned to `technicianEmail` (the user is created when missing) or to raw
   * `assigneeIds`; the rest made up where not given.
   */
  seedJob(fields: unknown = {}): MockJob {
    const seed = checkSeedJob(fields);
    const { store, users } = this.#deps;
    const assigneeIds = seed.assigneeIds ?? [users.ensure(seed.technicianEmail ?? 'tech@example.com').id];
    const n = store.peekSequence();
    const job = store.insertJob({
      assigneeIds,
      customerName: seed.customerName ?? 'ABC Corp',
      jobLocation: seed.jobLocation ?? '1 Main St, Springfield',
      workOrderNumber: seed.workOrderNumber ?? `TEMP-${n}`,
      label: seed.label ?? `${n} - ABC Corp`,
      externalId: seed.externalId,
      createdAt: seed.createdAt,
      documentation: (seed.documentation ?? []).map((item) => ({ ...clone(item), traits: item.traits ?? [] })),
    });
    if (seed.completed) {
      store.complete(job, true);
      if (typeof seed.completed === 'string') job.completedAt = seed.completed;
    }
    return clone(job);
  }

  /** Completes the job (deep links appear) and notifies `job_update` without traits. */
  completeJob(jobId: string): MockJob {
    const job = this.#deps.store.liveJob(jobId);
    this.#deps.store.complete(job, true);
    this.#notifier.emit('job_update', jobId);
    return clone(job);
  }

  /** Notifies a finished workflow (`job_update` with its workflowJobId); returns that id. */
  finishWorkflow(jobId: string, workflowJobId?: string): string {
    this.#deps.store.liveJob(jobId);
    const id = workflowJobId ?? this.#deps.store.nextId('wjob');
    this.#notifier.emit('job_update', jobId, { workflowJobId: id });
    return id;
  }

  /** Adds a documentation item; notifies `job_update` with its traits when the job is complete. */
  addDocumentation(jobId: string, item: unknown): MockDocumentationItem {
    const job = this.#deps.store.liveJob(jobId);
    const checked = checkDocumentationItem(item, 'item');
    const full: MockDocumentationItem = { ...clone(checked), traits: checked.traits ? [...checked.traits] : [] };
    job.documentation.push(full);
    job.updatedAt = this.#deps.store.iso();
    if (job.completedAt && !full.traits.includes('pending')) {
      this.#notifier.emit('job_update', jobId, { traits: full.traits, workflowJobId: full.workflowJobId ?? '' });
    }
    return clone(full);
  }

  addTranscript(jobId: string, text: string, options: TranscriptOptions = {}): MockDocumentationItem {
    const { pending = false, workflowName = 'Inspection', workflowLabel = null, stepName = 'Video' } = options;
    const job = this.#deps.store.liveJob(jobId);
    const item: DocumentationItemInput = {
      traits: pending ? ['transcript', 'pending'] : ['transcript', 'processed'],
      workflowName,
      workflowLabel,
      stepName,
      stepIndex: options.stepIndex ?? job.documentation.length,
      workflowJobId: options.workflowJobId ?? null,
      contentId: this.#deps.store.nextId('content'),
      derivedData: { transcript: pending ? null : text },
      ...(pending && { pendingTranscript: text }),
    };
    return this.addDocumentation(jobId, item);
  }

  /** Adds an AI work summary item. */
  addWorkSummary(jobId: string, text: string): MockDocumentationItem {
    return this.addDocumentation(jobId, {
      traits: ['work_summary', 'ai_generated'],
      workSummary: { summary_text: text },
    });
  }

  /** Finishes every pending item of the job (pending → processed), as XOi's processing would; returns how many. */
  processPending(jobId: string): number {
    const job = this.#deps.store.liveJob(jobId);
    let changed = 0;
    for (const item of job.documentation) {
      if (!item.traits.includes('pending')) continue;
      item.traits = item.traits.map((t) => (t === 'pending' ? 'processed' : t));
      if (item.pendingTranscript !== undefined) {
        item.derivedData = { ...(item.derivedData ?? {}), transcript: item.pendingTranscript };
        delete item.pendingTranscript;
      }
      changed += 1;
    }
    if (changed && job.completedAt) this.#notifier.emit('job_update', jobId, { traits: ['transcript', 'processed'] });
    return changed;
  }

  /** Deletes the job and notifies `job_delete`. */
  deleteJob(jobId: string): void {
    this.#deps.store.liveJob(jobId);
    this.#deps.store.jobs.delete(jobId);
    this.#notifier.emit('job_delete', jobId);
  }
}
