/**
 * The demo's XOi Cloud tier, on the Vite dev server (Node side, mounted by vite.config.ts):
 *
 *   /xoi-cloud/…, /__xoi-cloud/…      a mock XOi Cloud (mock/xoi-cloud.ts): token, jobs, share, users
 *   /xoi/work-orders/{id}/jobs|link   createXoiRoutes: what <xoi-job-link endpoint="/xoi"> calls
 *   POST /xoi/notifications?key=…     createXoiNotifications: the mock's change notifications
 *   GET  /demo-api/work-orders/{id}/notes                the MobileTech-style notes of a linked
 *                                                        work order (buildAppointmentNotes)
 *   POST /demo-api/work-orders/{id}/simulate-transcript  XOi finishes the video transcript:
 *                                                        the mock sends `job_update` (traits
 *                                                        transcript, processed) to the URL above
 *   GET  /demo-api/events              server-sent events: `notes` {workOrderId} after a
 *                                      notification rebuilt a work order's notes
 *   POST /demo-api/reset               fresh XOi jobs, no links, no notes, no appointments
 *   /back-office, /demo-api/appointments…, /xoi/admin/…   the back office's automatic jobs and
 *                                      the XOi Integration Setup status (appointments.ts)
 *
 * As a host would, the server keeps each linked work order's notes and rebuilds them when a
 * notification says the job changed: the transcript note appears because XOi said so, not
 * because the page asked again. The signed-in technician is a fixed demo session.
 *
 * The technician's job list comes from the job index (createXoiJobIndex: notifications, and a sweep
 * every 10 s here), as a production server's would; Reset rebuilds it.
 *
 * Durable, as in production (README "Durable state"): links, notification inbox and queue in
 * PostgreSQL (the embedded PGlite under `$XOI_DEMO_DATA/postgres`, or `DATABASE_URL`), the notes
 * in a table of their own; the mock XOi Cloud saves what XOi would keep to
 * `$XOI_DEMO_DATA/mock-xoi-cloud.json`. Stop and start `npm start`: links and notes are still
 * there. `XOI_DEMO_DATA` defaults to `.xoi-data` (the e2e tests give each run its own).
 *
 * Node code, like vite.config.ts: type-checked by demo/tsconfig.node.json (no DOM lib).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Connect, Plugin } from 'vite';
import { createXoiCloud, type XoiCloud, type XoiCloudSnapshot } from '../mock/xoi-cloud.ts';
import {
  buildAppointmentNotes,
  createEmbeddedPostgres,
  createPostgresStore,
  createXoiClient,
  createXoiJobIndex,
  createXoiNotifications,
  createXoiQueue,
  createXoiRoutes,
  toNodeHandler,
  type AppointmentNotes,
  type EmbeddedPostgres,
  type XoiClient,
  type XoiJobIndex,
  type XoiQueue,
  type XoiStore,
} from '../src/server/index.ts';
import { createDemoTables, DEMO_APPOINTMENT_TABLES, demoAppointments } from './appointments.ts';
import { ORDERS } from './orders.ts';

/** The demo's signed-in technician: the host's session would say who it is. */
export const DEMO_TECHNICIAN = 'ana.garcia@fieldline.example';
/** XOi documents no webhook signature: the URL it is given carries a secret (here a fixed one, ≥ 16 characters). */
const HOOK_KEY = 'demo-hook-secret';

/** "WO-10432" → "10432": what the technician typed into the XOi job's label. */
export const labelNumber = (serviceTicket: string): string => serviceTicket.replace(/^WO-/, '');

function seed(cloud: XoiCloud): void {
  const day = 86_400_000;
  ORDERS.forEach((order, i) => {
    // The technician's XOi job for this visit, completed, labelled as the Jonas guide suggests.
    const job = cloud.seedJob({
      technicianEmail: DEMO_TECHNICIAN,
      label: `${labelNumber(order.serviceTicket)} - ${order.customer}`,
      customerName: order.customer,
      jobLocation: order.location,
      workOrderNumber: `TEMP-${i + 1}`,
      createdAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      completed: true,
    });
    cloud.addWorkSummary(job.id, `Work summary for ${order.customer}: ${order.problem}`);
    // The video transcript is still being processed when the job is linked: it arrives later.
    cloud.addTranscript(
      job.id,
      `Technician walkthrough at ${order.customer}. ${order.problem} Checked, repaired and tested; system running normally.`,
      { pending: true, workflowName: 'Service call', stepName: 'Walkthrough video' },
    );
  });
  // Decoys: a job not completed yet, and an older one of another customer.
  cloud.seedJob({
    technicianEmail: DEMO_TECHNICIAN,
    label: '10432 - Café Nuñez (callback)',
    createdAt: new Date().toISOString(),
  });
  cloud.seedJob({
    technicianEmail: DEMO_TECHNICIAN,
    label: '9981 - Hotel Brisa',
    customerName: 'Hotel Brisa',
    jobLocation: 'Av. del Mar 3, Valencia',
    createdAt: new Date(Date.now() - 6 * day).toISOString(),
    completed: true,
  });
}

