/**
 * XOi's data as the client returns it: the shapes of docs/xoi-api-notes.md §3 and §4 (from a
 * codegen of XOi's dev schema), trimmed to the fields the client asks for. Anything XOi may leave out is
 * `| null`, because GraphQL sends null for it.
 */

export interface XoiDeepLink {
  url: string;
}

export interface XoiJobDeepLinks {
  visionWeb: { viewJob: XoiDeepLink | null } | null;
  visionMobile: {
    viewJob: XoiDeepLink | null;
    editJob: XoiDeepLink | null;
    jobLocationActivitySearch: XoiDeepLink | null;
    contributeToJob: XoiDeepLink | null;
  } | null;
}

export interface XoiJob {
  id: string;
  /** Vision user ids; today exactly one, the technician's email (XOi says not to rely on that shape). */
  assigneeIds: string[];
  customerName: string | null;
  jobLocation: string | null;
  workOrderNumber: string | null;
  label: string | null;
  /** ISO date-times (AWSDateTime). */
  createdAt: string | null;
  createdBy: string | null;
  updatedAt: string | null;
  /** Null until the job is completed. */
  completedAt: string | null;
  completedBy: string | null;
  customerEmail: string | null;
  externalAppUrl: string | null;
  externalId: string | null;
  tags: string[] | null;
  publicTags: string[] | null;
  internalNote: { text: string } | null;
  /** `viewJob` links and the activity search exist only once the job is complete. */
  deepLinks: XoiJobDeepLinks | null;
}

export interface XoiUser {
  /** XOi's user id: what `assigneeIds` hold. Looks like the email today; XOi says it may not stay so. */
  id: string;
  email: string;
  given_name: string | null;
  family_name: string | null;
  phone_number: string | null;
}

/** One documentation item of a job summary: a step's note, media, transcript, work summary… */
export interface XoiDocumentationItem {
  /** E.g. `transcript`, `pending`, `processed`, `work_summary` (DocumentationItemTrait). */
  traits: string[];
  stepTraits: string[] | null;
  tags: string[] | null;
  workflowId: string | null;
  workflowName: string | null;
  workflowLabel: string | null;
  stepIndex: number | null;
  stepName: string | null;
  contentId: string | null;
  note: { text: string | null } | null;
  derivedData: {
    make: string | null;
    model: string | null;
    serial: string | null;
    name: string | null;
    /** Video transcription text; arrives after processing, possibly hours after completion. */
    transcript: string | null;
    manufacture_date: string | null;
  } | null;
  workSummary: { summary_text: string } | null;
}

export interface XoiJobSummary {
  jobId: string;
  assignees: XoiUser[];
  supportStatuses: Array<{
    workflowId: string | null;
    status: string;
    lastSetAt: string;
    agentInfo: { email: string | null } | null;
  }> | null;
  /** Every page's items, in XOi's order. */
  documentation: XoiDocumentationItem[];
}

export interface XoiJobShare {
  id: string;
  /** The public link for the customer (the invoice link). Never empty: the client retries that. */
  shareLink: string;
}

export interface XoiListJobsFilter {
  /** Single word only (XOi's rule). */
  customerName?: string;
  /** Single word only (XOi's rule). */
  jobLocation?: string;
  /** Case-sensitive. */
  workOrderNumber?: string;
}

export interface XoiDateQuery {
  type: 'CREATED_AT' | 'COMPLETED_AT';
  /** ISO date-time or Date. */
  gte?: string | Date;
  lte?: string | Date;
  /** XOi's default is newest first (false). */
  ascending?: boolean;
}
