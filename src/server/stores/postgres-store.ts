/**
 * `createPostgresStore`: the XOi Cloud tier's state on PostgreSQL, the database FSM back offices
 * already run: work order links, the notification inbox, and (issues 20, 21) appointments and the
 * job index. Migrations run when it opens, safely when several instances start at once.
 *
 *     const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL });
 *     const store = await createPostgresStore(await createEmbeddedPostgres({ dataDir: '.xoi-data' }));
 */
import { APPOINTMENT_MIGRATIONS } from '../appointments/migrations.js';
import { PostgresAppointmentStore } from '../appointments/postgres-appointments.js';
import type { AppointmentStore } from '../appointments/store.js';
import { openDatabase, type Database, type DatabaseOptions } from '../db/database.js';
import { CORE_MIGRATIONS, migrate, type Migration } from '../db/migrations.js';
import { JOB_INDEX_MIGRATIONS } from '../job-index/migrations.js';
import { PostgresJobIndex } from '../job-index/postgres.js';
import type { JobIndexStore } from '../job-index/store.js';
import { reservationTtl, type XoiLinkStore } from './link-store.js';
import { PostgresLinkStore } from './postgres-links.js';
import { postgresNotificationInbox, retention, type NotificationInbox } from './notification-inbox.js';

export type PostgresStoreOptions = DatabaseOptions & {
  /** How long a link reservation holds before another request may take it over. Default 5 minutes. */
  reservationTtlMs?: number;
  /** How long a notification's key is remembered (re-deliveries within it are dropped). Default 7 days. */
  notificationRetentionMs?: number;
};

export interface XoiStore {
  readonly links: XoiLinkStore;
  readonly notifications: NotificationInbox;
  /** The organisation's XOi jobs for the technicians' lists (issue 21): give the store to `createXoiJobIndex`. */
  readonly jobIndex: JobIndexStore;
  /** The appointment sync's state (`createAppointmentSync`). */
  readonly appointments: AppointmentStore;
  /** The database (for the queue: `createXoiQueue(store.database)`). */
  readonly database: Database;
  /** Ends the store's pool (not a pool you passed in). */
  close(): Promise<void>;
}

/** Every migration this package knows, in all its feature ranges. */
export const MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS,
  ...APPOINTMENT_MIGRATIONS,
  ...JOB_INDEX_MIGRATIONS,
];

export async function createPostgresStore(options: PostgresStoreOptions): Promise<XoiStore> {
  const ttl = reservationTtl(options?.reservationTtlMs);
  const keep = retention(options?.notificationRetentionMs);
  const database = await openDatabase(options);
  try {
    await migrate(database, MIGRATIONS);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return {
    links: new PostgresLinkStore(database, ttl),
    notifications: postgresNotificationInbox(database, keep),
    jobIndex: new PostgresJobIndex(database),
    appointments: new PostgresAppointmentStore(database),
    database,
    close: () => database.close(),
  };
}
