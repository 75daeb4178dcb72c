/** Where notification keys are remembered, so a re-delivery is answered but not emitted twice. */
import { integerOption } from '../http.js';

type MaybePromise<T> = T | Promise<T>;

/** Remembers notification keys; `claim` is true the first time a key is seen. */
export interface NotificationDedupeStore {
  claim(key: string): MaybePromise<boolean>;
  /** Forgets a key whose listeners failed, so XOi's re-delivery is handled again. */
  release(key: string): MaybePromise<void>;
}

/** In-memory dedupe: remembers each key for `ttlMs`, the oldest forgotten first beyond `max`. */
export function createMemoryDedupe({
  ttlMs = 24 * 3_600_000,
  max = 10_000,
  now = Date.now,
}: { ttlMs?: number; max?: number; now?: () => number } = {}): NotificationDedupeStore {
  integerOption('createMemoryDedupe', 'ttlMs', ttlMs, 1, Number.MAX_SAFE_INTEGER);
  integerOption('createMemoryDedupe', 'max', max, 1, Number.MAX_SAFE_INTEGER);
  const seen = new Map<string, number>(); // key → expiry, in insertion order
  return {
    claim(key) {
      const t = now();
      for (const [k, expiry] of seen) {
        if (expiry > t && seen.size < max) break;
        seen.delete(k);
      }
      const expiry = seen.get(key);
      if (expiry !== undefined && expiry > t) return false;
      seen.delete(key);
      seen.set(key, t + ttlMs);
      return true;
    },
    release(key) {
      seen.delete(key);
    },
  };
}
