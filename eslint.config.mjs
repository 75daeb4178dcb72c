/**
 * ESLint (flat config), run by `npm run lint` and by `npm test`'s lint phase.
 *
 * - Everything: ESLint's recommended rules, with the globals of where the file runs (browser or Node).
 * - TypeScript: typescript-eslint's strict, type-aware rules, typed by the project's own tsconfigs
 *   (sources, browser tests, demo page and Node side with vite.config.ts, server, mock), so lint
 *   sees the same types `tsc` does.
 * - Lit templates: eslint-plugin-lit; custom elements: eslint-plugin-wc (best practices).
 * Formatting is prettier's job (`npm run format`), not ESLint's.
 */
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];
/** Files that run in a browser page (the rest run in Node). */
const BROWSER = ['src/**', 'test/**/*.ts', 'test/**/*.tsx', 'demo/**', 'docs/**', 'bench/page.js', 'bench/*-floor.js'];
/** Node code inside the browser folders above. */
const NODE_IN_BROWSER_FOLDERS = ['src/server/**', 'test/fixtures/*.mjs', 'demo/cloud-tier.ts'];

export default tseslint.config(
  // reports/ and .stryker-tmp/: npm run mutation's reports and its sandbox copies of the tree.
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'test-results/', 'reports/', '.stryker-tmp/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  {
    rules: {
      'no-console': 'off',
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'no-useless-rename': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    // In TypeScript `==` between unrelated types is a type error already; in JS it is not.
    rules: { eqeqeq: ['error', 'always', { null: 'ignore' }] },
  },
  { files: BROWSER, ignores: NODE_IN_BROWSER_FOLDERS, languageOptions: { globals: globals.browser } },
  { files: NODE_IN_BROWSER_FOLDERS, languageOptions: { globals: globals.node } },
  {
    // Node scripts that drive a browser: the functions they pass to page.evaluate() run in the page.
    files: ['scripts/bench.mjs', 'scripts/screenshots.mjs', 'scripts/state-screenshots.mjs', 'test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // TypeScript, type-aware.
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: TS })),
  {
    files: TS,
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.json',
          './tsconfig.test.json',
          './demo/tsconfig.json',
          './demo/tsconfig.node.json',
          './tsconfig.server.json',
          './tsconfig.mock.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Numbers and booleans in messages and ids are what the templates are for.
      // `() => el.remove()` as a callback is clear; a void value used anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `el.shadowRoot!` after a render and `getElementById(…)!` on our own pages are facts, not guesses.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Lit's `@click=${this.#onClick}` binds `this` itself (the host), so unbound methods are fine.
      '@typescript-eslint/unbound-method': 'off',
      // `$<HTMLSelectElement>('#x')` and `part<HTMLButtonElement>(el, 'yes')` are the DOM's own
      // querySelector<E>() idiom: the type argument is the caller's knowledge of the page.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // Module augmentation (`declare module 'react' { namespace JSX … }`) is how JSX typings are added.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // The element's public API is called from plain JavaScript and frameworks: a value typed
    // `string` can be a URL object, `null` or an array at run time, and a host listener can
    // disconnect the element mid-method. The checks and String() that these two rules call
    // unnecessary are the element's defence against that.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
    },
  },
  {
    // Type-checked by no tsconfig (the screenshot page): linted without types.
    files: ['docs/**/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      // chai's `expect(x).to.be.empty` is a getter that asserts.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        // @open-wc/semantic-dom-diff types every chai `.equal()` as a Promise (only its DOM snapshot
        // form is one); every other floating promise in a test is still an error.
        { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' }] },
      ],
    },
  },

  // Lit templates and custom elements.
  { files: [...TS, '**/*.js', '**/*.mjs'], ...lit.configs['flat/recommended'] },
  {
    files: ['src/**/*.ts'],
    rules: {
      'lit/attribute-names': 'error',
      'lit/lifecycle-super': 'error',
      // A class field would shadow Lit's accessor and the property would stop updating.
      'lit/no-classfield-shadowing': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/no-value-attribute': 'error',
      'lit/prefer-nothing': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/best-practice'],
    rules: {
      ...wc.configs['flat/best-practice'].rules,
      // The house style keeps the class and its registration apart (xoi-share-button.ts, define.ts).
      'wc/define-tag-after-class-definition': 'off',
      'wc/no-exports-with-element': 'off',
      // …and registers only when the tag is free: a script tag loaded twice must not throw.
      'wc/guard-define-call': 'error',
      'wc/tag-name-matches-class': 'error',
      'wc/max-elements-per-file': 'error',
    },
  },
);
