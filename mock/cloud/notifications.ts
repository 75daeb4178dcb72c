/**
 * Change notifications as XOi sends them (docs/xoi-api-notes.md §6): a JSON POST of
 * `{orgId, event, jobId, workflowJobId, traits, firedAt}` to the organisation's one URL, with no
 * signature. The mock sends them in the background after a test helper changes a job;
 * `flush()` waits for the ones in flight.
 */
import type { MockNotificationRecord, NotificationPayload } from './types.js';

export interface NotifierOptions {
  orgId: string;
  /** `short`: job_update / job_delete (default); `past`: job_updated / job_deleted. */
  eventSpelling: 'short' | 'past';
  notifyUrl: string | null;
  now: () => number;
}

const PAST: Readonly<Record<string, string>> = { job_update: 'job_updated', job_delete: 'job_deleted' };

export class Notifier {
  /** Every notification sent, in order (the same array for the mock's life). */
  readonly sent: MockNotificationRecord[] = [];
  readonly #options: NotifierOptions;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(options: NotifierOptions) {
    this.#options = { ...options };
  }

  get url(): string | null {
    return this.#options.notifyUrl;
  }

  set url(url: string | null) {
    this.#options.notifyUrl = url;
  }

  /** The body XOi documents, `firedAt` in its example's format ("2020-03-18 18:49:20", UTC). */
  payload(
    event: string,
    jobId: string,
    { traits = [], workflowJobId = '' }: { traits?: readonly string[]; workflowJobId?: string } = {},
  ): NotificationPayload {
    return {
      orgId: this.#options.orgId,
      event,
      jobId,
      workflowJobId,
      traits: [...traits],
      firedAt: new Date(this.#options.now()).toISOString().slice(0, 19).replace('T', ' '),
    };
  }

  /** POSTs `payload` to `url` as XOi does; resolves to the receiver's status and body (JSON parsed when it is JSON). */
  async notify(url: string, payload: unknown): Promise<{ status: number; body: unknown }> {
    const record: MockNotificationRecord = { url, payload };
    this.sent.push(record);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'xoi-cloud-mock' },
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      record.status = response.status;
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body };
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /** Sends to the notify URL in the background, as XOi would after a change (nothing without a URL). */
  emit(
    event: 'job_update' | 'job_delete',
    jobId: string,
    extra?: { traits?: readonly string[]; workflowJobId?: string },
  ) {
    const url = this.#options.notifyUrl;
    if (!url) return;
    const name = this.#options.eventSpelling === 'past' ? (PAST[event] ?? event) : event;
    const sending = this.notify(url, this.payload(name, jobId, extra)).catch(() => undefined);
    this.#inFlight.add(sending);
    void sending.finally(() => this.#inFlight.delete(sending));
  }

  /** Resolves once every notification in flight has been answered (or failed). */
  flush(): Promise<unknown[]> {
    return Promise.all([...this.#inFlight]);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
