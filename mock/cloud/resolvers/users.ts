/**
 * The users service (docs/xoi-api-notes.md §5): `listUsers` paged like listJobs, `getUser` by
 * id. [assumed: an unknown id is a `notFound` error rather than `user: null`; limit 1–1,000]
 */
import { MockError } from '../errors.js';
import { page } from '../paging.js';
import { type Resolvers, resolver } from './context.js';

export const USERS_RESOLVERS: Resolvers = {
  getUser: resolver<{ id: string }>(({ id }, { deps }) => {
    const user = deps.users.get(id);
    if (!user) throw new MockError('notFound', `User ${id} not found`);
    return { user: { ...user } };
  }),

  listUsers: resolver<{ limit: number; nextToken?: string | null }>((input, { deps }) => {
    if (input.limit < 1 || input.limit > 1000) throw new MockError('validation', 'limit must be 1–1000');
    const { items, next } = page(deps.users.list(), input.nextToken, input.limit);
    return { userConnection: { items: items.map((user) => ({ ...user })), nextToken: next ?? '' } };
  }),
};
