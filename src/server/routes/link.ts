/**
 * `GET …/link` and `POST …/link`: a work order's link, and linking an XOi job to it. Linking
 * reserves both ids in the store, does the XOi side (the job gets the work order's fields, a
 * public share is made), then commits; any failure releases the reservation, so a failed link
 * stores nothing.
 */
import { deepLinksOf, xoiUrl } from '../../contract/mapping.js';
import type { WorkOrderLink } from '../../contract/routes.js';
import type { UpdateJobFields } from '../client/client-types.js';
import { isAssignee } from '../email.js';
import { json } from '../http.js';
import type { RouteContext } from './context.js';
import { fail, type Answer } from './failures.js';
import type { KeyLock } from './lock.js';
import type { XoiWorkOrder } from './options.js';

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
 */
async function jobTaken(context: RouteContext, { request, jobId }: LinkRequest): Promise<Answer | null> {
  const holder = await context.host(request, 'read the job link', () => context.store.getByJob(jobId));
  if (!holder) return null;
  return fail('already-linked', 'This XOi job is already linked to another work order.', { reason: 'job-taken' });
}

/** `POST …/link`: one link at a time per work order and per job in this process (lock.ts). */
export async function linkJob(context: RouteContext, lock: KeyLock, link: LinkRequest): Promise<Response> {
  const { request, workOrderId, jobId, email } = link;
  return lock([`wo:${workOrderId}`, `job:${jobId}`], async () => {
    const linked = await workOrderLinked(context, link);
    if (linked) throw linked;
    const job = await context.xoi(request, 'read the XOi job', () => context.client.getJob(jobId));
    if (!isAssignee(job, email)) throw fail('forbidden', 'This XOi job is not assigned to you.');
    const taken = await jobTaken(context, link);
    if (taken) throw taken;
    const reserved = await context.host(request, 'reserve the link', () => context.store.reserve(workOrderId, jobId));
    if (!reserved) {
      // Another server process holds one of them: its link once there is one, else "in progress".
      throw (
        (await workOrderLinked(context, link)) ??
        (await jobTaken(context, link)) ??
        fail('already-linked', 'This work order or XOi job is being linked right now.', { reason: 'in-progress' })
      );
    }
    return json(201, { link: await linkReserved(context, link) });
  });
}

/** The XOi side of a reserved link, then the commit; any failure releases the reservation. */
async function linkReserved(context: RouteContext, link: LinkRequest): Promise<WorkOrderLink> {
  const { request, workOrderId, jobId, order, email } = link;
  const { client, store, config } = context;
  try {
    const fields: UpdateJobFields = {
      workOrderNumber: order.workOrderNumber,
      customerName: order.customerName,
      jobLocation: order.jobLocation,
      label: `${order.workOrderNumber.trim()} - ${order.customerName.trim()}`,
    };
    const { job, share } = await context.xoi(request, 'link the XOi job', async () => ({
      // updateJob answers with the updated job, deep links included: no second read.
      job: await client.updateJob(jobId, fields),
      share: await client.createJobShare(jobId, { shareEntireJob: config.shareEntireJob }),
    }));
    const result: WorkOrderLink = {
      workOrderId,
      jobId,
      label: job.label ?? fields.label ?? '',
      shareLink: share.shareLink,
      deepLinks: deepLinksOf(job.deepLinks, xoiUrl),
      linkedAt: new Date(config.now()).toISOString(),
      linkedBy: email,
    };
    await context.host(request, 'save the link', () => store.commit(result));
    return result;
  } catch (error) {
    try {
      await store.release(workOrderId, jobId);
    } catch (releaseError) {
      context.report(releaseError, request, 500);
    }
    throw error;
  }
}
