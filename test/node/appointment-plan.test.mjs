// The appointment sync's decision, as a table: what the worker does next with an appointment, from
// what it knows (src/server/appointments/plan.ts), and the appointment check (appointment.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAppointment, jobFieldsOf, defaultLabel } from '../../dist/npm/server/appointments/appointment.js';
import { changedFields, nextStep } from '../../dist/npm/server/appointments/plan.js';

const APPOINTMENT = checkAppointment({
  id: 'SA-1',
  technicianEmail: ' Jane.Tech@Example.com ',
  workOrderNumber: 'WO-1',
  customerName: 'Café Nuñez',
  jobLocation: '12 Rue de la Paix',
  scheduledStart: '2026-03-18T09:00:00-04:00',
  status: 'scheduled',
});
const FIELDS = jobFieldsOf(APPOINTMENT, defaultLabel);

/** A view of an appointment scheduled, assigned and synced; each row changes what it needs. */
function view(changes = {}) {
  const appointment = { ...APPOINTMENT, ...changes.appointment };
  return {
    appointment,
    desired: jobFieldsOf(appointment, defaultLabel),
    jobId: 'job-1',
    shareLink: 'https://share.example/s/1',
    written: { ...FIELDS },
    technicianChecked: null,
    refreshWanted: false,
    notesHash: 'h1',
    deliveredHash: 'h1',
    jobDeleted: false,
    ...changes,
    ...(changes.appointment && { appointment, desired: jobFieldsOf(appointment, defaultLabel) }),
  };
}

describe('the appointment check', () => {
  test('trims, lowercases the email, makes scheduledStart ISO', () => {
    assert.deepEqual(APPOINTMENT, {
      id: 'SA-1',
      technicianEmail: 'jane.tech@example.com',
      workOrderNumber: 'WO-1',
      customerName: 'Café Nuñez',
      jobLocation: '12 Rue de la Paix',
      scheduledStart: '2026-03-18T13:00:00.000Z',
      status: 'scheduled',
    });
    assert.equal(FIELDS.label, 'WO-1 - Café Nuñez');
    assert.equal(checkAppointment({ ...APPOINTMENT, technicianEmail: '  ' }).technicianEmail, null, 'unassigned');
  });

  const rows = [
    [null, /the appointment must be an object/],
    [{ ...APPOINTMENT, id: 'SA 1' }, /appointment\.id must be at most 256 characters without spaces/],
    [{ ...APPOINTMENT, id: undefined }, /appointment\.id /],
    [{ ...APPOINTMENT, status: 'done' }, /appointment\.status must be one of unscheduled, scheduled/],
    [{ ...APPOINTMENT, technicianEmail: 'jane@' }, /appointment\.technicianEmail must be an email address/],
    [{ ...APPOINTMENT, technicianEmail: 42 }, /appointment\.technicianEmail must be an email/],
    [{ ...APPOINTMENT, customerName: ' ' }, /appointment\.customerName is required and must not be blank/],
    [{ ...APPOINTMENT, jobLocation: 'x'.repeat(1001) }, /appointment\.jobLocation must be at most 1000 characters/],
    [{ ...APPOINTMENT, workOrderNumber: undefined }, /appointment\.workOrderNumber is required/],
    [{ ...APPOINTMENT, scheduledStart: 'tomorrow' }, /appointment\.scheduledStart must be an ISO 8601 date-time/],
  ];
  for (const [input, message] of rows) {
    test(`refuses ${message.source.slice(0, 50)}`, () => {
      assert.throws(
        () => checkAppointment(input),
        (error) => error instanceof TypeError && message.test(error.message),
      );
    });
  }
});

