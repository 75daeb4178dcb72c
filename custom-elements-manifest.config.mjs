/**
 * `custom-elements.json` for `npm run build` (scripts/build.mjs runs
 * `cem analyze --litelement --config custom-elements-manifest.config.mjs`).
 *
 * The analyzer reads the class JSDoc (`@tag @summary @event @slot @csspart @cssprop`) and
 * `static properties`. The plugin below trims it to the public API: with `static properties`
 * the analyzer lists `state: true` fields (`_activity`…) as attributes, keeps `#private`
 * members, and takes `#emit(type, …)`'s parameter for an event named "type". Event types come
 * from the class JSDoc (`@event {CustomEvent<XoiShareDetail>} xoi-share-open - …`).
 */
const OUT_DIR = 'dist/npm';

/** Getters without setters on the class (the analyzer does not tell them from fields). */
const READONLY_MEMBERS = new Set([
  'state',
  'value',
  'shareLink',
  'form',
  'validity',
  'validationMessage',
  'willValidate',
]);

/** Called by the browser, not by hosts. */
const INTERNAL_MEMBERS = new Set(['formAssociated', 'formDisabledCallback', 'formResetCallback']);

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
          if (!decl.attributes.some((a) => a.name === 'state')) {
            decl.attributes.push({
              name: 'state',
              fieldName: 'state',
              type: { text: "'idle' | 'pending' | 'linked' | 'invalid'" },
              description: 'Reflected, read-only: the current state, for host CSS and tests. Setting it has no effect.',
            });
          }
          // Only the events documented with `@event {Type} name` (their type comes from there):
          // the analyzer also reports `#emit`'s parameter as an event named "type".
          decl.events = (decl.events ?? []).filter((e) => e.name.startsWith('xoi-share-'));
        }
      }
      // Paths of the published files, not of the TypeScript sources (which are not shipped).
      // The analyzer writes `src/x.ts`, `/src/x.js` or `./x.js` (re-exports): all are dist/npm/x.js.
      const rewrite = (value) => value.replace(/^(?:\/?src\/|\.\/)([\w-]+)\.[jt]s$/, `${OUT_DIR}/$1.js`);
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
  globs: ['src/xoi-share-button.ts', 'src/define.ts', 'src/index.ts'],
  outdir: OUT_DIR,
  litelement: true,
  // Do not write `customElements` into package.json: it is set there by hand.
  packagejson: false,
  plugins: [publicApiOnly()],
};
