/**
 * The mock XOi Cloud's public data types: what it stores, what a test seeds, what it records.
 * Re-exported by `xoi-share-button/mock` (mock/xoi-cloud.ts). No imports, so a browser test can
 * import these types without Node's. Field names are XOi's (mock/schema/*.graphql).
 */

/** The services the mock serves; `token` is the REST token endpoint. */
export type MockService = 'token' | 'jobs' | 'share' | 'users';

/** XOi's `DocumentationItemTrait` values (mock/schema/jobs.graphql). */
export type DocumentationItemTrait =
  | 'ai_generated'
  | 'choice'
  | 'dataplate'
  | 'date_entry'
  | 'not_a_dataplate'
  | 'note'
  | 'number_entry'
  | 'partial_dataplate'
  | 'pending'
  | 'preliminary'
  | 'processed'
  | 'text_entry'
  | 'transcript'
  | 'user_edited'
  | 'user_generated'
  | 'work_summary';

/** One stored `DocumentationItem` of a job, as getJobSummary serves it. */
export interface MockDocumentationItem {
  traits: DocumentationItemTrait[];
  stepTraits?: string[] | null;
  tags?: string[] | null;
  workflowId?: string | null;
  /** Deprecated by XOi in favour of `workflowId`; still served. */
  workflowJobId?: string | null;
  workflowName?: string | null;
  workflowLabel?: string | null;
  stepIndex?: number | null;
  stepName?: string | null;
  contentId?: string | null;
  sourceId?: string | null;
  note?: { text: string } | null;
  choice?: { chosen?: string[] | null; options: string[] } | null;
  text_entry?: { value?: string | null } | null;
  date_entry?: { value?: string | null } | null;
  number_entry?: { value?: number | null; unit?: string | null; unit_type: string } | null;
  derivedData?: {
    make?: string | null;
    model?: string | null;
    serial?: string | null;
    name?: string | null;
    transcript?: string | null;
    manufacture_date?: string | null;
  } | null;
  workSummary?: { summary_text: string } | null;
  /** The text a `pending` transcript gets when `processPending()` runs (not served over GraphQL). */
  pendingTranscript?: string;
}

/** A documentation item to add: `traits` defaults to none. */
export type DocumentationItemInput = Omit<MockDocumentationItem, 'traits'> & { traits?: DocumentationItemTrait[] };

/** A job as the mock stores it (XOi's `Job` without `deepLinks`, which are made per request). */
export interface MockJob {
  id: string;
  assigneeIds: string[];
  customerName: string | null;
  jobLocation: string | null;
  workOrderNumber: string | null;
  label: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  completedAt: string | null;
  completedBy: string | null;
  customerEmail: string | null;
  externalAppUrl: string | null;
  externalId: string | null;
  tags: string[] | null;
  publicTags: string[] | null;
  tagSuggestions: string[] | null;
  workTypeIds: string[] | null;
  internalNote: { text: string } | null;
  internalNotificationContacts: Array<{ email: string; notify_of_events: string[] }> | null;
  integrationEntityId: { id: string; namespace: string } | null;
  documentation: MockDocumentationItem[];
}

/** A job to seed: every field optional (a label, work order number and customer are made up). */
export interface SeedJob {
  /** The one assignee: this user is created when missing and the job assigned to their id. */
  technicianEmail?: string;
  /** Raw assignee ids, not checked against the users directory (wins over `technicianEmail`). */
  assigneeIds?: string[];
  label?: string;
  customerName?: string;
  jobLocation?: string;
  workOrderNumber?: string;
  externalId?: string;
  /** ISO date-time; default the mock's now. */
  createdAt?: string;
  /** `true` (completed now) or an ISO completion time. */
  completed?: boolean | string;
  documentation?: DocumentationItemInput[];
}

/** A user of XOi's users service (`User`, snake case as XOi spells it). */
export interface MockUser {
  /** The lowercased email (option `userIds: 'email'`, as XOi's ids look today) or a random UUID. */
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  phone_number: string;
}

/** A user to seed. Names default from the email's local part ("jane.doe" → Jane, Doe), the phone to "". */
export interface SeedUser {
  email: string;
  given_name?: string;
  family_name?: string;
  phone_number?: string;
}

export type MockFaultType =
  'http' | 'network' | 'slow' | 'graphql-error' | 'empty-share-link' | 'null-job-share' | 'lost-response';

/**
 * A fault to inject into the next matching request(s):
 *
 * - `http`: answer `status` (default 503) with `{message}`, and a `Retry-After: retryAfterSeconds`
 *   header when that is given;
 * - `network`: drop the connection before doing anything;
 * - `slow`: wait `delayMs` (default 2,000), then handle the request normally;
 * - `graphql-error`: 200 with `data: null` and one error (`message`, `errorType`, default `InternalFailure`);
 * - `empty-share-link`: the next share(s) made answer `shareLink: ""` (XOi's "peak times", docs/xoi-api-notes.md §4);
 * - `null-job-share`: the next share(s) made answer `jobShare: null` (`createPublicShare: null` from
 *   createJob), which XOi's schema allows (§4); no share is made;
 * - `lost-response`: handle the request, then drop the connection instead of answering (the change is made).
 */
export interface MockFault {
  type: MockFaultType;
  /** How many requests (or shares) it hits (default 1). */
  times?: number;
  /** Which endpoint (default `any`). */
  service?: MockService | 'any';
  status?: number;
  delayMs?: number;
  /** `http` only: sent as `Retry-After` (whole seconds ≥ 0). */
  retryAfterSeconds?: number;
  message?: string;
  errorType?: string;
}

/** One line of the mock's request log (`cloud.requests`, `GET /__xoi-cloud/requests`). */
export interface MockRequestLogEntry {
  /** ISO time on the mock's clock. */
  at: string;
  service: MockService;
  /** The GraphQL operation's name (`null` for the token endpoint or an unnamed query). */
  operation: string | null;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  method?: string;
  variables?: unknown;
  /** The `Authorization` header as received. */
  authorization?: string | null;
  /** The injected fault that answered, if any. */
  fault?: 'http' | 'network' | 'graphql-error' | 'lost-response';
}

/** A change notification's body, as XOi documents it (docs/xoi-api-notes.md §6). */
export interface NotificationPayload {
  orgId: string;
  /** `job_update`, `job_delete` (or `job_updated`, `job_deleted` with `eventSpelling: 'past'`). */
  event: string;
  jobId: string;
  /** "" at job level. */
  workflowJobId: string;
  traits: string[];
  /** "2020-03-18 18:49:20": UTC, no zone. */
  firedAt: string;
}

/** One notification the mock sent (`cloud.notifications`). */
export interface MockNotificationRecord {
  url: string;
  payload: unknown;
  /** The receiver's HTTP status, once it answered. */
  status?: number;
  /** Why it could not be delivered. */
  error?: string;
}

/** Options of `addTranscript()`. */
export interface TranscriptOptions {
  /** Traits `transcript, pending` and no text until `processPending(jobId)`. */
  pending?: boolean;
  workflowName?: string;
  workflowLabel?: string | null;
  stepName?: string;
  stepIndex?: number;
  workflowJobId?: string;
}

/** The client's `environment` for the mock at one origin, plus the users service. */
export interface MockHosts {
  tokenUrl: string;
  jobsUrl: string;
  shareUrl: string;
  usersUrl: string;
}
