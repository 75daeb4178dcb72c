/**
 * The demo's back office (Node side, mounted by cloud-tier.ts): MobileTech-style automatic jobs.
 * An appointment scheduled here goes to `createAppointmentSync`; its XOi job appears in the mock
 * without anyone linking, and the notes the sync delivers land in the back office's own table
 * (`xoi_demo.appointment_notes`), as a vendor's `deliverNotes` would write them.
 *
 *   GET  /back-office                               the page (back-office.ts); signs the demo admin in
 *   GET  /demo-api/appointments                     the appointments, their sync state and notes
 *   POST /demo-api/appointments                     schedules one: { technicianEmail, customerName, jobLocation }
 *   POST /demo-api/appointments/{id}/finish-transcript   XOi: the technician completes the job and
 *                                                   XOi finishes the video's transcript (notifications)
 *   /xoi/admin/status, /xoi/admin/status.html       the "XOi Integration Setup" status, for the admin
 *
 * After each delivery the page hears `appointment` on /demo-api/events and shows the new notes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { XoiCloud } from '../mock/xoi-cloud.ts';
import {
  createAppointmentStatusRoutes,
  createAppointmentSync,
  toNodeHandler,
  type AppointmentNotes,
  type AppointmentSync,
  type AppointmentSyncClient,
  type XoiClient,
  type XoiNotifications,
  type XoiQueue,
  type XoiStore,
} from '../src/server/index.ts';
import { renderBackOffice } from './back-office.ts';

/** A technician XOi has never heard of: the status page shows why no job is made. */
export const UNKNOWN_TECHNICIAN = 'sam.newhire@fieldline.example';
const TABLE = 'xoi_demo.appointments';
const NOTES = 'xoi_demo.appointment_notes';
/** The demo's admin session: a cookie the back-office page sets (a host would check its own session). */
const ADMIN_COOKIE = 'xoi-demo-admin=1';

export interface AppointmentsDeps {
  store: XoiStore;
  queue: XoiQueue;
  cloud: XoiCloud;
  notifications: XoiNotifications;
  /** The client, once the server listens (it needs the server's address). */
  client: () => XoiClient | undefined;
  technician: string;
  save: () => void;
  broadcast: (event: string, data: object) => void;
}

export async function createDemoTables(store: XoiStore): Promise<void> {
  await store.database.query(`CREATE SCHEMA IF NOT EXISTS xoi_demo;
    CREATE TABLE IF NOT EXISTS ${TABLE} (id text PRIMARY KEY, appointment jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS ${NOTES} (appointment_id text PRIMARY KEY, notes jsonb NOT NULL, updated_at timestamptz NOT NULL)`);
}

export const DEMO_APPOINTMENT_TABLES = [TABLE, NOTES];

