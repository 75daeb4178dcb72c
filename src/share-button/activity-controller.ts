/**
 * Connects an element to its work order's activity: finds it in the page's store when the work
 * order changes (and only then), follows it while the element is connected, and saves what the
 * state machine says to save. The element gets each step to act on the rest (open, emit, focus).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initial, reduce, type MachineEvent, type Step } from './activity-machine.js';
import { activityKey, storeFor, type Activity, type ActivityStore, type StorageKind } from './activity-store.js';
import { createShareId } from './share.js';

/** Which activity: the storage kind, the work order, and the share id the host chose (if any). */
export interface WorkOrder {
  storage: StorageKind;
  partnerId?: string;
  serviceTicket?: string;
  shareId?: string;
}

export class ActivityController implements ReactiveController {
  state = initial({ shareId: '', state: 'idle', shareLink: '', updatedAt: 0 });
  readonly #host: ReactiveControllerHost & Element;
  readonly #run: (step: Step) => void;
  readonly #onFault: () => void;
  #store?: ActivityStore;
  #key = '';
  #hostId?: string;
  #unsubscribe?: () => void;
  /** What `peek()` offered for a work order not followed yet: reads agree, and `use()` takes it. */
  #peeked?: { store: ActivityStore; key: string; activity: Activity };

  constructor(host: ReactiveControllerHost & Element, run: (step: Step) => void, onFault: () => void) {
    this.#host = host;
    this.#run = run;
    this.#onFault = onFault;
    host.addController(this);
  }

  /** Points at `order`'s activity; nothing happens unless the work order changed. */
  use(order: WorkOrder): void {
    const [store, key, current] = this.#where(order);
    if (current) return;
    this.#unfollow();
    this.#store = store;
    this.#key = key;
    this.#hostId = order.shareId;
    this.#follow();
    this.dispatch({ type: 'switched', activity: this.#resolve() });
    this.#peeked = undefined;
  }

  /**
   * The share id `order` would use, without switching to it or writing anything: a getter read
   * before the element's update. Read twice, it gives the same id, and `use()` keeps it.
   */
  peek(order: WorkOrder): string {
    const [store, key, current] = this.#where(order);
    if (current) return this.state.activity.shareId;
    const found = key ? store.read(key, this.#onFault) : undefined;
    if (ours(found, order.shareId)) return found.shareId;
    if (order.shareId) return order.shareId;
    const peeked = this.#peeked;
    if (peeked?.store != store || peeked.key != key) this.#peeked = { store, key, activity: fresh() };
    return this.#peeked!.activity.shareId;
  }

  /** A new activity for the work order: the host's share id, else a generated one. */
  fresh(): Activity {
    return fresh(this.#hostId);
  }

  dispatch(event: MachineEvent): void {
    // Where the activity lives, even if a listener of the step switches the element elsewhere.
    const store = this.#store!;
    const key = this.#key;
    const step = reduce(this.state, event);
    this.state = step.state;
    for (const effect of key ? step.effects : []) {
      if (effect == 'save') store.write(key, step.state.activity, this.#onFault, this.#onChange);
      if (effect == 'remove') {
        store.remove(key, this.#onFault, this.#onChange);
        // The new activity is the page's, unless another element of this work order made one first.
        if (!store.read(key, this.#onFault)) store.write(key, this.state.activity, this.#onFault, this.#onChange);
      }
    }
    this.#host.requestUpdate();
    this.#run(step);
  }

  hostConnected(): void {
    // Moved or re-added: what storage learned meanwhile wins.
    if (!this.#store) return;
    this.#follow();
    if (this.#key) this.#store.refresh(this.#key);
    const activity = this.#resolve();
    if (activity != this.state.activity) this.dispatch({ type: 'stored', activity });
  }

  hostDisconnected(): void {
    this.#unfollow();
  }

  /** `order`'s store and key, and whether that is the activity this controller already follows. */
  #where(order: WorkOrder): [ActivityStore, string, boolean] {
    const { partnerId, serviceTicket } = order;
    const store = storeFor(order.storage);
    const key = partnerId && serviceTicket ? activityKey(partnerId, serviceTicket) : '';
    return [store, key, store == this.#store && key == this.#key && order.shareId == this.#hostId];
  }

  #unfollow(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #follow(): void {
    if (this.#key && this.#host.isConnected) this.#unsubscribe ??= this.#store!.subscribe(this.#key, this.#onChange);
  }

  /**
   * The followed work order's activity; else a new idle one (the one `peek()` offered, if any).
   * A generated one is kept in the page's memory (not in Web Storage: nothing was opened), so
   * every element of the work order, and this one after a move, shares its share id.
   */
  #resolve(): Activity {
    const store = this.#store!;
    const key = this.#key;
    const found = key ? store.read(key, this.#onFault) : undefined;
    if (ours(found, this.#hostId)) return found;
    const peeked = this.#peeked;
    const activity =
      this.#hostId || peeked?.store != store || peeked.key != key ? fresh(this.#hostId) : peeked.activity;
    // Not over another activity the host's share id set aside: that one stays the work order's.
    if (key && !found) store.write(key, activity, this.#onFault);
    return activity;
  }

  #onChange = (activity: Activity | undefined): void => {
    // Another activity than the host's chosen one is not this element's.
    if (!activity || !this.#hostId || activity.shareId == this.#hostId)
      this.dispatch({ type: 'stored', activity: activity ?? this.#resolve() });
  };
}

const fresh = (hostId?: string): Activity => ({
  shareId: hostId ?? createShareId(),
  state: 'idle',
  shareLink: '',
  updatedAt: Date.now(),
});

/** A stored activity is the element's unless the host chose another share id. */
const ours = (found: Activity | undefined, hostId: string | undefined): found is Activity =>
  !!found && (!hostId || found.shareId == hostId);
