/**
 * Checks of what a test, a `/__xoi-cloud` request or a `--seed` file asks the mock to seed: a
 * wrong field is a 400 naming it (`jobs[2].completed must be …`), never a job half made or a
 * field silently dropped.
 */
import { HttpError } from '../http.js';
import type { DocumentationItemInput, DocumentationItemTrait, SeedJob, SeedUser } from './types.js';
import { EMAIL } from './users.js';

const TRAITS: ReadonlySet<string> = new Set<DocumentationItemTrait>([
  'ai_generated',
  'choice',
  'dataplate',
  'date_entry',
  'not_a_dataplate',
  'note',
  'number_entry',
  'partial_dataplate',
  'pending',
  'preliminary',
  'processed',
  'text_entry',
  'transcript',
  'user_edited',
  'user_generated',
  'work_summary',
]);

const ITEM_FIELDS: ReadonlySet<string> = new Set([
  'traits',
  'stepTraits',
  'tags',
  'workflowId',
  'workflowJobId',
  'workflowName',
  'workflowLabel',
  'stepIndex',
  'stepName',
  'contentId',
  'sourceId',
  'note',
  'choice',
  'text_entry',
  'date_entry',
  'number_entry',
  'derivedData',
  'workSummary',
  'pendingTranscript',
]);

type Check = (value: unknown) => string | null;

const bad = (where: string, message: string) => new HttpError(400, `${where} ${message}`);
// JSON.stringify gives undefined for undefined and functions; its type does not say so.
const got = (value: unknown) => `, got ${(JSON.stringify(value) as string | undefined) ?? String(value)}`;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text: Check = (v) => (typeof v === 'string' ? null : 'must be a string');
const email: Check = (v) => (typeof v === 'string' && EMAIL.test(v.trim()) ? null : 'must be an email address');
const isoTime: Check = (v) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : 'must be an ISO date-time (2025-03-18T12:00:00Z)';
const ids: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((id) => typeof id === 'string' && id.trim())
    ? null
    : 'must be a list of non-empty ids';
const completed: Check = (v) =>
  typeof v === 'boolean' || isoTime(v) === null ? null : 'must be true, false or an ISO date-time';
const documentation: Check = (v) => (Array.isArray(v) ? null : 'must be a list of documentation items');

/** Every field of `value` against `checks`; an unknown field is refused too (a typo would be lost). */
function checkFields(value: unknown, where: string, checks: Readonly<Record<string, Check>>): Record<string, unknown> {
  if (!isObject(value)) throw bad(where, `must be an object${got(value)}`);
  for (const [name, field] of Object.entries(value)) {
    const check = Object.hasOwn(checks, name) ? checks[name] : undefined;
    if (!check) throw bad(`${where}.${name}`, `is not a field (one of ${Object.keys(checks).join(', ')})`);
    if (field === undefined) continue;
    const problem = check(field);
    if (problem) throw bad(`${where}.${name}`, `${problem}${got(field)}`);
  }
  return value;
}

export function checkDocumentationItem(value: unknown, where: string): DocumentationItemInput {
  if (!isObject(value)) throw bad(where, `must be an object${got(value)}`);
  for (const name of Object.keys(value)) {
    if (!ITEM_FIELDS.has(name)) throw bad(`${where}.${name}`, 'is not a field of XOi’s DocumentationItem');
  }
  const traits = value.traits;
  if (traits !== undefined && !(Array.isArray(traits) && traits.every((t) => TRAITS.has(t as string)))) {
    throw bad(`${where}.traits`, `must be a list of ${[...TRAITS].join(', ')}${got(traits)}`);
  }
  if (value.pendingTranscript !== undefined && typeof value.pendingTranscript !== 'string') {
    throw bad(`${where}.pendingTranscript`, `must be a string${got(value.pendingTranscript)}`);
  }
  return value;
}

export function checkSeedUser(value: unknown, where = 'user'): SeedUser {
  const user = checkFields(value, where, { email, given_name: text, family_name: text, phone_number: text });
  if (user.email === undefined) throw bad(`${where}.email`, 'is required');
  return user as unknown as SeedUser;
}

export function checkSeedJob(value: unknown, where = 'job'): SeedJob {
  const job = checkFields(value, where, {
    technicianEmail: email,
    assigneeIds: ids,
    label: text,
    customerName: text,
    jobLocation: text,
    workOrderNumber: text,
    externalId: text,
    createdAt: isoTime,
    completed,
    documentation,
  });
  if (Array.isArray(job.documentation)) {
    job.documentation.forEach((item, i) => checkDocumentationItem(item, `${where}.documentation[${i}]`));
  }
  return job;
}
