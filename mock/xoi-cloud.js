/**
 * A stand-in for XOi's authenticated External API ("XOi Cloud"): the token endpoint and the jobs
 * and share GraphQL services, for tests and the demo. Queries run on a real GraphQL engine
 * (graphql-js) against a schema written from /work/shared/XOI-EXTERNAL-API.md §3–§4, so a query
 * XOi would refuse (unknown field, wrong variable type) is refused here too.
 *
 *   POST {prefix}/token            {api_key, api_secret} → {token}; GET with HTTP Basic works too
 *   POST {prefix}/jobs/graphql     jobs service (header `Authorization: <token>`, no "Bearer")
 *   POST {prefix}/share/graphql    share service
 *   GET  {prefix}/share/{id}       the public share page; GET {prefix}/web/jobs/{id} the job page
 *   …    /__xoi-cloud/…            test helpers over HTTP (see `admin` below)
 *
 * Plain Node ESM: `middleware(req, res, next)` works in Connect/Vite and `http.createServer`;
 * it returns a promise that settles when a handled response has ended.
 *
 * Guesses where the fact sheet is silent: errorType names (`NotFound`, `ValidationError`,
 * `Conflict`), token error statuses (unknown key 403, wrong secret 401), deep link URL shapes,
 * and listJobs' default order (newest first).
 */
import { escapeHtml, readBody, send } from './http.js';

/** @type {typeof import('graphql')} */
let graphqlModule;
try {
  graphqlModule = await import('graphql');
} catch (error) {
  throw new Error(
    "xoi-share-button/mock needs the 'graphql' package (v16) to run its GraphQL services: " +
      'npm install --save-dev graphql@16',
    { cause: error },
  );
}
const { buildSchema, graphql: runGraphQL } = graphqlModule;

const ADMIN = '/__xoi-cloud';

const SCALARS = `
scalar AWSDateTime
scalar AWSEmail
`;

const JOBS_SDL = `${SCALARS}
type Query {
  getJob(input: GetJobInput!): GetJobResult!
  getJobIdByExternalId(input: GetJobIdByExternalIdInput!): GetJobIdByExternalIdResult!
  getJobSummary(input: GetJobSummaryInput!): GetJobSummaryResult!
  listJobs(input: ListJobsInput!): ListJobsResult!
}
type Mutation {
  createJob(input: CreateJobInput!): CreateJobResult!
  updateJob(input: UpdateJobInput!): UpdateJobResult!
  deleteJob(input: DeleteJobInput!): DeleteJobResult!
  completeJob(input: CompleteJobInput!): CompleteJobResult!
}
input GetJobInput { id: ID! }
type GetJobResult { job: Job! }
input GetJobIdByExternalIdInput { externalId: ID! }
type GetJobIdByExternalIdResult { jobId: ID! }

input CreateJobInput { newJob: NewJobInput!, additionalActions: AdditionalActionsInput }
input AdditionalActionsInput { createPublicShare: CreatePublicShareInput! }
input CreatePublicShareInput { enabled: Boolean! }
type CreateJobResult { job: Job!, additionalActionsResults: AdditionalActionsResults }
type AdditionalActionsResults { createPublicShare: JobShare }
type JobShare { id: ID!, shareLink: String! }
input IntegrationEntityIdInput { id: ID!, namespace: String! }
input InternalNoteInput { text: String! }
enum NotifyOfEvent { WORKFLOW_CUSTOMER_APPROVAL_SUBMISSION }
input InternalNotificationContactInput { email: AWSEmail!, notify_of_events: [NotifyOfEvent!]! }
input NewJobInput {
  assigneeIds: [ID!]!
  customerName: String!
  jobLocation: String!
  workOrderNumber: String!
  label: String
  externalId: ID
  integrationEntityId: IntegrationEntityIdInput
  tags: [String!]
  publicTags: [String!]
  tagSuggestions: [String!]
  internalNote: InternalNoteInput
  customerEmail: AWSEmail
  externalAppUrl: String
  internalNotificationContacts: [InternalNotificationContactInput!]
  workTypeIds: [ID!]
}
input UpdateJobInput { id: ID!, fieldUpdates: UpdateJobFieldsInput! }
input UpdateJobFieldsInput {
  assigneeIds: [ID!]
  customerName: String
  jobLocation: String
  workOrderNumber: String
  customerEmail: AWSEmail
  label: String
  tags: [String!]
  publicTags: [String!]
  tagSuggestions: [String!]
  internalNote: InternalNoteInput
  externalAppUrl: String
  internalNotificationContacts: [InternalNotificationContactInput!]
}
type UpdateJobResult { job: Job! }
input DeleteJobInput { id: ID! }
type DeleteJobResult { id: ID! }
input CompleteJobInput { id: ID! }
type CompleteJobResult { id: ID!, completedAt: AWSDateTime!, completedBy: ID! }

type IntegrationEntityId { id: ID!, namespace: String! }
type InternalNote { text: String }
type InternalNotificationContact { email: AWSEmail!, notify_of_events: [NotifyOfEvent!]! }
type DeepLink { url: String! }
type VisionWebDeepLinks { viewJob: DeepLink }
type VisionMobileDeepLinks {
  viewJob: DeepLink
  editJob: DeepLink
  jobLocationActivitySearch: DeepLink
  contributeToJob: DeepLink
}
type JobDeepLinks { visionWeb: VisionWebDeepLinks, visionMobile: VisionMobileDeepLinks }
type Job {
  id: ID!
  assigneeIds: [ID!]!
  customerName: String
  jobLocation: String
  workOrderNumber: String
  label: String
  createdAt: AWSDateTime
  createdBy: ID
  updatedAt: AWSDateTime
  completedAt: AWSDateTime
  completedBy: ID
  customerEmail: AWSEmail
  externalAppUrl: String
  externalId: ID
  tags: [String!]
  publicTags: [String!]
  tagSuggestions: [String!]
  workTypeIds: [ID!]
  internalNote: InternalNote
  internalNotificationContacts: [InternalNotificationContact!]
  integrationEntityId: IntegrationEntityId
  deepLinks: JobDeepLinks
}

enum DateQueryType { CREATED_AT, COMPLETED_AT }
input DateQueryInput { type: DateQueryType!, gte: AWSDateTime, lte: AWSDateTime, ascending: Boolean = false }
input ListJobsFilterInput { customerName: String, jobLocation: String, workOrderNumber: String }
input ListJobsInput {
  limit: Int!
  nextToken: String
  filter: ListJobsFilterInput
  dateQuery: DateQueryInput
  excludeJobIds: [String!]
}
type JobConnection { items: [Job!]!, nextToken: String }
type ListJobsResult { jobConnection: JobConnection! }

input GetJobSummaryInput {
  jobId: ID!
  workflowId: ID
  workflowJobId: ID
  includeAllSteps: Boolean
  nextToken: String
}
type User { id: ID!, email: AWSEmail!, given_name: String, family_name: String, phone_number: String }
type AgentInfo { email: AWSEmail }
type SupportStatus { workflowId: ID, status: String!, lastSetAt: AWSDateTime!, agentInfo: AgentInfo }
enum DocumentationItemTrait {
  ai_generated choice dataplate date_entry not_a_dataplate note number_entry partial_dataplate pending
  preliminary processed text_entry transcript user_edited user_generated work_summary
}
type Note { text: String }
type Choice { chosen: [String!], options: [String!]! }
type TextEntry { value: String }
type DateEntry { value: AWSDateTime }
type NumberEntry { value: Float, unit: String, unit_type: String! }
type DerivedData {
  make: String
  model: String
  serial: String
  name: String
  transcript: String
  manufacture_date: AWSDateTime
}
type WorkSummary { summary_text: String! }
type DocumentationItem {
  traits: [DocumentationItemTrait!]!
  stepTraits: [String!]
  tags: [String!]
  workflowId: ID
  workflowJobId: ID
  workflowName: String
  workflowLabel: String
  stepIndex: Int
  stepName: String
  contentId: ID
  note: Note
  choice: Choice
  text_entry: TextEntry
  date_entry: DateEntry
  number_entry: NumberEntry
  derivedData: DerivedData
  workSummary: WorkSummary
}
type JobSummary {
  jobId: String!
  assignees: [User!]!
  integrationEntityId: IntegrationEntityId
  supportStatuses: [SupportStatus!]
  documentation: [DocumentationItem!]
}
type GetJobSummaryResult { nextToken: String, jobSummary: JobSummary! }
`;