/** The client the sync is given before the server listens: each call goes to the real one. */
function lateClient(
  client: () => XoiClient | undefined,
): AppointmentSyncClient & Pick<XoiClient, 'hosts' | 'checkToken'> {
  const now = () => {
    const c = client();
    if (!c) throw new Error('the demo server is not listening yet');
    return c;
  };
  return {
    get hosts() {
      return now().hosts;
    },
    checkToken: () => now().checkToken(),
    createJob: (input) => now().createJob(input),
    updateJob: (id, changes) => now().updateJob(id, changes),
    getJob: (id) => now().getJob(id),
    getJobSummary: (id) => now().getJobSummary(id),
    createJobShare: (id) => now().createJobShare(id),
    findUserByEmail: (email) => now().findUserByEmail(email),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const value: unknown = text ? JSON.parse(text) : {};
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export function demoAppointments(deps: AppointmentsDeps) {
  const { store, cloud } = deps;
  const client = lateClient(deps.client);
  const sync: AppointmentSync = createAppointmentSync({
    client,
    store,
    queue: deps.queue,
    notifications: deps.notifications,
    retryDelaySeconds: 1,
    deliverNotes: async (appointmentId, notes) => {
      await store.database.query(
        `INSERT INTO ${NOTES} (appointment_id, notes, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (appointment_id) DO UPDATE SET notes = EXCLUDED.notes, updated_at = now()`,
        [appointmentId, JSON.stringify(notes)],
      );
      deps.broadcast('appointment', { appointmentId });
    },
    onError: (error, { appointmentId }) => console.error(`[appointment sync] ${appointmentId ?? ''}`, error),
  });
  let statusRoutes: ReturnType<typeof toNodeHandler> | undefined;
  /** Once the server listens: the status page shows the notification URL given to the mock XOi (secret masked). */
  function listening(notificationUrl: string): void {
    statusRoutes = toNodeHandler(
      createAppointmentStatusRoutes({
        sync,
        client,
        basePath: '/xoi/admin',
        authorizeAdmin: (request) => (request.headers.get('cookie') ?? '').split(/;\s*/).includes(ADMIN_COOKIE),
        notificationUrl,
        onError: (error) => console.error('[xoi status]', error),
      }),
    );
  }
  const status = (req: IncomingMessage, res: ServerResponse, next: () => void) =>
    statusRoutes ? statusRoutes(req, res, next) : next();

  async function list() {
    const { rows } = await store.database.query<{ id: string; appointment: object; notes: AppointmentNotes | null }>(
      `SELECT a.id, a.appointment, n.notes FROM ${TABLE} a LEFT JOIN ${NOTES} n ON n.appointment_id = a.id
        ORDER BY a.created_at DESC, a.id DESC`,
    );
    return Promise.all(
      rows.map(async (row) => {
        const record = await sync.get(row.id);
        return {
          ...row.appointment,
          sync: record && { state: record.state, reason: record.reason, jobId: record.jobId },
          notes: row.notes?.notes ?? [],
        };
      }),
    );
  }

  async function schedule(input: Record<string, unknown>) {
    const { rows } = await store.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`);
    const n = rows[0].n + 1;
    const appointment = {
      id: `SA-${2000 + n}`,
      technicianEmail: typeof input.technicianEmail === 'string' ? input.technicianEmail : deps.technician,
      workOrderNumber: `WO-2${String(n).padStart(4, '0')}`,
      customerName: typeof input.customerName === 'string' ? input.customerName : '',
      jobLocation: typeof input.jobLocation === 'string' ? input.jobLocation : '',
      scheduledStart: new Date(Date.now() + 86_400_000).toISOString(),
      status: 'scheduled' as const,
    };
    // The sync checks it first (a TypeError naming the field); the back office keeps it after.
    const result = await sync.upsert(appointment);
    await store.database.query(`INSERT INTO ${TABLE} (id, appointment) VALUES ($1, $2)`, [
      appointment.id,
      JSON.stringify(appointment),
    ]);
    return { appointment, result };
  }

  /** What happens in XOi after the visit: the job is completed, the walkthrough video's transcript processed. */
  async function finishTranscript(id: string): Promise<{ status: number; body: object }> {
    const record = await sync.get(id);
    if (!record?.jobId) return { status: 409, body: { message: 'this appointment has no XOi job' } };
    const job = cloud.getJob(record.jobId);
    if (!job) return { status: 409, body: { message: 'XOi has no such job' } };
    if (!job.completedAt) cloud.completeJob(job.id);
    const customer = (record.appointment as { customerName: string }).customerName;
    cloud.addTranscript(
      job.id,
      `Walkthrough at ${customer}: unit inspected, filter replaced, system running normally.`,
      {
        pending: true,
        workflowName: 'Service call',
        stepName: 'Walkthrough video',
      },
    );
    const processed = cloud.processPending(job.id);
    deps.save();
    await cloud.flushNotifications();
    return { status: 200, body: { processed } };
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path === '/appointments' && req.method === 'GET') {
      sendJson(res, 200, { appointments: await list() });
      return true;
    }
    if (path === '/appointments' && req.method === 'POST') {
      try {
        sendJson(res, 201, await schedule(await bodyOf(req)));
      } catch (error) {
        if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
        sendJson(res, 400, { message: error.message });
      }
      return true;
    }
    const m = /^\/appointments\/([^/]+)\/finish-transcript$/.exec(path);
    if (m && req.method === 'POST') {
      const { status: code, body } = await finishTranscript(decodeURIComponent(m[1]));
      sendJson(res, code, body);
      return true;
    }
    return false;
  }

  function page(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': `${ADMIN_COOKIE}; Path=/; SameSite=Strict; HttpOnly`,
    });
    res.end(renderBackOffice({ technician: deps.technician, unknownTechnician: UNKNOWN_TECHNICIAN }));
  }

  return { sync, api, status, page, listening };
}
