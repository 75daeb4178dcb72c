/**
 * Every input check of the client, and each operation's GraphQL variables built from the checked
 * input. All of them throw an `invalid-input` XoiError naming the field before any HTTP call.
 */
import { normalizeEmail } from '../email.js';
import { invalidInput } from './errors.js';
import type {
  CreateJobInput,
  GetJobSummaryOptions,
  ListAssignedOptions,
  ListJobsInput,
  UpdateJobFields,
} from './client-types.js';
import type { XoiDateQuery, XoiListJobsFilter } from './types.js';

/**
 * An id we send XOi, also what the routes accept as a job id. Control characters have no place
 * in an id and would be invisible in logs.
 */
// eslint-disable-next-line no-control-regex
export const ID_SYNTAX = /^[^\s\u0000-\u001f\u007f]{1,256}$/;

export function positiveInt(value: unknown, field: string, max: number, fallback: number, op?: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(field, `must be an integer from 1 to ${max}`, op);
  }
  return value;
}

export function id(value: unknown, field: string, op: string): string {
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(field, 'is required', op);
  const trimmed = value.trim();
  if (!ID_SYNTAX.test(trimmed))
    throw invalidInput(field, 'must be at most 256 characters without spaces or control characters', op);
  return trimmed;
}

function text(value: unknown, field: string, op: string, max = 1000): string {
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(field, 'is required and must not be blank', op);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidInput(field, `must be at most ${max} characters`, op);
  return trimmed;
}

function flag(value: unknown, field: string, op: string): boolean {
  if (typeof value !== 'boolean') throw invalidInput(field, 'must be true or false', op);
  return value;
}

