/**
 * `xoi-share-button/server`: the XOi Cloud tier for Node ≥ 20 (no DOM). It holds XOi API
 * credentials, so it must only ever run on the host's server; the browser entry never imports it.
 *
 * Every export here is a promise to vendors: the client and its types, XoiError, the environments,
 * the routes, notifications, notes, the appointment sync and its status page, stores, the Node
 * adapter and the routes' wire types. Internals
 * (retry maths, parsers, classification tables) are not exported; tests import them from their
 * built modules.
 */
export { createXoiClient } from './client/client.js';
export type {
  AssignedJobs,
  CreateJobInput,
  CreateJobResult,
  GetJobSummaryOptions,
  GraphQLErrorClass,
  GraphQLErrorClassifier,
  ListAssignedOptions,
  ListJobsInput,
  ListJobsPage,
  ListUsersInput,
  ListUsersPage,
  UpdateJobFields,
  XoiClient,
  XoiClientOptions,
} from './client/client-types.js';
export { XOI_HOSTS } from './client/environments.js';
export type { XoiEnvironment, XoiEnvironmentName, XoiHosts } from './client/environments.js';
export { XoiError } from './client/errors.js';
export type { XoiErrorCode, XoiGraphQLError } from './client/errors.js';
export type { RetryOptions } from './client/retry.js';
export type {
  XoiDateQuery,
  XoiDeepLink,
  XoiDocumentationItem,
  XoiJob,
  XoiJobDeepLinks,
  XoiJobShare,
  XoiJobSummary,
  XoiListJobsFilter,
  XoiUser,
} from './client/types.js';
export { createXoiNotifications } from './notifications/notifications.js';
export type {
  NotificationDedupeStore,
  XoiChangeEvent,
  XoiChangeEventType,
  XoiChangeListener,
  XoiNotificationPayload,
  XoiNotifications,
  XoiNotificationsOptions,
} from './notifications/notifications.js';
export { createAppointmentSync } from './appointments/sync.js';
export type { AppointmentSync, AppointmentSyncStatus, AppointmentUpsertResult } from './appointments/sync.js';
export type { AppointmentSyncOptions } from './appointments/options.js';
export type { Appointment, AppointmentInput, AppointmentStatus, XoiJobFields } from './appointments/appointment.js';
export type { AppointmentSyncClient, DeliverNotes } from './appointments/steps.js';
export type { FetchAppointmentsChangedSince, PollResult } from './appointments/poll.js';
export type { AppointmentRecord, AppointmentStore, AppointmentSyncState, PollCursor } from './appointments/store.js';
export { createAppointmentStatusRoutes } from './appointments/status-routes.js';
export type { AppointmentStatusRoutesOptions } from './appointments/status-routes.js';
export type { AppointmentAttention, IntegrationStatus, StatusAction } from './appointments/status.js';
export { buildAppointmentNotes } from './notes.js';
export type { AppointmentNote, AppointmentNotes, AppointmentNotesOptions, AppointmentNoteTitle } from './notes.js';
export { createXoiRoutes, isUnmatched } from './routes/routes.js';
export type { XoiRoutesClient, XoiRoutesOptions, XoiWorkOrder } from './routes/routes.js';
export { createMemoryLinkStore, ReservationLostError } from './stores/link-store.js';
export type {
  LinkProgress,
  LinkReservation,
  LinkStoreTiming,
  MemoryLinkStore,
  XoiLinkStore,
} from './stores/link-store.js';
export { createMemoryNotificationInbox } from './stores/notification-inbox.js';
export type { InboxEntry, LastNotification, NotificationInbox } from './stores/notification-inbox.js';
export { createPostgresStore } from './stores/postgres-store.js';
export type { PostgresStoreOptions, XoiStore } from './stores/postgres-store.js';
export { createEmbeddedPostgres } from './db/embedded.js';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './db/embedded.js';
export type { DatabaseOptions, PgPool } from './db/database.js';
export { createXoiJobIndex } from './job-index/indexer.js';
export type {
  JobIndexClient,
  SweepReport,
  XoiJobIndex,
  XoiJobIndexOptions,
  XoiJobIndexStatus,
} from './job-index/indexer.js';
export type {
  IndexedJob,
  IndexedTechnician,
  JobIndexQuery,
  JobIndexState,
  JobIndexStatePatch,
  JobIndexStore,
} from './job-index/store.js';
export type { ListPosition } from './job-index/order.js';
export type { JobIndexRow } from './job-index/row.js';
export { createXoiQueue } from './queue/queue.js';
export type {
  DeadLetter,
  QueueCounts,
  QueueSendOptions,
  XoiJobDefinition,
  XoiQueue,
  XoiQueueOptions,
} from './queue/queue.js';
export type {
  AlreadyLinkedReason,
  LinkableJob,
  LinkableJobsBody,
  LinkableJobsSource,
  WorkOrderLink,
  WorkOrderLinkBody,
  WorkOrderLinkDeepLinks,
  XoiRouteErrorBody,
  XoiRouteErrorCode,
} from '../contract/routes.js';
export { nodeRequestOf, toNodeHandler } from './node-adapter.js';
export type { FetchHandler, NodeHandler } from './node-adapter.js';
