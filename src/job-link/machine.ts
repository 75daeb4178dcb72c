/**
 * `<xoi-job-link>`'s flow as a state machine, pure: `reduce(state, event)` returns the next state,
 * what must be done about it and where focus goes. No DOM, no Lit, no fetch: the controller runs
 * the effects and feeds the answers back as events, so every rule is a unit test away
 * (test/node/job-link-machine.test.mjs).
 *
 *     idle ─configured─▶ loading ─▶ ready ─list─▶ loading ─▶ choosing ─pick─▶ confirming-complete
 *       │                  └──▶ linked        ▲ No ◀───────────────────────────────┘ │ Yes
 *       └─(invalid)─▶ error                   └─ cancel ◀── confirming-link ◀────────┘
 *                                                             │ confirm
 *                                                             ▼
 *                                               linking ─▶ linked (final) | error
 *
 * The list comes in pages: `more` in `choosing` reads the next one (`next`, the routes' cursor)
 * and appends it, staying in `choosing`; a failed page keeps the list and says so (`moreFailed`).
 *
 * Staleness is data: every request has an id (`seq` gives the next), and an answer counts only
 * while its id is the one awaited (`request`). A link request's answer also names the work order
 * it was for (`key`): a link made is final, so it is honoured even when stale.
 */
import type { JobLinkResult } from './api.js';
import type { XoiJobLinkDetail, XoiJobLinkErrorCode, XoiJobLinkErrorDetail } from './events.js';
import type { AlreadyLinkedReason, LinkableJob, LinkableJobsBody, WorkOrderLink } from '../contract/routes.js';

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

export interface Failure {
  detail: XoiJobLinkErrorDetail;
  /** What the technician reads: an error code's text, or `jobTaken` / `inProgress`. */
  text: XoiJobLinkErrorCode | 'jobTaken' | 'inProgress';
  /** What "Try again" repeats; none when repeating cannot help. */
  retry?: 'load' | 'list' | 'link';
  /** "Back to the list" is offered (the failure came after a job was chosen). */
  back: boolean;
}

/** What the live region last said, with what it needs to say it again in another language. */
export type Said =
  | { what: 'count'; jobs: number; query: string; more: boolean }
  | { what: 'linked'; label: string }
  | { what: 'notComplete' }
  | { what: 'moreFailed' };

export interface JobLinkMachine {
  state: XoiJobLinkState;
  /** The `endpoint` and `work-order` shown (`''`: none), as the controller names them. */
  key: string;
  /** The last request id given out. */
  seq: number;
  /** The request whose answer is awaited: any other answer is stale. */
  request: number;
  /** What the request out does: the status text's key. */
  busy: 'loadingLink' | 'loadingJobs' | 'linking';
  /** The technician started the request out: its outcome takes focus. */
  asked?: boolean;
  /** The read a disconnection dropped, made again on reconnection. */
  dropped?: 'link' | 'jobs';
  jobs: LinkableJob[];
  truncated: boolean;
  /** The cursor of the list's next page, null when the list is whole. */
  next: string | null;
  /** The next page is being read (the list stays on screen). */
  more?: boolean;
  /** The first job a page added: focus goes there. */
  added?: string;
  /** The filter of the list shown, or being read. */
  query: string;
  chosen?: LinkableJob;
  link: WorkOrderLink | null;
  failure?: Failure;
  /**
   * Information under the list (`notComplete`; `moreFailed`: its next page could not be read) or
   * the link (`raced`: another session linked first).
   */
  notice?: 'notComplete' | 'moreFailed' | 'raced';
  said?: Said;
  /** Flips with each announcement: every other one ends with a no-break space, so the same sentence twice is still a change. */
  echo?: boolean;
}

