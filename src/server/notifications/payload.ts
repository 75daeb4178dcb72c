/**
 * XOi's change notification body (docs/xoi-api-notes.md §6), checked, and what it says: which
 * event it is, when it fired, and the key that tells a re-delivery from a new change. Pure.
 */
import { ID_SYNTAX } from '../client/inputs.js';

export type XoiChangeEventType = 'workflow-finished' | 'job-completed' | 'job-updated' | 'job-deleted';

/** The documented body, checked. */
export interface XoiNotificationPayload {
  orgId: string;
  event: string;
  jobId: string;
  /** "" for a job-level notification. */
  workflowJobId: string;
  traits: string[];
  /** As sent: "2020-03-18 18:49:20" in XOi's example (no zone). Absent → null. */
  firedAt: string | null;
}

export interface XoiChangeEvent<T extends XoiChangeEventType = XoiChangeEventType> {
  type: T;
  orgId: string;
  jobId: string;
  /** Null for a job-level notification. */
  workflowJobId: string | null;
  /** E.g. `transcript`, `processed`, `pending`, `dataplate` — what changed. */
  traits: string[];
  /** ISO 8601 (UTC when XOi sent no zone), or null when XOi sent none. */
  firedAt: string | null;
  /** XOi's event name as sent (`job_update`, `job_updated`, …). */
  event: string;
}

const UPDATE_EVENTS = new Set(['job_update', 'job_updated']);
const DELETE_EVENTS = new Set(['job_delete', 'job_deleted']);
const COMPLETE_EVENTS = new Set(['job_complete', 'job_completed']);
const WORKFLOW_EVENTS = new Set([
  'workflow_job_update',
  'workflow_job_updated',
  'workflow_complete',
  'workflow_completed',
]);

/**
 * Which event a notification is. XOi's names are inconsistent (`job_update` and `job_updated`,
 * `job_delete` and `job_deleted`; its Dynamics integration also accepts `workflow_job_update`
 * and `job_completed`), and the update names cover three documented occasions. So:
 *
 * - `job_delete(d)` → `job-deleted`; `job_complete(d)` → `job-completed`
 * - an update (`job_update(d)`, `workflow_job_update(d)`, …) with traits → `job-updated`
 *   (a completed job or finished workflow changed: transcript, dataplate, edits…)
 * - an update without traits, with a `workflowJobId` → `workflow-finished`; without → `job-completed`
 * - anything else → null (answered 200, not emitted, so XOi does not re-deliver it forever).
 */
export function classifyNotification(payload: XoiNotificationPayload): XoiChangeEventType | null {
  const event = payload.event
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (DELETE_EVENTS.has(event)) return 'job-deleted';
  if (COMPLETE_EVENTS.has(event)) return 'job-completed';
  if (!UPDATE_EVENTS.has(event) && !WORKFLOW_EVENTS.has(event)) return null;
  if (payload.traits.length > 0) return 'job-updated';
  return payload.workflowJobId ? 'workflow-finished' : 'job-completed';
}

// "2020-03-18 18:49:20" (XOi's example) or ISO 8601 with an optional zone.
const FIRED_AT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** The firedAt instant as ISO; a time without zone is taken as UTC (XOi does not say). */
export function parseFiredAt(value: string): string | null {
  const m = FIRED_AT.exec(value.trim());
  if (!m) return null;
  const zone = m[3] ? (m[3].toUpperCase() === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const time = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const LIMIT = 256;

function optionalFields(b: Record<string, unknown>, problems: string[]) {
  let workflowJobId = '';
  if (b.workflowJobId !== undefined && b.workflowJobId !== null) {
    if (typeof b.workflowJobId !== 'string' || b.workflowJobId.length > LIMIT) {
      problems.push(`workflowJobId must be a string of at most ${LIMIT} characters`);
    } else workflowJobId = b.workflowJobId.trim();
  }
  let traits: string[] = [];
  if (b.traits !== undefined && b.traits !== null) {
    if (
      !Array.isArray(b.traits) ||
      b.traits.length > 100 ||
      !b.traits.every((t) => typeof t === 'string' && t.length <= 64)
    ) {
      problems.push('traits must be an array of at most 100 strings');
    } else traits = [...new Set(b.traits.map((t: string) => t.trim()).filter(Boolean))];
  }
  let firedAt: string | null = null;
  if (b.firedAt !== undefined && b.firedAt !== null) {
    if (typeof b.firedAt === 'string' && parseFiredAt(b.firedAt)) firedAt = b.firedAt.trim();
    else problems.push('firedAt must be a date-time like "2020-03-18 18:49:20"');
  }
  return { workflowJobId, traits, firedAt };
}

/** The payload, or every problem with it (for the 400 message). */
export function parseNotification(body: unknown): { payload: XoiNotificationPayload } | { problems: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { problems: ['the body must be a JSON object'] };
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const required = (field: string): string => {
    const v = b[field];
    if (typeof v !== 'string' || !v.trim()) problems.push(`${field} must be a non-empty string`);
    else if (v.length > LIMIT) problems.push(`${field} must be at most ${LIMIT} characters`);
    return typeof v === 'string' ? v.trim() : '';
  };
  const orgId = required('orgId');
  const event = required('event');
  const jobId = required('jobId');
  // A job id XOi sends has no spaces or control characters (the client's rule): one that does is
  // refused here, not accepted and then failed by every retry of its listeners.
  if (jobId && !ID_SYNTAX.test(jobId)) problems.push('jobId must not contain spaces or control characters');
  const rest = optionalFields(b, problems);
  if (rest.workflowJobId && !ID_SYNTAX.test(rest.workflowJobId)) {
    problems.push('workflowJobId must not contain spaces or control characters');
  }
  if (problems.length) return { problems };
  return { payload: { orgId, event, jobId, ...rest } };
}

export function eventOf(payload: XoiNotificationPayload, type: XoiChangeEventType): XoiChangeEvent {
  return {
    type,
    orgId: payload.orgId,
    jobId: payload.jobId,
    workflowJobId: payload.workflowJobId || null,
    traits: payload.traits,
    firedAt: payload.firedAt === null ? null : parseFiredAt(payload.firedAt),
    event: payload.event,
  };
}

/**
 * XOi may deliver the same notification twice (its own integrations de-duplicate): the same job,
 * workflow, event, traits and firing time is the same notification, whatever the spelling.
 * Without a firing time a re-delivery looks exactly like a later change of the same kind (a
 * second transcript processed): null, so it is emitted again rather than dropped for the whole
 * de-duplication window.
 */
export function dedupeKey(event: XoiChangeEvent): string | null {
  if (event.firedAt === null) return null;
  return JSON.stringify([
    event.orgId,
    event.type,
    event.jobId,
    event.workflowJobId,
    [...event.traits].sort(),
    event.firedAt,
  ]);
}