/** The demo's state, opened once per dev server and closed with it. */
interface Tier {
  store: XoiStore;
  queue: XoiQueue;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

const NOTES = 'xoi_demo.notes';

async function openTier(dataDir: string): Promise<Tier> {
  const url = process.env.DATABASE_URL;
  const embedded = url ? null : await createEmbeddedPostgres({ dataDir: join(dataDir, 'postgres') });
  const store = await createPostgresStore(embedded ?? { connectionString: url! });
  // The FSM's own table: the notes it shows on the appointment, as a host keeps them.
  await store.database.query(`CREATE SCHEMA IF NOT EXISTS xoi_demo;
    CREATE TABLE IF NOT EXISTS ${NOTES} (work_order_id text PRIMARY KEY, notes jsonb NOT NULL, updated_at timestamptz NOT NULL)`);
  await createDemoTables(store);
  const queue = await createXoiQueue(store.database, { onError: (error) => console.error('[xoi queue]', error) });
  return {
    store,
    queue,
    embedded,
    async close() {
      await queue.stop().catch(() => {});
      await store.close().catch(() => {});
      await embedded?.close().catch(() => {});
    },
  };
}

/** The mock XOi Cloud, with what XOi would keep across a restart saved in `file`. */
async function openCloud(file: string): Promise<{ cloud: XoiCloud; save: () => void; flush: () => Promise<void> }> {
  const cloud = createXoiCloud();
  // restore() checks the shape itself: a damaged file is a clear error, not a half-restored mock.
  if (existsSync(file)) cloud.restore(JSON.parse(await readFile(file, 'utf8')) as XoiCloudSnapshot);
  else seed(cloud);
  let pending: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  // Written whole and renamed into place: a stop mid-write never leaves half a file. One write at
  // a time: two overlapping ones shared the .tmp file, and the second rename found it gone.
  const write = () =>
    (writing = writing
      .catch(() => {})
      .then(async () => {
        await writeFile(`${file}.tmp`, JSON.stringify(cloud.snapshot()));
        await rename(`${file}.tmp`, file);
      }));
  if (!existsSync(file)) await write();
  return {
    cloud,
    save() {
      clearTimeout(pending);
      pending = setTimeout(() => void write().catch((error: unknown) => console.error('[mock xoi cloud]', error)), 50);
    },
    /** A change saved within the last 50 ms is written now (the server is closing). */
    async flush() {
      if (pending) {
        clearTimeout(pending);
        pending = undefined;
        await write().catch((error: unknown) => console.error('[mock xoi cloud]', error));
      }
      await writing.catch(() => {});
    },
  };
}

export function xoiCloudTierPlugin(): Plugin {
  return {
    name: 'xoi-cloud-tier',
    async configureServer(server) {
      const dataDir = resolve(process.env.XOI_DEMO_DATA ?? '.xoi-data');
      await mkdir(dataDir, { recursive: true });
      const tier = await openTier(dataDir);
      const { cloud, save, flush } = await openCloud(join(dataDir, 'mock-xoi-cloud.json'));
      const demo = demoTier(tier, cloud, save);
      server.httpServer?.once('listening', () => demo.onListening(server.httpServer!.address()));
      // Closed inside server.close(), which Vite awaits before a restart opens the data directory again.
      const close = server.close.bind(server);
      server.close = async () => {
        await close();
        demo.stop();
        await flush();
        await tier.close();
      };
      server.middlewares.use(demo.middleware);
    },
  };
}

function demoTier(tier: Tier, cloud: XoiCloud, save: () => void) {
  const { store, queue } = tier;
  let client: XoiClient | undefined;
  let jobIndex: XoiJobIndex | undefined;
  const listeners = new Set<ServerResponse>();

  const makeRoutes = (xoi: XoiClient, index: XoiJobIndex) =>
    toNodeHandler(
      createXoiRoutes(xoi, store.links, {
        basePath: '/xoi',
        jobIndex: index,
        technician: () => DEMO_TECHNICIAN,
        workOrder: (id) => {
          const order = ORDERS.find((o) => o.serviceTicket === id);
          return (
            order && { workOrderNumber: order.serviceTicket, customerName: order.customer, jobLocation: order.location }
          );
        },
        onError: (error) => console.error('[xoi routes]', error),
      }),
    );
  let routes: ReturnType<typeof makeRoutes> | undefined;

  async function savedNotes(workOrderId: string): Promise<AppointmentNotes | null> {
    const { rows } = await store.database.query<{ notes: AppointmentNotes }>(
      `SELECT notes FROM ${NOTES} WHERE work_order_id = $1`,
      [workOrderId],
    );
    return rows[0]?.notes ?? null;
  }

  /** What XOi holds now, as notes: a notification is a hint, the job is read from XOi. */
  async function rebuildNotes(workOrderId: string): Promise<AppointmentNotes | null> {
    const link = await store.links.get(workOrderId);
    if (!link || !client) return null;
    const [job, summary] = await Promise.all([client.getJob(link.jobId), client.getJobSummary(link.jobId)]);
    const notes = buildAppointmentNotes(job, summary, link.shareLink);
    await store.database.query(
      `INSERT INTO ${NOTES} (work_order_id, notes, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (work_order_id) DO UPDATE SET notes = EXCLUDED.notes, updated_at = now()`,
      [workOrderId, JSON.stringify(notes)],
    );
    return notes;
  }

  function broadcast(event: string, data: object): void {
    for (const res of listeners) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  // Durable: answered once recorded and queued; the listener runs as a queue job (retried while XOi is down).
  const notifications = createXoiNotifications({
    secret: HOOK_KEY, // checked in constant time against ?key= (or the x-xoi-notification-key header)
    store,
    queue,
    onError: (error) => console.error('[xoi notifications]', error),
  });
  notifications.on('*', async (event) => {
    const link = await store.links.getByJob(event.jobId);
    if (!link) return;
    if (event.type !== 'job-deleted') await rebuildNotes(link.workOrderId);
    broadcast('notes', { workOrderId: link.workOrderId, type: event.type, traits: event.traits });
  });
  const notificationHandler = toNodeHandler(notifications.handle);
  // The back office's appointments: automatic XOi jobs and their notes (createAppointmentSync).
  const appointments = demoAppointments({
    store,
    queue,
    cloud,
    notifications,
    client: () => client,
    technician: DEMO_TECHNICIAN,
    save,
    broadcast,
  });

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  async function reset(): Promise<void> {
    cloud.reset();
    seed(cloud);
    save();
    // The demo's "start over": links are final for the application (a trigger refuses UPDATE and
    // DELETE of a committed one); emptying the tables is a deliberate act outside it.
    await store.database.query(
      `TRUNCATE ${store.database.schema}.links, ${store.database.schema}.notifications, ${store.database.schema}.job_index, ${NOTES},
         ${store.database.schema}.appointments, ${DEMO_APPOINTMENT_TABLES.join(', ')}`,
    );
    // The mock's jobs are new: the index is built again (the list comes from XOi meanwhile).
    await jobIndex?.rebuild();
  }

  async function demoApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (path === '/reset' && req.method === 'POST') {
      await reset();
      sendJson(res, 200, { ok: true });
      return;
    }
    if (await appointments.api(req, res, path)) return;
    const match = /^\/work-orders\/([^/]+)\/(notes|simulate-transcript)$/.exec(path);
    if (!match) {
      sendJson(res, 404, { message: 'no such demo route' });
      return;
    }
    const workOrderId = decodeURIComponent(match[1]);
    if (match[2] === 'notes' && req.method === 'GET') {
      // Built once on the first read after linking; afterwards only notifications rebuild them.
      const notes = (await savedNotes(workOrderId)) ?? (await rebuildNotes(workOrderId));
      sendJson(res, 200, { workOrderId, notes });
      return;
    }
    if (match[2] === 'simulate-transcript' && req.method === 'POST') {
      const link = await store.links.get(workOrderId);
      if (!link) {
        sendJson(res, 409, { message: 'link the work order first' });
        return;
      }
      const processed = cloud.processPending(link.jobId);
      save();
      await cloud.flushNotifications();
      sendJson(res, 200, { processed });
      return;
    }
    sendJson(res, 405, { message: 'method not allowed' });
  }

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/demo-api/')) {
      demoApi(req, res, path.slice('/demo-api'.length)).catch((error: unknown) => {
        console.error('[demo-api]', error);
        if (!res.headersSent) sendJson(res, 500, { message: String(error) });
      });
      return;
    }
    if (path === '/back-office') {
      appointments.page(res);
      return;
    }
    if (path.startsWith('/xoi/admin/')) {
      void appointments.status(req, res, next);
      return;
    }
    if (path === '/xoi/notifications') {
      void notificationHandler(req, res);
      return;
    }
    if (routes && (path === '/xoi' || path.startsWith('/xoi/'))) {
      void routes(req, res, next);
      return;
    }
    // What the mock's XOi did (a job updated, a share made) is saved once the answer is out.
    if (path.startsWith('/xoi-cloud/') || path.startsWith('/__xoi-cloud/')) res.once('finish', save);
    void cloud.middleware(req, res, next);
  };

  /** Once the server listens: the client and the mock's notification URL need its address. */
  function onListening(address: AddressInfo | string | null): void {
    if (!address || typeof address === 'string') return;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const origin = `http://${host === '[::]' || host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
    client = createXoiClient({ ...cloud.credentials, environment: cloud.hostsFor(origin) });
    jobIndex = createXoiJobIndex({
      client,
      store,
      queue,
      notifications,
      sweepIntervalMs: 10_000,
      onError: (error) => console.error('[xoi job index]', error),
    });
    routes = makeRoutes(client, jobIndex);
    cloud.setNotifyUrl(`${origin}/xoi/notifications?key=${HOOK_KEY}`);
    appointments.listening(`${origin}/xoi/notifications?key=${HOOK_KEY}`);
  }

  return { middleware, onListening, stop: () => jobIndex?.stop() };
}
