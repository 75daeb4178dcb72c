/**
 * Technician identity. XOi and its partners match a technician by email, and Jonas' guide
 * insists the address be "lowercase and valid in both applications": so every email is trimmed,
 * lowercased and checked here before it reaches XOi, where a near-miss would silently match no
 * one (an empty job list) instead of failing.
 */
import { invalidInput } from './client/errors.js';

// Practical address syntax (what AppSync's AWSEmail and the FSMs accept), not full RFC 5322:
// dot-atom local part, a domain of LDH labels with an alphabetic TLD. No quoted local parts,
// no IP literals, no Unicode: none of them survive a round trip through both systems.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const shown = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/**
 * The canonical form of an email (trimmed, lowercased), or an `invalid-input` {@link XoiError}
 * naming `field`.
 */
export function normalizeEmail(value: unknown, field = 'technicianEmail', operation?: string): string {
  if (typeof value !== 'string' || !value.trim())
    throw invalidInput(field, 'is required (an email address)', operation);
  const email = value.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const valid = at > 0 && email.length <= 254 && local.length <= 64 && LOCAL.test(local) && DOMAIN.test(domain);
  if (!valid)
    throw invalidInput(field, `must be an email address like name@example.com, got ${shown(value)}`, operation);
  return email;
}

/** True when `value` is an email {@link normalizeEmail} accepts. */
export function isValidEmail(value: unknown): boolean {
  try {
    normalizeEmail(value);
    return true;
  } catch {
    return false;
  }
}
