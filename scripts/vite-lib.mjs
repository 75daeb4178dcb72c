/**
 * The one Vite library-build configuration: scripts/build.mjs builds the shipped bundles with
 * it, and bench/vite-bundle.mjs the Lit floor and the data floor, so "same settings" holds by
 * construction and the size budget compares like with like.
 *
 * `configFile: false`, so vite.config.ts (the demo's) never leaks into what ships.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

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

/**
 * Lit keeps `html\`…\`` text as written too, indentation included. In each static part of an
 * `html` template, a whitespace run that spans lines goes before a tag's closing `>`, and becomes
 * one space elsewhere: inside a tag it only separates attributes, between tags it renders as the
 * one space it collapses to anyway (no template of ours sets `white-space: pre` or has a `>` in
 * its text). `/>` keeps its space (an unquoted value would take the `/`). Runs on one line,
 * attribute values and `${…}` are left alone. The parts are found with TypeScript's parser, so
 * nested templates and backticks in expressions are told apart.
 */
const minifyHtmlTemplates = {
  name: 'xoi-minify-html-templates',
  transform(code, id) {
    if (!/\/src\/(?!server\/).+\.ts$/.test(id) || !code.includes('html`')) return null;
    const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
    const parts = [];
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'html') {
        const { template } = node;
        if (ts.isNoSubstitutionTemplateLiteral(template)) parts.push(template);
        else parts.push(template.head, ...template.templateSpans.map((span) => span.literal));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    let out = code;
    for (const part of parts.sort((a, b) => b.getStart(source) - a.getStart(source))) {
      const start = part.getStart(source);
      const text = out
        .slice(start, part.end)
        .replace(/[ \t]*\n\s*>/g, '>')
        .replace(/[ \t]*\n\s*/g, ' ');
      out = out.slice(0, start) + text + out.slice(part.end);
    }
    // No new source map, as above.
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
    plugins: [minifyCssTemplates, minifyHtmlTemplates],
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
      // Library mode keeps whitespace in ES output unless the output minifier is on. No
      // comments: the minifier already drops the licences' (as before), and the `@__PURE__`
      // annotations are for a bundler taking this file in again, while the bundles are final
      // (`<script>` tags; bundlers import dist/npm).
      rolldownOptions: { output: { minify, comments: false } },
    },
  };
}
