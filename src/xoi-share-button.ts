import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ActivityStore, activityKey, type Activity, type StorageKind } from './activity-store.js';
import { langOf, stringsFor, type XoiShareStrings } from './i18n.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
  buildShareLink,
  buildShareRequest,
  createShareId,
  fault,
  kebab,
  normalizeTags,
  parseTagsAttribute,
  validateShareConfig,
  type ShareConfig,
  type ShareRequest,
  type XoiShareErrorDetail,
} from './share.js';
import { styles } from './styles.js';

export type XoiShareState = 'idle' | 'pending' | 'linked' | 'invalid';

/** `detail` of `xoi-share-open`, `xoi-share-link` and `xoi-share-incomplete`. */
export interface XoiShareDetail {
  partnerId: string;
  shareId: string;
  serviceTicket: string;
  customer: string;
  location: string;
  tags: string[];
  shareLink: string;
}

export type { XoiShareErrorDetail };

/**
 * What validation reads: a change to any of them re-validates. `_activity` carries the
 * generated shareId, which another tab's write or a reconnect can replace.
 */
const CONFIG = ['partnerId', 'serviceTicket', 'customer', 'location', 'tags', 'shareId', 'baseUrl', 'shareLinkTemplate', 'storage', '_activity'];
const isStorageKind = (value: unknown): value is StorageKind => value === 'local' || value === 'session' || value === 'none';

/** Presses this close together are one burst: one POST (and one XOi tab), not several. */
const PRESS_BURST_MS = 1000;

/** Live instances, so one observer can re-render them all when an ancestor's `lang` changes. */
const connected = new Set<XoiShareButton>();
let langObserver: MutationObserver | undefined;

