/**
 * The in-process lock of linking: one link at a time per key (work order, job) in this process.
 * A racing request waits for the holder to finish, then runs and sees its result (the winner's
 * link). The store's `reserve()` makes the same rule hold across processes; this lock only spares
 * a racing request a 409 "in progress" when the winner is in the same process.
 */
export type KeyLock = <T>(keys: readonly string[], fn: () => Promise<T>) => Promise<T>;

export function createKeyLock(): KeyLock {
  const held = new Map<string, Promise<void>>();
  return async (keys, fn) => {
    for (;;) {
      const pending = keys.map((k) => held.get(k)).filter((p) => p !== undefined);
      if (pending.length === 0) break;
      await Promise.all(pending);
    }
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    for (const k of keys) held.set(k, mine);
    try {
      return await fn();
    } finally {
      release();
      for (const k of keys) if (held.get(k) === mine) held.delete(k);
    }
  };
}
