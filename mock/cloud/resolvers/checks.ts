/**
 * The rules XOi applies to job input beyond its schema (docs/xoi-api-notes.md §3): one assignee
 * who is a known user, no blank strings, the documented length limits, a unique externalId.
 */
import { MockError } from '../errors.js';
import type { CloudDeps } from './context.js';

const blank = (value: unknown): boolean => typeof value === 'string' && !value.trim();

export function checkAssignees(assigneeIds: readonly string[], deps: CloudDeps): void {
  if (assigneeIds.length !== 1) throw new MockError('validation', 'Exactly one assignee is allowed');
  for (const id of assigneeIds) {
    if (!deps.users.get(id)) throw new MockError('validation', `assigneeIds: no user with id ${id}`);
  }
}

export function checkNotBlank(fields: object, names: readonly string[]): void {
  const values = fields as Record<string, unknown>;
  for (const name of names) {
    if (blank(values[name])) throw new MockError('validation', `${name} must not be empty`);
  }
}

export function checkLengths(fields: { internalNote?: { text: string } | null; externalAppUrl?: string | null }): void {
  if (fields.internalNote && fields.internalNote.text.length > 3000) {
    throw new MockError('validation', 'internalNote must be at most 3000 characters');
  }
  if (fields.externalAppUrl != null && fields.externalAppUrl.length > 1024) {
    throw new MockError('validation', 'externalAppUrl must be at most 1024 characters');
  }
}

export function checkExternalIdFree(externalId: string | null | undefined, deps: CloudDeps): void {
  if (externalId != null && deps.store.jobByExternalId(externalId)) {
    throw new MockError('conflict', `A job with externalId ${externalId} already exists`);
  }
}