export type JobLinkEvent =
  /** The element shows `key` (a new `endpoint` or `work-order`, or `reload()`); `problem`: why it cannot be read. */
  | { type: 'configured'; key: string; problem?: XoiJobLinkErrorDetail }
  /** The configuration's problem, told a task later, as a failed request would be. */
  | { type: 'refused'; request: number; error: XoiJobLinkErrorDetail }
  | { type: 'disconnected' | 'reconnected' }
  /** A request's answer: the effect that asked for it, with its result. */
  | (Extract<Effect, { type: 'read-link' }> & { result: JobLinkResult<{ link: WorkOrderLink | null }> })
  | (Extract<Effect, { type: 'read-jobs' }> & { result: JobLinkResult<LinkableJobsBody> })
  /** With the work order the link request was sent for (`key`, and its id): a link made is final. */
  | (Extract<Effect, { type: 'post-link' }> & {
      key: string;
      workOrderId: string;
      result: JobLinkResult<{ link: WorkOrderLink }>;
    })
  /** Open the list, or search it again, with `query` (the start button, Search, Show all). */
  | { type: 'list'; query: string }
  /** Show more: the list's next page. */
  | { type: 'more' }
  | { type: 'pick'; job: LinkableJob }
  /** The answer to "Is the work complete in XOi?". */
  | { type: 'complete'; yes: boolean }
  | { type: 'confirm' | 'cancel' | 'retry' | 'back' };

/** The requests (answered by the event of the same type), and what else the element must do. */
export type Effect =
  | { type: 'read-link'; request: number }
  /** With `cursor`: the next page of the list shown. */
  | { type: 'read-jobs'; request: number; query: string; cursor?: string }
  | { type: 'post-link'; request: number; jobId: string }
  /** Drop the read in flight (a link request is never aborted: it may already have linked). */
  | { type: 'abort' }
  /** Feed `event` back a task later: the host may add its listener after connecting the element. */
  | { type: 'defer'; event: JobLinkEvent }
  | { type: 'xoi-job-link-linked'; detail: XoiJobLinkDetail }
  | { type: 'xoi-job-link-error'; detail: XoiJobLinkErrorDetail };

/** Where focus goes after the render: a part, the question, or the chosen job's button. */
export type Focus = 'status' | 'start' | 'input' | 'question' | 'job' | 'added' | 'link' | 'retry' | 'back';

export interface Step {
  state: JobLinkMachine;
  effects: Effect[];
  /** Only after something the technician did: never on load. */
  focus?: Focus;
}

export const initial = (key = '', seq = 0): JobLinkMachine => ({
  state: 'idle',
  key,
  seq,
  request: 0,
  busy: 'loadingLink',
  jobs: [],
  truncated: false,
  next: null,
  query: '',
  link: null,
});

const ABORT: Effect = { type: 'abort' };
/** A link that failed with one of these fails again: "Try again" is not offered. */
const FINAL = ['forbidden', 'not-found', 'invalid-request', 'method-not-allowed'];

