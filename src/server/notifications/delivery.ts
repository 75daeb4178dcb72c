/**
 * Durable delivery of change notifications: the handler answers 2xx once the notification is
 * recorded and its event queued, in one transaction; the listeners then run as queue jobs on any
 * instance, retried with back-off while they fail (XOi down, the FSM's database busy), and
 * dead-lettered (visible on the status page) when they still fail. XOi never needs to re-deliver,
 * a crash loses nothing, and a re-delivery, to this instance or another, is recorded once.
 */
import type { XoiQueue } from '../queue/queue.js';
import type { NotificationInbox } from '../stores/notification-inbox.js';

/** The queue the listeners run from. */
export const NOTIFICATION_QUEUE = 'xoi-notification';

export interface NotificationDeliveryOptions<E> {
  inbox: NotificationInbox;
  queue: XoiQueue;
  /** Runs every listener of the event; throws when one failed (the job is then retried). */
  dispatch: (event: E) => Promise<void>;
  /** Retries of a failing listener job. Default 10 (about 40 minutes of back-off). */
  retryLimit?: number;
  /** The first retry's delay, doubled each time. Default 5 s. */
  retryDelaySeconds?: number;
  /** Listener jobs at once in this instance. Default 4. */
  concurrency?: number;
  /** A listener job running longer is taken for dead (its instance crashed) and retried. Default 300 s. */
  expireInSeconds?: number;
}

export interface NotificationDelivery<E> {
  /** Resolves once this instance works the queue; rejects with why it could not. */
  readonly ready: Promise<void>;
  /** Records and queues; `'duplicate'` when the key was recorded before (here or on another instance). */
  accept(key: string | null, event: E & { type: string; jobId: string }): Promise<'accepted' | 'duplicate'>;
}

export function notificationDelivery<E>(options: NotificationDeliveryOptions<E>): NotificationDelivery<E> {
  const { inbox, queue, dispatch } = options;
  const ready = queue.work<E>({
    name: NOTIFICATION_QUEUE,
    handler: (event) => dispatch(event),
    retryLimit: options.retryLimit ?? 10,
    retryDelaySeconds: options.retryDelaySeconds ?? 5,
    concurrency: options.concurrency ?? 4,
    expireInSeconds: options.expireInSeconds ?? 300,
  });
  // Reported through `ready` and every accept(); never an unhandled rejection in the host.
  ready.catch(() => {});
  return {
    ready,
    async accept(key, event) {
      await ready;
      const outcome = await inbox.accept({ key, type: event.type, jobId: event.jobId, event }, (tx) =>
        queue.send(NOTIFICATION_QUEUE, event, tx ? { tx } : {}),
      );
      // Committed now: this instance's workers take it at once instead of at their next poll.
      if (outcome === 'accepted') queue.wake(NOTIFICATION_QUEUE);
      return outcome;
    },
  };
}
