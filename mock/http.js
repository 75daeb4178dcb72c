/**
 * The plain-Node HTTP pieces of both mocks (mock/xoi-mock.js, mock/xoi-cloud.js). Published next
 * to xoi-cloud.js in `xoi-share-button/mock`, so it imports nothing.
 */

const MAX_BODY = 1024 * 1024;

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Answers with `body`, never cached. Nothing is sent to a client that gave up (a timeout): the
 * work is done anyway, as on a real server.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {string} [type]
 * @param {Record<string, string>} [headers]
 */
export function send(res, status, body, type = 'text/html; charset=utf-8', headers = {}) {
  if (res.destroyed) return;
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'content-type': type,
    'content-length': buf.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(buf);
}

/**
 * The request body; rejects with an error whose `status` is 413 past 1 MiB.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