export function reduce(s: JobLinkMachine, e: JobLinkEvent): Step {
  const { state } = s;
  switch (e.type) {
    case 'configured':
      return configured(s, e.key, e.problem);
    case 'refused':
      return e.request == s.request ? fail(s, e.error, undefined, false, false) : none(s);
    case 'disconnected':
      // A page being added is dropped (Show more stays); the read in flight is dropped and made again
      // on reconnection; a link request is left to finish.
      if (s.more) return { state: { ...s, more: false, request: 0 }, effects: [ABORT] };
      return state == 'loading' && !s.dropped
        ? { state: { ...s, request: 0, dropped: s.busy == 'loadingJobs' ? 'jobs' : 'link' }, effects: [ABORT] }
        : none(s);
    case 'reconnected':
      return s.dropped == 'jobs' ? list(s, s.query) : s.dropped ? load(s, false) : none(s);
    case 'read-link':
      if (e.request != s.request) return none(s);
      if (!e.result.ok) return fail(s, e.result.error, 'load', false, s.asked);
      if (e.result.value.link) return linked(s, e.result.value.link, true, s.asked, s.asked);
      return go(s, 'ready', s.asked ? 'start' : undefined);
    case 'read-jobs': {
      if (e.request != s.request) return none(s);
      if (e.cursor) return page(s, e.result);
      if (!e.result.ok) return fail(s, e.result.error, 'list', false, true);
      const { jobs, truncated, hasMore, nextCursor } = e.result.value;
      const next = hasMore ? nextCursor : null;
      return go(
        say(
          { ...s, jobs, truncated, next, added: undefined, chosen: undefined },
          { what: 'count', jobs: jobs.length, query: s.query, more: next !== null },
        ),
        'choosing',
        'input',
      );
    }
    case 'list':
      return state == 'ready' || state == 'choosing' ? list(s, e.query) : none(s);
    case 'more':
      return state == 'choosing' && s.next && !s.more ? more(s, s.next) : none(s);
    case 'pick':
      return state == 'choosing'
        ? {
            ...go(stopMore({ ...s, chosen: e.job, notice: undefined }), 'confirming-complete', 'question'),
            effects: s.more ? [ABORT] : [],
          }
        : none(s);
    case 'complete':
      if (state != 'confirming-complete') return none(s);
      return e.yes
        ? go(s, 'confirming-link', 'question')
        : go(say({ ...s, notice: 'notComplete' }, { what: 'notComplete' }), 'choosing', 'job');
    case 'cancel':
      return state == 'choosing'
        ? { ...go(stopMore(s), 'ready', 'start'), effects: s.more ? [ABORT] : [] }
        : state == 'confirming-link'
          ? go(s, 'choosing', 'job')
          : none(s);
    case 'confirm':
      return state == 'confirming-link' ? post(s) : none(s);
    case 'retry': {
      const retry = state == 'error' && s.failure?.retry;
      return retry == 'link' ? post(s) : retry == 'list' ? list(s, s.query) : retry ? load(s, true) : none(s);
    }
    case 'back':
      return state == 'error' && s.failure?.back ? list(s, s.query) : none(s);
    default:
      return posted(s, e);
  }
}

/** Forgets everything; with a key, reads its link (or, when the configuration is wrong, says so). */
function configured(s: JobLinkMachine, key: string, problem?: XoiJobLinkErrorDetail): Step {
  const fresh = initial(key, s.seq);
  if (!key) return { state: fresh, effects: [ABORT] };
  if (!problem) return load(fresh, false);
  const request = s.seq + 1;
  return {
    state: { ...fresh, seq: request, request },
    effects: [ABORT, { type: 'defer', event: { type: 'refused', request, error: problem } }],
  };
}

/** Starts a request, replacing any other: the read in flight is dropped. */
function begin(
  s: JobLinkMachine,
  busy: JobLinkMachine['busy'],
  asked: boolean,
  effect: (request: number) => Effect,
): Step {
  const request = s.seq + 1;
  return {
    state: {
      ...s,
      state: busy == 'linking' ? 'linking' : 'loading',
      busy,
      asked,
      seq: request,
      request,
      dropped: undefined,
      notice: undefined,
    },
    effects: [ABORT, effect(request)],
    focus: asked ? 'status' : undefined,
  };
}

const load = (s: JobLinkMachine, asked: boolean): Step =>
  begin(s, 'loadingLink', asked, (request) => ({ type: 'read-link', request }));

function list(s: JobLinkMachine, query: string): Step {
  query = query.trim();
  return begin({ ...s, query, more: false }, 'loadingJobs', true, (request) => ({ type: 'read-jobs', request, query }));
}

/** Reads the list's next page; the list stays on screen and in `choosing`. */
function more(s: JobLinkMachine, cursor: string): Step {
  const request = s.seq + 1;
  return {
    state: { ...s, seq: request, request, more: true, notice: undefined },
    effects: [ABORT, { type: 'read-jobs', request, query: s.query, cursor }],
  };
}

const stopMore = (s: JobLinkMachine): JobLinkMachine => (s.more ? { ...s, more: false, request: 0 } : s);

/** A page's answer: appended (a job already shown is not shown twice), or the list kept with `moreFailed`. */
function page(s: JobLinkMachine, result: JobLinkResult<LinkableJobsBody>): Step {
  const done = { ...s, more: false, request: 0 };
  if (!result.ok) {
    return {
      state: say({ ...done, notice: 'moreFailed' }, { what: 'moreFailed' }),
      effects: [{ type: 'xoi-job-link-error', detail: result.error }],
    };
  }
  const shown = new Set(s.jobs.map((job) => job.id));
  const added = result.value.jobs.filter((job) => !shown.has(job.id));
  const next = result.value.hasMore ? result.value.nextCursor : null;
  const jobs = [...s.jobs, ...added];
  return {
    state: say(
      { ...done, jobs, next, truncated: result.value.truncated, added: added[0]?.id },
      { what: 'count', jobs: jobs.length, query: s.query, more: next !== null },
    ),
    effects: [],
    focus: added.length ? 'added' : undefined,
  };
}

