import { LitElement, type PropertyValues } from 'lit';
import { ActivityController } from './activity-controller.js';
import type { Step } from './activity-machine.js';
import { isStorageKind, type StorageKind } from './activity-store.js';
import { emit, type XoiShareDetail } from './events.js';
import { copyText } from '../shared/copy.js';
import { defineElement } from '../shared/define-element.js';
import { ErrorReporter } from './error-reporter.js';
import { FormControl } from './form-control.js';
import { submitShare, type Blocked } from './handoff.js';
import { stringsFor } from './strings.js';
import { LangController } from '../shared/lang.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
  fillShareLink,
  normalizeTags,
  parseTagsAttribute,
  shareRequest,
  validateShareConfig,
  type ConfigProblem,
  type ShareConfig,
  type XoiShareErrorDetail,
} from './share.js';
import { styles } from './styles.js';
import { shareButtonTemplate } from './template.js';
import { VERSION } from '../shared/version.js';

export type XoiShareState = 'idle' | 'pending' | 'linked' | 'invalid';
export type { XoiShareDetail, XoiShareErrorDetail };

/** The properties' defaults; the rest start undefined (the host has not configured them). */
const DEFAULTS = {
  baseUrl: DEFAULT_BASE_URL,
  shareLinkTemplate: DEFAULT_SHARE_LINK_TEMPLATE,
  target: '_blank',
  noConfirm: false,
  storage: 'local',
  required: false,
  disabled: false,
};

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
    return defineElement(this, tag);
  }

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
    // Reflected: a form submits a control under its `name` attribute, and frameworks set the property.
    name: { reflect: true },
    /** The host form is invalid until a link is confirmed. */
    required: { type: Boolean },
    /** Disables the element. */
    disabled: { type: Boolean, reflect: true },
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

  readonly #form = new FormControl(this);
  readonly #lang = new LangController(this, stringsFor);
  readonly #errors = new ErrorReporter(this, () => (this.#configured ? this.#problems : []));
  readonly #activity = new ActivityController(
    this,
    (step) => this.#run(step),
    () => this.#errors.storageFault(this.storage),
  );
  #hostShareId?: string;
  /** The properties as last taken (see `#sync`): what is posted, shown and reported. */
  #config!: ShareConfig;
  #problems: ConfigProblem[] = [];
  /** The configuring properties' values when last taken, to tell whether they changed. */
  #taken: unknown[] = [];
  /** What blocked the last hand-off (every permission missing), or nothing. */
  #blocked?: Blocked[];
  #formDisabled = false;
  #copyStatus: '' | 'copied' | 'copyFailed' = '';
  #focus?: Step['focus'];

  constructor() {
    super();
    Object.assign(this, DEFAULTS, { tags: [] });
  }

  /** Host-chosen share id (16–64 of A–Z a–z 0–9 _ -); reading it gives the effective one, generated when absent. */
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
    return validateShareConfig(this.#current());
  }

  /** The confirmed share link, or `''`. */
  get value(): string {
    const { activity } = this.#activity.state;
    return activity.state == 'linked' ? activity.shareLink : '';
  }

  /** The link for the current share id, confirmed or not; `''` while the configuration is invalid. */
  get shareLink(): string {
    const config = this.#current();
    return this.value || (validateShareConfig(config).length ? '' : fillShareLink(config));
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
    const detail = this.#detail();
    const request = shareRequest({ ...this.#config, shareId: detail.shareId });
    if (!emit(this, 'xoi-share-open', detail, true) || !this.isConnected) return;
    this.#blocked = submitShare(this.renderRoot, request, this.target || '_blank');
    if (this.#blocked) {
      this.requestUpdate();
      this.#errors.blocked(this.#blocked);
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
    if (this.state == 'pending')
      this.#activity.dispatch({ type: 'answer', at: Date.now(), completed, link: this.#link() });
  }

  /** Forgets this work order's activity and starts a new one (a new share id unless the host sets it). */
  reset(): void {
    this.#sync();
    this.#blocked = undefined;
    this.#activity.dispatch({ type: 'reset', activity: this.#activity.fresh() });
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  /** A form reset must not unlink: the link stays, as a native control keeps its default. */
  formResetCallback(): void {}

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
    const focus = this.#focus;
    this.#focus = undefined;
    if (focus)
      this.renderRoot.querySelector<HTMLElement>(focus == 'prompt' ? '.question' : `[part~=${focus}]`)?.focus();
    this.#errors.report();
  }

  /** The host configured the element (React and others set properties after it upgraded). */
  get #configured(): boolean {
    const { partnerId, serviceTicket, customer, location } = this;
    return [partnerId, serviceTicket, customer, location, this.#hostShareId].some((value) => value !== undefined);
  }

  #order = () => ({
    storage: isStorageKind(this.storage) ? this.storage : 'none',
    partnerId: this.partnerId,
    serviceTicket: this.serviceTicket,
    shareId: this.#hostShareId,
  });

  /** The properties that configure the element, as they are now (the share id as the host set it). */
  #props() {
    const { partnerId, serviceTicket, customer, location, tags, baseUrl, shareLinkTemplate, storage } = this;
    const hostShareId = this.#hostShareId;
    return { partnerId, serviceTicket, customer, location, tags, baseUrl, shareLinkTemplate, storage, hostShareId };
  }

  #current(): ShareConfig {
    const { hostShareId: _, ...props } = this.#props();
    return { ...props, shareId: this.shareId };
  }

  /** Takes the properties when they changed: the work order's activity, and what is wrong. */
  #sync(): void {
    const taken = Object.values(this.#props());
    if (taken.every((value, i) => value === this.#taken[i])) return;
    this.#taken = taken;
    // What blocked the last hand-off was about the configuration before.
    this.#blocked = undefined;
    this.#activity.use(this.#order());
    this.#problems = validateShareConfig((this.#config = this.#current()));
  }

  #link(): string {
    const { activity } = this.#activity.state;
    return activity.state == 'linked'
      ? activity.shareLink
      : fillShareLink({ ...this.#config, shareId: activity.shareId });
  }

  #detail(): XoiShareDetail {
    const { partnerId, serviceTicket, customer, location, tags } = this.#config;
    const { shareId } = this.#activity.state.activity;
    const normalized = Array.isArray(tags) ? normalizeTags(tags) : [];
    return { partnerId, shareId, serviceTicket, customer, location, tags: normalized, shareLink: this.#link() };
  }

  /** Value and validity now, not after the render: a listener of the next event reads the form. */
  #syncForm(): void {
    const missing = this.required && !this.value && !this.disabled ? this.#lang.strings.requiredMessage : '';
    this.#form.sync(this.value, missing, this.renderRoot?.querySelector<HTMLElement>('[part~=button]'));
  }

  #run({ effects, focus }: Step): void {
    this.#copyStatus = '';
    this.#focus = focus;
    this.#syncForm();
    for (const effect of effects) {
      if (effect == 'open') this.open();
      if (effect == 'xoi-share-link' || effect == 'xoi-share-incomplete') emit(this, effect, this.#detail());
    }
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
    const link = this.value;
    const status = await copyText(link, () => this.renderRoot.querySelector('[part~=link]'));
    // The technician may have moved on meanwhile (a reset, another tab): say nothing of an old link.
    if (this.value != link) return;
    this.#copyStatus = status;
    this.requestUpdate();
  }

  protected override render() {
    const { activity, declined, notice } = this.#activity.state;
    const state = this.state;
    return shareButtonTemplate({
      t: this.#lang.strings,
      activity,
      ticket: this.#config.serviceTicket,
      question: state == 'pending' && !declined,
      inactive: this.disabled || this.#formDisabled,
      unusable: state == 'invalid' || !this.#configured,
      errors: this.#blocked ? [this.#blocked] : state == 'invalid' ? this.#problems : [],
      said: this.#copyStatus || notice,
      copied: this.#copyStatus == 'copied',
      onPress: this.#onClick,
      onKeydown: this.#onKeydown,
      onAnswer: (completed) => this.confirm(completed),
      onCopy: this.#onCopy,
    });
  }
}
