import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ActivityController } from './activity-controller.js';
import type { Step } from './activity-machine.js';
import { isStorageKind, type StorageKind } from './activity-store.js';
import type { XoiShareDetail, XoiShareEventDetails } from './events.js';
import { FormControl } from './form-control.js';
import { submitShare, type Blocked } from './handoff.js';
import { format, stringsFor } from './i18n.js';
import { LangController } from './lang.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
  fault,
  fillShareLink,
  kebab,
  normalizeTags,
  parseTagsAttribute,
  shareRequest,
  validateShareConfig,
  type ShareConfig,
  type XoiShareErrorDetail,
} from './share.js';
import { styles } from './styles.js';
import { VERSION } from './version.js';

export type XoiShareState = 'idle' | 'pending' | 'linked' | 'invalid';
export type { XoiShareDetail, XoiShareErrorDetail };

/** Resolves once the document has parsed and the host has had a task to configure its elements. */
const settled = (doc: Document): Promise<unknown> =>
  new Promise((resolve) => {
    const later = () => setTimeout(resolve);
    if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', later, { once: true });
    else later();
  });

/**
 * Sends a work order to XOi Vision and brings back the customer's public share link.
 *
 * @tag xoi-share-button
 * @summary The XOi Vision "Foundational Integration" in one element: POST the work order, ask
 * "Have you completed the workflow?", keep the public share link.
 *
 * @slot - The button's label before the first opening (default "Document in XOi").
 * @slot prompt - The question (default "Have you completed the workflow?").
 * @slot yes - The Yes answer's label.
 * @slot no - The No answer's label.
 *
 * @csspart button - The button that opens XOi Vision.
 * @csspart prompt - The question with its answers.
 * @csspart yes - The Yes button.
 * @csspart no - The No button.
 * @csspart link - The confirmed share link.
 * @csspart copy - The button that copies the share link.
 * @csspart error - The configuration problem, or why XOi could not open.
 *
 * @cssprop [--xoi-share-accent=light-dark(#0b5cad, #7cb4f5)] - Main button background, link colour.
 * @cssprop [--xoi-share-accent-text=light-dark(#fff, #0d1117)] - Main button text.
 * @cssprop [--xoi-share-text=light-dark(#1b1f24, #e6edf3)] - Text of the secondary buttons (Yes, No, Copy); when set, all text.
 * @cssprop [--xoi-share-background=light-dark(#fff, #161b22)] - Background of the secondary buttons.
 * @cssprop [--xoi-share-border=light-dark(#6b7580, #8b949e)] - Border of the secondary buttons.
 * @cssprop [--xoi-share-error=light-dark(#b3261e, #ff9a8f)] - Error text colour.
 * @cssprop [--xoi-share-radius=6px] - Corner radius of buttons.
 * @cssprop [--xoi-share-spacing=0.5rem] - Gap between pieces.
 * @cssprop [--xoi-share-font=inherit] - Font shorthand; inherits the host's by default.
 * @cssprop [--xoi-share-focus-ring=3px solid light-dark(#1a73e8, #9ecbff)] - Focus outline.
 */