/**
 * Sends a work order to XOi Vision and brings back the customer's public share link.
 *
 * @tag xoi-share-button
 * @summary The XOi Vision "Foundational Integration" in one element: POST the work order, ask
 * "Have you completed the workflow?", keep the public share link.
 *
 * @event {CustomEvent<XoiShareDetail>} xoi-share-open - Before the POST to XOi; `preventDefault()` cancels it.
 * @event {CustomEvent<XoiShareDetail>} xoi-share-link - The share link is populated (Yes, or at once with `no-confirm`).
 * @event {CustomEvent<XoiShareDetail>} xoi-share-incomplete - The technician answered No.
 * @event {CustomEvent<XoiShareErrorDetail>} xoi-share-error - Configuration is invalid, or storage failed: `{ code, field?, message }`.
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
 * @csspart error - The configuration problem, when there is one.
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

  static override properties = {
    /** Id XOi issued to the FSM vendor; goes into the URL path, percent-encoded. */
    partnerId: { attribute: 'partner-id' },
    /** Work order / service ticket number. */
    serviceTicket: { attribute: 'service-ticket' },
    /** End customer's name. */
    customer: {},
    /** Address where the work takes place. */
    location: {},
    /** Tags for the activity: a JSON array or a comma-separated list; blanks and repeats dropped. */
    tags: { converter: { fromAttribute: parseTagsAttribute } },
    /** Host-chosen share id (16–64 of A–Z a–z 0–9 _ -); when absent one is generated and kept. */
    shareId: { attribute: 'share-id', noAccessor: true },
    /** XOi origin: https only, http only for localhost / 127.0.0.1 / [::1]. */
    baseUrl: { attribute: 'base-url' },
    /** How the public link is built from {baseUrl}, {partnerId} and {shareId}. */
    shareLinkTemplate: { attribute: 'share-link-template' },
    /** Where XOi opens: `_blank` (default), `_self` for in-app webviews, or a frame name. */
    target: {},
    /** Populate the link at once instead of asking whether the workflow is complete. */
    noConfirm: { attribute: 'no-confirm', type: Boolean },
    /** Where the activity is remembered: `local` (default), `session` or `none`. */
    storage: {},
    /** Form field name: inside a host `<form>` the confirmed link is submitted under it. */
    name: {},
    /** The host form is invalid until a link is confirmed. */
    required: { type: Boolean },
    /** Disables the element. */
    disabled: { type: Boolean, reflect: true },
    _activity: { state: true },
    _declined: { state: true },
    _notice: { state: true },
    _copyStatus: { state: true },
    _formDisabled: { state: true },
  };

  declare partnerId: string;
  declare serviceTicket: string;
  declare customer: string;
  declare location: string;
  declare tags: string[];
  declare baseUrl: string;
  declare shareLinkTemplate: string;
  declare target: string;
  declare noConfirm: boolean;
  declare storage: StorageKind;
  declare name: string;
  declare required: boolean;
  declare disabled: boolean;
  declare private _activity: Activity;
  /** The technician answered No; the question returns with the next opening or a reload. */
  declare private _declined: boolean;
  declare private _notice: string;
  declare private _copyStatus: '' | 'copied' | 'failed';
  declare private _formDisabled: boolean;

  #hostShareId: string | undefined;
  #internals: ElementInternals;
  #store: ActivityStore | undefined;
  #key = '';
  #unsubscribe: (() => void) | undefined;
  #problems: XoiShareErrorDetail[] = [];
  #reported = new Set<string>();
  #storageFaultReported = false;
  #pendingErrors: XoiShareErrorDetail[] = [];
  #focusNext: 'prompt' | 'link' | 'button' | undefined;
  /** This update's strings: finding `lang` walks the ancestors, so once per update, not per use. */
  #t!: XoiShareStrings;
  #lastPress = -Infinity;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.tags = [];
    this.baseUrl = DEFAULT_BASE_URL;
    this.shareLinkTemplate = DEFAULT_SHARE_LINK_TEMPLATE;
    this.target = '_blank';
    this.noConfirm = false;
    this.storage = 'local';
    this.required = false;
    this.disabled = false;
    this._activity = { shareId: '', state: 'idle', shareLink: '', updatedAt: 0 };
    this._declined = false;
    this._notice = '';
    this._copyStatus = '';
    this._formDisabled = false;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The effective share id: the host's `share-id`, else the one generated for this activity. */
  get shareId(): string {
    return this.#hostShareId ?? this.#resolveActivity().shareId;
  }
  set shareId(value: string | null | undefined) {
    const old = this.shareId;
    this.#hostShareId = value === null || value === undefined || value === '' ? undefined : String(value);
    this.requestUpdate('shareId', old);
  }

  /** `idle`, `pending` (opened, not confirmed), `linked`, or `invalid` (see the error). */
  get state(): XoiShareState {
    return this.#problems.length ? 'invalid' : this._activity.state;
  }

  /** The confirmed share link, or `''`. */
  get value(): string {
    return this._activity.state === 'linked' ? this._activity.shareLink : '';
  }

  /** The link for the current share id, confirmed or not; `''` while the configuration is invalid. */
  get shareLink(): string {
    if (this._activity.state === 'linked') return this._activity.shareLink;
    try {
      return buildShareLink(this.#config());
    } catch {
      return '';
    }
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /**
   * Opens the activity in XOi Vision, like pressing the button. Call it inside a user gesture:
   * outside one, browsers may block a `_blank` target as a popup.
   */
  open(): void {
    // A form outside a document is never submitted: nothing to open, nothing to save.
    if (!this.isConnected) return;
    this.#resolveActivity();
    this.#computeProblems();
    if (this.disabled || this._formDisabled || this.#problems.length) return;
    const request = buildShareRequest(this.#config());
    const activity = this._activity;
    // Where this activity lives, even if the host switches the work order in its listener.
    const key = this.#key;
    const store = this.#store;
    if (!this.#emit('xoi-share-open', this.#detail(), true) || !this.isConnected) return;
    // Saved before submitting: with target="_self" the page is gone right after.
    const opened: Activity =
      activity.state === 'idle' ? { ...activity, state: 'pending', updatedAt: Date.now() } : activity;
    this.#save(opened, key, store);
    this.#submit(request);
    // The listener switched the element to another work order: the posted one waits in storage.
    if (key !== this.#key) return;
    if (this.noConfirm && opened.state !== 'linked') {
      this.#link();
      return;
    }
    if (opened.state === 'pending') {
      this._declined = false;
      this._notice = this.#strings().askedNotice;
      this.#focusNext = 'prompt';
    }
  }

  /**
   * Answers "Have you completed the workflow?". Only an opened, unconfirmed activity changes:
   * a linked one is never unlinked.
   */
  confirm(completed: boolean): void {
    this.#resolveActivity();
    this.#computeProblems();
    if (this.state !== 'pending') return;
    // An answer ends the press burst: "No", then "Continue in XOi" at once, must post again.
    this.#lastPress = -Infinity;
    if (completed) {
      this.#link();
      return;
    }
    this._declined = true;
    this._notice = this.#strings().incompleteNotice;
    this.#focusNext = 'button';
    this.#emit('xoi-share-incomplete', this.#detail());
  }

  /** Forgets this work order's activity and starts a new one (a new share id unless the host sets it). */
  reset(): void {
    this.#resolveActivity();
    if (this.#key) this.#store?.remove(this.#key, this.#onStoreChange);
    this._activity = this.#freshActivity();
    this._declined = false;
    this._notice = '';
    this._copyStatus = '';
    this.#lastPress = -Infinity;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    langObserver ??= observeLang();
    // Moved or re-added: subscribe again (disconnect unsubscribed) and take what storage learned
    // meanwhile. The first connection leaves all of it to the first render.
    if (this.hasUpdated) this.#resolveActivity();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  /** A form reset must not unlink: the link stays, as a native control keeps its default. */
  formResetCallback(): void {}

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#resolveActivity();
    // Validation parses URLs: only when the configuration changed, not on every state change.
    if (!this.hasUpdated || CONFIG.some((key) => changed.has(key as keyof XoiShareButton))) this.#computeProblems();
    this.#t = this.#strings();
    if (changed.has('disabled')) this.#focusNext = undefined;
  }

  protected override updated(): void {
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
    this.#internals.setFormValue(this.value);
    if (this.required && !this.value && !this.disabled) {
      this.#internals.setValidity(
        { valueMissing: true },
        this.#t.requiredMessage,
        this.renderRoot.querySelector<HTMLElement>('[part~="button"]') ?? undefined,
      );
    } else {
      this.#internals.setValidity({});
    }
    const focus = this.#focusNext;
    this.#focusNext = undefined;
    if (focus) {
      const selector = { prompt: '.question', link: '[part~="link"]', button: '[part~="button"]' }[focus];
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    }
    const errors = this.#pendingErrors;
    this.#pendingErrors = [];
    for (const error of errors) this.#emit('xoi-share-error', error);
  }

  #config(): ShareConfig {
    return {
      partnerId: this.partnerId,
      shareId: this.shareId,
      serviceTicket: this.serviceTicket,
      customer: this.customer,
      location: this.location,
      tags: this.tags,
      baseUrl: this.baseUrl,
      shareLinkTemplate: this.shareLinkTemplate,
    };
  }

  #detail(): XoiShareDetail {
    const { baseUrl: _baseUrl, shareLinkTemplate: _template, tags, ...fields } = this.#config();
    return { ...fields, tags: Array.isArray(tags) ? normalizeTags(tags) : [], shareLink: this.shareLink };
  }

  #strings(): XoiShareStrings {
    return stringsFor(langOf(this));
  }

  /** Validates, and queues one `xoi-share-error` per problem not already reported. */
  #computeProblems(): void {
    const problems = validateShareConfig(this.#config());
    if (!isStorageKind(this.storage)) problems.push(fault('storage', '"local", "session" or "none"'));
    const keys = new Set<string>();
    for (const problem of problems) {
      const key = `${problem.code}|${problem.field}|${problem.message}`;
      keys.add(key);
      if (!this.#reported.has(key)) this.#pendingErrors.push(problem);
    }
    // A problem that goes away and comes back is reported again.
    this.#reported = keys;
    this.#problems = problems;
  }

  /** Finds this work order's activity in the store; switches when partner or ticket change. */
  #resolveActivity(): Activity {
    const kind: StorageKind = isStorageKind(this.storage) ? this.storage : 'none';
    const key = this.partnerId && this.serviceTicket ? activityKey(this.partnerId, this.serviceTicket) : '';
    const hostId = this.#hostShareId;
    const current = this._activity;
    if (key !== this.#key || kind !== this.#store?.kind) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      this.#key = key;
      this.#store = new ActivityStore(kind, this.#onStorageFault);
      this._activity = this.#stored() ?? this.#freshActivity();
      this._declined = false;
    } else if (hostId && current.shareId !== hostId) {
      // The host chose another id: that is another activity.
      this._activity = this.#freshActivity();
    } else if (key && this.isConnected && !this.#unsubscribe) {
      // Reconnected: storage may have moved on while it was detached. If it has nothing, an
      // activity never opened stays as it is, shareId and all; one that was saved has been
      // reset elsewhere (storage that fails keeps it in memory, where read() finds it).
      this._activity = this.#stored() ?? (current.state === 'idle' ? current : this.#freshActivity());
    }
    if (key && this.isConnected && !this.#unsubscribe) this.#unsubscribe = this.#store.subscribe(key, this.#onStoreChange);
    return this._activity;
  }

  /** This work order's stored activity, unless the host's share id names another one. */
  #stored(): Activity | undefined {
    const stored = this.#key ? this.#store!.read(this.#key) : undefined;
    return stored && (!this.#hostShareId || stored.shareId === this.#hostShareId) ? stored : undefined;
  }

  #freshActivity(): Activity {
    return { shareId: this.#hostShareId ?? createShareId(), state: 'idle', shareLink: '', updatedAt: Date.now() };
  }

  /** Saves under `key` (by default the current one); shows it only if that is still the current one. */
  #save(activity: Activity, key = this.#key, store = this.#store): void {
    if (key === this.#key) this._activity = activity;
    if (key) store?.write(key, activity, this.#onStoreChange);
  }

  #link(): void {
    const link = buildShareLink(this.#config());
    this.#save({ ...this._activity, state: 'linked', shareLink: link, updatedAt: Date.now() });
    this._declined = false;
    this._notice = this.#strings().linkedNotice(this.serviceTicket);
    this.#focusNext = 'link';
    this.#emit('xoi-share-link', this.#detail());
  }

  /** Another element of this page, or another tab, changed this work order's activity. */
  #onStoreChange = (activity: Activity | undefined): void => {
    const hostId = this.#hostShareId;
    if (activity && hostId && activity.shareId !== hostId) return;
    const wasLinked = this._activity.state === 'linked';
    this._activity = activity ?? this.#freshActivity();
    this._declined = false;
    if (!wasLinked && this._activity.state === 'linked') {
      this._notice = this.#strings().linkedNotice(this.serviceTicket);
      this.#emit('xoi-share-link', this.#detail());
    }
  };

  #onStorageFault = (): void => {
    if (this.#storageFaultReported) return;
    this.#storageFaultReported = true;
    // Reported from updated(): faults surface mid-update, where a host's handler must not run.
    this.#pendingErrors.push({
      code: 'storage-unavailable',
      field: 'storage',
      message: `${this.storage}Storage cannot be used here; the XOi activity is kept in memory until the page closes.`,
    });
    this.requestUpdate();
  };

  /** A real form, submitted synchronously inside the click so popup blockers allow it. */
  #submit(request: ShareRequest): void {
    const doc = this.ownerDocument;
    const form = doc.createElement('form');
    form.method = 'post';
    form.action = request.action;
    form.enctype = request.enctype;
    // The host page may be windows-1252; XOi must receive UTF-8.
    form.acceptCharset = 'UTF-8';
    form.target = this.target || '_blank';
    form.rel = 'noopener';
    form.hidden = true;
    for (const [name, value] of request.fields) {
      const input = doc.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    this.renderRoot.append(form);
    form.submit();
    form.remove();
  }

  #emit(type: string, detail: unknown, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  #onClick(event: MouseEvent): void {
    // A double or triple click is one press: XOi gets one POST.
    if (event.detail > 1) return;
    // Chromium and Firefox automation, and some touch screens, report every press of a quick
    // burst as a first click (detail 1), so only time tells a double press from a second one.
    const now = performance.now();
    if (now - this.#lastPress < PRESS_BURST_MS) return;
    this.#lastPress = now;
    this.open();
  }

  #onKeydown(event: KeyboardEvent): void {
    // A held Enter repeats clicks; only the first press counts.
    if (event.repeat && (event.key === 'Enter' || event.key === ' ')) event.preventDefault();
  }

  async #onCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this._copyStatus = 'copied';
    } catch {
      // No clipboard access (insecure context, denied permission): select the link instead.
      this._copyStatus = 'failed';
      const link = this.renderRoot.querySelector('[part~="link"]');
      if (link) getSelection()?.selectAllChildren(link);
    }
    const t = this.#strings();
    this._notice = this._copyStatus === 'copied' ? t.copied : t.copyFailed;
  }

  protected override render() {
    const t = this.#t;
    const state = this.state;
    const activity = this._activity;
    const inactive = this.disabled || this._formDisabled;
    const problems = this.#problems;
    const label = activity.state === 'linked' ? t.reopen : activity.state === 'pending' ? t.continue : nothing;
    // No whitespace between tags: every run of it would be one more text node per element.
    return html`<div class="base"
      ><button
        part="button"
        type="button"
        ?disabled=${inactive || state === 'invalid'}
        aria-describedby=${problems.length ? 'error' : nothing}
        @click=${this.#onClick}
        @keydown=${this.#onKeydown}
      >${label === nothing ? html`<slot>${t.open}</slot>` : label}</button
      >${state === 'pending' && !this._declined
        ? html`<div part="prompt" role="group" aria-labelledby="question"
            ><span id="question" class="question" tabindex="-1"><slot name="prompt">${t.question}</slot></span
            ><span class="answers"
              ><button part="yes" type="button" ?disabled=${inactive} @click=${() => this.confirm(true)}
                ><slot name="yes">${t.yes}</slot></button
              ><button part="no" type="button" ?disabled=${inactive} @click=${() => this.confirm(false)}
                ><slot name="no">${t.no}</slot></button
            ></span
          ></div>`
        : nothing}${activity.state === 'linked'
        ? html`<a part="link" href=${activity.shareLink} target="_blank" rel="noopener" title=${activity.shareLink}
              >${t.linkLabel(this.serviceTicket)}</a
            ><button part="copy" type="button" aria-label=${t.copyLabel(this.serviceTicket)} @click=${this.#onCopy}
              >${this._copyStatus === 'copied' ? t.copied : t.copy}</button
            >`
        : nothing}${problems.length
        ? html`<p part="error" id="error" role="alert"
            >${problems.map((p) => html`<span>${t.problem(p.code, kebab(p.field ?? ''))} </span>`)}</p
          >`
        : nothing}<span class="sr" role="status">${this._notice}</span></div
    >`;
  }
}

function observeLang(): MutationObserver {
  const observer = new MutationObserver(() => {
    for (const element of connected) element.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  return observer;
}