const post = (s: JobLinkMachine): Step =>
  s.chosen ? begin(s, 'linking', true, (request) => ({ type: 'post-link', request, jobId: s.chosen!.id })) : none(s);

/** The link request's answer: current, or stale but final all the same when it made a link. */
function posted(s: JobLinkMachine, e: Extract<JobLinkEvent, { type: 'post-link' }>): Step {
  const { result } = e;
  const current = e.request == s.request;
  if (!current) {
    // Replaced meanwhile (reload(), another work-order). A failure linked nothing: the newer read
    // says what there is.
    const made = result.ok ? result.value.link : result.link;
    if (!made || made.workOrderId != e.workOrderId) return none(s);
    // Another work order is shown: the host hears of the link, the element says nothing of it.
    if (e.key != s.key)
      return { state: s, effects: [{ type: 'xoi-job-link-linked', detail: { ...made, existing: !result.ok } }] };
    // The same work order: its link wins over whatever read is out.
    s = { ...s, request: 0, dropped: undefined, notice: undefined };
  }
  const step = result.ok
    ? linked(s, result.value.link, false, current, true)
    : result.error.code == 'already-linked'
      ? alreadyLinked(s, e, result.error, result.reason, result.link, current)
      : fail(s, result.error, FINAL.includes(result.error.code) ? undefined : 'link', true, true);
  if (!current) step.effects.unshift(ABORT);
  return step;
}

/**
 * A 409: this work order has its link (final: shown, and said when it is not the job chosen), or
 * the job went to another work order, or another request is still linking.
 */
function alreadyLinked(
  s: JobLinkMachine,
  e: { workOrderId: string; jobId: string },
  error: XoiJobLinkErrorDetail,
  reason: AlreadyLinkedReason | undefined,
  link: WorkOrderLink | null | undefined,
  focus: boolean,
): Step {
  if (reason == 'work-order-linked' && link?.workOrderId == e.workOrderId)
    return linked(link.jobId == e.jobId ? s : { ...s, notice: 'raced' }, link, true, focus, true);
  return reason == 'job-taken'
    ? fail(s, error, undefined, true, true, 'jobTaken')
    : fail(s, error, 'load', false, true, 'inProgress');
}

/**
 * Shows the link and tells the host. Only what the technician did is announced: a board of
 * linked work orders must not read each one out on load.
 */
function linked(s: JobLinkMachine, link: WorkOrderLink, existing: boolean, focus?: boolean, announce?: boolean): Step {
  const next = { ...s, link, failure: undefined };
  return {
    ...go(
      announce ? say(next, { what: 'linked', label: link.label || link.jobId }) : next,
      'linked',
      focus ? 'link' : undefined,
    ),
    effects: [{ type: 'xoi-job-link-linked', detail: { ...link, existing } }],
  };
}

function fail(
  s: JobLinkMachine,
  detail: XoiJobLinkErrorDetail,
  retry: Failure['retry'],
  back: boolean,
  focus?: boolean,
  text: Failure['text'] = detail.code,
): Step {
  return {
    ...go(
      { ...s, failure: { detail, text, retry, back } },
      'error',
      focus ? (retry ? 'retry' : back ? 'back' : undefined) : undefined,
    ),
    effects: [{ type: 'xoi-job-link-error', detail }],
  };
}

const go = (s: JobLinkMachine, state: XoiJobLinkState, focus?: Focus): Step => ({
  state: { ...s, state },
  effects: [],
  focus,
});

const say = (s: JobLinkMachine, said: Said): JobLinkMachine => ({ ...s, said, echo: !s.echo });

const none = (s: JobLinkMachine): Step => ({ state: s, effects: [] });
