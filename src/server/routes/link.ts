/**
 * `GET …/link` and `POST …/link`: a work order's link, and linking an XOi job to it. Linking
 * reserves both ids in the store (the database decides the one winner, across every instance),
 * does the XOi side (the job gets the work order's fields, a public share is made and recorded
 * under the reservation), then commits; any failure releases the reservation, so a failed link
 * stores nothing. An instance that dies mid-link leaves a reservation that expires; the request
 * that takes it over uses the share already made instead of making a second one.
 */
import { deepLinksOf, xoiUrl } from '../../contract/mapping.js';
import type { WorkOrderLink } from '../../contract/routes.js';
import type { UpdateJobFields } from '../client/client-types.js';
import { assignedTo } from '../client/users.js';
import { json } from '../http.js';
import type { RouteContext } from './context.js';
import { fail, type Answer } from './failures.js';
import type { XoiWorkOrder } from './options.js';
import { technicianOf } from './session.js';
import type { LinkReservation } from '../stores/link-store.js';

export interface LinkRequest {
  request: Request;
  workOrderId: string;
  jobId: string;
  order: XoiWorkOrder;
  email: string;
}

export async function readLink(context: RouteContext, request: Request, workOrderId: string): Promise<Response> {
  const link = await context.host(request, 'read the work order link', () => context.store.get(workOrderId));
  return json(200, { link });
}

/** The work order's own link: the technician may see it, the host gave them the work order. */
async function workOrderLinked(context: RouteContext, { request, workOrderId }: LinkRequest): Promise<Answer | null> {
  const existing = await context.host(request, 'read the work order link', () => context.store.get(workOrderId));
  if (!existing) return null;
  return fail('already-linked', 'This work order is already linked to an XOi job.', {
    reason: 'work-order-linked',
    link: existing,
  });
}

/**
 * The job is linked to another work order. Said only to the job's assignee (checked first), and
 * without that work order or its links: another customer's share link is not the technician's.
 * Linked to this work order meanwhile (a racing request won): that is this work order's link.
 */
async function jobTaken(context: RouteContext, { request, jobId, workOrderId }: LinkRequest): Promise<Answer | null> {
  const holder = await context.host(request, 'read the job link', () => context.store.getByJob(jobId));
  if (!holder) return null;
  if (holder.workOrderId === workOrderId) {
    return fail('already-linked', 'This work order is already linked to an XOi job.', {
      reason: 'work-order-linked',
      link: holder,
    });
  }
  return fail('already-linked', 'This XOi job is already linked to another work order.', { reason: 'job-taken' });
}

/** `POST …/link`. */
export async function linkJob(context: RouteContext, link: LinkRequest): Promise<Response> {
  const { request, workOrderId, jobId, email } = link;
  const linked = await workOrderLinked(context, link);
  if (linked) throw linked;
  const [job, technician] = await Promise.all([
    context.xoi(request, 'read the XOi job', () => context.client.getJob(jobId)),
    technicianOf(context, email),
  ]);
  if (!assignedTo(job, technician)) throw fail('forbidden', 'This XOi job is not assigned to you.');
  const taken = await jobTaken(context, link);
  if (taken) throw taken;
  const reservation = await context.host(request, 'reserve the link', () => context.store.reserve(workOrderId, jobId));
  if (!reservation) {
    // Another request (here or on another instance) holds one of them: its link once there is one.
    throw (
      (await workOrderLinked(context, link)) ??
      (await jobTaken(context, link)) ??
      fail('already-linked', 'This work order or XOi job is being linked right now.', { reason: 'in-progress' })
    );
  }
  return json(201, { link: await linkReserved(context, link, reservation) });
}

/** The XOi side of a reserved link, then the commit; any failure releases the reservation. */
async function linkReserved(
  context: RouteContext,
  link: LinkRequest,
  reservation: LinkReservation,
): Promise<WorkOrderLink> {
  const { request, workOrderId, jobId, order, email } = link;
  const { client, store, config } = context;
  try {
    const fields: UpdateJobFields = {
      workOrderNumber: order.workOrderNumber,
      customerName: order.customerName,
      jobLocation: order.jobLocation,
      label: `${order.workOrderNumber.trim()} - ${order.customerName.trim()}`,
    };
    // updateJob answers with the updated job, deep links included: no second read. It is safe to
    // repeat (the same fields); the share is not, so one made before is reused.
    const job = await context.xoi(request, 'link the XOi job', () => client.updateJob(jobId, fields));
    let share = reservation.progress?.share;
    if (!share) {
      const made = await context.xoi(request, 'link the XOi job', () =>
        client.createJobShare(jobId, { shareEntireJob: config.shareEntireJob }),
      );
      share = { id: made.id, shareLink: made.shareLink };
      const kept = share;
      await context.host(request, 'record the share', () => store.saveProgress(reservation, { share: kept }));
    }
    const result: WorkOrderLink = {
      workOrderId,
      jobId,
      label: job.label ?? fields.label ?? '',
      shareLink: share.shareLink,
      deepLinks: deepLinksOf(job.deepLinks, xoiUrl),
      linkedAt: new Date(config.now()).toISOString(),
      linkedBy: email,
    };
    await context.host(request, 'save the link', () => store.commit(reservation, result));
    return result;
  } catch (error) {
    try {
      await store.release(reservation);
    } catch (releaseError) {
      context.report(releaseError, request, 500);
    }
    throw error;
  }
}
