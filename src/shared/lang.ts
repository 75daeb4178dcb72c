/**
 * The element's language: its own `lang`, else the nearest ancestor's (through shadow roots),
 * else the document's. Resolved when the element connects and again when any `lang` attribute
 * in its trees changes (one observer for all elements, gone when the last one disconnects), so
 * rendering reads a cached set of strings.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** An element's strings for a BCP 47 tag: exact match, then its primary language, then English. */
export function pickStrings<T>(translations: Record<string, T>, lang: string): T {
  const tag = lang.toLowerCase();
  return translations[tag] ?? translations[tag.split('-')[0]] ?? translations.en;
}

/** `text` with each `{}` replaced by the next of `values`. */
export const fill = (text: string, ...values: string[]): string => {
  let i = 0;
  return text.replace(/\{\}/g, () => values[i++] ?? '');
};

const controllers = new Set<LangController<unknown>>();
let observer: MutationObserver | undefined;

/** `T`: an element's set of strings; `stringsFor` picks the set for a BCP 47 tag. */
export class LangController<T> implements ReactiveController {
  strings!: T;
  readonly #host: ReactiveControllerHost & Element;
  readonly #stringsFor: (lang: string) => T;

  constructor(host: ReactiveControllerHost & Element, stringsFor: (lang: string) => T) {
    this.#host = host;
    this.#stringsFor = stringsFor;
    host.addController(this);
    this.#resolve();
  }

  hostConnected(): void {
    controllers.add(this);
    observer ??= new MutationObserver(() => controllers.forEach((c) => c.#resolve()));
    // The document, and each shadow root on the way up: an observer does not see into them.
    for (let node: Node | undefined = this.#host; node; node = (node.getRootNode() as ShadowRoot).host) {
      observer.observe(node.getRootNode(), { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
    this.#resolve();
  }

  /** Takes `lang` changes not yet delivered, so `await el.updateComplete` right after one renders it. */
  flush(): void {
    if (observer?.takeRecords().length) controllers.forEach((c) => c.#resolve());
  }

  hostDisconnected(): void {
    controllers.delete(this);
    if (!controllers.size) {
      observer?.disconnect();
      observer = undefined;
    }
  }

  #resolve(): void {
    let lang = this.#host.ownerDocument.documentElement.lang;
    for (
      let el: Element | null = this.#host;
      el;
      el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null)
    ) {
      if (el.hasAttribute('lang')) {
        lang = el.getAttribute('lang')!;
        break;
      }
    }
    const strings = this.#stringsFor(lang);
    if (strings != this.strings) {
      this.strings = strings;
      this.#host.requestUpdate();
    }
  }
}
