/**
 * The share service: `createJobShare` (docs/xoi-api-notes.md §4), and the share createJob makes
 * with `additionalActions.createPublicShare`. The `empty-share-link` and `null-job-share` faults
 * act here, whichever service made the share.
 */
import { MockError } from '../errors.js';
import { type Resolvers, type ResolverContext, resolver } from './context.js';

interface CreateJobShareInput {
  jobId?: string | null;
  jobIds?: string[] | null;
  shareEntireJob?: boolean | null;
}

/** A new share of `jobIds` as XOi's `JobShare`, or `null` when a `null-job-share` fault hits. */
export function makeShare(
  jobIds: string[],
  shareEntireJob: boolean,
  { deps, origin }: ResolverContext,
): { id: string; shareLink: string } | null {
  for (const id of jobIds) deps.store.liveJob(id);
  if (deps.faults.take('share', ['null-job-share']) ?? deps.faults.take('jobs', ['null-job-share'])) return null;
  const share = deps.store.addShare(jobIds, shareEntireJob);
  const empty = deps.faults.take('share', ['empty-share-link']) ?? deps.faults.take('jobs', ['empty-share-link']);
  return { id: share.id, shareLink: empty ? '' : `${origin}${deps.prefix}/share/${encodeURIComponent(share.id)}` };
}

export const SHARE_RESOLVERS: Resolvers = {
  createJobShare: resolver<CreateJobShareInput>((input, context) => {
    const ids = input.jobIds ?? (input.jobId != null ? [input.jobId] : []);
    if (ids.length === 0) throw new MockError('validation', 'jobId or jobIds is required');
    return { jobShare: makeShare(ids, input.shareEntireJob === true, context) };
  }),
};
