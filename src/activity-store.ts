/**
 * Remembers one XOi activity per partner + work order, so the shareId stays the same across
 * reloads, round trips to XOi and tabs ("The generated Share Id should be immutable for
 * subsequent requests for the same activity").
 *
 * Every entry is kept in memory too: when Web Storage is missing, throws (private mode,
 * sandboxed iframe, quota) or holds garbage, the page keeps working from memory and the fault
 * is reported once to the caller. Nothing here throws.
 */

import { toWellFormed } from './share.js';

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

type Listener = (activity: Activity | undefined) => void;

const memory = new Map<string, Activity>();
const listeners = new Map<string, Set<Listener>>();
const pruned = new Set<StorageKind>();
let windowListening = false;

export function activityKey(partnerId: string, serviceTicket: string): string {
  return `${PREFIX}${encodeURIComponent(toWellFormed(partnerId))}:${encodeURIComponent(toWellFormed(serviceTicket))}`;
}

function isActivity(value: unknown): value is Activity {
  const a = value as Activity;
  return (
    !!a &&
    // A shareId the element would refuse is not ours: another script's, or tampered with.
    typeof a.shareId === 'string' &&
    /^[\w-]{16,64}$/.test(a.shareId) &&
    typeof a.shareLink === 'string' &&
    typeof a.updatedAt === 'number' &&
    (a.state === 'idle' || a.state === 'pending' || a.state === 'linked')
  );
}

function area(kind: StorageKind): Storage | null {
  // Reading `localStorage` itself throws in sandboxed iframes and with cookies blocked.
  return kind === 'local' ? window.localStorage : kind === 'session' ? window.sessionStorage : null;
}

function parse(raw: string | null): Activity | undefined | 'corrupt' {
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return isActivity(value) ? value : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

function notify(key: string, activity: Activity | undefined, except?: Listener): void {
  for (const listener of listeners.get(key) ?? []) if (listener !== except) listener(activity);
}

/** Takes an entry another tab wrote (or removed) into memory and tells this page's elements. */
function adopt(key: string, raw: string | null): void {
  const stored = parse(raw);
  if (stored === 'corrupt' || sameActivity(stored, memory.get(key))) return;
  if (stored) memory.set(key, stored);
  else memory.delete(key);
  notify(key, stored);
}

function onStorage(event: StorageEvent): void {
  // key === null is a clear(): keep what this page knows rather than forget linked work.
  if (event.key?.startsWith(PREFIX)) adopt(event.key, event.newValue);
}

/**
 * A page restored from the back/forward cache missed the storage events of its frozen time;
 * only localStorage can have changed (sessionStorage belongs to this tab).
 */
function onPageShow(event: PageTransitionEvent): void {
  if (!event.persisted) return;
  for (const key of listeners.keys()) {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw !== null) adopt(key, raw);
    } catch {
      return;
    }
  }
}

const sameActivity = (a: Activity | undefined, b: Activity | undefined): boolean =>
  a === b || (!!a && !!b && a.shareId === b.shareId && a.state === b.state && a.shareLink === b.shareLink);

/**
 * Reads and writes activities in one storage area, falling back to memory.
 * `onFault` is called (by the caller's choice, once) when the area cannot be used.
 */
export class ActivityStore {
  readonly kind: StorageKind;
  #onFault: () => void;

  constructor(kind: StorageKind, onFault: () => void) {
    this.kind = kind;
    this.#onFault = onFault;
    if (!windowListening) {
      windowListening = true;
      window.addEventListener('storage', onStorage);
      window.addEventListener('pageshow', onPageShow);
    }
    if (!pruned.has(kind)) {
      pruned.add(kind);
      this.#prune();
    }
  }

  read(key: string): Activity | undefined {
    let raw: string | null;
    try {
      raw = area(this.kind)?.getItem(key) ?? null;
    } catch {
      this.#onFault();
      return memory.get(key);
    }
    if (this.kind === 'none') return memory.get(key);
    const stored = parse(raw);
    if (stored === 'corrupt') {
      this.#onFault();
      return memory.get(key);
    }
    // Storage that silently lost the entry (cleared, or a write that failed) must not make us
    // forget an activity this page still knows about.
    if (stored === undefined) return memory.get(key);
    memory.set(key, stored);
    return stored;
  }

  /** Saves `activity` and tells the page's other subscribers of `key` except `self`. */
  write(key: string, activity: Activity, self?: Listener): void {
    memory.set(key, activity);
    try {
      area(this.kind)?.setItem(key, JSON.stringify(activity));
    } catch {
      this.#onFault();
    }
    notify(key, activity, self);
  }

  remove(key: string, self?: Listener): void {
    memory.delete(key);
    try {
      area(this.kind)?.removeItem(key);
    } catch {
      this.#onFault();
    }
    notify(key, undefined, self);
  }

  /** Calls `listener` when another element of this page, or another tab, changes `key`. */
  subscribe(key: string, listener: Listener): () => void {
    let set = listeners.get(key);
    if (!set) listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) listeners.delete(key);
    };
  }

  /** Drops entries older than {@link MAX_AGE_MS}, unreadable ones, and all but the newest {@link MAX_ENTRIES}. */
  #prune(): void {
    try {
      const storage = area(this.kind);
      if (!storage) return;
      const now = Date.now();
      const live: Array<[string, number]> = [];
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i);
        if (!key?.startsWith('xoi-share-button:')) continue;
        const entry = key.startsWith(PREFIX) ? parse(storage.getItem(key)) : 'corrupt';
        if (entry === undefined) continue;
        if (entry === 'corrupt' || now - entry.updatedAt > MAX_AGE_MS) storage.removeItem(key);
        else live.push([key, entry.updatedAt]);
      }
      live.sort((a, b) => b[1] - a[1]);
      for (const [key] of live.slice(MAX_ENTRIES)) storage.removeItem(key);
    } catch {
      // Unusable storage is reported by read/write, where an element can attribute it.
    }
  }
}
