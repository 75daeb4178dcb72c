// The GraphQL the client sends against XOi's schema as this repository writes it
// (mock/schema/*.graphql, from the sources named in each file's header): every document the
// BUILT client exports validates against its service's schema, and every operation it uses is one
// the mock serves (the mock builds its services from the same files, so the schema the mock runs
// is the file). A document added to src/server/client/documents.ts later is checked too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, OperationTypeNode, parse, validate } from 'graphql';
import * as documents from '../../dist/npm/server/client/documents.js';
import { RESOLVERS } from '../../dist/npm/mock/cloud/resolvers/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['jobs', 'share', 'users'];
const sdl = (service, dir = 'mock/schema') => readFileSync(`${root}${dir}/${service}.graphql`, 'utf8');
const schemas = Object.fromEntries(SERVICES.map((s) => [s, buildSchema(sdl(s))]));

const DOCUMENTS = Object.entries(documents).filter(([, value]) => typeof value === 'string');

/** The root fields each operation of `doc` selects, as `[operation type, field name]`. */
function rootFields(doc) {
  return doc.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .flatMap((op) =>
      op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((field) => [op.operation, field.name.value]),
    );
}

function rootType(schema, operation) {
  return operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getQueryType();
}

/** The one service whose schema has every root field of `doc`. */
function serviceOf(doc) {
  const fields = rootFields(doc);
  const matching = SERVICES.filter((s) =>
    fields.every(([operation, name]) => rootType(schemas[s], operation)?.getFields()[name]),
  );
  assert.equal(matching.length, 1, `root fields ${JSON.stringify(fields)} belong to ${matching.length} services`);
  return matching[0];
}

/** graphql-js's validation messages for `source` against its service's schema. */
function problems(source) {
  const doc = parse(source);
  return validate(schemas[serviceOf(doc)], doc).map((e) => e.message);
}

describe('the client’s GraphQL documents against mock/schema/*.graphql', () => {
  test('the built client exports documents to check', () => {
    assert.ok(DOCUMENTS.length >= 7, `only ${DOCUMENTS.length} string exports in documents.js`);
  });

  for (const [name, source] of DOCUMENTS) {
    test(`${name} validates against its service's schema`, () => {
      assert.deepEqual(problems(source), []);
    });
  }

  test('the check is not vacuous: a wrong field name or a nullable variable where XOi wants one is caught', () => {
    const [, summary] = DOCUMENTS.find(([, source]) => /getJobSummary\(/.test(source));
    assert.match(problems(summary.replace(/\bstepName\b/, 'step_name')).join('\n'), /Cannot query field "step_name"/);
    const [, share] = DOCUMENTS.find(([, source]) => /createJobShare\(/.test(source));
    assert.match(
      problems(share.replace('CreateJobShareInput!', 'CreateJobShareInput')).join('\n'),
      /Variable "\$input" of type "CreateJobShareInput" used in position expecting type "CreateJobShareInput!"/,
    );
  });
});

describe('the mock serves what the client sends', () => {
  test('every operation the client uses has a resolver in the mock', () => {
    const missing = DOCUMENTS.flatMap(([name, source]) => {
      const doc = parse(source);
      const service = serviceOf(doc);
      return rootFields(doc)
        .filter(([, field]) => !Object.hasOwn(RESOLVERS[service], field))
        .map(([, field]) => `${name}: ${service}.${field}`);
    });
    assert.deepEqual(missing, []);
  });

  test('every resolver of the mock is an operation of its schema file', () => {
    for (const service of SERVICES) {
      const schema = schemas[service];
      const fields = { ...schema.getQueryType()?.getFields(), ...schema.getMutationType()?.getFields() };
      const orphans = Object.keys(RESOLVERS[service]).filter((name) => !fields[name]);
      assert.deepEqual(orphans, [], `${service}: resolvers for operations the schema does not have`);
    }
  });

  test('the built mock ships the schema files it runs on, unchanged', () => {
    for (const service of SERVICES) assert.equal(sdl(service, 'dist/npm/mock/schema'), sdl(service), service);
  });
});