describe('nextStep: what the worker does with an appointment now', () => {
  const rows = [
    [
      'cancelled: nothing more, whatever XOi holds',
      view({ appointment: { status: 'cancelled' }, refreshWanted: true }),
      { step: 'done', state: 'cancelled' },
    ],
    [
      'cancelled before any job: no call',
      view({ appointment: { status: 'cancelled' }, jobId: null, written: null }),
      { step: 'done', state: 'cancelled' },
    ],
    [
      'unscheduled: no job yet',
      view({ appointment: { status: 'unscheduled' }, jobId: null, written: null }),
      { step: 'done', state: 'not-scheduled' },
    ],
    [
      'nobody assigned: no job yet',
      view({ appointment: { technicianEmail: null }, jobId: null, written: null }),
      { step: 'done', state: 'not-scheduled' },
    ],
    [
      'new: the technician is checked first',
      view({ jobId: null, written: null, shareLink: null, notesHash: null, deliveredHash: null }),
      { step: 'check-technician', email: 'jane.tech@example.com' },
    ],
    [
      'new, technician checked: create',
      view({
        jobId: null,
        written: null,
        shareLink: null,
        notesHash: null,
        deliveredHash: null,
        technicianChecked: 'jane.tech@example.com',
      }),
      { step: 'create', fields: FIELDS },
    ],
    [
      'completed without a job: create too',
      view({
        appointment: { status: 'completed' },
        jobId: null,
        written: null,
        technicianChecked: 'jane.tech@example.com',
      }),
      { step: 'create', fields: FIELDS },
    ],
    [
      'in progress without a job: create too',
      view({
        appointment: { status: 'in-progress' },
        jobId: null,
        written: null,
        technicianChecked: 'jane.tech@example.com',
      }),
      { step: 'create', fields: FIELDS },
    ],
    [
      'new address: update that field only, no technician check',
      view({ appointment: { jobLocation: '1 Main St' } }),
      { step: 'update', changes: { jobLocation: '1 Main St' } },
    ],
    [
      'new customer: its name and the label',
      view({ appointment: { customerName: 'ABC Corp' } }),
      { step: 'update', changes: { customerName: 'ABC Corp', label: 'WO-1 - ABC Corp' } },
    ],
    [
      'reassigned: the new technician is checked first',
      view({ appointment: { technicianEmail: 'other.tech@example.com' } }),
      { step: 'check-technician', email: 'other.tech@example.com' },
    ],
    [
      'reassigned and checked: update the technician',
      view({ appointment: { technicianEmail: 'other.tech@example.com' }, technicianChecked: 'other.tech@example.com' }),
      { step: 'update', changes: { technicianEmail: 'other.tech@example.com' } },
    ],
    [
      'a job without a record of its fields: checked, then all written',
      view({ written: null, technicianChecked: 'jane.tech@example.com' }),
      { step: 'update', changes: FIELDS },
    ],
    ['no share yet: make one', view({ shareLink: null }), { step: 'share' }],
    ['a notification asked: read XOi again', view({ refreshWanted: true }), { step: 'fetch-notes' }],
    ['no notes built yet: read XOi', view({ notesHash: null, deliveredHash: null }), { step: 'fetch-notes' }],
    ['notes changed: deliver them', view({ notesHash: 'h2' }), { step: 'deliver' }],
    ['never delivered: deliver', view({ deliveredHash: null }), { step: 'deliver' }],
    ['all done', view(), { step: 'done', state: 'synced' }],
    [
      'job deleted: no call',
      view({ jobDeleted: true, appointment: { jobLocation: 'moved' } }),
      { step: 'done', state: 'job-deleted' },
    ],
    [
      'job deleted, asked to look again: XOi is asked',
      view({ jobDeleted: true, refreshWanted: true }),
      { step: 'fetch-notes' },
    ],
  ];
  for (const [name, input, expected] of rows) {
    test(name, () => assert.deepEqual(nextStep(input), expected));
  }

  test('changedFields lists only what differs', () => {
    assert.deepEqual(changedFields(FIELDS, FIELDS), {});
    assert.deepEqual(changedFields({ ...FIELDS, label: 'x', jobLocation: 'y' }, FIELDS), {
      label: 'x',
      jobLocation: 'y',
    });
  });
});
