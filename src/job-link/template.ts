/**
 * What `<xoi-job-link>` shows, as a function of what it knows: the status, the start button, the
 * list with its filter, the two questions, the link, what went wrong, and the live region's
 * sentence. No state and no decisions here: a click is an event for the machine.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { httpUrl } from './api.js';
import type { Failure, JobLinkEvent, JobLinkMachine } from './machine.js';
import type { XoiJobLinkStrings } from './strings.js';
import type { LinkableJob, WorkOrderLink } from '../contract/routes.js';
import { fill } from '../shared/lang.js';

export interface JobLinkView {
  t: XoiJobLinkStrings;
  flow: JobLinkMachine;
  /** The copy button's outcome for the link shown. */
  copied: '' | 'copied' | 'copyFailed';
  send: (event: JobLinkEvent) => void;
  onStart: () => void;
  onCopy: () => Promise<void>;
}

export function jobLinkTemplate(view: JobLinkView): TemplateResult {
  const { t, flow, copied } = view;
  return html`<div class="base">${body(view)}<span class="sr" role="status"
      >${(copied && t[copied]) || said(t, flow)}</span
    ></div>`;
}

function body(view: JobLinkView): TemplateResult | typeof nothing {
  const { t, flow } = view;
  const { chosen, link, failure } = flow;
  switch (flow.state) {
    case 'loading':
    case 'linking':
      return html`<p part="status" tabindex="-1">${t[flow.busy]}</p>`;
    case 'ready':
      return html`<button part="start" type="button" @click=${view.onStart}>${t.start}</button>`;
    case 'choosing':
      return choosing(view);
    case 'confirming-complete':
    case 'confirming-link':
      return chosen ? question(view, chosen) : nothing;
    case 'linked':
      return link ? linked(view, link) : nothing;
    case 'error':
      return failure ? error(view, failure) : nothing;
    default:
      return nothing;
  }
}

/** The list's heading, or why there is none; also what the live region says of a new list. */
function count(t: XoiJobLinkStrings, n: number, query: string, more: boolean): string {
  if (!n) return query ? fill(t.emptyFiltered, query) : t.empty;
  if (more) return fill(t.countMore, n.toLocaleString(t.locale));
  return new Intl.PluralRules(t.locale).select(n) == 'one'
    ? t.countOne
    : fill(t.countOther, n.toLocaleString(t.locale));
}

function said(t: XoiJobLinkStrings, { said, echo }: JobLinkMachine): string {
  const text = !said
    ? ''
    : said.what == 'count'
      ? count(t, said.jobs, said.query, said.more)
      : said.what == 'linked'
        ? fill(t.linkedTitle, said.label)
        : t[said.what];
  return text && echo ? `${text}\u00a0` : text;
}

function date(t: XoiJobLinkStrings, iso: string | null): string {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '' : new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium' }).format(time);
}

const labelOf = (t: XoiJobLinkStrings, job: LinkableJob): string => job.label.trim() || t.noLabel;

function choosing(view: JobLinkView): TemplateResult {
  const { t, flow, send } = view;
  const { jobs, query } = flow;
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    send({ type: 'list', query: (event.currentTarget as HTMLFormElement).querySelector('input')!.value });
  };
  return html`
    <form part="filter" role="search" aria-label=${t.filterLabel} @submit=${search}>
      <label part="label" for="filter">${t.filterLabel}</label>
      <input part="input" id="filter" type="search" autocomplete="off" .value=${query} />
      <button part="search" type="submit">${t.search}</button>
    </form>
    ${flow.notice == 'notComplete' ? html`<p part="notice">${t.notComplete}</p>` : nothing}
    <p part="count" id="count">${count(t, jobs.length, query, flow.next !== null)}</p>
    ${
      jobs.length
        ? html`<ul part="list" aria-labelledby="count">
          ${jobs.map((job) => html`<li>${jobButton(view, job)}</li>`)}
        </ul>`
        : nothing
    }
    ${flow.notice == 'moreFailed' ? html`<p part="notice" role="alert">${t.moreFailed}</p>` : nothing}
    ${
      flow.next
        ? html`<button
            part="more"
            type="button"
            aria-disabled=${flow.more ? 'true' : 'false'}
            @click=${() => send({ type: 'more' })}
            >${flow.more ? t.loadingMore : t.showMore}</button
          >`
        : nothing
    }
    ${flow.truncated ? html`<p part="truncated">${t.truncated}</p>` : nothing}
    <div class="actions">
      ${
        !jobs.length && query
          ? html`<button part="show-all" type="button" @click=${() => send({ type: 'list', query: '' })}
              >${t.showAll}</button
            >`
          : nothing
      }
      <button part="cancel" type="button" @click=${() => send({ type: 'cancel' })}>${t.cancel}</button>
    </div>
  `;
}

