/**
 * The jobs service's operations (docs/xoi-api-notes.md §3), each thin over the call: checked
 * input in, decoded answer out.
 */
import { answers } from './answers.js';
import type { Caller } from './call.js';
import type {
  AssignedJobs,
  CreateJobInput,
  CreateJobResult,
  GetJobSummaryOptions,
  ListAssignedOptions,
  ListJobsInput,
  ListJobsPage,
  UpdateJobFields,
} from './client-types.js';
import { CREATE_JOB, GET_JOB, GET_JOB_ID_BY_EXTERNAL_ID, GET_JOB_SUMMARY, LIST_JOBS, UPDATE_JOB } from './documents.js';
import { XoiError } from './errors.js';
import { assignedInput, createJobInput, id, jobSummaryInput, listJobsInput, updateJobInput } from './inputs.js';
import { reasonOf } from './runtime.js';
import { createJobShare } from './share.js';
import type { XoiJob, XoiJobSummary } from './types.js';
import { assignedTo, type Assignees } from './users.js';

/** A string XOi may send blank or padded ("" ends a listing): trimmed, or null. */
const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

const isXoi = (error: unknown, code: XoiError['code']): boolean => error instanceof XoiError && error.code === code;

export async function createJob(call: Caller, input: CreateJobInput, people: Assignees): Promise<CreateJobResult> {
  const { newJob, externalId, share, technicianEmail } = createJobInput(input);
  newJob.assigneeIds = [await people.idFor(technicianEmail, 'createJob')];
  // The job XOi already holds for this externalId, if any: a lost answer's job, or a repeated call's.
  const existing = externalId
    ? async (): Promise<CreateJobResult | undefined> => {
        const jobId = await getJobIdByExternalId(call, externalId);
        return jobId ? { job: await getJob(call, jobId), shareLink: null } : undefined;
      }
    : undefined;
  const created = await call({
    service: 'jobs',
    operation: 'createJob',
    document: CREATE_JOB,
    variables: { input: { newJob, ...(share && { additionalActions: { createPublicShare: { enabled: true } } }) } },
    attempts: externalId ? undefined : 1,
    beforeRetry: existing,
    decode: (data) => {
      const { job, additionalActionsResults } = answers.createJob(data, 'data').createJob;
      // A null or empty public share is fetched below: the job exists either way.
      return { job, shareLink: nonEmpty(additionalActionsResults?.createPublicShare?.shareLink) };
    },
  }).catch(async (error: unknown) => {
    // XOi refuses an externalId it already holds (§3): that job is the answer. The lookup also
    // covers our own earlier attempt whose answer was lost and whose lookup before this retry failed.
    const found = existing && isXoi(error, 'rejected') ? await existing().catch(() => undefined) : undefined;
    if (found) return found;
    throw error;
  });
  if (!share || created.shareLink) return created;
  try {
    return { ...created, shareLink: (await createJobShare(call, created.job.id)).shareLink };
  } catch (error) {
    return { ...created, shareError: error instanceof XoiError ? error : new XoiError('unavailable', reasonOf(error)) };
  }
}

export async function updateJob(
  call: Caller,
  jobId: string,
  fields: UpdateJobFields,
  people: Assignees,
): Promise<XoiJob> {
  const { input, technicianEmail } = updateJobInput(jobId, fields);
  if (technicianEmail) input.fieldUpdates.assigneeIds = [await people.idFor(technicianEmail, 'updateJob')];
  return call({
    service: 'jobs',
    operation: 'updateJob',
    document: UPDATE_JOB,
    variables: { input },
    decode: (data) => answers.updateJob(data, 'data').updateJob.job,
  });
}

export async function getJob(call: Caller, jobId: string): Promise<XoiJob> {
  const vid = id(jobId, 'jobId', 'getJob');
  return call({
    service: 'jobs',
    operation: 'getJob',
    document: GET_JOB,
    variables: { input: { id: vid } },
    decode: (data) => answers.getJob(data, 'data').getJob.job,
  });
}

export async function getJobSummary(
  call: Caller,
  jobId: string,
  options: GetJobSummaryOptions = {},
): Promise<XoiJobSummary> {
  const { input, maxPages } = jobSummaryInput(jobId, options);
  const page = (nextToken: string | null) =>
    call({
      service: 'jobs',
      operation: 'getJobSummary',
      document: GET_JOB_SUMMARY,
      variables: { input: { ...input, ...(nextToken && { nextToken }) } },
      decode: (data) => {
        const { jobSummary, nextToken } = answers.getJobSummary(data, 'data').getJobSummary;
        return { summary: jobSummary, nextToken: nonEmpty(nextToken) };
      },
    });
  let { summary, nextToken } = await page(null);
  for (let pages = 1; pages < maxPages && nextToken; pages++) {
    const next = await page(nextToken);
    summary = { ...summary, documentation: [...summary.documentation, ...next.summary.documentation] };
    nextToken = next.nextToken;
  }
  return summary;
}

export async function listJobs(call: Caller, input: ListJobsInput = {}): Promise<ListJobsPage> {
  const variables = listJobsInput(input);
  return call({
    service: 'jobs',
    operation: 'listJobs',
    document: LIST_JOBS,
    variables: { input: variables },
    decode: (data) => {
      const { items, nextToken } = answers.listJobs(data, 'data').listJobs.jobConnection;
      return { jobs: items, nextToken: nonEmpty(nextToken) };
    },
  });
}

export async function listJobsAssignedTo(
  call: Caller,
  technicianEmail: string,
  options: ListAssignedOptions = {},
  people: Assignees,
): Promise<AssignedJobs> {
  const { email, pageSize, maxPages } = assignedInput(technicianEmail, options);
  const technician = await people.technician(email);
  const jobs: XoiJob[] = [];
  let nextToken: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: ListJobsPage = await listJobs(call, {
      limit: pageSize,
      nextToken,
      filter: options.filter,
      dateQuery: options.dateQuery,
    });
    jobs.push(...result.jobs.filter((j) => assignedTo(j, technician)));
    nextToken = result.nextToken;
    if (!nextToken) return { jobs, truncated: false };
  }
  return { jobs, truncated: true };
}

/** Null for every not-found shape: a not-found error (see classify.ts), a null result, a null jobId (§3). */
export async function getJobIdByExternalId(call: Caller, externalId: string): Promise<string | null> {
  const vid = id(externalId, 'externalId', 'getJobIdByExternalId');
  try {
    return await call({
      service: 'jobs',
      operation: 'getJobIdByExternalId',
      document: GET_JOB_ID_BY_EXTERNAL_ID,
      variables: { input: { externalId: vid } },
      decode: (data) => nonEmpty(answers.getJobIdByExternalId(data, 'data').getJobIdByExternalId?.jobId),
    });
  } catch (error) {
    if (isXoi(error, 'not-found')) return null;
    throw error;
  }
}
