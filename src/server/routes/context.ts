/**
 * What every route step shares: the checked options, the client, the store, and the two ways a
 * step meets the outside (a host callback, an XOi call) turned into answers, with their causes
 * reported to `onError`.
 */
import type { XoiLinkStore } from '../stores/link-store.js';
import { fail, xoiFailure } from './failures.js';
import type { MaybePromise, RouteConfig, XoiRoutesClient } from './options.js';

export interface RouteContext {
  config: RouteConfig;
  client: XoiRoutesClient;
  store: XoiLinkStore;
  /** Tells `onError`; a failing logger never changes the answer. */
  report(error: unknown, request: Request, status: number): void;
  /** A host callback (session, work order, store), its exception turned into a 500: the host's bug. */
  host<T>(request: Request, what: string, fn: () => MaybePromise<T>): Promise<T>;
  /** An XOi call, its XoiError turned into the browser's answer (see failures.ts). */
  xoi<T>(request: Request, what: string, fn: () => Promise<T>): Promise<T>;
}

export function routeContext(config: RouteConfig, client: XoiRoutesClient, store: XoiLinkStore): RouteContext {
  const report = (error: unknown, request: Request, status: number) => {
    try {
      config.onError?.(error, { request, status });
    } catch {
      // A failing logger must not turn an answer into an exception.
    }
  };
  return {
    config,
    client,
    store,
    report,
    async host(request, what, fn) {
      try {
        return await fn();
      } catch (error) {
        report(error, request, 500);
        throw fail('internal', `The server could not ${what}.`);
      }
    },
    async xoi(request, what, fn) {
      try {
        return await fn();
      } catch (error) {
        throw xoiFailure(error, what, (cause, status) => {
          report(cause, request, status);
        });
      }
    },
  };
}
