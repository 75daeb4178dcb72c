import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { copyText } from '../shared/copy.js';
import { defineElement } from '../shared/define-element.js';
import { emitter } from '../shared/emitter.js';
import { fetchJobs, fetchLink, httpUrl, postLink, routeUrl, type JobLinkResult } from './api.js';
import type { XoiJobLinkDetail, XoiJobLinkErrorCode, XoiJobLinkErrorDetail, XoiJobLinkEventDetails } from './events.js';
import { jobLinkStringsFor, type XoiJobLinkStrings } from './strings.js';
import { jobLinkStyles } from './styles.js';
import { LangController, fill } from '../shared/lang.js';
import { isWorkOrderId, type AlreadyLinkedReason, type LinkableJob, type WorkOrderLink } from '../contract/routes.js';
import { toWellFormed } from '../shared/well-formed.js';
import { VERSION } from '../shared/version.js';

/**
 * `idle`: no `endpoint` or `work-order` yet (nothing shown, nothing requested).
 * `loading`: reading the work order's link or the job list. `ready`: not linked; the start
 * button. `choosing`: the job list. `confirming-complete`, `confirming-link`: the two questions.
 * `linking`: the link request is out. `linked`: final. `error`: a request failed (see `error`).
 */
export type XoiJobLinkState =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'choosing'
  | 'confirming-complete'
  | 'confirming-link'
  | 'linking'
  | 'linked'
  | 'error';

export type { XoiJobLinkDetail, XoiJobLinkErrorDetail };

type Retry = 'load' | 'list' | 'link';
type Busy = 'loadingLink' | 'loadingJobs' | 'linking';
type Notice = '' | 'notComplete' | 'raced';

const emit = emitter<XoiJobLinkEventDetails>();

interface Failure {
  detail: XoiJobLinkErrorDetail;
  /** What the technician reads: an error code's text, or `jobTaken` / `inProgress`. */
  text: keyof XoiJobLinkStrings;
  /** What "Try again" repeats; none when repeating cannot help. */
  retry?: Retry;
  /** "Back to the list" is offered (the failure came after a job was chosen). */
  back: boolean;
}

/**
 * Links a work order to the technician's XOi job, once and for good, through the host's
 * `createXoiRoutes` endpoints (the XOi Cloud tier, `xoi-share-button/server`): list the
 * technician's jobs, filtered by label → pick one → "Is the work complete in XOi?" → "Link it?
 * Once linked, it cannot be unlinked." → linked, with XOi's public share link.
 *
 * @tag xoi-job-link
 * @summary The Jonas-style XOi job link: pick your XOi job by its label, confirm, get the public share link.
 *
 * @csspart status - "Loading…" / "Linking…" text.
 * @csspart start - The "Link XOi job" button that opens the list.
 * @csspart filter - The label search form; `label`, `input` and `search` are its pieces.
 * @csspart label - The filter's label.
 * @csspart input - The filter's text field, pre-filled from `filter`.
 * @csspart search - The filter's submit button.
 * @csspart count - How many jobs are listed (the list's heading), or why none are.
 * @csspart list - The list of jobs.
 * @csspart job - One job's button; `job-label` and `job-meta` are its lines.
 * @csspart job-label - The job's label in XOi.
 * @csspart job-meta - Customer, work order number, dates, completion.
 * @csspart truncated - Said when XOi's list was cut (older jobs may be missing).
 * @csspart show-all - Clears the filter when nothing matched.
 * @csspart question - A confirmation with its answers.
 * @csspart hint - Under the first question: XOi does not show the job as completed.
 * @csspart warning - Under the second question: a link cannot be undone.
 * @csspart yes - "Yes, it is complete".
 * @csspart no - "No" (back to the list).
 * @csspart confirm - "Link job": makes the link.
 * @csspart cancel - Back to the start button (from the list) or to the list (from the question).
 * @csspart linked - The final view.
 * @csspart linked-title - "Linked to XOi job …".
 * @csspart linked-meta - When and by whom.
 * @csspart share - The share link's line: its label and the link.
 * @csspart link - XOi's public share link.
 * @csspart copy - Copies the share link.
 * @csspart open - The job in XOi Vision on the web (when XOi gives that link).
 * @csspart notice - Information: the work is not complete yet, or another session linked first.
 * @csspart error - What went wrong (`role="alert"`).
 * @csspart retry - Repeats what failed.
 * @csspart back - Back to the list after a failed link.
 *
 * @cssprop [--xoi-job-link-accent=var(--xoi-share-accent, light-dark(#0b5cad, #7cb4f5))] - Main buttons' background, links.
 * @cssprop [--xoi-job-link-accent-text=var(--xoi-share-accent-text, light-dark(#fff, #0d1117))] - Main buttons' text.
 * @cssprop [--xoi-job-link-text=var(--xoi-share-text, light-dark(#1b1f24, #e6edf3))] - Text of the other buttons and the field; when set, all text.
 * @cssprop [--xoi-job-link-muted=light-dark(#4d5660, #a8b3bf)] - Secondary text (job details, status).
 * @cssprop [--xoi-job-link-background=var(--xoi-share-background, light-dark(#fff, #161b22))] - Background of buttons and the field.
 * @cssprop [--xoi-job-link-border=var(--xoi-share-border, light-dark(#6b7580, #8b949e))] - Borders.
 * @cssprop [--xoi-job-link-error=var(--xoi-share-error, light-dark(#b3261e, #ff9a8f))] - Error text.
 * @cssprop [--xoi-job-link-warning=light-dark(#8a4b00, #f2b866)] - "Not completed" and "cannot be undone".
 * @cssprop [--xoi-job-link-radius=var(--xoi-share-radius, 6px)] - Corner radius.
 * @cssprop [--xoi-job-link-spacing=var(--xoi-share-spacing, 0.5rem)] - Gap between pieces.
 * @cssprop [--xoi-job-link-font=var(--xoi-share-font, inherit)] - Font shorthand.
 * @cssprop [--xoi-job-link-focus-ring=var(--xoi-share-focus-ring, 3px solid light-dark(#1a73e8, #9ecbff))] - Focus outline.
 */
