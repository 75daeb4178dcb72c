/**
 * The XOi token: fetched with the partner's API key/secret, cached for its documented lifetime
 * (60 min) and refreshed a margin before it runs out, so a call never carries a token that dies
 * in flight. One fetch at a time ("single flight"): a burst of calls at start-up or at expiry
 * makes one token request, and all of them wait on it. XOi keeps older tokens valid when a new
 * one is issued, so a call still using the previous token is not harmed by a refresh.
 */
import { XoiError } from './errors.js';
import { backoffDelay, type RetryOptions } from './retry.js';
import { discard, fetchWithTimeout, reasonOf, retryAfterMs, type XoiRuntime } from './runtime.js';

export interface TokenCacheOptions {
  tokenUrl: string;
  apiKey: string;
  apiSecret: string;
  /** `json`: POST `{api_key, api_secret}` (documented form A); `basic`: GET with HTTP Basic (form B). */
  method: 'json' | 'basic';
  lifetimeMs: number;
  refreshMarginMs: number;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  runtime: XoiRuntime;
}

export class TokenCache {
  readonly #options: TokenCacheOptions;
  #current: { token: string; expiresAt: number } | null = null;
  #pending: Promise<string> | null = null;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  /**
   * A token valid for at least the refresh margin: inside the margin, a fresh one. If that
   * refresh fails while the current token has not yet run out, the current token is used: an
   * outage of the token endpoint must not fail calls a still-valid token can make.
   */
  get(): Promise<string> {
    const { runtime, refreshMarginMs } = this.#options;
    const current = this.#current;
    if (current && runtime.now() < current.expiresAt - refreshMarginMs) return Promise.resolve(current.token);
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = null;
    });
    if (!current) return this.#pending;
    return this.#pending.catch((error: unknown) => {
      if (this.#current === current && runtime.now() < current.expiresAt) return current.token;
      throw error;
    });
  }

  /** XOi refused `token` (HTTP 401): forget it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = null;
  }

  async #fetch(): Promise<string> {
    const { tokenUrl, apiKey, apiSecret, method, retry, runtime, timeoutMs, lifetimeMs } = this.#options;
    const init: RequestInit =
      method === 'basic'
        ? {
            method: 'GET',
            headers: {
              accept: 'application/json',
              authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`, 'utf8').toString('base64')}`,
            },
          }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ api_key: apiKey, api_secret: apiSecret }),
          };
    let reason = '';
    let status: number | undefined;
    let wait = 0;
    // The last attempt's Retry-After, uncapped: the error carries it for whoever tries again later.
    let asked = 0;
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (attempt > 1) await runtime.sleep(Math.max(backoffDelay(attempt - 1, retry, runtime.random()), wait));
      wait = 0;
      asked = 0;
      const started = runtime.now();
      let response: Response;
      try {
        response = await fetchWithTimeout(runtime, tokenUrl, init, timeoutMs);
      } catch (error) {
        reason = reasonOf(error);
        continue;
      }
      status = response.status;
      if (status === 400 || status === 401 || status === 403) {
        const message = await response
          .json()
          .then((b: unknown) => (b && typeof b === 'object' && 'message' in b ? String(b.message).slice(0, 200) : ''))
          .catch(() => '');
        throw new XoiError(
          'auth',
          `XOi refused the API key/secret (HTTP ${status}${message ? `: ${message}` : ''}) at ${tokenUrl}.`,
          { operation: 'token', status, attempts: attempt },
        );
      }
      if (!response.ok) {
        reason = `HTTP ${status}`;
        asked = retryAfterMs(response);
        wait = Math.min(asked, retry.maxDelayMs);
        await discard(response);
        if (status === 429 || status >= 500) continue;
        throw new XoiError('rejected', `XOi's token endpoint answered HTTP ${status} at ${tokenUrl}.`, {
          operation: 'token',
          status,
          attempts: attempt,
        });
      }
      const body: unknown = await response.json().catch(() => null);
      const token = body && typeof body === 'object' && 'token' in body ? body.token : undefined;
      if (typeof token !== 'string' || !token.trim()) {
        reason = 'the answer had no token';
        continue;
      }
      // Counted from before the request: the token's clock started when XOi issued it.
      this.#current = { token: token.trim(), expiresAt: started + lifetimeMs };
      return this.#current.token;
    }
    throw new XoiError('unavailable', `Could not get an XOi token after ${retry.attempts} attempts: ${reason}.`, {
      operation: 'token',
      status,
      attempts: retry.attempts,
      retryAfterMs: asked,
    });
  }
}
