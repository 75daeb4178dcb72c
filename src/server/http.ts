/** Small Fetch API helpers shared by the routes and the notification handler. */

/** A JSON answer nobody should cache (it is per technician and changes on link). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorJson<C extends string>(
  status: number,
  code: C,
  message: string,
  extra: object = {},
  headers = {},
): Response {
  return json(status, { error: { code, message, ...extra } }, headers);
}

/**
 * A whole-number option, checked when the handler is created: a typo ('64kb', NaN) must stop
 * start-up, not switch a limit off or turn every request into a 500.
 */
export function integerOption(owner: string, name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${owner}: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/**
 * The body as UTF-8 text, or `null` when it is larger than `maxBytes` (checked on the declared
 * length first, then while reading, so a lying or missing Content-Length cannot make us buffer
 * more), or `undefined` when it is not valid UTF-8.
 */
export async function readText(request: Request, maxBytes: number): Promise<string | null | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    const value: unknown = next.value;
    // A Request's body yields bytes; anything else is not a body we can measure.
    if (!(value instanceof Uint8Array)) throw new TypeError('request body chunk is not bytes');
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}
