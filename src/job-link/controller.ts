/**
 * Runs `<xoi-job-link>`'s flow (machine.ts) for its element: owns the requests (through api.ts),
 * their aborting and their ids, and feeds every answer back to the machine as an event. Requests
 * start here: when the element connects, when it is told of a new `endpoint` or `work-order`,
 * and when the machine asks. The element gets each step to act on the rest (emit, focus).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchJobs, fetchLink, postLink, routeUrl } from './api.js';
import type { XoiJobLinkErrorDetail } from './events.js';
import { initial, reduce, type Effect, type JobLinkEvent, type Step } from './machine.js';
import { isWorkOrderId } from '../contract/routes.js';
import { toWellFormed } from '../shared/well-formed.js';

/** A configuration: `key` names it for the machine (`''`: incomplete, nothing to read). */
interface Order {
  key: string;
  endpoint: string;
  workOrder: string;
  /** `work-order` as the routes get it: well-formed (a lone surrogate becomes U+FFFD, as in a form). */
  id: string;
}

const NONE: Order = { key: '', endpoint: '', workOrder: '', id: '' };

export class JobLinkController implements ReactiveController {
  flow = initial();
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #run: (step: Step, changed: boolean) => void;
  /** What the host configured last, and what the machine shows (requests are for that one). */
  #wanted = NONE;
  #shown = NONE;
  #reload = false;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost & HTMLElement, run: (step: Step, changed: boolean) => void) {
    this.#host = host;
    this.#run = run;
    host.addController(this);
  }

  /** The element's `endpoint` and `work-order`, whenever either changes. */
  configure(endpoint: string, workOrder: string): void {
    const key = endpoint && workOrder ? `${String(endpoint)}\n${String(workOrder)}` : '';
    this.#wanted = key ? { key, endpoint, workOrder: String(workOrder), id: toWellFormed(String(workOrder)) } : NONE;
    this.#sync();
  }

  /** Reads the work order's link again and starts over (once connected). */
  reload(): void {
    this.#reload = true;
    this.#sync();
  }

  dispatch(event: JobLinkEvent): void {
    const before = this.flow;
    const step = reduce(before, event);
    this.flow = step.state;
    for (const effect of step.effects) this.#do(effect);
    this.#host.requestUpdate();
    this.#run(step, step.state != before);
  }

  hostConnected(): void {
    if (!this.#sync()) this.dispatch({ type: 'reconnected' });
  }

  hostDisconnected(): void {
    this.dispatch({ type: 'disconnected' });
  }

  /** Shows what the host configured, if it is not shown yet (or `reload()` asked); nothing while disconnected. */
  #sync(): boolean {
    const order = this.#wanted;
    if (!this.#host.isConnected || (!this.#reload && order.key == this.#shown.key)) return false;
    this.#reload = false;
    this.#shown = order;
    this.dispatch({ type: 'configured', key: order.key, problem: order.key ? this.#problem() : undefined });
    return true;
  }

  #problem(): XoiJobLinkErrorDetail | undefined {
    const { endpoint, id } = this.#shown;
    if (!this.#url('link'))
      return {
        code: 'invalid-endpoint',
        message: `endpoint ${JSON.stringify(endpoint)} is not an http(s) URL without query or fragment.`,
        status: 0,
      };
    if (!isWorkOrderId(id))
      return {
        code: 'invalid-work-order',
        message: `work-order ${JSON.stringify(id)} is not a work order id the routes take: not blank, at most 256 characters, not "." or "..".`,
        status: 0,
      };
  }

  #url(route: 'jobs' | 'link', label?: string, cursor?: string): URL | null {
    const { endpoint, workOrder } = this.#shown;
    return routeUrl(String(endpoint), workOrder, route, this.#host.ownerDocument.baseURI, label, cursor);
  }

  #do(effect: Effect): void {
    switch (effect.type) {
      case 'abort':
        this.#abort?.abort();
        this.#abort = undefined;
        break;
      case 'defer':
        setTimeout(() => this.dispatch(effect.event));
        break;
      // api.ts never throws: every outcome is a result, answered as the event of the effect's type.
      case 'read-link':
        void fetchLink(this.#url('link')!, this.#signal()).then((result) => this.dispatch({ ...effect, result }));
        break;
      case 'read-jobs':
        void fetchJobs(this.#url('jobs', effect.query, effect.cursor)!, this.#signal()).then((result) =>
          this.dispatch({ ...effect, result }),
        );
        break;
      case 'post-link': {
        // Which work order it is for: its answer is final even if the element shows another by then.
        const { key, id } = this.#shown;
        void postLink(this.#url('link')!, effect.jobId).then((result) =>
          this.dispatch({ ...effect, key, workOrderId: id, result }),
        );
      }
    }
  }

  #signal(): AbortSignal {
    return (this.#abort = new AbortController()).signal;
  }
}
