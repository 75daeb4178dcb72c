/**
 * Registers a custom element class as `tag`, once, whatever the page already did: nothing
 * happens when the class is already registered (under any name), and a `tag` taken by another
 * class (another copy or version of this package, or another element) is left alone with a
 * warning unless it is the same version. Returns the name the class is registered under.
 */

/** The names this module gave, for engines without `customElements.getName` (before Chrome 117, Safari 17). */
const names = new WeakMap<CustomElementConstructor, string>();

export function defineElement(element: CustomElementConstructor & { version?: string }, tag: string): string {
  const registry = customElements;
  const other = registry.get(tag) as { version?: string } | undefined;
  const name = registry.getName?.(element) ?? names.get(element) ?? (other == element ? tag : undefined);
  if (name) return name;
  if (other) {
    if (other.version != element.version) {
      console.warn(
        `<${tag}> ${element.version ?? ''} not registered: the tag is already ${other.version ?? 'another element'}.`,
      );
    }
    return tag;
  }
  try {
    registry.define(tag, element);
    names.set(element, tag);
  } catch {
    // Registered by the host under a name this engine cannot tell us (no getName): it stays so.
  }
  return tag;
}

/** Names the HTML parser and React both take for a custom element (React allows no other characters). */
const CUSTOM_TAG = /^[a-z][a-z0-9._-]*$/;
/** Hyphenated names HTML keeps for itself (SVG and MathML). */
const RESERVED = [
  'annotation-xml',
  'color-profile',
  'font-face',
  'font-face-src',
  'font-face-uri',
  'font-face-format',
  'font-face-name',
  'missing-glyph',
];

/** `tag` when it is a custom element name a React wrapper can render; else a TypeError saying why. */
export function checkTagName(tag: unknown, caller: string): string {
  if (typeof tag == 'string' && CUSTOM_TAG.test(tag) && tag.includes('-') && !RESERVED.includes(tag)) return tag;
  throw new TypeError(
    `${caller}: ${JSON.stringify(tag)} is not a custom element name: use lowercase ASCII letters, digits, ` +
      `"-", "." or "_", starting with a letter and with a "-" (e.g. "acme-xoi-button").`,
  );
}

/**
 * Makes `tag` an element of `element`, for a wrapper that renders `tag` whatever the page did:
 * the class itself when it has no name yet, else a subclass (a class has one name; the subclass
 * is still `instanceof` it). A `tag` taken by another element, or another version of this one,
 * is left alone with `defineElement`'s warning.
 */
export function defineTag(element: CustomElementConstructor & { version?: string }, tag: string): void {
  const registry = customElements;
  const other = registry.get(tag);
  if (other && (other == element || other.prototype instanceof element)) return;
  defineElement(element, tag);
  if (!registry.get(tag)) registry.define(tag, class extends element {});
}