export class XoiJobLink extends LitElement {
  static override styles = jobLinkStyles;
  /** The package version, so two copies on one page can tell each other apart. */
  static readonly version = VERSION;

  /**
   * Registers the class as `tag` (default `xoi-job-link`) and returns the name it is registered
   * under: nothing happens when it already is, under any name. Warns when `tag` is taken by
   * another element, or by another version of this one.
   */
  static define(tag = 'xoi-job-link'): string {
    return defineElement(this, tag);
  }

  static override properties = {
    endpoint: {},
    workOrder: { attribute: 'work-order' },
    filter: {},
  };

  /** Base path (or URL) of the host's `createXoiRoutes` endpoints, e.g. `/xoi`. */
  declare endpoint: string;
  /** The host's id of the work order to link (the routes' `{id}`). */
  declare workOrder: string;
  /** Pre-fills the job label filter, e.g. the work order number the technician typed into the XOi label. */
  declare filter: string;

  readonly #lang = new LangController(this, jobLinkStringsFor);
  #state: XoiJobLinkState = 'idle';
  /** The `endpoint` + `work-order` the element's data belongs to ('' = none). */
  #loadedFor = '';
  /** Bumped whenever the data is thrown away: an answer for an older generation is ignored. */
  #generation = 0;
  #abort?: AbortController;
  /** The read a disconnection dropped, made again on reconnection (unless the work order changed). */
  #resume?: () => Promise<void>;
  /** What the request out is doing: the status text's key. */
  #busy: Busy = 'loadingLink';
  #jobs: LinkableJob[] = [];
  #truncated = false;
  /** The filter of the list shown. */
  #query = '';
  #chosen?: LinkableJob;
  #link: WorkOrderLink | null = null;
  #failure?: Failure;
  #notice: Notice = '';
  #announcement = '';
  #copyStatus: '' | 'copied' | 'copyFailed' = '';
  /** What to focus after the next render: only after the technician did something. */
  #focus?: string;

  constructor() {
    super();
    this.filter = '';
  }

  /** Where the flow is: see {@link XoiJobLinkState}. Reflected as the `state` attribute. */
  get state(): XoiJobLinkState {
    return this.#state;
  }

  /** The work order's link once `linked`, else null. */
  get link(): WorkOrderLink | null {
    return this.#link && structuredClone(this.#link);
  }

