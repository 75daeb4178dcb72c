/**
 * Stored records as XOi's GraphQL types answer them: a job with its deep links, a user of the
 * directory (or one made up from an assignee id the directory does not hold).
 */
import { clone } from '../store.js';
import type { MockJob, MockUser } from '../types.js';
import type { CloudDeps, ResolverContext } from './context.js';
import { deepLinksOf } from './deep-links.js';

export function jobView(job: MockJob, { deps, origin }: ResolverContext) {
  return { ...clone(job), deepLinks: deepLinksOf(job, origin, deps.prefix) };
}

/** `JobSummary.assignees`: `User`'s fields are non-null, so an unknown id gets empty names. */
export function assigneeView(id: string, deps: CloudDeps): MockUser {
  const user = deps.users.get(id);
  return user ? { ...user } : { id, email: id, given_name: '', family_name: '', phone_number: '' };
}
