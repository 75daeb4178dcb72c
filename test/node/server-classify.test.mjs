// The default GraphQL error classification (src/server/client/classify.ts) as a table: one row per
// error shape the public sources show, each with where it comes from and why it lands where it
// does. XOi publishes no errorType list (docs/xoi-api-notes.md §8); its services are AWS AppSync,
// so the shapes are AppSync's and its data sources'. Each row's `why` is what a caller sees:
// `retry` (tried again, then `unavailable`), `not-found`, `auth` (one fresh token, then `auth`),
// `rejected` (the same request fails the same way: no retry).
//
// Sources (cited by key in the rows):
//   AWS-UNAUTH   https://repost.aws/knowledge-center/aws-appsync-graphql-request-unauth-error
//                (401 = credentials missing or invalid; 200 with errorType Unauthorized and
//                "Not Authorized to access X on type Y" = refused at the resolver)
//   SDK-UNAUTH   https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/appsync/aws.sdk.kotlin.services.appsync.model/-unauthorized-exception
//   AMP-2124     https://github.com/aws-amplify/amplify-android/issues/2124 (the message without errorType)
//   GOH-81       https://github.com/graphql/graphql-over-http/issues/81 (the AppSync team's list of
//                its HTTP behaviour: MalformedHttpRequestException, "Validation error of type …")
//   ASC-273      https://github.com/aws/aws-appsync-community/issues/273
//   ASC-322      https://github.com/aws/aws-appsync-community/issues/322
//   GJ-2560      https://github.com/graphql-java/graphql-java/issues/2560 (graphql-java, which AppSync runs)
//   LEARN-417    https://github.com/aws-amplify/learn/issues/417
//   AMP-3485     https://github.com/aws-amplify/amplify-js/issues/3485
//   ASC-343      https://github.com/aws/aws-appsync-community/issues/343 (errorType null)
//   DDB-ERR      https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
//                (ResourceNotFoundException = a table or index; ConditionalCheckFailed: not OK to
//                retry; ProvisionedThroughputExceeded: retry with back-off)
//   ASC-336      https://github.com/aws/aws-appsync-community/issues/336
//   ASC-209      https://github.com/aws/aws-appsync-community/issues/209 (Lambda:Unhandled carries
//                the function's own message)
//   SG-346       https://github.com/serverless/serverless-graphql/issues/346
//   ASC-386      https://github.com/aws/aws-appsync-community/issues/386
//   ANDR-280     https://github.com/awslabs/aws-mobile-appsync-sdk-android/issues/280
//   ASC-100      https://github.com/aws/aws-appsync-community/issues/100
//   SC-25        https://github.com/serverless-components/aws-app-sync/issues/25
//   CDK-19239    https://github.com/aws/aws-cdk/issues/19239 (errorType without a message)
//   API-2197     https://github.com/aws-amplify/amplify-category-api/issues/2197
//   RT-67        https://github.com/aws-amplify/aws-appsync-realtime-client-ios/pull/67
//   IAM          https://docs.aws.amazon.com/botocore/latest/reference/services/iam/client/exceptions/NoSuchEntityException.html
//   GJS-VOCT     https://github.com/graphql/graphql-js/blob/v16.9.0/src/validation/rules/ValuesOfCorrectTypeRule.ts
//                (graphql-js 16: an input object literal missing a required field or holding one
//                its type does not define)
//   COGNITO      https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
//                (NotAuthorizedException: the user pool refused the caller)
//   NOTES-3      docs/xoi-api-notes.md §3: what XOi is assumed to answer for an unknown externalId,
//                and that a duplicate externalId fails
//   NOTES-8      docs/xoi-api-notes.md §8: XOi's own Dynamics connector retries every GraphQL error
//   MOCK         mock/xoi-cloud.js: what the mock XOi Cloud answers (its own guesses, kept so the
//                client and the mock agree; each also matches a sourced rule)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyGraphQLError, classifyGraphQLErrors } from '../../dist/npm/server/client/classify.js';
import { graphQLErrors } from '../../dist/npm/server/client/answers.js';

