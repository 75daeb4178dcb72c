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
 *   POST /demo-api/reset               fresh XOi jobs and an empty link store
 *
 * As a host would, the server keeps each linked work order's notes and rebuilds them when a
 * notification says the job changed: the transcript note appears because XOi said so, not
 * because the page asked again. The signed-in technician is a fixed demo session.
 *
 * Node code, like vite.config.ts: type-checked by demo/tsconfig.node.json (no DOM lib).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connect, Plugin } from 'vite';
import { createXoiCloud, type XoiCloud } from '../mock/xoi-cloud.ts';
import {
  buildAppointmentNotes,
  createMemoryLinkStore,
  createXoiClient,
  createXoiNotifications,
  createXoiRoutes,
  toNodeHandler,
  type AppointmentNotes,
  type MemoryLinkStore,
  type XoiClient,
} from '../src/server/index.ts';
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

export function xoiCloudTierPlugin(): Plugin {
  const cloud = createXoiCloud();
  seed(cloud);
  let client: XoiClient | undefined;
  let store: MemoryLinkStore = createMemoryLinkStore();
  const notesByWorkOrder = new Map<string, AppointmentNotes>();
  const listeners = new Set<ServerResponse>();

  /** One handler per store (its in-process queue keeps racing requests for one work order in order). */
  const makeRoutes = (xoi: XoiClient) =>
    toNodeHandler(
      createXoiRoutes(xoi, store, {
        basePath: '/xoi',
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

  async function rebuildNotes(workOrderId: string): Promise<AppointmentNotes | null> {
    const link = await store.get(workOrderId);
    if (!link || !client) return null;
    const [job, summary] = await Promise.all([client.getJob(link.jobId), client.getJobSummary(link.jobId)]);
    const notes = buildAppointmentNotes(job, summary, link.shareLink);
    notesByWorkOrder.set(workOrderId, notes);
    return notes;
  }

  function broadcast(event: string, data: object): void {
    for (const res of listeners) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  const notifications = createXoiNotifications({
    secret: HOOK_KEY, // checked in constant time against ?key= (or the x-xoi-notification-key header)
    onError: (error) => console.error('[xoi notifications]', error),
  });
  notifications.on('*', async (event) => {
    const link = await store.getByJob(event.jobId);
    if (!link) return;
    if (event.type !== 'job-deleted') await rebuildNotes(link.workOrderId);
    broadcast('notes', { workOrderId: link.workOrderId, type: event.type, traits: event.traits });
  });
  const notificationHandler = toNodeHandler(notifications.handle);

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
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
      cloud.reset();
      seed(cloud);
      store = createMemoryLinkStore();
      if (client) routes = makeRoutes(client);
      notesByWorkOrder.clear();
      sendJson(res, 200, { ok: true });
      return;
    }
    const match = /^\/work-orders\/([^/]+)\/(notes|simulate-transcript)$/.exec(path);
    if (!match) {
      sendJson(res, 404, { message: 'no such demo route' });
      return;
    }
    const workOrderId = decodeURIComponent(match[1]);
    if (match[2] === 'notes' && req.method === 'GET') {
      // Built once on the first read after linking; afterwards only notifications rebuild them.
      const notes = notesByWorkOrder.get(workOrderId) ?? (await rebuildNotes(workOrderId));
      sendJson(res, 200, { workOrderId, notes });
      return;
    }
    if (match[2] === 'simulate-transcript' && req.method === 'POST') {
      const link = await store.get(workOrderId);
      if (!link) {
        sendJson(res, 409, { message: 'link the work order first' });
        return;
      }
      const processed = cloud.processPending(link.jobId);
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
    if (path === '/xoi/notifications') {
      void notificationHandler(req, res);
      return;
    }
    if (routes && (path === '/xoi' || path.startsWith('/xoi/'))) {
      void routes(req, res, next);
      return;
    }
    void cloud.middleware(req, res, next);
  };

  /** Once the server listens: the client and the mock's notification URL need its address. */
  function onListening(address: AddressInfo | string | null): void {
    if (!address || typeof address === 'string') return;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const origin = `http://${host === '[::]' || host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
    client = createXoiClient({ ...cloud.credentials, environment: cloud.hostsFor(origin) });
    routes = makeRoutes(client);
    cloud.setNotifyUrl(`${origin}/xoi/notifications?key=${HOOK_KEY}`);
  }

  return {
    name: 'xoi-cloud-tier',
    configureServer(server) {
      server.httpServer?.once('listening', () => onListening(server.httpServer!.address()));
      server.middlewares.use(middleware);
    },
  };
}
