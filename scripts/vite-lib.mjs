/**
 * The one Vite library-build configuration: scripts/build.mjs builds the shipped bundles with
 * it, and bench/vite-bundle.mjs the Lit floor and the data floor, so "same settings" holds by
 * construction and the size budget compares like with like.
 *
 * `configFile: false`, so vite.config.ts (the demo's) never leaks into what ships.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Lit keeps `css\`…\`` text as written: strip comments and collapse whitespace in templates
 * without interpolations (all of ours). Spaces are only dropped next to `{ } ; , >`, never
 * around `:` (`a :hover` ≠ `a:hover`) or operators (`calc(1px + 2px)`).
 */
const minifyCssTemplates = {
  name: 'xoi-minify-css-templates',
  transform(code, id) {
    if (!/\/src\/(?!server\/).+\.ts$/.test(id) || !code.includes('css`')) return null;
    const out = code.replace(/\bcss`([^`$\\]*)`/g, (_, text) => {
      const min = text
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        // A declaration's colon (`{color: red` → `{color:red`), never a selector's (`a :hover`).
        .replace(/([{;][\w-]+):\s+/g, '$1:')
        .replace(/\[part~='(\w+)'\]/g, '[part~=$1]')
        .replace(/([\s(:,])0\.(\d)/g, '$1.$2')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${min}\``;
    });
    // No new source map: the module's bytes stay attributed to it (the bench counts bytes per
    // module through the map); only positions inside the style sheet shift.
    return { code: out, map: null };
  },
};

/** Vite's inline config for one library build of `entry` (relative to the repo) into `outDir`. */
export function viteLibConfig({ entry, outDir, format = 'es', fileName, minify = true, logLevel = 'warn' }) {
  return {
    configFile: false,
    root,
    mode: 'production',
    logLevel,
    publicDir: false,
    plugins: [minifyCssTemplates],
    envDir: false,
    // Production Lit (no 'development' condition: no dev-mode warnings or checks), and
    // nanoid's browser build (its default is Node's, which imports node:crypto).
    resolve: { conditions: ['browser', 'module', 'import', 'production', 'default'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      // Every engine the tests run supports ES2022 (class fields, #private, static blocks).
      target: 'es2022',
      minify,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: join(root, entry),
        formats: [format],
        // The IIFE entry exports nothing; the name is only required by the format.
        name: 'XoiShareButtonBundle',
        fileName: () => fileName,
      },
      // Library mode keeps whitespace in ES output unless the output minifier is on.
      rolldownOptions: { output: { minify } },
    },
  };
}
