/**
 * Who is signed in, and the work order they named: both from the host, never from the browser
 * (the browser only names a work order id).
 */
import type { Technician } from '../client/users.js';
import { normalizeEmail } from '../email.js';
import type { RouteContext } from './context.js';
import { fail } from './failures.js';
import type { XoiWorkOrder } from './options.js';

/** The technician's email, normalised; 401 when nobody is signed in, 403 when it is not an email. */
export async function signedIn(context: RouteContext, request: Request): Promise<string> {
  const raw = await context.host(request, 'tell who is signed in', () => context.config.technician(request));
  if (raw === undefined || raw === null || raw === '')
    throw fail('unauthenticated', 'Sign in to see and link XOi jobs.');
  try {
    return normalizeEmail(raw);
  } catch {
    throw fail(
      'forbidden',
      'Your account has no valid email address, and XOi matches technicians by email. ' +
        'Ask an administrator to fix it.',
    );
  }
}

function checkWorkOrder(raw: unknown): XoiWorkOrder | null {
  if (!raw || typeof raw !== 'object') return null;
  const { workOrderNumber, customerName, jobLocation } = raw as Record<string, unknown>;
  const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
  if (!given(workOrderNumber) || !given(customerName) || !given(jobLocation)) return null;
  return { workOrderNumber, customerName, jobLocation };
}

/** The host's work order; 404 when there is none, 500 (reported) when the host's record is incomplete. */
export async function hostWorkOrder(
  context: RouteContext,
  request: Request,
  workOrderId: string,
): Promise<XoiWorkOrder> {
  const raw = await context.host(request, 'read the work order', () => context.config.workOrder(workOrderId, request));
  if (!raw) throw fail('not-found', 'There is no such work order.');
  const order = checkWorkOrder(raw);
  if (!order) {
    context.report(
      new TypeError('workOrder() must return { workOrderNumber, customerName, jobLocation }, all non-blank strings'),
      request,
      500,
    );
    throw fail('internal', 'The work order is missing its number, customer or location.');
  }
  return order;
}

/**
 * The signed-in technician as XOi's assignees name them: their XOi user id from the users
 * directory (cached by the client), or the email alone when XOi has no such user or the directory
 * cannot be read (XOi's ids look like emails today; docs/xoi-api-notes.md §5).
 */
export async function technicianOf(context: RouteContext, email: string): Promise<Technician> {
  const user = await context.client.findUserByEmail(email).catch(() => null);
  return { email, userId: user?.id ?? null };
}
