/**
 * What the client needs from the outside world, injectable so tests run with a fake clock, no
 * real back-off waits and a deterministic jitter.
 */

export interface XoiRuntime {
  /** Defaults to the global `fetch`. */
  fetch: typeof fetch;
  /** Milliseconds since the epoch. Defaults to `Date.now`. */
  now: () => number;
  /** Waits between attempts. Defaults to a `setTimeout` promise. */
  sleep: (ms: number) => Promise<void>;
  /** [0, 1): the jitter. Defaults to `Math.random`. */
  random: () => number;
}

export const defaultRuntime = (): XoiRuntime => ({
  fetch: (input, init) => globalThis.fetch(input, init),
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
});

/** `fetch` that gives up after `timeoutMs` (XOi's own integrations use 30 s). */
export function fetchWithTimeout(
  runtime: XoiRuntime,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  return runtime.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Reads and drops a body we will not use, so the connection goes back to the pool. */
export async function discard(response: Response): Promise<void> {
  try {
    await response.arrayBuffer();
  } catch {
    // A body that fails to arrive changes nothing about what we do next.
  }
}

/** Seconds from a `Retry-After` header (the date form is ignored), in ms; 0 when absent. */
export function retryAfterMs(response: Response): number {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value * 1000 : 0;
}

/** A short, single-line reason for messages: never a whole body, never a credential. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name === 'TimeoutError' ? 'timed out' : error.message}${cause}`.slice(0, 200);
  }
  return String(error).slice(0, 200);
}
