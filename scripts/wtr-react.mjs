/**
 * A web-test-runner plugin that serves React to the browser. `react` and `react-dom` ship as
 * CommonJS only, which a browser cannot import; this bundles them with esbuild into ES modules
 * under `/__react/`, and resolves the bare imports a test (or `src/react.ts`) makes to them.
 *
 * - One esbuild build with code splitting, so `react`, `react-dom/client` and the JSX runtime
 *   share one copy of React: two copies would break hooks (@lit/react's wrapper uses them).
 * - CommonJS has no static export list, so each entry re-exports the names the package really
 *   has, read by loading it in a child Node process (not in the runner's own: React's development
 *   build calls `console.createTask`, which the runner's console proxy cannot forward).
 *   `import * as React from 'react'` then works as in a bundler.
 * - The development builds: React's warnings (bad props, hook misuse) reach the browser console.
 * - Built on the first request only, then kept: a run that imports no React pays nothing.
 * - Served as `.mjs`, which the esbuild transform plugin (it handles `.js`) leaves alone: the
 *   bundle is already ES2022; re-transforming ~1 MB of react-dom (~0.1 s, plus an inline
 *   source map) per engine would be wasted.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const BASE = '/__react/';
/** Bare specifier → the bundle's entry name (served as `${BASE}${name}.mjs`). */
const ENTRIES = {
  react: 'react',
  'react/jsx-runtime': 'react-jsx-runtime',
  'react/jsx-dev-runtime': 'react-jsx-dev-runtime',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
};
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Each specifier's export names, as Node's development build of it has them. */
async function exportNames(rootDir) {
  const script = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(ENTRIES))}.map((s) => [s, Object.keys(require(s))]))))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: rootDir,
    env: { ...process.env, NODE_ENV: 'development' },
  });
  /** @type {Record<string, string[]>} */
  const names = JSON.parse(stdout);
  for (const s of Object.keys(names)) names[s] = names[s].filter((n) => n !== 'default' && IDENTIFIER.test(n));
  return names;
}

/** @param {{ rootDir: string }} options the directory whose node_modules hold react and react-dom */
export function reactPlugin({ rootDir }) {
  /** @type {Promise<Map<string, string>> | undefined} served path → code */
  let bundle;

  async function bundleReact() {
    const names = await exportNames(rootDir);
    const result = await build({
      absWorkingDir: rootDir,
      entryPoints: Object.entries(ENTRIES).map(([specifier, name]) => ({ in: `entry:${specifier}`, out: name })),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: join(rootDir, BASE),
      outExtension: { '.js': '.mjs' },
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [
        {
          name: 'react-entries',
          setup(b) {
            b.onResolve({ filter: /^entry:/ }, (args) => ({
              path: args.path.slice('entry:'.length),
              namespace: 'entry',
            }));
            b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({
              resolveDir: rootDir,
              contents: [
                `import mod from ${JSON.stringify(args.path)};`,
                'export default mod;',
                `export const { ${names[args.path].join(', ')} } = mod;`,
              ].join('\n'),
            }));
          },
        },
      ],
    });
    const root = join(rootDir, BASE);
    return new Map(result.outputFiles.map((f) => [BASE + f.path.slice(root.length).replace(/^\/+/, ''), f.text]));
  }

  return {
    name: 'react-esm',
    resolveImport({ source }) {
      const name = ENTRIES[source];
      if (name) return `${BASE}${name}.mjs`;
    },
    async serve(context) {
      if (!context.path.startsWith(BASE)) return;
      bundle ??= bundleReact();
      const body = (await bundle).get(context.path);
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
