/**
 * A service appointment as the vendor's back office hands it over, checked: what `upsert` takes,
 * and the XOi job fields it becomes. Pure. A bad appointment is a TypeError naming the field,
 * before anything is stored.
 */
import { ID_SYNTAX } from '../client/inputs.js';
import { isValidEmail } from '../email.js';

/**
 * Where the appointment stands in the back office. `scheduled`, `in-progress` and `completed`
 * with a technician get an XOi job (MobileTech: "scheduled and assigned, or completed");
 * `unscheduled` waits; `cancelled` makes no further XOi call.
 */
export type AppointmentStatus = 'unscheduled' | 'scheduled' | 'in-progress' | 'completed' | 'cancelled';

export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'unscheduled',
  'scheduled',
  'in-progress',
  'completed',
  'cancelled',
];

/** What `upsert` takes. */
export interface AppointmentInput {
  /** The back office's id: unique, at most 256 characters, no spaces. It is the XOi job's `externalId`. */
  id: string;
  /** The assigned technician, or null while nobody is assigned. Trimmed and lowercased. */
  technicianEmail: string | null;
  workOrderNumber: string;
  customerName: string;
  jobLocation: string;
  /** ISO 8601, or null / left out. */
  scheduledStart?: string | null;
  status: AppointmentStatus;
}

/** An appointment after the check: trimmed, the email lowercased, `scheduledStart` ISO or null. */
export interface Appointment {
  id: string;
  technicianEmail: string | null;
  workOrderNumber: string;
  customerName: string;
  jobLocation: string;
  scheduledStart: string | null;
  status: AppointmentStatus;
}

/** The fields the XOi job carries, as last written to XOi (what a change is compared with). */
export interface XoiJobFields {
  technicianEmail: string;
  workOrderNumber: string;
  customerName: string;
  jobLocation: string;
  label: string;
}

const OWNER = 'createAppointmentSync.upsert';
const bad = (field: string, rule: string) => new TypeError(`${OWNER}: appointment.${field} ${rule}`);
const shown = (value: unknown) => {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
};

function text(input: Record<string, unknown>, field: string, max = 1000): string {
  const value = input[field];
  if (typeof value !== 'string' || !value.trim()) throw bad(field, 'is required and must not be blank');
  const trimmed = value.trim();
  if (trimmed.length > max) throw bad(field, `must be at most ${max} characters`);
  return trimmed;
}

function technician(value: unknown): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) return null;
  if (!isValidEmail(value)) {
    throw bad('technicianEmail', `must be an email address like name@example.com, or null, got ${shown(value)}`);
  }
  return (value as string).trim().toLowerCase();
}

function start(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw bad('scheduledStart', `must be an ISO 8601 date-time or null, got ${shown(value)}`);
  }
  return new Date(Date.parse(value)).toISOString();
}

/** The checked appointment, or a TypeError naming the field at fault. */
export function checkAppointment(input: unknown): Appointment {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(`${OWNER}: the appointment must be an object`);
  }
  const a = input as Record<string, unknown>;
  if (typeof a.id !== 'string' || !a.id.trim() || !ID_SYNTAX.test(a.id.trim())) {
    throw bad('id', `must be at most 256 characters without spaces or control characters, got ${shown(a.id)}`);
  }
  if (!APPOINTMENT_STATUSES.includes(a.status as AppointmentStatus)) {
    throw bad('status', `must be one of ${APPOINTMENT_STATUSES.join(', ')}, got ${shown(a.status)}`);
  }
  return {
    id: a.id.trim(),
    technicianEmail: technician(a.technicianEmail),
    workOrderNumber: text(a, 'workOrderNumber'),
    customerName: text(a, 'customerName'),
    jobLocation: text(a, 'jobLocation'),
    scheduledStart: start(a.scheduledStart),
    status: a.status as AppointmentStatus,
  };
}

/** Has the back office scheduled and assigned it (or completed it)? Only then does XOi get a job. */
export function wantsJob(appointment: Appointment): boolean {
  return appointment.technicianEmail !== null && ['scheduled', 'in-progress', 'completed'].includes(appointment.status);
}

/** The default label: what the technician sees in XOi's job list. */
export const defaultLabel = (appointment: Appointment): string =>
  `${appointment.workOrderNumber} - ${appointment.customerName}`.slice(0, 1000);

/** The XOi job fields for an appointment that {@link wantsJob}. */
export function jobFieldsOf(appointment: Appointment, label: (a: Appointment) => string): XoiJobFields {
  return {
    technicianEmail: appointment.technicianEmail ?? '',
    workOrderNumber: appointment.workOrderNumber,
    customerName: appointment.customerName,
    jobLocation: appointment.jobLocation,
    label: label(appointment),
  };
}