// The fact sheet lists no query on the share service; graphql-js (like AppSync) needs a Query type.
const SHARE_SDL = `${SCALARS}
type Query { _unused: String }
type Mutation {
  createJobShare(input: CreateJobShareInput!): CreateJobShareResult!
}
input CreateJobShareInput { jobId: ID, jobIds: [ID!], shareEntireJob: Boolean }
type CreateJobShareResult { jobShare: JobShare! }
type JobShare { id: ID!, shareLink: String! }
`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @param {import('graphql').GraphQLSchema} schema */
function withAwsScalars(schema) {
  const email = /** @type {any} */ (schema.getType('AWSEmail'));
  const check = (value) => {
    if (typeof value !== 'string' || !EMAIL.test(value))
      throw new TypeError(`Invalid AWSEmail: ${JSON.stringify(value)}`);
    return value;
  };
  email.parseValue = check;
  email.parseLiteral = (ast) => check(ast.value);
  const dateTime = /** @type {any} */ (schema.getType('AWSDateTime'));
  const checkDate = (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new TypeError(`Invalid AWSDateTime: ${JSON.stringify(value)}`);
    }
    return value;
  };
  dateTime.parseValue = checkDate;
  dateTime.parseLiteral = (ast) => checkDate(ast.value);
  return schema;
}

/** A resolver error carrying AppSync's `errorType`. */
class MockError extends Error {
  /** @param {string} errorType @param {string} message */
  constructor(errorType, message) {
    super(message);
    this.errorType = errorType;
  }
}