  /** The jobs in the list (state `choosing`). */
  get jobs(): LinkableJob[] {
    return structuredClone(this.#jobs);
  }

  /** The last failure's `xoi-job-link-error` detail while in state `error`, else null. */
  get error(): XoiJobLinkErrorDetail | null {
    return this.#state == 'error' && this.#failure ? { ...this.#failure.detail } : null;
  }

  /** Opens the job list (like pressing "Link XOi job"); from the list, searches `filter` again. */
  choose(): void {
    if (this.#state == 'ready' || this.#state == 'choosing') void this.#list(this.filter ?? '');
  }

  /** Reads the work order's link again and starts over (the list is closed). A link is never undone. */
  reload(): void {
    this.#loadedFor = '';
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A read in flight is dropped and made again on reconnection; a link request is left to finish.
    if (this.#state == 'loading') {
      this.#generation++;
      this.#abort?.abort();
      const query = this.#query;
      this.#resume = this.#busy == 'loadingJobs' ? () => this.#list(query) : () => this.#load(false);
    }
  }

  protected override getUpdateComplete(): Promise<boolean> {
    this.#lang.flush();
    return super.getUpdateComplete();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    const key = this.endpoint && this.workOrder ? `${String(this.endpoint)}\n${String(this.workOrder)}` : '';
    const resume = this.#resume;
    this.#resume = undefined;
    if (key != this.#loadedFor) this.#start(key);
    else void resume?.();
  }

  protected override updated(): void {
    if (this.getAttribute('state') != this.#state) this.setAttribute('state', this.#state);
    if (this.#focus) this.renderRoot.querySelector<HTMLElement>(this.#focus)?.focus();
    this.#focus = undefined;
  }

  /** Forgets everything and, with both attributes, reads the work order's link. */
  #start(key: string): void {
    this.#loadedFor = key;
    this.#generation++;
    this.#abort?.abort();
    this.#jobs = [];
    this.#truncated = false;
    this.#chosen = undefined;
    this.#link = null;
    this.#failure = undefined;
    this.#notice = '';
    this.#announcement = '';
    this.#copyStatus = '';
    this.#state = 'idle';
    if (key) void this.#load(false);
  }

  /** `work-order` as the routes get it: well-formed (a lone surrogate becomes U+FFFD, as in a form). */
  #workOrderId(): string {
    return toWellFormed(String(this.workOrder));
  }

  #url(route: 'jobs' | 'link', label?: string): URL | null {
    return routeUrl(String(this.endpoint), String(this.workOrder), route, this.ownerDocument.baseURI, label);
  }

  /**
   * Starts a request, replacing any other (a read in flight is aborted): shows it as busy and
   * returns its generation. Its answer is current while the generation is unchanged.
   */
  #begin(busy: Busy, byUser: boolean): number {
    const generation = ++this.#generation;
    this.#abort?.abort();
    // A link request is never aborted: it may already have linked, and its answer says so.
    this.#abort = busy == 'linking' ? undefined : new AbortController();
    this.#busy = busy;
    this.#go(busy == 'linking' ? 'linking' : 'loading', byUser ? '[part~=status]' : undefined);
    return generation;
  }

  /** A read: resolves to its result, or to null once it is stale (the work order changed, another request started). */
  async #request<T>(
    busy: Busy,
    run: (signal: AbortSignal) => Promise<JobLinkResult<T>>,
    byUser: boolean,
  ): Promise<JobLinkResult<T> | null> {
    const generation = this.#begin(busy, byUser);
    const result = await run(this.#abort!.signal);
    return generation == this.#generation ? result : null;
  }

  async #load(byUser: boolean): Promise<void> {
    const url = this.#url('link');
    const id = this.#workOrderId();
    this.#notice = '';
    if (!url || !isWorkOrderId(id)) {
      // Told a task later, as a failed request would be: the host may add its listener after connecting us.
      const generation = ++this.#generation;
      await new Promise((resolve) => setTimeout(resolve));
      if (generation != this.#generation) return;
      const [code, message]: [XoiJobLinkErrorCode, string] = !url
        ? [
            'invalid-endpoint',
            `endpoint ${JSON.stringify(this.endpoint)} is not an http(s) URL without query or fragment.`,
          ]
        : [
            'invalid-work-order',
            `work-order ${JSON.stringify(id)} is not a work order id the routes take: not blank, at most 256 characters, not "." or "..".`,
          ];
      this.#fail({ code, message, status: 0 }, undefined, false, byUser);
      return;
    }
    const result = await this.#request('loadingLink', (signal) => fetchLink(url, signal), byUser);
    if (!result) return;
    if (!result.ok) {
      this.#fail(result.error, 'load', false, byUser);
      return;
    }
    if (result.value.link) {
      this.#linked(result.value.link, true, byUser);
      return;
    }
    this.#go('ready', byUser ? '[part~=start]' : undefined);
  }

  async #list(query: string): Promise<void> {
    this.#query = query.trim();
    this.#notice = '';
    const url = this.#url('jobs', this.#query);
    if (!url) return;
    const result = await this.#request('loadingJobs', (signal) => fetchJobs(url, signal), true);
    if (!result) return;
    if (!result.ok) {
      this.#fail(result.error, 'list', false, true);
      return;
    }
    this.#jobs = result.value.jobs;
    this.#truncated = result.value.truncated;
    this.#chosen = undefined;
    this.#announce(this.#count());
    this.#go('choosing', '[part~=input]');
  }