function list(value: unknown, field: string, op: string, { min = 0, ids = false } = {}): string[] {
  if (!Array.isArray(value)) throw invalidInput(field, 'must be an array of strings', op);
  const out = value.map((v, i) => (ids ? id(v, `${field}[${i}]`, op) : text(v, `${field}[${i}]`, op, 256)));
  if (out.length < min) throw invalidInput(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`, op);
  return out;
}

/** The optional fields createJob and updateJob share. */
function optionalFields(input: CreateJobInput | UpdateJobFields, op: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.label !== undefined) out.label = text(input.label, 'label', op);
  if (input.tags !== undefined) out.tags = list(input.tags, 'tags', op);
  if (input.publicTags !== undefined) out.publicTags = list(input.publicTags, 'publicTags', op);
  if (input.internalNote !== undefined) out.internalNote = { text: text(input.internalNote, 'internalNote', op, 3000) };
  if (input.customerEmail !== undefined) out.customerEmail = normalizeEmail(input.customerEmail, 'customerEmail', op);
  if (input.externalAppUrl !== undefined) {
    const url = text(input.externalAppUrl, 'externalAppUrl', op, 1024);
    if (!URL.canParse(url)) throw invalidInput('externalAppUrl', 'must be an absolute URL', op);
    out.externalAppUrl = url;
  }
  return out;
}

export interface CheckedCreateJob {
  newJob: Record<string, unknown>;
  /** Normalised; jobs.ts turns it into the assignee id. */
  technicianEmail: string;
  externalId: string | undefined;
  /** Ask for the public share in the same call. */
  share: boolean;
}

export function createJobInput(input: CreateJobInput): CheckedCreateJob {
  const op = 'createJob';
  if (!input || typeof input !== 'object') throw invalidInput('input', 'is required', op);
  const technicianEmail = normalizeEmail(input.technicianEmail, 'technicianEmail', op);
  const newJob: Record<string, unknown> = {
    assigneeIds: [],
    customerName: text(input.customerName, 'customerName', op),
    jobLocation: text(input.jobLocation, 'jobLocation', op),
    workOrderNumber: text(input.workOrderNumber, 'workOrderNumber', op),
    ...optionalFields(input, op),
  };
  const externalId = input.externalId === undefined ? undefined : id(input.externalId, 'externalId', op);
  if (externalId !== undefined) newJob.externalId = externalId;
  if (input.workTypeIds !== undefined) newJob.workTypeIds = list(input.workTypeIds, 'workTypeIds', op);
  return { newJob, technicianEmail, externalId, share: input.createPublicShare ?? true };
}

export function updateJobInput(
  jobId: string,
  fields: UpdateJobFields,
): { input: { id: string; fieldUpdates: Record<string, unknown> }; technicianEmail: string | null } {
  const op = 'updateJob';
  const vid = id(jobId, 'jobId', op);
  if (!fields || typeof fields !== 'object') throw invalidInput('fields', 'are required', op);
  const fieldUpdates: Record<string, unknown> = optionalFields(fields, op);
  for (const field of ['workOrderNumber', 'customerName', 'jobLocation'] as const) {
    if (fields[field] !== undefined) fieldUpdates[field] = text(fields[field], field, op);
  }
  const technicianEmail =
    fields.technicianEmail === undefined ? null : normalizeEmail(fields.technicianEmail, 'technicianEmail', op);
  if (Object.keys(fieldUpdates).length === 0 && !technicianEmail) {
    throw invalidInput('fields', 'must change at least one field', op);
  }
  return { input: { id: vid, fieldUpdates }, technicianEmail };
}

export function jobSummaryInput(
  jobId: string,
  options: GetJobSummaryOptions,
): { input: Record<string, unknown>; maxPages: number } {
  const op = 'getJobSummary';
  const input: Record<string, unknown> = { jobId: id(jobId, 'jobId', op) };
  const maxPages = positiveInt(options.maxPages, 'maxPages', 1000, 20, op);
  if (options.workflowId !== undefined) input.workflowId = id(options.workflowId, 'workflowId', op);
  if (options.includeAllSteps !== undefined)
    input.includeAllSteps = flag(options.includeAllSteps, 'includeAllSteps', op);
  return { input, maxPages };
}

function listFilter(filter: XoiListJobsFilter, op: string): Record<string, string> {
  if (!filter || typeof filter !== 'object') throw invalidInput('filter', 'must be an object', op);
  const out: Record<string, string> = {};
  for (const field of ['customerName', 'jobLocation', 'workOrderNumber'] as const) {
    if (filter[field] !== undefined) out[field] = text(filter[field], `filter.${field}`, op);
  }
  for (const field of ['customerName', 'jobLocation'] as const) {
    if (out[field] && /\s/.test(out[field]))
      throw invalidInput(`filter.${field}`, 'must be a single word (XOi matches one word)', op);
  }
  return out;
}

function dateQuery(query: XoiDateQuery, op: string): Record<string, unknown> {
  if (!query || (query.type !== 'CREATED_AT' && query.type !== 'COMPLETED_AT')) {
    throw invalidInput('dateQuery.type', "must be 'CREATED_AT' or 'COMPLETED_AT'", op);
  }
  const out: Record<string, unknown> = { type: query.type };
  for (const bound of ['gte', 'lte'] as const) {
    const value = query[bound];
    if (value === undefined) continue;
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) throw invalidInput(`dateQuery.${bound}`, 'must be a date', op);
    out[bound] = date.toISOString();
  }
  if (query.ascending !== undefined) out.ascending = flag(query.ascending, 'dateQuery.ascending', op);
  return out;
}

export function listJobsInput(input: ListJobsInput): Record<string, unknown> {
  const op = 'listJobs';
  if (typeof input !== 'object' || input === null) throw invalidInput('input', 'must be an object', op);
  const variables: Record<string, unknown> = {
    limit: positiveInt(input.limit, 'limit', 1000, 100, op),
    // XOi's first page is asked for with "" (docs/xoi-api-notes.md §3).
    nextToken: input.nextToken ?? '',
  };
  if (typeof variables.nextToken !== 'string') throw invalidInput('nextToken', 'must be a string', op);
  if (input.filter !== undefined) variables.filter = listFilter(input.filter, op);
  if (input.dateQuery !== undefined) variables.dateQuery = dateQuery(input.dateQuery, op);
  return variables;
}

export function assignedInput(
  technicianEmail: string,
  options: ListAssignedOptions,
): { email: string; pageSize: number; maxPages: number } {
  const op = 'listJobsAssignedTo';
  return {
    email: normalizeEmail(technicianEmail, 'technicianEmail', op),
    pageSize: positiveInt(options.pageSize, 'pageSize', 1000, 100, op),
    maxPages: positiveInt(options.maxPages, 'maxPages', 1000, 10, op),
  };
}

export function jobShareInput(
  jobId: string | string[],
  options: { shareEntireJob?: boolean },
): Record<string, unknown> {
  const op = 'createJobShare';
  const input: Record<string, unknown> = Array.isArray(jobId)
    ? { jobIds: list(jobId, 'jobIds', op, { min: 1, ids: true }) }
    : { jobId: id(jobId, 'jobId', op) };
  if (options.shareEntireJob !== undefined) input.shareEntireJob = flag(options.shareEntireJob, 'shareEntireJob', op);
  return input;
}