function sendJson(res, status, body, headers = {}) {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

function sendHtml(res, status, title, body) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f6f9;color:#1d2733}
header{background:#0e2a47;color:#fff;padding:.75rem 1.5rem;font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:1.25rem 1.5rem;background:#fff;border:1px solid #dce3ea;
border-radius:10px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #7fb0d8;background:#f3f8fc}</style></head>
<body><header>XOi Vision (mock cloud) — nothing leaves this machine</header><main>${body}</main></body></html>
`;
  send(res, status, html);
}

async function readJson(req) {
  const text = (await readBody(req)).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('the body must be JSON'), { status: 400 });
  }
}

const encodeToken = (offset) => Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
function decodeToken(token) {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new MockError('ValidationError', 'Invalid nextToken');
}

const blank = (value) => typeof value === 'string' && !value.trim();
const clone = (value) => structuredClone(value);

/**
 * @typedef {object} XoiCloudOptions
 * @property {string} [apiKey] the key the token endpoint accepts (default `mock-api-key`)
 * @property {string} [apiSecret] the secret (default `mock-api-secret`)
 * @property {number} [tokenTtlMs] token lifetime (default 60 min, XOi's documented value)
 * @property {string} [prefix] path of the API endpoints (default `/xoi-cloud`)
 * @property {() => number} [now] the mock's clock, ms since the epoch (default `Date.now`); `advanceTime` adds to it
 * @property {number} [summaryPageSize] documentation items per getJobSummary page (default 50)
 * @property {string} [orgId] the organisation in notifications (default `org-mock`)
 * @property {string} [notifyUrl] where change notifications are POSTed as XOi would (default none)
 * @property {'short' | 'past'} [eventSpelling] `job_update`/`job_delete` (default) or `job_updated`/`job_deleted`
 */

/**
 * @typedef {object} MockFault
 * @property {'http' | 'network' | 'slow' | 'graphql-error' | 'empty-share-link' | 'lost-response'} type
 *   `http`: answer `status` (default 503); `network`: drop the connection before doing anything;
 *   `slow`: wait `delayMs` (default 2,000) then handle the request normally; `graphql-error`: 200
 *   with `errors[]`; `empty-share-link`: the next share link(s) created are ""; `lost-response`:
 *   handle the request, then drop the connection instead of answering (the change is made).
 * @property {number} [times] how many requests (or share links) it hits (default 1)
 * @property {'token' | 'jobs' | 'share' | 'any'} [service] which endpoint (default `any`)
 * @property {number} [status]
 * @property {number} [delayMs]
 * @property {string} [message]
 * @property {string} [errorType]
 */

/**
 * @typedef {object} SeedJob
 * @property {string} [technicianEmail] the one assignee (or `assigneeIds`)
 * @property {string[]} [assigneeIds]
 * @property {string} [label]
 * @property {string} [customerName]
 * @property {string} [jobLocation]
 * @property {string} [workOrderNumber]
 * @property {string} [externalId]
 * @property {string} [createdAt] ISO; default the mock's now
 * @property {boolean | string} [completed] true (now) or an ISO completion time
 * @property {object[]} [documentation] raw DocumentationItem objects
 */

/**
 * @typedef {object} TranscriptOptions
 * @property {boolean} [pending] traits `transcript, pending`, no text until `processPending(jobId)`
 * @property {string} [workflowName]
 * @property {string} [workflowLabel]
 * @property {string} [stepName]
 * @property {number} [stepIndex]
 * @property {string} [workflowJobId]
 */

/**
 * @typedef {object} NotificationPayload
 * @property {string} orgId
 * @property {string} event
 * @property {string} jobId
 * @property {string} workflowJobId
 * @property {string[]} traits
 * @property {string} firedAt
 */

/** @param {XoiCloudOptions} [options] */
export function createXoiCloud(options = {}) {
  const apiKey = options.apiKey ?? 'mock-api-key';
  const apiSecret = options.apiSecret ?? 'mock-api-secret';
  const tokenTtlMs = options.tokenTtlMs ?? 3_600_000;
  const prefix = (options.prefix ?? '/xoi-cloud').replace(/\/+$/, '');
  const baseNow = options.now ?? Date.now;
  const summaryPageSize = options.summaryPageSize ?? 50;
  const orgId = options.orgId ?? 'org-mock';
  const spelling = options.eventSpelling ?? 'short';
  let notifyUrl = options.notifyUrl ?? null;
  let offsetMs = 0;
  let seq = 0;

  const jobsSchema = withAwsScalars(buildSchema(JOBS_SDL));
  const shareSchema = withAwsScalars(buildSchema(SHARE_SDL));

  /** @type {Map<string, any>} */
  const jobs = new Map();
  /** @type {Map<string, {id: string, jobIds: string[], shareEntireJob: boolean, createdAt: string}>} */
  const shares = new Map();
  /** @type {Map<string, number>} token → expiry */
  const tokens = new Map();
  /**
   * @type {Array<{at: string, service: string, operation: string | null, variables?: unknown, status: number,
   *   fault?: string, authorization?: string | null, method?: string}>}
   */
  const requests = [];
  /** @type {Array<Required<Pick<MockFault, 'type' | 'times' | 'service'>> & MockFault>} */
  const faults = [];
  /** @type {Array<{url: string, payload: NotificationPayload, status?: number, error?: string}>} */
  const notifications = [];
  /** @type {Set<Promise<unknown>>} */
  const sending = new Set();

  const now = () => baseNow() + offsetMs;
  const iso = () => new Date(now()).toISOString();
  const nextId = (kind) => `${kind}-${String(++seq).padStart(4, '0')}`;

  function takeFault(service, types) {
    const i = faults.findIndex((f) => types.includes(f.type) && (f.service === 'any' || f.service === service));
    if (i < 0) return undefined;
    const fault = faults[i];
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(i, 1);
    return fault;
  }

  // ── data ──────────────────────────────────────────────────────────────────────────────────

  function deepLinks(job, origin) {
    const payload = (value) => encodeURIComponent(JSON.stringify(value));
    const done = Boolean(job.completedAt);
    return {
      visionWeb: { viewJob: done ? { url: `${origin}${prefix}/web/jobs/${encodeURIComponent(job.id)}` } : null },
      visionMobile: {
        viewJob: done ? { url: `xoi-vision://activity/view?payload=${payload({ jobId: job.id })}` } : null,
        editJob: { url: `xoi-vision://my-work/edit?payload=${payload({ jobId: job.id })}` },
        jobLocationActivitySearch: done
          ? { url: `xoi-vision://activity/search?payload=${payload({ jobLocation: job.jobLocation })}` }
          : null,
        contributeToJob: { url: `xoi-vision://my-work/contribute?jobId=${encodeURIComponent(job.id)}` },
      },
    };
  }

  const view = (job, origin) => ({ ...clone(job), deepLinks: deepLinks(job, origin) });

  function liveJob(id) {
    const job = jobs.get(id);
    if (!job) throw new MockError('NotFound', `Job ${id} not found`);
    return job;
  }

  function checkAssignees(assigneeIds) {
    if (assigneeIds.length !== 1) throw new MockError('ValidationError', 'Exactly one assignee is allowed');
  }

  function checkStrings(fields, names) {
    for (const name of names) {
      if (blank(fields[name])) throw new MockError('ValidationError', `${name} must not be empty`);
    }
  }

  function makeShare(jobIds, shareEntireJob, origin) {
    for (const id of jobIds) liveJob(id);
    const id = nextId('share');
    shares.set(id, { id, jobIds, shareEntireJob, createdAt: iso() });
    const empty = takeFault('share', ['empty-share-link']) ?? takeFault('jobs', ['empty-share-link']);
    return { id, shareLink: empty ? '' : `${origin}${prefix}/share/${encodeURIComponent(id)}` };
  }

  function insertJob(fields) {
    const id = nextId('job');
    const at = fields.createdAt ?? iso();
    const job = {
      id,
      assigneeIds: fields.assigneeIds,
      customerName: fields.customerName ?? null,
      jobLocation: fields.jobLocation ?? null,
      workOrderNumber: fields.workOrderNumber ?? null,
      label: fields.label ?? null,
      createdAt: at,
      createdBy: fields.assigneeIds[0] ?? null,
      updatedAt: at,
      completedAt: null,
      completedBy: null,
      customerEmail: fields.customerEmail ?? null,
      externalAppUrl: fields.externalAppUrl ?? null,
      externalId: fields.externalId ?? null,
      tags: fields.tags ?? null,
      publicTags: fields.publicTags ?? null,
      tagSuggestions: fields.tagSuggestions ?? null,
      workTypeIds: fields.workTypeIds ?? null,
      internalNote: fields.internalNote ?? null,
      internalNotificationContacts: fields.internalNotificationContacts ?? null,
      integrationEntityId: fields.integrationEntityId ?? null,
      documentation: fields.documentation ?? [],
    };
    jobs.set(id, job);
    return job;
  }

  // ── resolvers (graphql-js root values: (args, context)) ──────────────────────────────────

  const jobsRoot = {
    getJob: ({ input }, ctx) => ({ job: view(liveJob(input.id), ctx.origin) }),
    getJobIdByExternalId: ({ input }) => {
      const job = [...jobs.values()].find((j) => j.externalId === input.externalId);
      if (!job) throw new MockError('NotFound', `No job with externalId ${input.externalId}`);
      return { jobId: job.id };
    },
    getJobSummary: ({ input }) => {
      const job = liveJob(input.jobId);
      let items = job.documentation;
      if (input.workflowId) items = items.filter((d) => d.workflowId === input.workflowId);
      const offset = decodeToken(input.nextToken);
      const page = items.slice(offset, offset + summaryPageSize);
      const more = offset + summaryPageSize < items.length;
      return {
        nextToken: more ? encodeToken(offset + summaryPageSize) : null,
        jobSummary: {
          jobId: job.id,
          assignees: job.assigneeIds.map((email) => ({ id: email, email, given_name: null, family_name: null })),
          integrationEntityId: job.integrationEntityId,
          supportStatuses: [],
          documentation: clone(page),
        },
      };
    },
    listJobs: ({ input }, ctx) => {
      if (input.limit < 1 || input.limit > 1000) throw new MockError('ValidationError', 'limit must be 1–1000');
      const { filter = {}, dateQuery } = input;
      for (const name of ['customerName', 'jobLocation']) {
        if (filter[name] != null && /\s/.test(filter[name].trim())) {
          throw new MockError('ValidationError', `filter.${name} must be a single word`);
        }
      }
      const word = (field, value) =>
        value == null ||
        (field ?? '')
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .includes(value.trim().toLowerCase());
      const dateField = dateQuery?.type === 'COMPLETED_AT' ? 'completedAt' : 'createdAt';
      let items = [...jobs.values()].filter(
        (j) =>
          word(j.customerName, filter.customerName) &&
          word(j.jobLocation, filter.jobLocation) &&
          (filter.workOrderNumber == null || j.workOrderNumber === filter.workOrderNumber) &&
          !(input.excludeJobIds ?? []).includes(j.id),
      );
      if (dateQuery) {
        items = items.filter((j) => {
          const t = j[dateField] ? Date.parse(j[dateField]) : NaN;
          if (Number.isNaN(t)) return false;
          return (
            (!dateQuery.gte || t >= Date.parse(dateQuery.gte)) && (!dateQuery.lte || t <= Date.parse(dateQuery.lte))
          );
        });
      }
      const ascending = dateQuery?.ascending === true;
      items.sort((a, b) => {
        const d = (a[dateField] ?? '').localeCompare(b[dateField] ?? '') || a.id.localeCompare(b.id);
        return ascending ? d : -d;
      });
      const offset = decodeToken(input.nextToken);
      const page = items.slice(offset, offset + input.limit);
      const more = offset + input.limit < items.length;
      // XOi's last page answers nextToken "" (fact sheet §8).
      return {
        jobConnection: {
          items: page.map((j) => view(j, ctx.origin)),
          nextToken: more ? encodeToken(offset + input.limit) : '',
        },
      };
    },
    createJob: ({ input }, ctx) => {
      const fields = { ...input.newJob };
      checkAssignees(fields.assigneeIds);
      checkStrings(fields, ['customerName', 'jobLocation', 'workOrderNumber', 'label']);
      if (fields.externalId != null && [...jobs.values()].some((j) => j.externalId === fields.externalId)) {
        throw new MockError('Conflict', `A job with externalId ${fields.externalId} already exists`);
      }
      if (fields.internalNote && fields.internalNote.text.length > 3000) {
        throw new MockError('ValidationError', 'internalNote must be at most 3000 characters');
      }
      if (fields.externalAppUrl != null && fields.externalAppUrl.length > 1024) {
        throw new MockError('ValidationError', 'externalAppUrl must be at most 1024 characters');
      }
      const job = insertJob(fields);
      const wantShare = input.additionalActions?.createPublicShare?.enabled === true;
      return {
        job: view(job, ctx.origin),
        additionalActionsResults: { createPublicShare: wantShare ? makeShare([job.id], false, ctx.origin) : null },
      };
    },
    updateJob: ({ input }, ctx) => {
      const job = liveJob(input.id);
      const updates = input.fieldUpdates;
      checkStrings(updates, ['customerName', 'jobLocation', 'workOrderNumber', 'label', 'externalAppUrl']);
      if (updates.assigneeIds) checkAssignees(updates.assigneeIds);
      for (const [key, value] of Object.entries(updates)) if (value !== undefined) job[key] = value;
      job.updatedAt = iso();
      return { job: view(job, ctx.origin) };
    },
    deleteJob: ({ input }) => {
      liveJob(input.id);
      jobs.delete(input.id);
      return { id: input.id };
    },
    completeJob: ({ input }) => {
      const job = liveJob(input.id);
      job.completedAt ??= iso();
      job.completedBy ??= job.assigneeIds[0];
      return { id: job.id, completedAt: job.completedAt, completedBy: job.completedBy };
    },
  };

  const shareRoot = {
    createJobShare: ({ input }, ctx) => {
      const ids = input.jobIds ?? (input.jobId != null ? [input.jobId] : []);
      if (ids.length === 0) throw new MockError('ValidationError', 'jobId or jobIds is required');
      return { jobShare: makeShare(ids, input.shareEntireJob === true, ctx.origin) };
    },
  };

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────────

  function log(entry) {
    requests.push({ at: iso(), ...entry });
  }

  async function onToken(req, res) {
    const method = (req.method ?? 'GET').toUpperCase();
    const fault = takeFault('token', ['http', 'network', 'slow']);
    if (await applyTransportFault(fault, req, res, 'token')) return;
    let key;
    let secret;
    if (method === 'GET') {
      const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
      const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      if (colon >= 0) [key, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    } else if (method === 'POST') {
      let body;
      try {
        body = await readJson(req);
      } catch {
        body = null;
      }
      key = body?.api_key;
      secret = body?.api_secret;
    } else {
      log({ service: 'token', operation: null, method, status: 405 });
      sendJson(res, 405, { message: 'Use POST (JSON) or GET (Basic auth).' }, { allow: 'GET, POST' });
      return;
    }
    if (typeof key !== 'string' || typeof secret !== 'string') {
      log({ service: 'token', operation: null, method, status: 400 });
      sendJson(res, 400, { message: 'Send {"api_key": "…", "api_secret": "…"}.' });
      return;
    }
    if (key !== apiKey) {
      log({ service: 'token', operation: null, method, status: 403 });
      sendJson(res, 403, { message: 'Unknown api_key.' });
      return;
    }
    if (secret !== apiSecret) {
      log({ service: 'token', operation: null, method, status: 401 });
      sendJson(res, 401, { message: 'Invalid api_secret.' });
      return;
    }
    const token = `mock.${nextId('token')}.${Math.random().toString(36).slice(2, 10)}`;
    tokens.set(token, now() + tokenTtlMs);
    log({ service: 'token', operation: null, method, status: 200 });
    sendJson(res, 200, { token });
  }

  /** http/network/slow faults; true when the request was answered (or dropped) by the fault. */
  async function applyTransportFault(fault, req, res, service, operation = null) {
    if (!fault) return false;
    if (fault.type === 'slow') {
      // Unref'd: a test that finished does not wait for a slow answer nobody reads.
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000).unref());
      return false;
    }
    if (fault.type === 'network') {
      log({ service, operation, status: 0, fault: 'network' });
      req.socket.destroy();
      return true;
    }
    const status = fault.status ?? 503;
    log({ service, operation, status, fault: 'http' });
    sendJson(res, status, { message: fault.message ?? 'Service Unavailable (injected)' });
    return true;
  }

  async function onGraphQL(req, res, service, origin) {
    if ((req.method ?? 'GET').toUpperCase() !== 'POST') {
      sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
      return;
    }
    let body;
    try {
      body = await readJson(req);
    } catch {
      body = null;
    }
    const query = typeof body?.query === 'string' ? body.query : '';
    const operation = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? null;
    const authorization = req.headers.authorization ?? null;
    const entry = { service, operation, variables: body?.variables, authorization };

    const fault = takeFault(service, ['http', 'network', 'slow']);
    if (await applyTransportFault(fault, req, res, service, operation)) return;

    const expiry = authorization ? tokens.get(authorization) : undefined;
    if (!authorization || expiry === undefined || expiry <= now()) {
      let message = 'Unauthorized: missing or unknown token.';
      if (authorization?.startsWith('Bearer ')) message = 'Unauthorized: send the raw token, without "Bearer".';
      else if (expiry !== undefined) message = 'Unauthorized: the token has expired.';
      log({ ...entry, status: 401 });
      sendJson(res, 401, { errors: [{ errorType: 'UnauthorizedException', message }] });
      return;
    }
    if (!query) {
      log({ ...entry, status: 400 });
      sendJson(res, 400, { errors: [{ message: 'Send {"query": "…", "variables": {…}}.' }] });
      return;
    }
    const injected = takeFault(service, ['graphql-error']);
    if (injected) {
      log({ ...entry, status: 200, fault: 'graphql-error' });
      sendJson(res, 200, {
        data: null,
        errors: [
          {
            message: injected.message ?? 'Internal failure (injected)',
            errorType: injected.errorType ?? 'InternalFailure',
            path: null,
          },
        ],
      });
      return;
    }
    const result = await runGraphQL({
      schema: service === 'jobs' ? jobsSchema : shareSchema,
      source: query,
      rootValue: service === 'jobs' ? jobsRoot : shareRoot,
      contextValue: { origin },
      variableValues: body?.variables ?? {},
      operationName: body?.operationName,
    });
    const out = { data: result.data ?? null };
    if (result.errors?.length) {
      out.errors = result.errors.map((e) => ({
        message: e.message,
        path: e.path ?? null,
        locations: e.locations ?? null,
        ...(e.originalError instanceof MockError && {
          errorType: e.originalError.errorType,
          errorInfo: { stage: 'mock', datetime: iso() },
        }),
      }));
    }
    if (takeFault(service, ['lost-response'])) {
      log({ ...entry, status: 0, fault: 'lost-response' });
      req.socket.destroy();
      return;
    }
    log({ ...entry, status: 200 });
    sendJson(res, 200, out);
  }

  function sharePage(res, id) {
    const share = shares.get(id);
    const items = share ? share.jobIds.map((j) => jobs.get(j)).filter(Boolean) : [];
    if (!share || items.length === 0) {
      sendHtml(res, 404, 'Not found', '<h1>This share does not exist</h1>');
      return;
    }
    const body = items
      .map(
        (job) => `<h1>Your service visit — ${escapeHtml(job.workOrderNumber ?? job.label ?? job.id)}</h1>
<dl><dt>Customer</dt><dd>${escapeHtml(job.customerName ?? '')}</dd>
<dt>Location</dt><dd>${escapeHtml(job.jobLocation ?? '')}</dd>
<dt>Status</dt><dd>${job.completedAt ? 'Completed' : 'In progress'}</dd></dl>
${job.documentation
  .filter((d) => d.workSummary?.summary_text)
  .map((d) => `<blockquote>${escapeHtml(d.workSummary.summary_text)}</blockquote>`)
  .join('')}`,
      )
      .join('');
    sendHtml(res, 200, 'XOi Vision share', body);
  }

  function jobPage(res, id) {
    const job = jobs.get(id);
    if (!job) {
      sendHtml(res, 404, 'Not found', '<h1>No such job</h1>');
      return;
    }
    const transcripts = job.documentation.filter((d) => d.derivedData?.transcript);
    sendHtml(
      res,
      200,
      `Job ${job.id}`,
      `<h1>${escapeHtml(job.label ?? job.id)}</h1>
<dl><dt>Work order</dt><dd>${escapeHtml(job.workOrderNumber ?? '')}</dd>
<dt>Customer</dt><dd>${escapeHtml(job.customerName ?? '')}</dd>
<dt>Technician</dt><dd>${escapeHtml(job.assigneeIds.join(', '))}</dd></dl>
${transcripts.map((d) => `<blockquote>${escapeHtml(d.derivedData.transcript)}</blockquote>`).join('')}`,
    );
  }

  // ── notifications ─────────────────────────────────────────────────────────────────────────

  /**
   * The body XOi documents, firedAt in its example's format ("2020-03-18 18:49:20", UTC).
   * @param {string} event e.g. `job_update`, `job_delete`
   * @param {string} jobId
   * @param {{traits?: string[], workflowJobId?: string}} [extra]
   * @returns {NotificationPayload}
   */
  function notification(event, jobId, { traits = [], workflowJobId = '' } = {}) {
    return {
      orgId,
      event,
      jobId,
      workflowJobId,
      traits: [...traits],
      firedAt: new Date(now()).toISOString().slice(0, 19).replace('T', ' '),
    };
  }

  /**
   * POSTs `payload` to `url` as XOi does; resolves to the receiver's status and body (JSON parsed).
   * @param {string} url
   * @param {NotificationPayload | object} payload
   * @returns {Promise<{status: number, body: unknown}>}
   */
  async function notify(url, payload) {
    const record = { url, payload };
    notifications.push(record);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'xoi-cloud-mock' },
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      record.status = response.status;
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body };
    } catch (error) {
      record.error = String(error?.message ?? error);
      throw error;
    }
  }

  /** Sends to notifyUrl in the background, as XOi would after a change; `flushNotifications` waits. */
  function emit(event, jobId, extra) {
    if (!notifyUrl) return;
    const name =
      spelling === 'past' ? ({ job_update: 'job_updated', job_delete: 'job_deleted' }[event] ?? event) : event;
    const sent = notify(notifyUrl, notification(name, jobId, extra)).catch(() => undefined);
    sending.add(sent);
    sent.finally(() => sending.delete(sent));
  }

  // ── admin (JS) ────────────────────────────────────────────────────────────────────────────

  /** @param {SeedJob} [fields] */
  function seedJob(fields = {}) {
    const assigneeIds = fields.assigneeIds ?? [fields.technicianEmail ?? 'tech@example.com'];
    const n = seq + 1;
    const job = insertJob({
      assigneeIds,
      customerName: fields.customerName ?? 'ABC Corp',
      jobLocation: fields.jobLocation ?? '1 Main St, Springfield',
      workOrderNumber: fields.workOrderNumber ?? `TEMP-${n}`,
      label: fields.label ?? `${n} - ABC Corp`,
      externalId: fields.externalId,
      createdAt: fields.createdAt,
      documentation: clone(fields.documentation ?? []),
    });
    if (fields.completed) {
      job.completedAt = typeof fields.completed === 'string' ? fields.completed : iso();
      job.completedBy = assigneeIds[0];
    }
    return clone(job);
  }

  /** Completes the job (deep links appear) and notifies `job_update` without traits. @param {string} jobId */
  function completeJob(jobId) {
    const job = liveJob(jobId);
    job.completedAt = iso();
    job.completedBy = job.assigneeIds[0];
    emit('job_update', jobId);
    return clone(job);
  }

  /**
   * Notifies a finished workflow (`job_update` with its workflowJobId); returns that id.
   * @param {string} jobId
   * @param {string} [workflowJobId]
   */
  function finishWorkflow(jobId, workflowJobId = nextId('wjob')) {
    liveJob(jobId);
    emit('job_update', jobId, { workflowJobId });
    return workflowJobId;
  }

  /**
   * Adds a raw DocumentationItem; notifies `job_update` with its traits when the job is complete.
   * @param {string} jobId
   * @param {object} item
   */
  function addDocumentation(jobId, item) {
    const job = liveJob(jobId);
    const full = { traits: [], ...clone(item) };
    job.documentation.push(full);
    job.updatedAt = iso();
    if (job.completedAt && !full.traits.includes('pending'))
      emit('job_update', jobId, { traits: full.traits, workflowJobId: full.workflowJobId ?? '' });
    return clone(full);
  }

  /** @param {string} jobId @param {string} text @param {TranscriptOptions} [options] */
  function addTranscript(jobId, text, options = {}) {
    const {
      pending = false,
      workflowName = 'Inspection',
      workflowLabel = null,
      stepName = 'Video',
      stepIndex,
      workflowJobId,
    } = options;
    const job = liveJob(jobId);
    return addDocumentation(jobId, {
      traits: pending ? ['transcript', 'pending'] : ['transcript', 'processed'],
      workflowName,
      workflowLabel,
      stepName,
      stepIndex: stepIndex ?? job.documentation.length,
      workflowJobId: workflowJobId ?? null,
      contentId: nextId('content'),
      derivedData: { transcript: pending ? null : text },
      ...(pending && { pendingTranscript: text }),
    });
  }

  /** Adds an AI work summary item. @param {string} jobId @param {string} text */
  function addWorkSummary(jobId, text) {
    return addDocumentation(jobId, { traits: ['work_summary', 'ai_generated'], workSummary: { summary_text: text } });
  }

  /** Finishes every pending transcript of the job (pending → processed), as XOi's processing would. */
  /** @param {string} jobId @returns {number} items changed */
  function processPending(jobId) {
    const job = liveJob(jobId);
    let changed = 0;
    for (const item of job.documentation) {
      if (!item.traits.includes('pending')) continue;
      item.traits = item.traits.map((t) => (t === 'pending' ? 'processed' : t));
      if (item.pendingTranscript !== undefined) {
        item.derivedData = { ...(item.derivedData ?? {}), transcript: item.pendingTranscript };
        delete item.pendingTranscript;
      }
      changed += 1;
    }
    if (changed && job.completedAt) emit('job_update', jobId, { traits: ['transcript', 'processed'] });
    return changed;
  }

  /** Deletes the job and notifies `job_delete`. @param {string} jobId */
  function deleteJob(jobId) {
    liveJob(jobId);
    jobs.delete(jobId);
    emit('job_delete', jobId);
  }

  /** @param {MockFault} spec */
  function fault(spec) {
    const types = ['http', 'network', 'slow', 'graphql-error', 'empty-share-link', 'lost-response'];
    if (!spec || !types.includes(spec.type)) {
      // `status` makes it a 400 when the spec came over HTTP (POST /__xoi-cloud/faults).
      throw Object.assign(new TypeError(`fault.type must be one of ${types.join(', ')}`), { status: 400 });
    }
    faults.push({ times: 1, service: 'any', ...spec });
  }

  function reset() {
    jobs.clear();
    shares.clear();
    tokens.clear();
    requests.length = 0;
    faults.length = 0;
    notifications.length = 0;
    offsetMs = 0;
    seq = 0;
  }

  /**
   * The client's `environment` for this mock at `origin` (e.g. `http://127.0.0.1:5173`).
   * @param {string} origin
   */
  function hostsFor(origin) {
    const base = String(origin).replace(/\/+$/, '');
    return {
      tokenUrl: `${base}${prefix}/token`,
      jobsUrl: `${base}${prefix}/jobs/graphql`,
      shareUrl: `${base}${prefix}/share/graphql`,
    };
  }

  // ── admin (HTTP) ──────────────────────────────────────────────────────────────────────────

  async function onAdmin(req, res, path, origin) {
    const method = (req.method ?? 'GET').toUpperCase();
    let parts;
    try {
      parts = path.split('/').slice(1).map(decodeURIComponent);
    } catch (error) {
      throw Object.assign(error, { status: 400 });
    }
    const [area, id, action] = parts;
    const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(req);
    if (area === 'requests' && method === 'GET') return sendJson(res, 200, requests);
    if (area === 'requests' && method === 'DELETE') {
      requests.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (area === 'state' && method === 'DELETE') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (area === 'hosts' && method === 'GET') return sendJson(res, 200, hostsFor(origin));
    if (area === 'jobs' && !id && method === 'GET') return sendJson(res, 200, [...jobs.values()]);
    if (area === 'jobs' && !id && method === 'POST') return sendJson(res, 201, seedJob(body));
    if (area === 'jobs' && id && !action && method === 'DELETE') {
      deleteJob(id);
      return sendJson(res, 200, { id });
    }
    if (area === 'jobs' && id && method === 'POST') {
      if (action === 'complete') return sendJson(res, 200, completeJob(id));
      if (action === 'workflows') return sendJson(res, 200, { workflowJobId: finishWorkflow(id, body.workflowJobId) });
      if (action === 'transcripts') return sendJson(res, 201, addTranscript(id, String(body.text ?? ''), body));
      if (action === 'work-summaries') return sendJson(res, 201, addWorkSummary(id, String(body.text ?? '')));
      if (action === 'documentation') return sendJson(res, 201, addDocumentation(id, body));
      if (action === 'process') return sendJson(res, 200, { processed: processPending(id) });
    }
    if (area === 'faults' && method === 'POST') {
      fault(body);
      return sendJson(res, 201, { faults });
    }
    if (area === 'faults' && method === 'DELETE') {
      faults.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (area === 'clock' && method === 'POST') {
      advanceTime(Number(body.advanceMs ?? 0));
      return sendJson(res, 200, { now: iso() });
    }
    if (area === 'tokens' && id === 'expire' && method === 'POST') {
      expireTokens();
      return sendJson(res, 200, { ok: true });
    }
    if (area === 'notify-url' && method === 'PUT') {
      notifyUrl = body.url ? String(body.url) : null;
      return sendJson(res, 200, { notifyUrl });
    }
    if (area === 'notify' && method === 'POST') {
      const payload = body.payload ?? notification(body.event, body.jobId, body);
      return sendJson(res, 200, await notify(String(body.url), payload));
    }
    if (area === 'notifications' && method === 'GET') return sendJson(res, 200, notifications);
    return sendJson(res, 404, { message: `No test helper at ${ADMIN}${path}` });
  }

  /** Moves the mock's clock (token expiry, timestamps) forward. @param {number} ms */
  function advanceTime(ms) {
    offsetMs += ms;
  }

  /** Makes every token issued so far expired: the next GraphQL call with one gets 401. */
  function expireTokens() {
    for (const token of tokens.keys()) tokens.set(token, 0);
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    const path = url.pathname;
    if (path === ADMIN || path.startsWith(`${ADMIN}/`)) {
      await onAdmin(req, res, path.slice(ADMIN.length), origin);
      return true;
    }
    if (!path.startsWith(`${prefix}/`)) return false;
    const rest = path.slice(prefix.length);
    if (rest === '/token') await onToken(req, res);
    else if (rest === '/jobs/graphql') await onGraphQL(req, res, 'jobs', origin);
    else if (rest === '/share/graphql') await onGraphQL(req, res, 'share', origin);
    else if (rest.startsWith('/share/')) sharePage(res, decodeURIComponent(rest.slice('/share/'.length)));
    else if (rest.startsWith('/web/jobs/')) jobPage(res, decodeURIComponent(rest.slice('/web/jobs/'.length)));
    else return false;
    return true;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {(err?: unknown) => void} [next]
   */
  async function middleware(req, res, next) {
    let handled;
    try {
      handled = await handle(req, res);
    } catch (error) {
      const status = error?.status ?? (error instanceof MockError ? 404 : 500);
      if (!res.headersSent && !res.destroyed) sendJson(res, status, { message: String(error?.message ?? error) });
      else res.destroy();
      return;
    }
    if (!handled) {
      if (next) next();
      else sendJson(res, 404, { message: 'Nothing here.' });
    }
  }

  return {
    middleware,
    hostsFor,
    credentials: { apiKey, apiSecret },
    /** Every token and GraphQL request, in order: `{at, service, operation, variables, status, fault?, …}`. */
    requests,
    /** Every notification sent: `{url, payload, status?, error?}`. */
    notifications,
    /** @param {string} jobId */
    getJob: (jobId) => (jobs.has(jobId) ? clone(jobs.get(jobId)) : null),
    listJobs: () => [...jobs.values()].map(clone),
    seedJob,
    completeJob,
    finishWorkflow,
    addDocumentation,
    addTranscript,
    addWorkSummary,
    processPending,
    deleteJob,
    fault,
    clearFaults: () => void (faults.length = 0),
    advanceTime,
    expireTokens,
    now,
    notification,
    notify,
    /** @param {string | null} url */
    setNotifyUrl: (url) => void (notifyUrl = url),
    flushNotifications: () => Promise.all([...sending]),
    reset,
  };
}
