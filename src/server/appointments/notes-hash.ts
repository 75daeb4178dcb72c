/**
 * What tells one set of notes from another: a SHA-256 of what the appointment shows (each note's
 * title, text, link and flags), as XOi's Dynamics connector de-duplicates its notes
 * (docs/xoi-api-notes.md §9). Notes are delivered again only when it changes.
 */
import { createHash } from 'node:crypto';
import type { AppointmentNotes } from '../notes.js';

export function notesHash(notes: AppointmentNotes): string {
  const shown = notes.notes.map((n) => [n.title, n.text, n.url, n.internal, n.onSummaryReport]);
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}

/** The key `deliverNotes` gets: the same notes for the same appointment always get the same key. */
export const idempotencyKey = (appointmentId: string, hash: string): string =>
  `xoi-notes:${appointmentId}:${hash.slice(0, 32)}`;
