/**
 * What the "XOi Integration Setup" status shows (MobileTech's setup window, which an administrator
 * prints for XOi: docs/xoi-api-notes.md §9), as JSON: XOi's environment and hosts, whether a token
 * can be had now, the notification URL to give XOi (its secret masked), the last notification,
 * the appointments synced / waiting / failed with each failure's reason, and the dead letters.
 * status-page.ts draws the same report as a printable page.
 */
import type { XoiHosts } from '../client/environments.js';
import { XOI_HOSTS } from '../client/environments.js';
import { XoiError } from '../client/errors.js';
import type { LastNotification } from '../stores/notification-inbox.js';
import type { AppointmentSync } from './sync.js';
import type { AppointmentSyncState } from './store.js';

export interface StatusAction {
  method: 'POST';
  url: string;
}

export interface AppointmentAttention {
  appointmentId: string;
  state: AppointmentSyncState;
  reason: string;
  workOrderNumber: string;
  customerName: string;
  technicianEmail: string | null;
  jobId: string | null;
  updatedAt: string;
  /** Null for one that is retrying by itself. */
  retry: StatusAction | null;
}

export interface IntegrationStatus {
  title: string;
  generatedAt: string;
  xoi: {
    environment: 'staging' | 'production' | 'custom';
    hosts: XoiHosts;
    token: { ok: true } | { ok: false; code: string; message: string };
  };
  notifications: { url: string | null; lastReceived: LastNotification | null };
  appointments: {
    synced: number;
    waiting: number;
    /** Needing attention: not an XOi user, failed, job deleted. */
    failed: number;
    notScheduled: number;
    cancelled: number;
    total: number;
    byState: Record<AppointmentSyncState, number>;
    attention: AppointmentAttention[];
  };
  deadLetters: Array<{
    id: string;
    /** `xoi-appointment` (a sync), `xoi-notification` (a listener)… */
    queue: string;
    appointmentId: string | null;
    error: string;
    failedAt: string;
    retry: StatusAction;
  }>;
  lastPoll: { at: string | null; cursor: string | null; result: unknown } | null;
}

export interface StatusSources {
  sync: Pick<AppointmentSync, 'status'>;
  client: { readonly hosts: Readonly<XoiHosts>; checkToken(): Promise<void> };
  basePath: string;
  notificationUrl: string | null;
  tokenTimeoutMs: number;
}

function environmentOf(hosts: Readonly<XoiHosts>): IntegrationStatus['xoi']['environment'] {
  for (const name of ['production', 'staging'] as const) {
    const known = XOI_HOSTS[name];
    if (known.tokenUrl === hosts.tokenUrl && known.jobsUrl === hosts.jobsUrl && known.shareUrl === hosts.shareUrl) {
      return name;
    }
  }
  return 'custom';
}

/**
 * The notification URL without its secret in clear: every query value and any user info shown
 * as "…" plus its last 4 characters (enough to tell two keys apart on paper).
 */
export function maskSecretUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(not a URL)';
  }
  const mask = (secret: string) => (secret.length <= 8 ? '…' : `…${secret.slice(-4)}`);
  const query = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${mask(v)}`).join('&');
  const user = url.username || url.password ? '…@' : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}${query ? `?${query}` : ''}`;
}

async function tokenCheck(sources: StatusSources): Promise<IntegrationStatus['xoi']['token']> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new XoiError('unavailable', `XOi's token endpoint did not answer within ${sources.tokenTimeoutMs} ms.`)),
      sources.tokenTimeoutMs,
    );
  });
  try {
    await Promise.race([sources.client.checkToken(), late]);
    return { ok: true };
  } catch (error) {
    const code = error instanceof XoiError ? error.code : 'error';
    return { ok: false, code, message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const idOf = (data: unknown): string | null => {
  const id = (data as { appointmentId?: unknown } | null)?.appointmentId;
  return typeof id === 'string' ? id : null;
};

export async function integrationStatus(sources: StatusSources): Promise<IntegrationStatus> {
  const [status, token] = await Promise.all([sources.sync.status(), tokenCheck(sources)]);
  const { counts } = status;
  const action = (path: string): StatusAction => ({ method: 'POST', url: `${sources.basePath}/${path}` });
  return {
    title: 'XOi Integration Setup',
    generatedAt: new Date().toISOString(),
    xoi: { environment: environmentOf(sources.client.hosts), hosts: { ...sources.client.hosts }, token },
    notifications: {
      url: sources.notificationUrl === null ? null : maskSecretUrl(sources.notificationUrl),
      lastReceived: status.lastNotification,
    },
    appointments: {
      synced: counts.synced,
      waiting: counts.waiting,
      failed: counts['technician-not-in-xoi'] + counts.failed + counts['job-deleted'],
      notScheduled: counts['not-scheduled'],
      cancelled: counts.cancelled,
      total: counts.total,
      byState: Object.fromEntries(Object.entries(counts).filter(([k]) => k !== 'total')) as Record<
        AppointmentSyncState,
        number
      >,
      attention: status.attention.map((r) => ({
        appointmentId: r.id,
        state: r.state,
        reason: r.reason ?? '',
        workOrderNumber: r.appointment.workOrderNumber,
        customerName: r.appointment.customerName,
        technicianEmail: r.appointment.technicianEmail,
        jobId: r.jobId,
        updatedAt: r.updatedAt,
        retry: r.state === 'waiting' ? null : action(`appointments/${encodeURIComponent(r.id)}/retry`),
      })),
    },
    deadLetters: status.deadLetters.map((d) => ({
      id: d.id,
      queue: d.queue,
      appointmentId: idOf(d.data),
      error: d.error,
      failedAt: d.failedAt,
      retry: action(`dead-letters/${encodeURIComponent(d.id)}/retry`),
    })),
    lastPoll: status.lastPoll && {
      at: status.lastPoll.polledAt,
      cursor: status.lastPoll.cursor,
      result: status.lastPoll.result,
    },
  };
}