function jobButton({ t, send }: JobLinkView, job: LinkableJob): TemplateResult {
  const meta = [
    job.customerName,
    job.workOrderNumber,
    job.createdAt && fill(t.created, date(t, job.createdAt)),
    job.completedAt ? fill(t.completed, date(t, job.completedAt)) : t.notCompleted,
  ].filter(Boolean);
  return html`<button
    part="job"
    type="button"
    data-job=${job.id}
    data-complete=${job.completedAt ? 'true' : 'false'}
    @click=${() => send({ type: 'pick', job })}
  >
    <span part="job-label">${labelOf(t, job)}</span>
    <span part="job-meta">${meta.join(' · ')}</span>
  </button>`;
}

function question({ t, flow, send }: JobLinkView, job: LinkableJob): TemplateResult {
  const label = labelOf(t, job);
  if (flow.state == 'confirming-complete') {
    return html`<div part="question" role="group" aria-labelledby="question">
      <p id="question" class="question" tabindex="-1">${fill(t.completeQuestion, label)}</p>
      ${job.completedAt ? nothing : html`<p part="hint">${t.completeHint}</p>`}
      <div class="actions">
        <button part="yes" type="button" @click=${() => send({ type: 'complete', yes: true })}>${t.yes}</button>
        <button part="no" type="button" @click=${() => send({ type: 'complete', yes: false })}>${t.no}</button>
      </div>
    </div>`;
  }
  return html`<div part="question" role="group" aria-labelledby="question" aria-describedby="warning">
    <p id="question" class="question" tabindex="-1">${fill(t.linkQuestion, label)}</p>
    <p part="warning" id="warning">${t.linkWarning}</p>
    <div class="actions">
      <button part="confirm" type="button" @click=${() => send({ type: 'confirm' })}>${t.linkConfirm}</button>
      <button part="cancel" type="button" @click=${() => send({ type: 'cancel' })}>${t.cancel}</button>
    </div>
  </div>`;
}

function linked({ t, flow, copied, onCopy }: JobLinkView, link: WorkOrderLink): TemplateResult {
  const open = httpUrl(link.deepLinks.visionWeb?.viewJob);
  const when = date(t, link.linkedAt);
  return html`<div part="linked">
    <p part="linked-title" class="title">${fill(t.linkedTitle, link.label || link.jobId)}</p>
    ${when && link.linkedBy ? html`<p part="linked-meta">${fill(t.linkedMeta, when, link.linkedBy)}</p>` : nothing}
    ${flow.notice == 'raced' ? html`<p part="notice">${t.raced}</p>` : nothing}
    <p part="share">
      <span id="share-label">${t.shareLink}:</span>
      <a part="link" href=${link.shareLink} target="_blank" rel="noopener" aria-describedby="share-label"
        >${link.shareLink}</a
      >
    </p>
    <div class="actions">
      <button part="copy" type="button" @click=${onCopy}>${copied == 'copied' ? t.copied : t.copy}</button>
      ${open ? html`<a part="open" href=${open} target="_blank" rel="noopener">${t.open}</a>` : nothing}
    </div>
  </div>`;
}

function error({ t, send }: JobLinkView, failure: Failure): TemplateResult {
  return html`<p part="error" role="alert">${t[failure.text]}</p>
    <div class="actions">
      ${failure.retry ? html`<button part="retry" type="button" @click=${() => send({ type: 'retry' })}>${t.retry}</button>` : nothing}
      ${failure.back ? html`<button part="back" type="button" @click=${() => send({ type: 'back' })}>${t.back}</button>` : nothing}
    </div>`;
}