// [errors as XOi sends them, class, source, why]
const ROWS = [
  // ── auth ─────────────────────────────────────────────────────────────────────────────────
  [
    [{ errorType: 'Unauthorized', message: 'Not Authorized to access getJob on type Query' }],
    'auth',
    'AWS-UNAUTH',
    'refused at the resolver with a valid token: the key may not do this',
  ],
  [
    [{ errorType: 'UnauthorizedException', message: "You aren't authorized to perform this operation." }],
    'auth',
    'SDK-UNAUTH',
    'the 401 body, should it come with a 200',
  ],
  [
    [{ message: 'Not Authorized to access syncReviews on type ModelReviewConnection' }],
    'auth',
    'AMP-2124',
    'the same refusal reported without its errorType',
  ],
  // ── not-found ────────────────────────────────────────────────────────────────────────────
  [[{ errorType: 'NotFound', message: 'Job job-9 not found' }], 'not-found', 'NOTES-3, MOCK', 'errorType names it'],
  [
    [{ errorType: 'NotFound', message: 'No job with externalId fsm-43' }],
    'not-found',
    'NOTES-3, MOCK',
    'errorType names it',
  ],
  [
    [{ errorType: 'NotFoundException', message: 'The job was not found.' }],
    'not-found',
    'NOTES-3',
    'any errorType containing NotFound',
  ],
  [
    [{ errorType: 'NoSuchEntity', message: 'The job with id job-9 cannot be found.' }],
    'not-found',
    'IAM',
    "AWS's other name for a missing entity",
  ],
  [
    [{ errorType: 'Lambda:Unhandled', message: 'Job job-9 not found' }],
    'not-found',
    'ASC-209, NOTES-3',
    "a resolver function's own message says so",
  ],
  [
    [{ errorType: 'Lambda:Unhandled', message: 'No job found with externalId fsm-42' }],
    'not-found',
    'NOTES-3',
    '"no job found": retried three times into unavailable before this table',
  ],
  [
    [{ errorType: 'Lambda:Unhandled', message: 'Job with externalId fsm-42 does not exist' }],
    'not-found',
    'NOTES-3',
    '"does not exist"',
  ],
  [[{ message: 'No such job: job-9' }], 'not-found', 'NOTES-3', 'no errorType, the message says so'],
  [
    [{ message: 'No record with externalId fsm-42' }],
    'not-found',
    'NOTES-3',
    '"no … with externalId", whatever the noun',
  ],
  // ── rejected: the request itself is wrong ───────────────────────────────────────────────
  [
    [
      {
        message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'",
      },
    ],
    'rejected',
    'GOH-81',
    'the document names a field XOi does not have',
  ],
  [
    [
      {
        message:
          "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[]}' is missing required fields '[test]' @ 'createUpdateTest'",
      },
    ],
    'rejected',
    'ASC-273',
    'an argument of the wrong shape',
  ],
  [
    [{ message: "Variable 'input' has coerced Null value for NonNull type 'String!'" }],
    'rejected',
    'ASC-322',
    'a required input field is missing',
  ],
  [
    [{ message: "Variable 'input' has an invalid value: Invalid input for Enum 'DateQueryType'." }],
    'rejected',
    'GJ-2560',
    'an input value XOi cannot take',
  ],
  [
    [{ message: "The variables input contains a field that is not defined for input object type 'CreateJobInput' " }],
    'rejected',
    'ASC-273',
    'an input field XOi does not have',
  ],
  [
    [{ message: 'Validation error of type UnknownType: Unknown type AWSTimestamp' }],
    'rejected',
    'LEARN-417',
    'a type name XOi does not have (a wrong input type name in documents.ts fails so)',
  ],
  [
    [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
    'rejected',
    'GOH-81',
    'the body is not a GraphQL request',
  ],
  [[{ errorType: 'BadRequestException' }], 'rejected', 'CDK-19239', 'refused as a bad request, even with no message'],
  [
    [{ errorType: 'MappingTemplate', message: 'Unable to convert     \n    # a comment\n to Object.' }],
    'rejected',
    'ASC-100',
    "XOi's resolver template fails on this request; it will again",
  ],
  [
    [{ errorType: 'MappingTemplate', message: 'Trailing characters at the end of the JSON string are not allowed.' }],
    'rejected',
    'SC-25',
    'the same',
  ],
  [
    [
      {
        errorType: 'Lambda:IllegalArgument',
        message:
          'java.lang.IllegalArgumentException: Illegal ARN format detected, the relative-id must follow the format function:<name>:<alias>',
      },
    ],
    'rejected',
    'SG-346',
    'AppSync cannot invoke the function at all: repeating changes nothing',
  ],
  [
    [
      {
        errorType: 'DynamoDB:ConditionalCheckFailedException',
        message:
          'The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: MCJ872GC)',
      },
    ],
    'rejected',
    'AMP-3485, DDB-ERR',
    'a write whose condition failed (a duplicate externalId, NOTES-3): not OK to retry',
  ],
  [
    [{ message: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: 3S)' }],
    'rejected',
    'ASC-343',
    'the same, errorType null',
  ],
  [
    [{ errorType: 'ConflictUnhandled', message: 'Conflict resolver rejects mutation.' }],
    'rejected',
    'API-2197',
    "AppSync's conflict detection refused the write",
  ],
  [
    [{ errorType: 'Conflict', message: 'A job with externalId fsm-1 already exists' }],
    'rejected',
    'NOTES-3, MOCK',
    'a duplicate externalId (createJob then looks the job up)',
  ],
  [[{ errorType: 'ValidationError', message: 'label is invalid' }], 'rejected', 'NOTES-8, MOCK', 'validation-like'],
  // ── retry: XOi or AWS under it, for now ─────────────────────────────────────────────────
  [
    [
      {
        errorType: 'DynamoDB:ResourceNotFoundException',
        message: 'Requested resource not found: Table: jobs not found',
      },
    ],
    'retry',
    'DDB-ERR',
    'a table or index missing or not ACTIVE, not the job: checked before the "not found" words',
  ],
  [
    [
      {
        errorType: 'DynamoDB:ProvisionedThroughputExceededException',
        message: 'Throughput exceeds the current capacity of your table or index.',
      },
    ],
    'retry',
    'ASC-336, DDB-ERR',
    'throttled: retry with back-off',
  ],
  [
    [{ errorType: 'Lambda:Unhandled', message: 'Parameter cannot be empty' }],
    'retry',
    'ASC-209, NOTES-8',
    "a function's own error says nothing we can recognise: XOi's connector retries it",
  ],
  [
    [{ errorType: 'Lambda:ExecutionTimeoutException', message: 'Execution timed out.' }],
    'retry',
    'ASC-386',
    'a timeout',
  ],
  [[{ message: 'Execution timed out.' }], 'retry', 'ANDR-280', 'a timeout without errorType'],
  [[{ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }], 'retry', 'RT-67', 'throttled'],
  [
    [{ errorType: 'InternalFailure', message: 'An internal error occurred.' }],
    'retry',
    'NOTES-8',
    "AWS's internal error",
  ],
  [[{ errorType: 'SomethingXOiInvents', message: 'Oops' }], 'retry', 'NOTES-8', 'unknown: retried, as XOi does'],
  [
    [{ message: 'Field "NewJobInput.customerName" of required type "String!" was not provided.' }],
    'rejected',
    'GJS-VOCT',
    'a required input field is missing from a literal',
  ],
  [
    [{ message: 'Field "workOrderNumbr" is not defined by type "NewJobInput".' }],
    'rejected',
    'GJS-VOCT',
    'an input field XOi does not have, in a literal',
  ],
  [
    [{ errorType: 'NotAuthorizedException', message: 'Incorrect username or password.' }],
    'auth',
    'COGNITO',
    'the identity provider refused the caller',
  ],
  // ── several errors: not-found, then auth, then rejected, then retry ─────────────────────
  [
    [
      { errorType: 'NotFound', message: 'Job job-9 not found' },
      { errorType: 'Lambda:Unhandled', message: 'boom' },
    ],
    'not-found',
    'NOTES-3',
    'the job is missing whatever else failed',
  ],
  [
    [
      { errorType: 'Unauthorized', message: 'Not Authorized to access deepLinks on type Job' },
      { message: "Variable 'input' has coerced Null value for NonNull type 'ID!'" },
    ],
    'auth',
    'AWS-UNAUTH',
    'a refused key is the first thing to fix',
  ],
  [
    [{ errorType: 'InternalFailure', message: 'x' }, { message: 'Validation error of type FieldUndefined: y' }],
    'rejected',
    'GOH-81',
    'one error that will repeat is enough',
  ],
];

describe('classifyGraphQLErrors: the error shapes the public sources show', () => {
  for (const [errors, expected, source, why] of ROWS) {
    const shape = errors.map(
      (e) => `${e.errorType ?? '(no errorType)'}: ${(e.message ?? '(no message)').slice(0, 60)}`,
    );
    test(`${shape.join(' + ')} → ${expected} (${source}: ${why})`, () => {
      // As the client reads them off the wire (graphQLErrors fills a missing message).
      assert.equal(classifyGraphQLErrors(graphQLErrors(errors)), expected);
    });
  }

  test('each class is reached by some row, and every row cites a source', () => {
    assert.deepEqual(new Set(ROWS.map((r) => r[1])), new Set(['retry', 'not-found', 'auth', 'rejected']));
    assert.ok(ROWS.every((r) => r[2] && r[3]));
  });

  test('one error at a time gives the same class as the table for single-error rows', () => {
    for (const [errors, expected] of ROWS.filter((r) => r[0].length === 1)) {
      assert.equal(classifyGraphQLError(graphQLErrors(errors)[0]), expected, JSON.stringify(errors));
    }
  });
});

describe('where a rule looks', () => {
  // Constructed shapes, not seen in a source: they pin that each rule reads the part of the error
  // it is written for, so a look-alike elsewhere in the text does not change the class.
  const CASES = [
    // "DynamoDB:" and "Lambda:" name the data source only at the start of errorType.
    [{ errorType: 'Lambda:DynamoDB:ConditionalCheckFailedException', message: 'x' }, 'retry'],
    [{ errorType: 'Custom:Lambda:Throttled', message: 'No job found for job-9' }, 'not-found'],
    // Only exactly "Lambda:Unhandled" hands over to the function's own message.
    [{ errorType: 'Lambda:UnhandledError', message: 'Job job-9 not found' }, 'retry'],
    [{ errorType: 'NotFound:Lambda:Unhandled', message: 'boom' }, 'not-found'],
    // The query-is-wrong phrases open graphql-java's and graphql-js's messages; quoted inside a
    // function's own message they are not about our query.
    [{ errorType: 'Lambda:Unhandled', message: 'Upstream said: Cannot query field "x" on type "Y"' }, 'retry'],
  ];
  for (const [error, expected] of CASES) {
    test(`${error.errorType}: ${error.message} → ${expected}`, () => {
      assert.equal(classifyGraphQLErrors(graphQLErrors([error])), expected);
    });
  }
});
