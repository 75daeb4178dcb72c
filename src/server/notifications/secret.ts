/**
 * The notification URL's secret. XOi signs nothing and sends no auth header (docs/xoi-api-notes.md
 * §6), so the URL the host gives XOi carries a secret, in the query string or a header, and every
 * POST is checked against it before anything is read or emitted.
 */
import crypto from 'node:crypto';

export const DEFAULT_SECRET_PARAM = 'key';
export const DEFAULT_SECRET_HEADER = 'x-xoi-notification-key';
/** Shorter is guessable from outside; a random 32-character value is what the README suggests. */
export const MIN_SECRET_LENGTH = 16;

const digest = (value: string): Buffer => crypto.createHash('sha256').update(value, 'utf8').digest();

/**
 * True when `presented` is `expected`, in time that depends on neither: both are hashed to 32
 * bytes first, so `timingSafeEqual` always compares equal lengths and the secret's length does
 * not leak either.
 */
export function sameSecret(presented: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(presented), digest(expected));
}

// RFC 9110 token characters: what a header name may be.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

export interface SecretOptions {
  secret: string;
  secretParam?: string;
  secretHeader?: string;
}

/** The check for these options, or a TypeError saying what is wrong with them. */
export function secretCheck({ secret, secretParam, secretHeader }: SecretOptions): (request: Request) => boolean {
  const owner = 'createXoiNotifications';
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`${owner}: secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
  const param = secretParam ?? DEFAULT_SECRET_PARAM;
  if (typeof param !== 'string' || !param) throw new TypeError(`${owner}: secretParam must be a non-empty string`);
  const header = secretHeader ?? DEFAULT_SECRET_HEADER;
  if (typeof header !== 'string' || !HEADER_NAME.test(header)) {
    throw new TypeError(`${owner}: secretHeader must be an HTTP header name`);
  }
  return (request) => {
    const presented = request.headers.get(header) ?? new URL(request.url).searchParams.get(param);
    return presented !== null && sameSecret(presented, secret);
  };
}
