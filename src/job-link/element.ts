import { LitElement, type PropertyValues } from 'lit';
import { copyText } from '../shared/copy.js';
import { defineElement } from '../shared/define-element.js';
import { emitter } from '../shared/emitter.js';
import { LangController } from '../shared/lang.js';
import { VERSION } from '../shared/version.js';
import type { WorkOrderLink, LinkableJob } from '../contract/routes.js';
import { JobLinkController } from './controller.js';
import type { XoiJobLinkDetail, XoiJobLinkErrorDetail, XoiJobLinkEventDetails } from './events.js';
import type { Focus, Step, XoiJobLinkState } from './machine.js';
import { jobLinkStringsFor } from './strings.js';
import { jobLinkStyles } from './styles.js';
import { jobLinkTemplate } from './template.js';

export type { XoiJobLinkDetail, XoiJobLinkErrorDetail, XoiJobLinkState };

const emit = emitter<XoiJobLinkEventDetails>();

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
 * @csspart more - "Show more": the list's next page (`aria-disabled` while it is read).
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
 * @csspart notice - Information: the work is not complete yet, more jobs could not be loaded, or another session linked first.
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
  readonly #flow = new JobLinkController(this, (step, changed) => this.#run(step, changed));
  /** The copy button's outcome, for the link it copied. */
  #copied?: { link: WorkOrderLink; status: 'copied' | 'copyFailed' };
  /** What to focus after the next render: only after the technician did something. */
  #focus?: Focus;

  constructor() {
    super();
    this.filter = '';
  }

  /** Where the flow is: see {@link XoiJobLinkState}. Reflected as the `state` attribute. */
  get state(): XoiJobLinkState {
    return this.#flow.flow.state;
  }

  /** The work order's link once `linked`, else null. */
  get link(): WorkOrderLink | null {
    const { link } = this.#flow.flow;
    return link && structuredClone(link);
  }

  /** The jobs in the list (state `choosing`). */
  get jobs(): LinkableJob[] {
    return structuredClone(this.#flow.flow.jobs);
  }

  /** The last failure's `xoi-job-link-error` detail while in state `error`, else null. */
  get error(): XoiJobLinkErrorDetail | null {
    const { state, failure } = this.#flow.flow;
    return state == 'error' && failure ? { ...failure.detail } : null;
  }

  /** Opens the job list (like pressing "Link XOi job"); from the list, searches `filter` again. */
  choose(): void {
    const { state } = this;
    if (state == 'ready' || state == 'choosing')
      this.#flow.dispatch({ type: 'list', query: String(this.filter ?? '') });
  }

  /** Reads the work order's link again and starts over (the list is closed). A link is never undone. */
  reload(): void {
    this.#flow.reload();
  }

  protected override getUpdateComplete(): Promise<boolean> {
    this.#lang.flush();
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('workOrder')) this.#flow.configure(this.endpoint, this.workOrder);
  }

  protected override updated(): void {
    if (this.getAttribute('state') != this.state) this.setAttribute('state', this.state);
    const focus = this.#focus;
    this.#focus = undefined;
    const chosen = this.#flow.flow.chosen;
    const job = focus == 'job' ? chosen?.id : focus == 'added' ? this.#flow.flow.added : undefined;
    const selector =
      focus == 'question'
        ? '.question'
        : job
          ? `[data-job="${CSS.escape(job)}"]`
          : focus && `[part~=${focus == 'job' || focus == 'added' ? 'input' : focus}]`;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #run({ effects, focus }: Step, changed: boolean): void {
    if (changed) this.#focus = focus;
    for (const effect of effects) {
      // A copy: the host may keep or change the detail; the element's own stays as it was.
      if (effect.type == 'xoi-job-link-linked') emit(this, effect.type, structuredClone(effect.detail));
      if (effect.type == 'xoi-job-link-error') emit(this, effect.type, { ...effect.detail });
    }
  }

  #onCopy = async (): Promise<void> => {
    const { link } = this.#flow.flow;
    if (!link) return;
    const status = await copyText(link.shareLink, () => this.renderRoot.querySelector('[part~=link]'));
    // The element may show another work order meanwhile: say nothing of an old link.
    if (this.#flow.flow.link != link) return;
    this.#copied = { link, status };
    this.requestUpdate();
  };

  protected override render() {
    const flow = this.#flow.flow;
    const copied = this.#copied;
    return jobLinkTemplate({
      t: this.#lang.strings,
      flow,
      copied: copied && copied.link == flow.link && flow.state == 'linked' ? copied.status : '',
      send: (event) => this.#flow.dispatch(event),
      onStart: () => this.choose(),
      onCopy: this.#onCopy,
    });
  }
}
