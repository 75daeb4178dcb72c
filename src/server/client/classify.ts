/**
 * What a GraphQL `errors[]` from XOi means for the call: worth another attempt (`retry`), the
 * thing asked for does not exist (`not-found`), the key may not do this (`auth`), or the same
 * request will fail the same way (`rejected`).
 *
 * XOi publishes no list of `errorType` values (docs/xoi-api-notes.md §8). Its services are AWS
 * AppSync, so the rules follow the shapes AppSync and its data sources are publicly seen to send;
 * `test/node/server-classify.test.mjs` holds one row per shape with its source. What no rule
 * recognises is retried, as XOi's own integrations retry every GraphQL error (§8).
 */
import type { XoiGraphQLError } from './errors.js';

export type GraphQLErrorClass = 'retry' | 'not-found' | 'auth' | 'rejected';

type Rule = readonly [RegExp, GraphQLErrorClass];

// `DynamoDB:<exception>` names DynamoDB's own error: a failed condition or a refused request is
// final, anything else (throttling, an internal error, a table not ACTIVE) passes. Checked
// before the not-found rules: `DynamoDB:ResourceNotFoundException` is a missing table, not a job.
const DYNAMODB: readonly Rule[] = [
  [/conditionalcheckfailed|validation|accessdenied/i, 'rejected'],
  [/./, 'retry'],
];

// `Lambda:<reason>`: AppSync could not run XOi's function. `Unhandled` carries the function's
// own message, so it is left to the message rules below.
const LAMBDA: readonly Rule[] = [
  [/illegalargument/i, 'rejected'],
  [/./, 'retry'],
];

const ERROR_TYPE: readonly Rule[] = [
  [/notfound|nosuchentity/i, 'not-found'],
  [/unauthori[sz]ed|forbidden|accessdenied|notauthori[sz]ed/i, 'auth'],
  [/validation|badrequest|malformed|invalid|conflict|duplicate|mappingtemplate/i, 'rejected'],
];

const MESSAGE: readonly Rule[] = [
  [/\bnot authori[sz]ed to access\b/i, 'auth'],
  [/\bnot found\b|\bdoes(?: not|n't) exist\b|\bno such\b|\bno \w+ found\b|\bno \w+ with externalId\b/i, 'not-found'],
  [/\bconditional request failed\b/i, 'rejected'],
  // The query or its variables are wrong (graphql-java, which AppSync runs, and graphql-js words).
  [
    /^(?:Syntax Error|Validation error of type|Cannot query field|Unknown (?:type|argument)|Variable ["'$]|The variables input contains|Field "[^"]*" (?:of required type|is not defined)|Expected (?:type|value))/i,
    'rejected',
  ],
];

const first = (rules: readonly Rule[], text: string): GraphQLErrorClass | undefined =>
  rules.find(([pattern]) => pattern.test(text))?.[1];

function byErrorType(errorType: string): GraphQLErrorClass | undefined {
  if (/^DynamoDB:/i.test(errorType)) return first(DYNAMODB, errorType);
  if (/^Lambda:Unhandled$/i.test(errorType)) return undefined;
  if (/^Lambda:/i.test(errorType)) return first(LAMBDA, errorType);
  return first(ERROR_TYPE, errorType);
}

/** One error: its errorType decides when it can, then its message; unknown → `retry`. */
export function classifyGraphQLError(error: XoiGraphQLError): GraphQLErrorClass {
  return byErrorType(error.errorType ?? '') ?? first(MESSAGE, error.message) ?? 'retry';
}

const PRECEDENCE: readonly GraphQLErrorClass[] = ['not-found', 'auth', 'rejected'];

/**
 * The default {@link XoiClientOptions.classifyGraphQLErrors}: the first of `not-found`, `auth`,
 * `rejected` that any error has, else `retry`.
 */
export function classifyGraphQLErrors(errors: readonly XoiGraphQLError[]): GraphQLErrorClass {
  const classes = new Set(errors.map(classifyGraphQLError));
  return PRECEDENCE.find((c) => classes.has(c)) ?? 'retry';
}

const CLASSES: ReadonlySet<unknown> = new Set<GraphQLErrorClass>(['retry', 'not-found', 'auth', 'rejected']);

export type GraphQLErrorClassifier = (
  errors: XoiGraphQLError[],
  byDefault: (errors: readonly XoiGraphQLError[]) => GraphQLErrorClass,
) => GraphQLErrorClass;

/**
 * The host's classifier, given the default to fall back on. One that throws or answers something
 * else is the host's bug, not XOi's answer: the default decides instead.
 */
export function withHostClassifier(
  custom: GraphQLErrorClassifier | undefined,
): (errors: XoiGraphQLError[]) => GraphQLErrorClass {
  if (!custom) return classifyGraphQLErrors;
  return (errors) => {
    try {
      const answer = custom(
        errors.map((e) => ({ ...e })),
        classifyGraphQLErrors,
      );
      return CLASSES.has(answer) ? answer : classifyGraphQLErrors(errors);
    } catch {
      return classifyGraphQLErrors(errors);
    }
  };
}