export class XoiShareButton extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  /** The package version, so two copies on one page can tell each other apart. */
  static readonly version = VERSION;

  /**
   * Registers the class as `tag` (default `xoi-share-button`) and returns the name it is
   * registered under: nothing happens when it already is, under any name. Warns when `tag` is
   * taken by another element, or by another version of this one.
   */
  static define(tag = 'xoi-share-button'): string {
    const registry = customElements;
    const other = registry.get(tag) as typeof XoiShareButton | undefined;
    const name = registry.getName?.(this) ?? (other == this ? tag : undefined);
    if (name) return name;
    if (!other) registry.define(tag, this);
    else if (other.version != this.version) console.warn(`xoi-share-button ${this.version}: <${tag}> is already ${other.version ?? 'another element'}; using that.`);
    return tag;
  }

  static override properties = {
    partnerId: { attribute: 'partner-id' },
    serviceTicket: { attribute: 'service-ticket' },
    customer: {},
    location: {},
    tags: { converter: { fromAttribute: parseTagsAttribute } },
    shareId: { attribute: 'share-id', noAccessor: true },
    baseUrl: { attribute: 'base-url' },
    shareLinkTemplate: { attribute: 'share-link-template' },
    target: {},
    noConfirm: { attribute: 'no-confirm', type: Boolean },
    storage: {},
    name: {},
    required: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
  };

  /** Id XOi issued to the FSM vendor; goes into the URL path, percent-encoded. */
  declare partnerId: string;
  /** Work order / service ticket number. */
  declare serviceTicket: string;
  /** End customer's name. */
  declare customer: string;
  /** Address where the work takes place. */
  declare location: string;
  /** Tags for the activity: a JSON array or a comma-separated list; blanks and repeats dropped. */
  declare tags: string[];
  /** XOi origin: https only, http only for localhost / 127.0.0.1 / [::1]. */
  declare baseUrl: string;
  /** How the public link is built from {baseUrl}, {partnerId} and {shareId}. */
  declare shareLinkTemplate: string;
  /** Where XOi opens: `_blank` (default), `_self` for in-app webviews, or a frame name. */
  declare target: string;
  /** Populate the link at once instead of asking whether the workflow is complete. */
  declare noConfirm: boolean;
  /** Where the activity is remembered: `local` (default), `session` or `none`. */
  declare storage: StorageKind;
  /** Form field name: inside a host `<form>` the confirmed link is submitted under it. */
  declare name: string;
  /** The host form is invalid until a link is confirmed. */
  declare required: boolean;
  /** Disables the element. */
  declare disabled: boolean;

  readonly #form = new FormControl(this);
  readonly #lang = new LangController(this, stringsFor);
  readonly #activity = new ActivityController(this, (step) => this.#run(step), () => (this.#storageFault ||= 1));
  #hostShareId?: string;
  /** The configuration as last taken: what is posted and reported, until the properties change again. */
  #config!: ShareConfig;
  #problems: XoiShareErrorDetail[] = [];
  #dirty = true;
  #reported = new Set<string>();
  /** Error events wait until the host could listen: see `settled`. */
  #settled = false;
  /** 1: storage failed, to be reported; 2: reported (once per element). */
  #storageFault = 0;
  #blocked: Blocked | '' = '';
  #formDisabled = false;
  #copyStatus: '' | 'copied' | 'failed' = '';
  #focus?: Step['focus'];

  constructor() {
    super();
    this.tags = [];
    this.baseUrl = DEFAULT_BASE_URL;
    this.shareLinkTemplate = DEFAULT_SHARE_LINK_TEMPLATE;
    this.target = '_blank';
    this.noConfirm = false;
    this.storage = 'local';
    this.required = false;
    this.disabled = false;
  }

  /** The effective share id: the host's `share-id`, else the one generated for this activity. */
  get shareId(): string {
    return this.#hostShareId ?? this.#activity.peek(this.#order());
  }
  set shareId(value: string | null | undefined) {
    const old = this.shareId;
    this.#hostShareId = value == null || value === '' ? undefined : String(value);
    this.requestUpdate('shareId', old);
  }

  /** `idle`, `pending` (opened, not confirmed), `linked`, or `invalid` (see `problems`). */
  get state(): XoiShareState {
    return this.#problems.length && this.#configured ? 'invalid' : this.#activity.state.activity.state;
  }

  /** What is wrong with the configuration now: one `xoi-share-error` detail per problem. */
  get problems(): XoiShareErrorDetail[] {
    return this.#validate(this.#current());
  }

  /** The confirmed share link, or `''`. */
  get value(): string {
    const { activity } = this.#activity.state;
    return activity.state == 'linked' ? activity.shareLink : '';
  }

  /** The link for the current share id, confirmed or not; `''` while the configuration is invalid. */
  get shareLink(): string {
    const config = this.#current();
    return this.value || (this.#validate(config).length ? '' : fillShareLink(config));
  }

  get form(): HTMLFormElement | null {
    return this.#form.form;
  }
  get validity(): ValidityState {
    return this.#form.validity;
  }
  get validationMessage(): string {
    return this.#form.validationMessage;
  }
  get willValidate(): boolean {
    return this.#form.willValidate;
  }
  checkValidity(): boolean {
    return this.#form.checkValidity();
  }
  reportValidity(): boolean {
    return this.#form.reportValidity();
  }

  /**
   * Opens the activity in XOi Vision, like pressing the button. Call it inside a user gesture:
   * outside one, browsers may block a `_blank` target as a popup (reported as `blocked`).
   */
  open(): void {
    this.#sync();
    // A form outside a document is never submitted: nothing to open, nothing to save.
    if (!this.isConnected || this.disabled || this.#formDisabled || this.#problems.length || !this.#configured) return;
    const config = this.#config;
    const detail = this.#detail();
    if (!this.#emit('xoi-share-open', detail, true) || !this.isConnected) return;
    this.#blocked = submitShare(this.renderRoot, shareRequest({ ...config, shareId: detail.shareId }), this.target || '_blank') ?? '';
    if (this.#blocked) {
      this.requestUpdate();
      this.#emit('xoi-share-error', { code: 'blocked', field: 'target', message: `The browser blocked opening XOi: this frame needs "${this.#blocked}" in its sandbox, or a pop-up blocker stopped it.` });
      return;
    }
    // The activity that was posted, even if the listener switched the element to another work order.
    this.#activity.dispatch({ type: 'opened', at: Date.now(), link: this.noConfirm ? detail.shareLink : undefined });
  }

  /**
   * Answers "Have you completed the workflow?". Only an opened, unconfirmed activity changes:
   * a linked one is never unlinked.
   */
  confirm(completed: boolean): void {
    this.#sync();
    if (this.state == 'pending') this.#activity.dispatch({ type: 'answer', at: Date.now(), completed, link: this.#link() });
  }

  /** Forgets this work order's activity and starts a new one (a new share id unless the host sets it). */
  reset(): void {
    this.#sync();
    this.#blocked = this.#copyStatus = '';
    this.#activity.dispatch({ type: 'reset', activity: this.#activity.fresh() });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#settled) {
      void settled(this.ownerDocument).then(() => {
        this.#settled = true;
        this.requestUpdate();
      });
    }
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  /** A form reset must not unlink: the link stays, as a native control keeps its default. */
  formResetCallback(): void {}

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: object): void {
    // A property changed (internal state changes pass no name): take the configuration again.
    if (name) this.#dirty = true;
    super.requestUpdate(name, oldValue, options);
  }

  protected override getUpdateComplete(): Promise<boolean> {
    this.#lang.flush();
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#sync();
    if (changed.has('disabled')) this.#focus = undefined;
  }

  protected override updated(): void {
    if (this.getAttribute('state') != this.state) this.setAttribute('state', this.state);
    this.#syncForm();
    if (this.#focus) this.renderRoot.querySelector<HTMLElement>(this.#focus == 'prompt' ? '.question' : `[part~=${this.#focus}]`)?.focus();
    this.#focus = undefined;
    if (this.#settled) this.#report();
  }

  /** The host configured the element (React and others set properties after it upgraded). */
  get #configured(): boolean {
    return [this.partnerId, this.serviceTicket, this.customer, this.location, this.#hostShareId].some((value) => value !== undefined);
  }

  #order() {
    return { storage: isStorageKind(this.storage) ? this.storage : 'none', partnerId: this.partnerId, serviceTicket: this.serviceTicket, shareId: this.#hostShareId };
  }

  #current(): ShareConfig {
    const { partnerId, serviceTicket, customer, location, tags, baseUrl, shareLinkTemplate } = this;
    return { partnerId, shareId: this.shareId, serviceTicket, customer, location, tags, baseUrl, shareLinkTemplate };
  }

  #validate(config: ShareConfig): XoiShareErrorDetail[] {
    const problems = validateShareConfig(config);
    if (!isStorageKind(this.storage)) problems.push(fault('storage', '"local", "session" or "none"'));
    return problems;
  }

  /** Takes the properties as the configuration, when they changed: the work order's activity, and what is wrong. */
  #sync(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#activity.use(this.#order());
    this.#problems = this.#validate((this.#config = this.#current()));
  }

  #link(): string {
    const { activity } = this.#activity.state;
    return activity.state == 'linked' ? activity.shareLink : fillShareLink({ ...this.#config, shareId: activity.shareId });
  }

  #detail(): XoiShareDetail {
    const { partnerId, serviceTicket, customer, location, tags } = this.#config;
    const { shareId } = this.#activity.state.activity;
    return { partnerId, shareId, serviceTicket, customer, location, tags: Array.isArray(tags) ? normalizeTags(tags) : [], shareLink: this.#link() };
  }

  /** Value and validity now, not after the render: a listener of the next event reads the form. */
  #syncForm(): void {
    const missing = this.required && !this.value && !this.disabled;
    this.#form.sync(this.value, missing ? this.#lang.strings.requiredMessage : '', this.renderRoot?.querySelector<HTMLElement>('[part~=button]'));
  }

  #run({ effects, focus }: Step): void {
    this.#copyStatus = '';
    this.#focus = focus;
    this.#syncForm();
    for (const effect of effects) {
      if (effect == 'open') this.open();
      if (effect == 'xoi-share-link' || effect == 'xoi-share-incomplete') this.#emit(effect, this.#detail());
    }
  }

  /** One `xoi-share-error` per problem not reported yet (again once it went away and came back), and a storage fault once. */
  #report(): void {
    const reported = this.#reported;
    this.#reported = new Set();
    for (const problem of this.#configured ? this.#problems : []) {
      const key = problem.field! + problem.message;
      this.#reported.add(key);
      if (!reported.has(key)) this.#emit('xoi-share-error', problem);
    }
    if (this.#storageFault == 1) {
      this.#storageFault = 2;
      this.#emit('xoi-share-error', {
        code: 'storage-unavailable',
        field: 'storage',
        message: `${this.storage}Storage cannot be used here; the XOi activity is kept in memory until the page closes.`,
      });
    }
  }

  #emit<K extends keyof XoiShareEventDetails>(type: K, detail: XoiShareEventDetails[K], cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  #onClick(event: MouseEvent): void {
    // A double or triple click is one press; a burst of single clicks is told apart by time,
    // within one work order: the board may have switched it just before.
    this.#sync();
    if (event.detail < 2) this.#activity.dispatch({ type: 'press', at: performance.now() });
  }

  #onKeydown(event: KeyboardEvent): void {
    // A held Enter repeats clicks; only the first press counts.
    if (event.repeat && (event.key == 'Enter' || event.key == ' ')) event.preventDefault();
  }

  async #onCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this.#copyStatus = 'copied';
    } catch {
      // No clipboard access (insecure context, denied permission): select the link instead.
      this.#copyStatus = 'failed';
      const link = this.renderRoot.querySelector('[part~=link]');
      if (link) getSelection()?.selectAllChildren(link);
    }
    this.requestUpdate();
  }

  protected override render() {
    const t = this.#lang.strings;
    const { activity, declined, notice } = this.#activity.state;
    const state = this.state;
    const inactive = this.disabled || this.#formDisabled;
    const problems = state == 'invalid' ? this.#problems : [];
    const error = this.#blocked ? [t.blocked] : problems.map((p) => format(t[p.code], kebab(p.field!)));
    const label = activity.state == 'linked' ? t.reopen : activity.state == 'pending' ? t.continue : '';
    const ticket = this.#config.serviceTicket;
    // No whitespace between tags: every run of it would be one more text node per element.
    return html`<div class="base"
      ><button
        part="button"
        type="button"
        ?disabled=${inactive || state == 'invalid' || !this.#configured}
        aria-describedby=${error.length ? 'error' : nothing}
        @click=${this.#onClick}
        @keydown=${this.#onKeydown}
      >${label || html`<slot>${t.open}</slot>`}</button
      >${state == 'pending' && !declined
        ? html`<div part="prompt" role="group" aria-labelledby="question"
            ><span id="question" class="question" tabindex="-1"><slot name="prompt">${t.question}</slot></span
            ><span class="answers"
              ><button part="yes" type="button" ?disabled=${inactive} @click=${() => this.confirm(true)}
                ><slot name="yes">${t.yes}</slot></button
              ><button part="no" type="button" ?disabled=${inactive} @click=${() => this.confirm(false)}
                ><slot name="no">${t.no}</slot></button
            ></span
          ></div>`
        : nothing}${activity.state == 'linked'
        ? html`<a part="link" href=${activity.shareLink} target="_blank" rel="noopener" title=${activity.shareLink}
              >${format(t.linkLabel, ticket)}<span class="url">${activity.shareLink}</span></a
            ><button part="copy" type="button" aria-label=${format(t.copyLabel, ticket)} @click=${this.#onCopy}
              >${this.#copyStatus == 'copied' ? t.copied : t.copy}</button
            >`
        : nothing}${error.length
        ? html`<p part="error" id="error" role="alert">${error.map((text) => html`<span>${text} </span>`)}</p>`
        : nothing}<span class="sr" role="status"
        >${this.#copyStatus ? t[this.#copyStatus == 'copied' ? 'copied' : 'copyFailed'] : notice && format(t[notice], ticket)}</span
      ></div
    >`;
  }
}
