/**
 * XOi's GraphQL answers, checked where they arrive: one decoder per operation turns the `data`
 * of a response (typed `unknown`, it comes off the network) into the typed result the client
 * returns, or throws a {@link ShapeError} naming the first field that is not what the documents
 * ask for. The client turns that into an `XoiError`, so nothing past
 * this file ever meets, say, a label that is a number. The documents are in documents.ts.
 *
 * Nullable fields accept `null` and a missing key alike (GraphQL sends null; a server that
 * leaves the key out means the same). Only the fields the documents ask for are kept.
 */
import type { XoiGraphQLError } from './errors.js';
import type { XoiDeepLink, XoiDocumentationItem, XoiJob, XoiJobDeepLinks, XoiJobSummary, XoiUser } from './types.js';

/** An answer that does not have the documented shape; `message` names the field. */
export class ShapeError extends Error {
  constructor(path: string, expected: string) {
    super(`${path} is not ${expected}`);
    this.name = 'ShapeError';
  }
}

/**
 * An answer of the documented shape that holds nothing usable: an empty share link, or no share
 * at all (`jobShare` is nullable in XOi's schema, docs/xoi-api-notes.md §4). Retried like an
 * outage; `message` says what was missing.
 */
export class EmptyAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmptyAnswer';
  }
}

/** Checks `value` (found at `path`) and returns it typed, or throws a {@link ShapeError}. */
export type Decoder<T> = (value: unknown, path: string) => T;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Decoder<string> = (value, path) => {
  if (typeof value !== 'string') throw new ShapeError(path, 'a string');
  return value;
};

const number: Decoder<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(path, 'a number');
  return value;
};

function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null || value === undefined ? null : decode(value, path));
}

function array<T>(decode: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'a list');
    const items: unknown[] = value;
    return items.map((item, i) => decode(item, `${path}[${i}]`));
  };
}

type Decoded<S> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

function object<S extends Record<string, Decoder<unknown>>>(shape: S): Decoder<Decoded<S>> {
  return (value, path) => {
    if (!isRecord(value)) throw new ShapeError(path, 'an object');
    const out: Record<string, unknown> = {};
    for (const [key, decode] of Object.entries(shape)) out[key] = decode(value[key], `${path}.${key}`);
    // Every key of S was decoded by its own decoder just above.
    return out as Decoded<S>;
  };
}

/** `decode`, or null when the value is missing or malformed: for parts an answer can do without. */
function optional<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, path) => {
    try {
      return nullable(decode)(value, path);
    } catch (error) {
      if (error instanceof ShapeError) return null;
      throw error;
    }
  };
}

// ── XOi's types (documents.ts's selections) ─────────────────────────────────────────

const strings = nullable(array(string));
const deepLink: Decoder<XoiDeepLink | null> = nullable(object({ url: string }));

const deepLinks: Decoder<XoiJobDeepLinks> = object({
  visionWeb: nullable(object({ viewJob: deepLink })),
  visionMobile: nullable(
    object({ viewJob: deepLink, editJob: deepLink, jobLocationActivitySearch: deepLink, contributeToJob: deepLink }),
  ),
});

export const job: Decoder<XoiJob> = object({
  id: string,
  assigneeIds: array(string),
  customerName: nullable(string),
  jobLocation: nullable(string),
  workOrderNumber: nullable(string),
  label: nullable(string),
  createdAt: nullable(string),
  createdBy: nullable(string),
  updatedAt: nullable(string),
  completedAt: nullable(string),
  completedBy: nullable(string),
  customerEmail: nullable(string),
  externalAppUrl: nullable(string),
  externalId: nullable(string),
  tags: strings,
  publicTags: strings,
  internalNote: nullable(object({ text: string })),
  deepLinks: nullable(deepLinks),
});

const user: Decoder<XoiUser> = object({
  id: string,
  email: string,
  given_name: nullable(string),
  family_name: nullable(string),
  phone_number: nullable(string),
});

const documentationItem: Decoder<XoiDocumentationItem> = object({
  traits: array(string),
  stepTraits: strings,
  tags: strings,
  workflowId: nullable(string),
  workflowName: nullable(string),
  workflowLabel: nullable(string),
  stepIndex: nullable(number),
  stepName: nullable(string),
  contentId: nullable(string),
  note: nullable(object({ text: nullable(string) })),
  derivedData: nullable(
    object({
      make: nullable(string),
      model: nullable(string),
      serial: nullable(string),
      name: nullable(string),
      transcript: nullable(string),
      manufacture_date: nullable(string),
    }),
  ),
  workSummary: nullable(object({ summary_text: string })),
});

const jobSummary: Decoder<XoiJobSummary> = (value, path) => {
  const summary = object({
    jobId: string,
    assignees: array(user),
    supportStatuses: nullable(
      array(
        object({
          workflowId: nullable(string),
          status: string,
          lastSetAt: string,
          agentInfo: nullable(object({ email: nullable(string) })),
        }),
      ),
    ),
    // `[DocumentationItem!]` is nullable in XOi's schema: no documentation yet.
    documentation: nullable(array(documentationItem)),
  })(value, path);
  return { ...summary, documentation: summary.documentation ?? [] };
};

/** A share as XOi answers it; `shareLink` may be blank (XOi does that under load: the client retries). */
const share = object({ id: string, shareLink: string });

// ── one decoder per operation: the whole `data` of its answer ───────────────────────────────

export const answers = {
  createJob: object({
    createJob: object({
      job,
      // The job exists whatever happened to its share: a missing or malformed one is fetched again.
      additionalActionsResults: optional(object({ createPublicShare: optional(share) })),
    }),
  }),
  updateJob: object({ updateJob: object({ job }) }),
  getJob: object({ getJob: object({ job }) }),
  getJobSummary: object({ getJobSummary: object({ nextToken: nullable(string), jobSummary }) }),
  listJobs: object({ listJobs: object({ jobConnection: object({ items: array(job), nextToken: nullable(string) }) }) }),
  getJobIdByExternalId: object({ getJobIdByExternalId: nullable(object({ jobId: nullable(string) })) }),
  // `JobShareResult.jobShare` is nullable (§4); so, defensively, is the result itself.
  createJobShare: object({ createJobShare: nullable(object({ jobShare: nullable(share) })) }),
  listUsers: object({
    listUsers: object({ userConnection: object({ items: array(user), nextToken: nullable(string) }) }),
  }),
  // An unknown id: a not-found error (classify.ts) or a null user (docs/xoi-api-notes.md §5).
  getUser: object({ getUser: nullable(object({ user: nullable(user) })) }),
} satisfies Record<string, Decoder<unknown>>;

/** A response's `errors[]`, each entry reduced to the fields we use; anything unusable is skipped over. */
export function graphQLErrors(errors: unknown): XoiGraphQLError[] {
  if (!Array.isArray(errors)) return [];
  const entries: unknown[] = errors;
  return entries.map((e) => {
    const entry = isRecord(e) ? e : {};
    const path = Array.isArray(entry.path)
      ? (entry.path as unknown[]).filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : undefined;
    return {
      message: typeof entry.message === 'string' ? entry.message : 'GraphQL error',
      ...(typeof entry.errorType === 'string' && { errorType: entry.errorType }),
      ...(path && { path }),
    };
  });
}
