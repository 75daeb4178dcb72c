/**
 * Runs one GraphQL request on a service's schema (built from its SDL file) and answers in
 * AppSync's shape (docs/xoi-api-notes.md §8): `data`, and `errors[]` entries with `message`,
 * `path`, `locations` and, for the mock's own refusals, `errorType` and `errorInfo`. An operation
 * of the schema the mock does not implement is a `NotImplemented` error, never a crash.
 */
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { MockError, type MockErrorTypes } from './errors.js';
import { graphql } from './graphql-lib.js';
import type { Resolver, ResolverContext } from './resolvers/context.js';
import { RESOLVERS } from './resolvers/index.js';
import { type GraphQLService, schemaOf } from './schema.js';

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface AppSyncError {
  message: string;
  path: readonly (string | number)[] | null;
  locations: readonly { line: number; column: number }[] | null;
  errorType?: string;
  errorInfo?: { stage: 'mock'; datetime: string };
}

export interface AppSyncResult {
  data: unknown;
  errors?: AppSyncError[];
}

function notImplemented(service: GraphQLService, field: string): Resolver {
  return () => {
    throw new MockError('notImplemented', `The mock XOi Cloud does not implement ${field} (${service} service)`);
  };
}

/** Every root field of the schema: the service's resolver, or one that answers NotImplemented. */
function rootValueOf(service: GraphQLService, schema: GraphQLSchema): Record<string, Resolver> {
  const root: Record<string, Resolver> = {};
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.keys(type?.getFields() ?? {})) {
      root[field] = RESOLVERS[service][field] ?? notImplemented(service, field);
    }
  }
  return root;
}

const roots = new Map<GraphQLService, Record<string, Resolver>>();

function formatError(error: GraphQLError, errorTypes: Readonly<MockErrorTypes>, at: string): AppSyncError {
  const original = error.originalError;
  return {
    message: error.message,
    path: error.path ?? null,
    locations: error.locations ?? null,
    ...(original instanceof MockError && {
      errorType: errorTypes[original.kind],
      errorInfo: { stage: 'mock', datetime: at },
    }),
  };
}

export async function execute(
  service: GraphQLService,
  body: GraphQLRequestBody,
  context: ResolverContext,
  errorTypes: Readonly<MockErrorTypes>,
): Promise<AppSyncResult> {
  const schema = schemaOf(service);
  let rootValue = roots.get(service);
  if (!rootValue) {
    rootValue = rootValueOf(service, schema);
    roots.set(service, rootValue);
  }
  const result = await graphql.graphql({
    schema,
    source: body.query,
    rootValue,
    contextValue: context,
    variableValues: body.variables ?? {},
    operationName: body.operationName ?? undefined,
  });
  const at = context.deps.store.iso();
  return {
    data: result.data ?? null,
    ...(result.errors?.length && { errors: result.errors.map((e) => formatError(e, errorTypes, at)) }),
  };
}
