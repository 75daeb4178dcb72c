/**
 * An XOi job as the job index stores it: who it is assigned to (ids as XOi sends them, and
 * trimmed and lowercased for a technician matched by email, as `assignedTo` does), what the label
 * filter searches, its place in the list, and the LinkableJob the routes answer with. Pure.
 */
import { linkableJobOf } from '../../contract/mapping.js';
import type { LinkableJob } from '../../contract/routes.js';
import type { XoiJob } from '../client/types.js';
import { sortMsOf } from './order.js';
import { searchText } from './search.js';

export interface JobIndexRow {
  jobId: string;
  assigneeIds: string[];
  /** The ids trimmed and lowercased: a technician whose XOi id is their email matches by email. */
  assigneeEmails: string[];
  /** Label, work order number and customer, folded (search.ts). */
  search: string;
  /** Creation time in ms (order.ts). */
  sortMs: number;
  /** Completion time in ms, null while open. */
  completedMs: number | null;
  job: LinkableJob;
}

const unique = (values: string[]): string[] => [...new Set(values)];

export function indexRowOf(job: XoiJob): JobIndexRow {
  const linkable = linkableJobOf(job);
  if (!linkable) throw new TypeError('an XOi job without an id cannot be indexed');
  const completed = job.completedAt ? Date.parse(job.completedAt) : NaN;
  return {
    jobId: linkable.id,
    assigneeIds: unique(job.assigneeIds),
    assigneeEmails: unique(job.assigneeIds.map((id) => id.trim().toLowerCase())),
    search: searchText(linkable),
    sortMs: sortMsOf(linkable.createdAt),
    completedMs: Number.isNaN(completed) ? null : completed,
    job: linkable,
  };
}
