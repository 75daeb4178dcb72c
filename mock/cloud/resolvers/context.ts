/**
 * What every resolver gets: the mock's state and settings, and the origin the request came to
 * (links the mock makes point back at it). Resolvers are graphql-js root values, `(args, context)`.
 */
import type { FaultQueue } from '../faults.js';
import type { CloudStore } from '../store.js';
import type { UserDirectory } from '../users.js';

export interface CloudDeps {
  store: CloudStore;
  users: UserDirectory;
  faults: FaultQueue;
  /** Path of the API endpoints, e.g. `/xoi-cloud`. */
  prefix: string;
  /** Documentation items per getJobSummary page. */
  summaryPageSize: number;
}

export interface ResolverContext {
  deps: CloudDeps;
  /** e.g. `http://127.0.0.1:4000` */
  origin: string;
}

/** A root field's resolver: every XOi operation takes one `input` object (docs/xoi-api-notes.md §3). */
export type Resolver = (args: Record<string, unknown>, context: ResolverContext) => unknown;
export type Resolvers = Readonly<Record<string, Resolver>>;

/**
 * A resolver of `input` typed as the SDL declares it: graphql-js has already checked the input
 * against the schema file, so the shape is known here.
 */
export function resolver<Input>(fn: (input: Input, context: ResolverContext) => unknown): Resolver {
  return (args, context) => fn(args.input as Input, context);
}
