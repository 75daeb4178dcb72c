/**
 * Registers a custom element class as `tag`, once, whatever the page already did: nothing
 * happens when the class is already registered (under any name), and a `tag` taken by another
 * class (another copy or version of this package, or another element) is left alone with a
 * warning unless it is the same version. Returns the name the class is registered under.
 */
export function defineElement(element: CustomElementConstructor & { version?: string }, tag: string): string {
  const registry = customElements;
  const other = registry.get(tag) as { version?: string } | undefined;
  const name = registry.getName?.(element) ?? (other == element ? tag : undefined);
  if (name) return name;
  if (!other) registry.define(tag, element);
  else if (other.version != element.version) {
    console.warn(
      `${element.version ?? ''} <${tag}> not registered: the tag is already ${other.version ?? 'another element'}.`,
    );
  }
  return tag;
}
