/**
 * The faults that act on the connection rather than the answer: `http` (a status), `network` (the
 * connection dropped before anything happens) and `slow` (a delay, then the normal answer).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../http.js';
import type { Cloud } from '../cloud.js';
import type { MockService } from '../types.js';

/** True when the fault answered (or dropped) the request; false when the request goes on. */
export async function applyTransportFault(
  cloud: Cloud,
  service: MockService,
  req: IncomingMessage,
  res: ServerResponse,
  entry: { operation: string | null; method?: string; variables?: unknown; authorization?: string | null },
): Promise<boolean> {
  const fault = cloud.faults.take(service, ['http', 'network', 'slow']);
  if (!fault) return false;
  if (fault.type === 'slow') {
    // Unref'd: a test that finished does not wait for a slow answer nobody reads.
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000).unref());
    return false;
  }
  if (fault.type === 'network') {
    cloud.log({ service, ...entry, status: 0, fault: 'network' });
    req.socket.destroy();
    return true;
  }
  const status = fault.status ?? 503;
  cloud.log({ service, ...entry, status, fault: 'http' });
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  sendJson(res, status, { message: fault.message ?? 'Service Unavailable (injected)' }, headers);
  return true;
}
