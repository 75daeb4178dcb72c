/**
 * What `npm run mutation` mutates and with which tests (scripts/mutation.mjs), and what
 * scripts/mutation-table.mjs reports: one entry per module, each a pure, DOM-free unit.
 *
 * - `mutate`: the source files Stryker mutates.
 * - `tests`: the node tests that exercise them (node --test files importing the built dist/).
 * - `build`: the scripts/mutation-build.mjs steps those tests import.
 * - `target`: the mutation score (%, equivalent mutants left out) the module must reach.
 * - `focus`: parts held to their own target, by the names of their functions in `file`.
 * - `equivalent`: survivors no test can tell from the original (file, line, column, mutator and
 *   the replacement as Stryker prints it), each with why; left out of the score the target is for.
 *   An entry that no longer matches a survivor is flagged in bench/MUTATION.md.
 */
const V8_ZONES =
  'V8 (Node) reads "+hhmm" as "+hh:mm" and a lower-case "z" as "Z" itself: the normalisation is for a spec-strict Date.parse, and this code runs on Node only, so the instant is the same.';

export const MODULES = {
  notes: {
    mutate: ['src/server/notes.ts'],
    tests: ['test/node/server-notes.test.mjs'],
    build: ['server', 'mock'],
    target: 85,
    equivalent: [
      {
        file: 'src/server/notes.ts',
        line: 101,
        column: 43,
        mutator: 'ArrayDeclaration',
        replacement: '["Stryker was here"]',
        why: 'A string item has no traits and no derivedData: it is neither pending nor a transcript, so it adds nothing, as no item does.',
      },
      {
        file: 'src/server/notes.ts',
        line: 147,
        column: 7,
        mutator: 'ConditionalExpression',
        replacement: 'true',
        why: 'The text is trimmed and each cut is before its end, so what is left after the loop is never empty.',
      },
      {
        file: 'src/server/notes.ts',
        line: 152,
        column: 7,
        mutator: 'EqualityOperator',
        replacement: 'pieces.length < 3',
        why: 'Three pieces split into three runs of one are the pieces themselves, each within maxNoteLength: the same three notes.',
      },
      {
        file: 'src/server/notes.ts',
        line: 169,
        column: 17,
        mutator: 'ConditionalExpression',
        replacement: 'false',
        why: 'When the third note fits with the notice, cut() leaves it whole: cut(text, n)[0] is text when text is at most n long.',
      },
      {
        file: 'src/server/notes.ts',
        line: 169,
        column: 17,
        mutator: 'EqualityOperator',
        replacement: 'packed[2].length + MORE.length < max',
        why: 'At exactly maxNoteLength, cut() leaves the third note whole (as for `false` above).',
      },
    ],
  },
  payload: {
    mutate: ['src/server/notifications/payload.ts'],
    tests: ['test/node/server-notifications.test.mjs'],
    build: ['server', 'mock'],
    target: 85,
    equivalent: [
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 24,
        mutator: 'ConditionalExpression',
        replacement: 'false',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 24,
        mutator: 'MethodExpression',
        replacement: 'm[3].toLowerCase()',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 47,
        mutator: 'StringLiteral',
        replacement: '""',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/([+-]\\d{2})(\\d{2})$/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([+-]\\d{2})(\\d{2})/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([^+-]\\d{2})(\\d{2})$/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([+-]\\d)(\\d{2})$/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([+-]\\D{2})(\\d{2})$/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([+-]\\d{2})(\\d)$/',
        why: V8_ZONES,
      },
      {
        file: 'src/server/notifications/payload.ts',
        line: 75,
        column: 72,
        mutator: 'Regex',
        replacement: '/^([+-]\\d{2})(\\D{2})$/',
        why: V8_ZONES,
      },
    ],
  },
  share: {
    mutate: ['src/share-button/share.ts', 'src/shared/well-formed.ts'],
    tests: ['test/node/share.test.mjs'],
    build: ['browser'],
    target: 85,
    equivalent: [
      {
        file: 'src/share-button/share.ts',
        line: 136,
        column: 35,
        mutator: 'ConditionalExpression',
        replacement: 'true',
        why: 'Only a shortcut: with sound inputs the default template always fills to an allowed link (a sound base, then percent-encoded path segments), so judging it changes nothing.',
      },
      {
        file: 'src/share-button/share.ts',
        line: 156,
        column: 18,
        mutator: 'ArrayDeclaration',
        replacement: '["Stryker was here"]',
        why: 'The default is only validated (an array of strings either way); the POST reads config.tags itself.',
      },
    ],
    focus: [
      {
        name: 'POST/link builder',
        file: 'src/share-button/share.ts',
        functions: ['fillShareLink', 'buildShareLink', 'buildShareRequest', 'shareRequest', 'normalizeTags'],
        target: 100,
      },
      { name: 'encoding', file: 'src/shared/well-formed.ts', functions: ['toWellFormed'], target: 100 },
    ],
  },
  'activity-machine': {
    mutate: ['src/share-button/activity-machine.ts'],
    tests: ['test/node/activity-machine.test.mjs'],
    build: ['browser'],
    target: 85,
  },
  'job-link-machine': {
    mutate: ['src/job-link/machine.ts'],
    tests: ['test/node/job-link-machine.test.mjs'],
    build: ['browser'],
    target: 85,
    equivalent: [
      {
        file: 'src/job-link/machine.ts',
        line: 125,
        column: 31,
        mutator: 'StringLiteral',
        replacement: '"Stryker was here!"',
        why: 'The controller sends `configured` with its key before any request, and nothing reads the key of a machine that was never configured.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 130,
        column: 9,
        mutator: 'StringLiteral',
        replacement: '""',
        why: 'busy is shown only while loading or linking, and every request sets it (begin()).',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 132,
        column: 14,
        mutator: 'BooleanLiteral',
        replacement: 'true',
        why: 'truncated is shown only with a list, and every list answer sets it.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 133,
        column: 10,
        mutator: 'StringLiteral',
        replacement: '"Stryker was here!"',
        why: 'The query is read only to repeat a list (Try again, Back, reconnection), always after a list set it.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 147,
        column: 74,
        mutator: 'BooleanLiteral',
        replacement: 'true',
        why: 'A refused configuration offers neither Try again nor Back, so fail() gives no focus whatever its focus argument.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 190,
        column: 41,
        mutator: 'OptionalChaining',
        replacement: 's.failure.retry',
        why: 'The error state always has a failure (fail() is the only way into it), and `&&` skips the read in any other state.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 194,
        column: 34,
        mutator: 'OptionalChaining',
        replacement: 's.failure.back',
        why: 'As for s.failure.retry above.',
      },
      {
        file: 'src/job-link/machine.ts',
        line: 283,
        column: 7,
        mutator: 'ConditionalExpression',
        replacement: 'true',
        why: "api.ts gives a 409 a link only with reason work-order-linked (api.ts: `reason == 'work-order-linked' ? workOrderLinkOf(...) : null`), so no answer has a link for this work order with another reason.",
      },
    ],
  },
  answers: {
    mutate: ['src/server/client/answers.ts'],
    tests: [
      'test/node/server-client.test.mjs',
      'test/node/server-classify.test.mjs',
      'test/node/server-users.test.mjs',
    ],
    build: ['server', 'mock'],
    target: 85,
  },
  decide: {
    mutate: ['src/server/client/decide.ts'],
    tests: ['test/node/server-decide.test.mjs', 'test/node/server-client.test.mjs'],
    build: ['server', 'mock'],
    target: 85,
  },
  classify: {
    mutate: ['src/server/client/classify.ts'],
    tests: ['test/node/server-classify.test.mjs', 'test/node/server-client.test.mjs'],
    build: ['server', 'mock'],
    target: 85,
  },
  'link-store': {
    mutate: ['src/server/stores/link-store.ts'],
    tests: ['test/node/store-memory.test.mjs'],
    build: ['server'],
    target: 100,
  },
  request: {
    mutate: ['src/server/routes/request.ts'],
    tests: ['test/node/server-routes.test.mjs'],
    build: ['server', 'mock'],
    target: 85,
  },
};
