/**
 * Injected faults: a queue the endpoints take from, one hit at a time. What each type does is
 * documented on {@link MockFault}; this file only validates, queues and hands them out.
 */
import { HttpError } from '../http.js';
import type { MockFault, MockFaultType, MockService } from './types.js';

export const FAULT_TYPES: readonly MockFaultType[] = [
  'http',
  'network',
  'slow',
  'graphql-error',
  'empty-share-link',
  'null-job-share',
  'lost-response',
];
const SERVICES: readonly (MockService | 'any')[] = ['token', 'jobs', 'share', 'users', 'any'];

/** A queued fault: `times` left and `service` filled in. */
export type QueuedFault = MockFault & { times: number; service: MockService | 'any' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `spec` as a fault, or a 400 {@link HttpError} naming the field at fault (the spec may have come
 * over HTTP: `POST /__xoi-cloud/faults`).
 */
export function checkFault(spec: unknown): QueuedFault {
  const bad = (message: string) => new HttpError(400, message);
  if (!isObject(spec) || !FAULT_TYPES.includes(spec.type as MockFaultType)) {
    throw bad(`fault.type must be one of ${FAULT_TYPES.join(', ')}`);
  }
  const { times = 1, service = 'any', status, delayMs, retryAfterSeconds, message, errorType } = spec;
  if (!Number.isInteger(times) || (times as number) < 1) throw bad('fault.times must be a whole number ≥ 1');
  if (!SERVICES.includes(service as MockService)) throw bad(`fault.service must be one of ${SERVICES.join(', ')}`);
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    throw bad('fault.status must be an HTTP status (100–599)');
  }
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && Number.isFinite(delayMs))) {
    throw bad('fault.delayMs must be a number of milliseconds ≥ 0');
  }
  if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0)) {
    throw bad('fault.retryAfterSeconds must be a whole number of seconds ≥ 0');
  }
  for (const [name, value] of [
    ['message', message],
    ['errorType', errorType],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') throw bad(`fault.${name} must be a string`);
  }
  return {
    type: spec.type as MockFaultType,
    times: times as number,
    service: service as MockService | 'any',
    ...(status !== undefined && { status: status as number }),
    ...(delayMs !== undefined && { delayMs }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds: retryAfterSeconds as number }),
    ...(message !== undefined && { message: message as string }),
    ...(errorType !== undefined && { errorType: errorType as string }),
  };
}

export class FaultQueue {
  readonly #faults: QueuedFault[] = [];

  add(spec: unknown): void {
    this.#faults.push(checkFault(spec));
  }

  /** The first queued fault of one of `types` for `service`, counted as one hit. */
  take(service: MockService, types: readonly MockFaultType[]): QueuedFault | undefined {
    const i = this.#faults.findIndex((f) => types.includes(f.type) && (f.service === 'any' || f.service === service));
    if (i < 0) return undefined;
    const fault = this.#faults[i];
    fault.times -= 1;
    if (fault.times <= 0) this.#faults.splice(i, 1);
    return fault;
  }

  /** What is still queued (copies). */
  list(): QueuedFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#faults.length = 0;
  }
}
