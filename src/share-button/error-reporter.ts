/**
 * An element's `xoi-share-error` events for what is wrong with it: one per configuration
 * problem (again only once it went away and came back), one storage fault, ever, and each
 * hand-off the browser refused (at once: it answers the technician's press).
 *
 * They wait until the document has parsed and the host has had a task after the element
 * connected: a script-tag page adds its listener in the next script, React and other frameworks
 * set properties after the element upgraded. An element the host has not configured at all has
 * nothing to report yet.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from './events.js';
import type { XoiShareErrorDetail } from './share.js';

export class ErrorReporter implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #problems: () => XoiShareErrorDetail[];
  /** Undefined until the element first connects; then false until the host could listen. */
  #settled?: boolean;
  #reported = new Set<string>();
  #storage?: XoiShareErrorDetail | null;

  /** `problems`: the configuration's problems now, or none while the host has not configured the element. */
  constructor(host: ReactiveControllerHost & HTMLElement, problems: () => XoiShareErrorDetail[]) {
    this.#host = host;
    this.#problems = problems;
    host.addController(this);
  }

  /** Web Storage of `kind` failed: the element keeps the activity in memory, and says so once. */
  storageFault(kind: string): void {
    if (this.#storage !== undefined) return;
    this.#storage = {
      code: 'storage-unavailable',
      field: 'storage',
      message: `${kind}Storage cannot be used here; the XOi activity is kept in memory until the page closes.`,
    };
    this.#host.requestUpdate();
  }

  /** The browser refused the hand-off: names every sandbox permission missing (or a popup blocker). */
  blocked(permissions: readonly string[]): void {
    emit(this.#host, 'xoi-share-error', {
      code: 'blocked',
      field: 'target',
      message: `The browser blocked opening XOi: this frame needs "${permissions.join('" and "')}" in its sandbox, or a pop-up blocker stopped it.`,
    });
  }

  hostConnected(): void {
    if (this.#settled !== undefined) return;
    this.#settled = false;
    const doc = this.#host.ownerDocument;
    // Reporting needs no render: an idle element settles without a second update.
    const later = () =>
      setTimeout(() => {
        this.#settled = true;
        void this.#host.updateComplete.then(() => this.report());
      });
    if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', later, { once: true });
    else later();
  }

  /** Fires what is new, once the host could listen; the element calls it after each update. */
  report(): void {
    if (!this.#settled) return;
    const reported = this.#reported;
    this.#reported = new Set();
    const errors = this.#problems().filter((problem) => {
      const key = problem.field! + problem.message;
      this.#reported.add(key);
      return !reported.has(key);
    });
    if (this.#storage) errors.push(this.#storage);
    this.#storage &&= null;
    for (const error of errors) emit(this.#host, 'xoi-share-error', error);
  }
}
