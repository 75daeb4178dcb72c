/**
 * The mock's executable schemas, built from the SDL files kept in the repository
 * (mock/schema/{jobs,share,users}.graphql, shipped beside the built mock) so the mock and the
 * written schema cannot drift. AppSync's scalars get AppSync's checks.
 */
import { readFileSync } from 'node:fs';
import type { GraphQLScalarType, GraphQLSchema, ValueNode } from 'graphql';
import { graphql } from './graphql-lib.js';
import { EMAIL } from './users.js';

export type GraphQLService = 'jobs' | 'share' | 'users';
export const GRAPHQL_SERVICES: readonly GraphQLService[] = ['jobs', 'share', 'users'];

/** Where the SDL files are: mock/schema/ beside mock/cloud/ (dist/npm/mock/schema/ once built). */
export const SCHEMA_DIR = new URL('../schema/', import.meta.url);

function checked(name: string, valid: (value: string) => boolean) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) throw new TypeError(`Invalid ${name}: ${JSON.stringify(value)}`);
    return value;
  };
}

function literal(node: ValueNode): unknown {
  return node.kind === graphql.Kind.STRING ? node.value : undefined;
}

/** Input checks as AppSync makes them; output is passed through. */
function withAwsScalars(schema: GraphQLSchema): GraphQLSchema {
  const checks: Record<string, (value: unknown) => string> = {
    AWSEmail: checked('AWSEmail', (v) => EMAIL.test(v)),
    AWSDateTime: checked('AWSDateTime', (v) => !Number.isNaN(Date.parse(v))),
  };
  for (const [name, check] of Object.entries(checks)) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (!type) continue;
    type.parseValue = check;
    type.parseLiteral = (node) => check(literal(node));
  }
  return schema;
}

/** The SDL of one service, as written in the repository. */
export function readSdl(service: GraphQLService): string {
  return readFileSync(new URL(`${service}.graphql`, SCHEMA_DIR), 'utf8');
}

const built = new Map<GraphQLService, GraphQLSchema>();

/** The service's executable schema (built once per process: schemas are immutable). */
export function schemaOf(service: GraphQLService): GraphQLSchema {
  let schema = built.get(service);
  if (!schema) {
    schema = withAwsScalars(graphql.buildSchema(readSdl(service)));
    built.set(service, schema);
  }
  return schema;
}
