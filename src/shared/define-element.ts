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
