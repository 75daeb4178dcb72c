/**
 * The element as a form control, through ElementInternals: its value is the confirmed share
 * link, and a `required` element keeps its form invalid until there is one.
 *
 * Every ElementInternals method is feature-detected: where form association is missing (WebKit
 * before 16.4, older webviews) or half there (jsdom has no `setFormValue`), the element still
 * renders and posts; it is just not part of a form.
 */
export class FormControl {
  readonly #internals?: ElementInternals;

  constructor(host: HTMLElement) {
    try {
      this.#internals = host.attachInternals();
    } catch {
      // no attachInternals, or not allowed for this element
    }
  }

  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }

  /** Sets the submitted value and the validity at once, so a listener of the next event already sees both. */
  sync(value: string, missingMessage: string, anchor?: HTMLElement | null): void {
    const internals = this.#internals;
    internals?.setFormValue?.(value);
    internals?.setValidity?.(missingMessage ? { valueMissing: true } : {}, missingMessage, anchor ?? undefined);
  }

  get validity(): ValidityState {
    return this.#internals?.validity ?? ({ valid: true } as ValidityState);
  }
  get validationMessage(): string {
    return this.#internals?.validationMessage ?? '';
  }
  get willValidate(): boolean {
    return this.#internals?.willValidate ?? false;
  }
  checkValidity(): boolean {
    return this.#internals?.checkValidity?.() ?? true;
  }
  reportValidity(): boolean {
    return this.#internals?.reportValidity?.() ?? true;
  }
}
