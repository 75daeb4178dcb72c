/**
 * `xoi-share-button/server`: the XOi Cloud tier for Node ≥ 20 (no DOM). It holds XOi API
 * credentials, so it must only ever run on the host's server; the browser entry never imports it.
 */
export { createXoiClient } from './client/client.js';
export { classifyGraphQLErrors } from './client/classify.js';
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
  UpdateJobFields,
  XoiClient,
  XoiClientOptions,
} from './client/client-types.js';
export { XOI_HOSTS, resolveHosts } from './client/environments.js';
export type { XoiEnvironment, XoiEnvironmentName, XoiHosts } from './client/environments.js';
export { XoiError, isXoiError } from './client/errors.js';
export type { XoiErrorCode, XoiGraphQLError } from './client/errors.js';
export { normalizeEmail, isValidEmail } from './email.js';
export { backoffDelay, DEFAULT_RETRY } from './client/retry.js';
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
export { classifyNotification, parseNotification, parseFiredAt } from './notifications/payload.js';
export { createMemoryDedupe } from './notifications/dedupe.js';
export type {
  NotificationDedupeStore,
  XoiChangeEvent,
  XoiChangeEventType,
  XoiChangeListener,
  XoiNotificationPayload,
  XoiNotifications,
  XoiNotificationsOptions,
} from './notifications/notifications.js';
export { buildAppointmentNotes } from './notes.js';
export type { AppointmentNote, AppointmentNotes, AppointmentNotesOptions, AppointmentNoteTitle } from './notes.js';
export { createXoiRoutes, isUnmatched } from './routes/routes.js';
export { UNMATCHED_HEADER } from './routes/request.js';
export type { XoiRoutesClient, XoiRoutesOptions, XoiWorkOrder } from './routes/routes.js';
export { createMemoryLinkStore } from './stores/link-store.js';
export type { MemoryLinkStore, XoiLinkStore } from './stores/link-store.js';
export type {
  AlreadyLinkedReason,
  LinkableJob,
  LinkableJobsBody,
  WorkOrderLink,
  WorkOrderLinkBody,
  WorkOrderLinkDeepLinks,
  XoiRouteErrorBody,
  XoiRouteErrorCode,
} from '../contract/routes.js';
export { nodeRequestOf, toNodeHandler, toRequest } from './node-adapter.js';
export type { FetchHandler, NodeHandler } from './node-adapter.js';
