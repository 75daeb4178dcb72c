/**
 * Remembers one XOi activity per partner + work order, so the shareId stays the same across
 * reloads, round trips to XOi and tabs ("The generated Share Id should be immutable for
 * subsequent requests for the same activity").
 *
 * One store per storage kind, shared by every element of the page. Its memory map is the
 * page's truth: Web Storage is where that truth is persisted and how other tabs learn of it
 * (their `storage` events are adopted into memory as they arrive). So when Web Storage is
 * missing, throws (private mode, sandboxed iframe, quota) or holds garbage, the page keeps
 * working from memory and the caller's `onFault` is told. Nothing here throws.
 */
import { toWellFormed } from '../shared/well-formed.js';
import { SHARE_ID } from './share.js';

export type StorageKind = 'local' | 'session' | 'none';

export type ActivityState = 'idle' | 'pending' | 'linked';

export interface Activity {
  shareId: string;
  state: ActivityState;
  /** The confirmed public link; empty until linked. */
  shareLink: string;
  /** Epoch ms of the last change; entries unchanged for {@link MAX_AGE_MS} are pruned. */
  updatedAt: number;
}

/** Bump when the stored shape changes; older entries are then ignored and pruned. */
const PREFIX = 'xoi-share-button:v1:';
export const MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
/** The most entries kept per storage area; the least recently updated go first. */
export const MAX_ENTRIES = 500;

export type ActivityListener = (activity: Activity | undefined) => void;

export const isStorageKind = (value: unknown): value is StorageKind =>
  value === 'local' || value === 'session' || value === 'none';

export const activityKey = (partnerId: string, serviceTicket: string): string =>
  `${PREFIX}${encodeURIComponent(toWellFormed(partnerId))}:${encodeURIComponent(toWellFormed(serviceTicket))}`;

/** The stored text as an activity; `null` when it is not one of ours (another script's, an old version, tampered). */
function parse(raw: string): Activity | null {
  try {
    const a = JSON.parse(raw) as Activity;
    return a &&
      typeof a.shareId == 'string' &&
      // A shareId the element would refuse is not ours.
      SHARE_ID.test(a.shareId) &&
      typeof a.shareLink == 'string' &&
      typeof a.updatedAt == 'number' &&
      (a.state == 'idle' || a.state == 'pending' || a.state == 'linked')
      ? a
      : null;
  } catch {
    return null;
  }
}

const same = (a: Activity | undefined, b: Activity | undefined): boolean =>
  a === b || (!!a && !!b && a.shareId == b.shareId && a.state == b.state && a.shareLink == b.shareLink);

class ActivityStore {
  readonly #kind: StorageKind;
  readonly #memory = new Map<string, Activity>();
  readonly #listeners = new Map<string, Set<ActivityListener>>();

  constructor(kind: StorageKind) {
    this.#kind = kind;
    this.#prune();
  }

  /** Reading `localStorage` itself throws in sandboxed iframes and with cookies blocked. */
  #area(): Storage | null {
    return this.#kind == 'local' ? localStorage : this.#kind == 'session' ? sessionStorage : null;
  }

  /** The work order's activity: what the page knows, else what storage holds. */
  read(key: string, onFault: () => void): Activity | undefined {
    let activity = this.#memory.get(key);
    if (activity) return activity;
    try {
      const raw = this.#area()?.getItem(key);
      if (raw == null) return;
      activity = parse(raw) ?? undefined;
    } catch {
      // handled below, like garbage
    }
    if (!activity) {
      onFault();
      return;
    }
    this.#memory.set(key, activity);
    return activity;
  }

  /**
   * Takes `activity` as the work order's. An idle one stays in memory only: a board of 1,000
   * orders that nobody opened writes nothing, and pruning never evicts real work for it.
   */
  write(key: string, activity: Activity, onFault: () => void, self?: ActivityListener): void {
    this.#memory.set(key, activity);
    if (activity.state != 'idle') this.#persist(onFault, (area) => area.setItem(key, JSON.stringify(activity)));
    this.#notify(key, activity, self);
  }

  remove(key: string, onFault: () => void, self?: ActivityListener): void {
    this.#memory.delete(key);
    this.#persist(onFault, (area) => area.removeItem(key));
    this.#notify(key, undefined, self);
  }

  /** Calls `listener` when another element of this page, or another tab, changes `key`. */
  subscribe(key: string, listener: ActivityListener): () => void {
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.#listeners.delete(key);
    };
  }

  /** Another tab wrote (or removed) `key`: take it into memory and tell this page's elements. */
  adopt(key: string, raw: string | null): void {
    const stored = raw == null ? undefined : parse(raw);
    if (stored === null || same(stored, this.#memory.get(key))) return;
    if (stored) this.#memory.set(key, stored);
    else this.#memory.delete(key);
    this.#notify(key, stored);
  }

  /**
   * Takes what storage holds for `key` if it moved on without telling this page: the page was
   * in the back/forward cache, or an element was detached while other code wrote it.
   */
  refresh(key: string): void {
    try {
      const raw = this.#area()?.getItem(key);
      if (raw != null) this.adopt(key, raw);
    } catch {
      // reported by read/write
    }
  }

  /** A page back from the back/forward cache missed the storage events of its frozen time. */
  catchUp(): void {
    for (const key of this.#listeners.keys()) this.refresh(key);
  }

  #persist(onFault: () => void, change: (area: Storage) => void): void {
    try {
      const area = this.#area();
      if (area) change(area);
    } catch {
      onFault();
    }
  }

  #notify(key: string, activity: Activity | undefined, except?: ActivityListener): void {
    for (const listener of this.#listeners.get(key) ?? []) if (listener != except) listener(activity);
  }

  /** Drops entries older than {@link MAX_AGE_MS}, unreadable ones, and all but the newest {@link MAX_ENTRIES}. */
  #prune(): void {
    try {
      const area = this.#area();
      if (!area) return;
      const now = Date.now();
      const live: Array<[string, number]> = [];
      for (let i = area.length; i--;) {
        const key = area.key(i)!;
        if (!key.startsWith('xoi-share-button:')) continue;
        const entry = key.startsWith(PREFIX) ? parse(area.getItem(key)!) : null;
        if (!entry || now - entry.updatedAt > MAX_AGE_MS) area.removeItem(key);
        else live.push([key, entry.updatedAt]);
      }
      live.sort((a, b) => b[1] - a[1]);
      for (const [key] of live.slice(MAX_ENTRIES)) area.removeItem(key);
    } catch {
      // Unusable storage is reported by read/write, where an element can attribute it.
    }
  }
}

export type { ActivityStore };

const stores = new Map<StorageKind, ActivityStore>();

/** The page's store for `kind`, made (and pruned) on first use. */
export function storeFor(kind: StorageKind): ActivityStore {
  let store = stores.get(kind);
  if (!store) {
    if (!stores.size) {
      addEventListener('storage', (event) => {
        // key null is a clear(): keep what this page knows rather than forget linked work.
        if (!event.key?.startsWith(PREFIX)) return;
        try {
          stores.get(event.storageArea == localStorage ? 'local' : 'session')?.adopt(event.key, event.newValue);
        } catch {
          // storage that cannot be read sends no events worth adopting
        }
      });
      // sessionStorage belongs to this tab: only localStorage can have changed meanwhile.
      addEventListener('pageshow', (event) => event.persisted && stores.get('local')?.catchUp());
    }
    stores.set(kind, (store = new ActivityStore(kind)));
  }
  return store;
}