  async #linkChosen(): Promise<void> {
    const job = this.#chosen;
    const url = this.#url('link');
    if (!job || !url) return;
    const key = this.#loadedFor;
    const workOrderId = this.#workOrderId();
    const generation = this.#begin('linking', true);
    const result = await postLink(url, job.id);
    const current = generation == this.#generation;
    if (!current) {
      // Replaced meanwhile (reload(), another work-order). A link made is final all the same: the
      // host hears of it, and the element shows it if it still shows that work order. A failure
      // linked nothing: the element's newer read says what there is.
      const made = result.ok ? result.value.link : result.error.code == 'already-linked' ? result.link : null;
      if (made?.workOrderId != workOrderId) return;
      if (key != this.#loadedFor) {
        emit(this, 'xoi-job-link-linked', { ...structuredClone(made), existing: !result.ok });
        return;
      }
      this.#generation++;
      this.#abort?.abort();
      this.#resume = undefined;
      this.#notice = '';
    }
    if (result.ok) this.#linked(result.value.link, false, current, true);
    else if (result.error.code == 'already-linked' && 'link' in result)
      this.#alreadyLinked(result.error, result.reason, result.link, job, workOrderId, current);
    else {
      const repeatable = !['forbidden', 'not-found', 'invalid-request', 'method-not-allowed'].includes(
        result.error.code,
      );
      this.#fail(result.error, repeatable ? 'link' : undefined, true, true);
    }
  }

  /**
   * A 409: this work order has its link (final: shown, and said when it is not the job chosen), or
   * the job went to another work order, or another request is still linking.
   */
  #alreadyLinked(
    error: XoiJobLinkErrorDetail,
    reason: AlreadyLinkedReason | undefined,
    link: WorkOrderLink | null | undefined,
    job: LinkableJob,
    workOrderId: string,
    focus: boolean,
  ): void {
    if (reason == 'work-order-linked' && link?.workOrderId == workOrderId) {
      if (link.jobId != job.id) this.#notice = 'raced';
      this.#linked(link, true, focus, true);
    } else if (reason == 'job-taken') this.#fail(error, undefined, true, true, 'jobTaken');
    else this.#fail(error, 'load', false, true, 'inProgress');
  }

  /**
   * Shows the link and fires `xoi-job-link-linked`. Only what the technician did is announced:
   * a board of linked work orders must not read each one out on load.
   */
  #linked(link: WorkOrderLink, existing: boolean, focus: boolean, announce = focus): void {
    this.#link = link;
    this.#failure = undefined;
    if (announce) this.#announce(fill(this.#lang.strings.linkedTitle, link.label || link.jobId));
    this.#go('linked', focus ? '[part~=link]' : undefined);
    emit(this, 'xoi-job-link-linked', { ...structuredClone(link), existing });
  }

  #fail(
    detail: XoiJobLinkErrorDetail,
    retry: Retry | undefined,
    back: boolean,
    byUser: boolean,
    text?: keyof XoiJobLinkStrings,
  ): void {
    this.#failure = { detail, text: text ?? detail.code, retry, back };
    this.#go('error', byUser ? (retry ? '[part~=retry]' : back ? '[part~=back]' : undefined) : undefined);
    emit(this, 'xoi-job-link-error', detail);
  }

  #go(state: XoiJobLinkState, focus?: string): void {
    this.#state = state;
    this.#focus = focus;
    this.#copyStatus = '';
    this.requestUpdate();
  }

  #announce(text: string): void {
    // The same text twice is not a change a screen reader would announce: make it one.
    this.#announcement = this.#announcement == text ? `${text}\u00a0` : text;
  }

  #count(): string {
    const t = this.#lang.strings;
    const n = this.#jobs.length;
    if (!n) return this.#query ? fill(t.emptyFiltered, this.#query) : t.empty;
    return new Intl.PluralRules(t.locale).select(n) == 'one'
      ? t.countOne
      : fill(t.countOther, n.toLocaleString(t.locale));
  }

  #date(iso: string | null): string {
    const time = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(time)
      ? ''
      : new Intl.DateTimeFormat(this.#lang.strings.locale, { dateStyle: 'medium' }).format(time);
  }

  #labelOf(job: LinkableJob): string {
    return job.label.trim() || this.#lang.strings.noLabel;
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part~=input]');
    void this.#list(input?.value ?? '');
  }

  #onPick(job: LinkableJob): void {
    this.#chosen = job;
    this.#notice = '';
    this.#go('confirming-complete', '.question');
  }

  #onComplete(complete: boolean): void {
    if (complete) {
      this.#go('confirming-link', '.question');
      return;
    }
    this.#notice = 'notComplete';
    this.#announce(this.#lang.strings.notComplete);
    this.#go('choosing', this.#chosen ? `[data-job="${CSS.escape(this.#chosen.id)}"]` : '[part~=input]');
  }

  #onCancel(): void {
    if (this.#state == 'choosing') {
      this.#go('ready', '[part~=start]');
      return;
    }
    this.#go('choosing', this.#chosen ? `[data-job="${CSS.escape(this.#chosen.id)}"]` : '[part~=input]');
  }

  #onRetry(): void {
    const retry = this.#failure?.retry;
    if (retry == 'link') void this.#linkChosen();
    else if (retry == 'list') void this.#list(this.#query);
    else if (retry == 'load') void this.#load(true);
  }

  async #onCopy(): Promise<void> {
    const link = this.#link;
    if (!link) return;
    const status = await copyText(link.shareLink, () => this.renderRoot.querySelector('[part~=link]'));
    // The element may show another work order meanwhile: say nothing of an old link.
    if (this.#link != link) return;
    this.#copyStatus = status;
    this.requestUpdate();
  }

  #renderChoosing(t: XoiJobLinkStrings): TemplateResult {
    const jobs = this.#jobs;
    return html`
      <form part="filter" role="search" aria-label=${t.filterLabel} @submit=${this.#onSearch}>
        <label part="label" for="filter">${t.filterLabel}</label>
        <input part="input" id="filter" type="search" autocomplete="off" .value=${this.#query} />
        <button part="search" type="submit">${t.search}</button>
      </form>
      ${this.#notice == 'notComplete' ? html`<p part="notice">${t.notComplete}</p>` : nothing}
      <p part="count" id="count">${this.#count()}</p>
      ${
        jobs.length
          ? html`<ul part="list" aria-labelledby="count">
            ${jobs.map((job) => html`<li>${this.#renderJob(t, job)}</li>`)}
          </ul>`
          : nothing
      }
      ${this.#truncated ? html`<p part="truncated">${t.truncated}</p>` : nothing}
      <div class="actions">
        ${
          !jobs.length && this.#query
            ? html`<button part="show-all" type="button" @click=${() => void this.#list('')}>${t.showAll}</button>`
            : nothing
        }
        <button part="cancel" type="button" @click=${this.#onCancel}>${t.cancel}</button>
      </div>
    `;
  }

  #renderJob(t: XoiJobLinkStrings, job: LinkableJob): TemplateResult {
    const meta = [
      job.customerName,
      job.workOrderNumber,
      job.createdAt && fill(t.created, this.#date(job.createdAt)),
      job.completedAt ? fill(t.completed, this.#date(job.completedAt)) : t.notCompleted,
    ].filter(Boolean);
    return html`<button
      part="job"
      type="button"
      data-job=${job.id}
      data-complete=${job.completedAt ? 'true' : 'false'}
      @click=${() => this.#onPick(job)}
    >
      <span part="job-label">${this.#labelOf(job)}</span>
      <span part="job-meta">${meta.join(' · ')}</span>
    </button>`;
  }

  #renderQuestion(t: XoiJobLinkStrings, job: LinkableJob): TemplateResult {
    const label = this.#labelOf(job);
    if (this.#state == 'confirming-complete') {
      return html`<div part="question" role="group" aria-labelledby="question">
        <p id="question" class="question" tabindex="-1">${fill(t.completeQuestion, label)}</p>
        ${job.completedAt ? nothing : html`<p part="hint">${t.completeHint}</p>`}
        <div class="actions">
          <button part="yes" type="button" @click=${() => this.#onComplete(true)}>${t.yes}</button>
          <button part="no" type="button" @click=${() => this.#onComplete(false)}>${t.no}</button>
        </div>
      </div>`;
    }
    return html`<div part="question" role="group" aria-labelledby="question" aria-describedby="warning">
      <p id="question" class="question" tabindex="-1">${fill(t.linkQuestion, label)}</p>
      <p part="warning" id="warning">${t.linkWarning}</p>
      <div class="actions">
        <button part="confirm" type="button" @click=${() => void this.#linkChosen()}>${t.linkConfirm}</button>
        <button part="cancel" type="button" @click=${this.#onCancel}>${t.cancel}</button>
      </div>
    </div>`;
  }

  #renderLinked(t: XoiJobLinkStrings, link: WorkOrderLink): TemplateResult {
    const open = httpUrl(link.deepLinks.visionWeb?.viewJob);
    const when = this.#date(link.linkedAt);
    return html`<div part="linked">
      <p part="linked-title" class="title">${fill(t.linkedTitle, link.label || link.jobId)}</p>
      ${when && link.linkedBy ? html`<p part="linked-meta">${fill(t.linkedMeta, when, link.linkedBy)}</p>` : nothing}
      ${this.#notice == 'raced' ? html`<p part="notice">${t.raced}</p>` : nothing}
      <p part="share">
        <span id="share-label">${t.shareLink}:</span>
        <a part="link" href=${link.shareLink} target="_blank" rel="noopener" aria-describedby="share-label"
          >${link.shareLink}</a
        >
      </p>
      <div class="actions">
        <button part="copy" type="button" @click=${this.#onCopy}>
          ${this.#copyStatus == 'copied' ? t.copied : t.copy}
        </button>
        ${open ? html`<a part="open" href=${open} target="_blank" rel="noopener">${t.open}</a>` : nothing}
      </div>
    </div>`;
  }

  #renderError(t: XoiJobLinkStrings, failure: Failure): TemplateResult {
    return html`<p part="error" role="alert">${t[failure.text]}</p>
      <div class="actions">
        ${failure.retry ? html`<button part="retry" type="button" @click=${this.#onRetry}>${t.retry}</button>` : nothing}
        ${
          failure.back
            ? html`<button part="back" type="button" @click=${() => void this.#list(this.#query)}>${t.back}</button>`
            : nothing
        }
      </div>`;
  }

  protected override render() {
    const t = this.#lang.strings;
    const state = this.#state;
    let view: TemplateResult | typeof nothing = nothing;
    if (state == 'loading' || state == 'linking') view = html`<p part="status" tabindex="-1">${t[this.#busy]}</p>`;
    else if (state == 'ready')
      view = html`<button part="start" type="button" @click=${() => this.choose()}>${t.start}</button>`;
    else if (state == 'choosing') view = this.#renderChoosing(t);
    else if ((state == 'confirming-complete' || state == 'confirming-link') && this.#chosen)
      view = this.#renderQuestion(t, this.#chosen);
    else if (state == 'linked' && this.#link) view = this.#renderLinked(t, this.#link);
    else if (state == 'error' && this.#failure) view = this.#renderError(t, this.#failure);
    const copy = this.#copyStatus && t[this.#copyStatus];
    return html`<div class="base">${view}<span class="sr" role="status">${copy || this.#announcement}</span></div>`;
  }
}
