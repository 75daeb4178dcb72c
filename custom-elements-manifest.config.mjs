/**
 * `custom-elements.json` for `npm run build` (scripts/build.mjs runs
 * `cem analyze --litelement --config custom-elements-manifest.config.mjs`).
 *
 * The analyzer reads the class JSDoc (`@tag @summary @slot @csspart @cssprop`) and `static
 * properties`. The plugin below trims it to the public API (the analyzer keeps `#private`
 * members, and takes `#emit(type, …)`'s parameter for an event named "type"), and takes each
 * element's events from its event map (`src/events.ts`), the one list the element's `emit`, the
 * React wrapper and the JSX typings also read.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const OUT_DIR = 'dist/npm';

/** Each element's event map: the interface whose members are `'event-name': DetailType`, with JSDoc. */
const EVENT_MAPS = {
  'xoi-share-button': ['src/share-button/events.ts', 'XoiShareEventDetails'],
  'xoi-job-link': ['src/job-link/events.ts', 'XoiJobLinkEventDetails'],
};

/** Each element's reflected, read-only `state` attribute (set by the element, not by hosts): its type alias. */
const STATES = {
  'xoi-share-button': ['src/share-button/element.ts', 'XoiShareState'],
  'xoi-job-link': ['src/job-link/machine.ts', 'XoiJobLinkState'],
};

/** A top-level declaration of `file` named `name` that `is` accepts. */
function declarationOf(file, name, is) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = source.statements.find((s) => is(s) && s.name.text === name);
  if (!found) throw new Error(`${file}: no declaration ${name}`);
  return { source, found };
}

/** The text of a union type alias as written in the source (`'idle' | 'pending' | …`). */
function unionOf(file, name) {
  const { source, found } = declarationOf(file, name, ts.isTypeAliasDeclaration);
  return found.type
    .getText(source)
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' | ');
}

/** `[{ name, type: { text: 'CustomEvent<Detail>' }, description }]` from an event map interface. */
function eventsOf(file, name) {
  const { source, found: map } = declarationOf(file, name, ts.isInterfaceDeclaration);
  return map.members.map((member) => ({
    name: member.name.text,
    type: { text: `CustomEvent<${member.type.getText(source)}>` },
    description: ts
      .getJSDocCommentsAndTags(member)
      .map((doc) => ts.getTextOfJSDocComment(doc.comment))
      .join(' '),
  }));
}

/** Getters without setters on the class (the analyzer does not tell them from fields). */
const READONLY_MEMBERS = new Set([
  'state',
  'problems',
  'value',
  'shareLink',
  'form',
  'validity',
  'validationMessage',
  'willValidate',
  'version',
  'link',
  'jobs',
  'error',
]);

/** Called by the browser, not by hosts. */
const INTERNAL_MEMBERS = new Set([
  'formAssociated',
  'formDisabledCallback',
  'formResetCallback',
  'requestUpdate',
  'getUpdateComplete',
]);

const isPrivate = (item) => item.privacy === 'private' || item.privacy === 'protected' || /^[#_]/.test(item.name);

function publicApiOnly() {
  return {
    name: 'xoi-public-api-only',
    packageLinkPhase({ customElementsManifest: manifest }) {
      for (const mod of manifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement) continue;
          decl.members = (decl.members ?? []).filter((m) => !isPrivate(m) && !INTERNAL_MEMBERS.has(m.name));
          for (const m of decl.members) if (READONLY_MEMBERS.has(m.name)) m.readonly = true;
          decl.attributes = (decl.attributes ?? []).filter(
            (a) => !isPrivate(a) && !(a.fieldName && /^[#_]/.test(a.fieldName)),
          );
          const lang = decl.attributes.find((a) => a.name === 'lang');
          if (lang)
            lang.description ??=
              'Language of the built-in strings (`en`, `es`, `fr`); inherited from ancestors like any `lang`.';
          if (STATES[decl.tagName] && !decl.attributes.some((a) => a.name === 'state')) {
            decl.attributes.push({
              name: 'state',
              fieldName: 'state',
              type: { text: unionOf(...STATES[decl.tagName]) },
              description: 'Reflected, read-only: the current state, for host CSS and tests. Setting it has no effect.',
            });
          }
          const map = EVENT_MAPS[decl.tagName];
          if (map) decl.events = eventsOf(...map);
        }
      }
      // Paths of the published files, not of the TypeScript sources (which are not shipped).
      // The analyzer writes `src/x.ts`, `/src/dir/x.js` or `./dir/x.js` (re-exports): all are dist/npm/[dir/]x.js.
      const rewrite = (value) => value.replace(/^(?:\/?src\/|\.\/)([\w/-]+)\.[jt]s$/, `${OUT_DIR}/$1.js`);
      const walk = (node) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = rewrite(value);
            else walk(value);
          }
        }
      };
      walk(manifest.modules);
    },
  };
}

export default {
  globs: [
    'src/share-button/element.ts',
    'src/job-link/element.ts',
    'src/xoi-share-button.ts',
    'src/define.ts',
    'src/index.ts',
    'src/xoi-job-link.ts',
    'src/job-link.ts',
  ],
  outdir: OUT_DIR,
  litelement: true,
  // Do not write `customElements` into package.json: it is set there by hand.
  packagejson: false,
  plugins: [publicApiOnly()],
};
