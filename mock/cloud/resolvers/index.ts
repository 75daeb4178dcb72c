/**
 * Each GraphQL service's implemented operations. An operation of the schema file that is not a
 * key here answers `NotImplemented`; test/node/xoi-schema.test.mjs checks that every operation
 * the client sends is one.
 */
import type { GraphQLService } from '../schema.js';
import type { Resolvers } from './context.js';
import { JOBS_RESOLVERS } from './jobs.js';
import { SHARE_RESOLVERS } from './share.js';
import { USERS_RESOLVERS } from './users.js';

export const RESOLVERS: Readonly<Record<GraphQLService, Resolvers>> = {
  jobs: JOBS_RESOLVERS,
  share: SHARE_RESOLVERS,
  users: USERS_RESOLVERS,
};
