/**
 * The jobs service's operations the mock serves (docs/xoi-api-notes.md §3). The others in
 * mock/schema/jobs.graphql answer `NotImplemented` (mock/cloud/execute.ts).
 */
import { MockError } from '../errors.js';
import { page } from '../paging.js';
import { clone, type NewJobFields } from '../store.js';
import type { MockJob } from '../types.js';
import { checkAssignees, checkExternalIdFree, checkLengths, checkNotBlank } from './checks.js';
import { type Resolvers, resolver } from './context.js';
import { listJobs } from './list-jobs.js';
import { makeShare } from './share.js';
import { assigneeView, jobView } from './views.js';

type NewJobInput = NewJobFields & { customerName: string; jobLocation: string; workOrderNumber: string };

interface CreateJobInput {
  newJob: NewJobInput;
  additionalActions?: { createPublicShare: { enabled: boolean } } | null;
}

/** UpdateJobFieldsInput: what updateJob may change (externalId is not among them). */
const UPDATABLE = [
  'assigneeIds',
  'customerEmail',
  'customerName',
  'externalAppUrl',
  'internalNote',
  'internalNotificationContacts',
  'jobLocation',
  'label',
  'publicTags',
  'tagSuggestions',
  'tags',
  'workOrderNumber',
] as const satisfies readonly (keyof MockJob)[];

/** What graphql-js passes: an optional field may also be an explicit null. */
type FieldUpdates = { [K in (typeof UPDATABLE)[number]]?: MockJob[K] | null };

interface GetJobSummaryInput {
  jobId: string;
  workflowId?: string | null;
  nextToken?: string | null;
}

export const JOBS_RESOLVERS: Resolvers = {
  getJob: resolver<{ id: string }>(({ id }, context) => ({ job: jobView(context.deps.store.liveJob(id), context) })),

  getJobIdByExternalId: resolver<{ externalId: string }>(({ externalId }, { deps }) => {
    const job = deps.store.jobByExternalId(externalId);
    if (!job) throw new MockError('notFound', `No job with externalId ${externalId}`);
    return { jobId: job.id };
  }),

  getJobSummary: resolver<GetJobSummaryInput>((input, { deps }) => {
    const job = deps.store.liveJob(input.jobId);
    const items = input.workflowId
      ? job.documentation.filter((d) => d.workflowId === input.workflowId)
      : job.documentation;
    const { items: pageItems, next } = page(items, input.nextToken, deps.summaryPageSize);
    return {
      nextToken: next,
      jobSummary: {
        jobId: job.id,
        assignees: job.assigneeIds.map((id) => assigneeView(id, deps)),
        integrationEntityId: job.integrationEntityId,
        supportStatuses: [],
        documentation: clone(pageItems),
      },
    };
  }),

  listJobs,

  createJob: resolver<CreateJobInput>((input, context) => {
    const { deps } = context;
    const fields = input.newJob;
    checkAssignees(fields.assigneeIds, deps);
    checkNotBlank(fields, ['customerName', 'jobLocation', 'workOrderNumber', 'label']);
    checkExternalIdFree(fields.externalId, deps);
    checkLengths(fields);
    const job = deps.store.insertJob(fields);
    const wantShare = input.additionalActions?.createPublicShare.enabled === true;
    return {
      job: jobView(job, context),
      additionalActionsResults: { createPublicShare: wantShare ? makeShare([job.id], false, context) : null },
    };
  }),

  updateJob: resolver<{ id: string; fieldUpdates: FieldUpdates }>(({ id, fieldUpdates }, context) => {
    const { deps } = context;
    const job = deps.store.liveJob(id);
    checkNotBlank(fieldUpdates, ['customerName', 'jobLocation', 'workOrderNumber', 'label', 'externalAppUrl']);
    if (fieldUpdates.assigneeIds) checkAssignees(fieldUpdates.assigneeIds, deps);
    checkLengths(fieldUpdates);
    const changed: FieldUpdates = {};
    for (const key of UPDATABLE) {
      if (fieldUpdates[key] === undefined || (key === 'assigneeIds' && fieldUpdates[key] === null)) continue;
      Object.assign(changed, { [key]: fieldUpdates[key] });
    }
    Object.assign(job, changed, { updatedAt: deps.store.iso() });
    return { job: jobView(job, context) };
  }),

  deleteJob: resolver<{ id: string }>(({ id }, { deps }) => {
    deps.store.liveJob(id);
    deps.store.jobs.delete(id);
    return { id };
  }),

  completeJob: resolver<{ id: string }>(({ id }, { deps }) => {
    const job = deps.store.liveJob(id);
    deps.store.complete(job);
    return { id: job.id, completedAt: job.completedAt, completedBy: job.completedBy };
  }),
};
