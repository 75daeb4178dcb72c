/**
 * The GraphQL documents the client sends, written against XOi's schema (docs/xoi-api-notes.md §3, §4).
 * Input type names (`CreateJobShareInput` in particular) are inferred from XOi's naming pattern;
 * a wrong name fails every call with a validation error, which the client reports as `rejected`.
 */

const JOB_FIELDS = `
fragment JobFields on Job {
  id assigneeIds customerName jobLocation workOrderNumber label
  createdAt createdBy updatedAt completedAt completedBy
  customerEmail externalAppUrl externalId tags publicTags
  internalNote { text }
  deepLinks {
    visionWeb { viewJob { url } }
    visionMobile { viewJob { url } editJob { url } jobLocationActivitySearch { url } contributeToJob { url } }
  }
}`;

export const CREATE_JOB = `
mutation CreateJob($input: CreateJobInput!) {
  createJob(input: $input) {
    job { ...JobFields }
    additionalActionsResults { createPublicShare { id shareLink } }
  }
}${JOB_FIELDS}`;

export const UPDATE_JOB = `
mutation UpdateJob($input: UpdateJobInput!) {
  updateJob(input: $input) { job { ...JobFields } }
}${JOB_FIELDS}`;

export const GET_JOB = `
query GetJob($input: GetJobInput!) {
  getJob(input: $input) { job { ...JobFields } }
}${JOB_FIELDS}`;

export const LIST_JOBS = `
query ListJobs($input: ListJobsInput!) {
  listJobs(input: $input) { jobConnection { items { ...JobFields } nextToken } }
}${JOB_FIELDS}`;

export const GET_JOB_ID_BY_EXTERNAL_ID = `
query GetJobIdByExternalId($input: GetJobIdByExternalIdInput!) {
  getJobIdByExternalId(input: $input) { jobId }
}`;

export const GET_JOB_SUMMARY = `
query GetJobSummary($input: GetJobSummaryInput!) {
  getJobSummary(input: $input) {
    nextToken
    jobSummary {
      jobId
      assignees { id email given_name family_name phone_number }
      supportStatuses { workflowId status lastSetAt agentInfo { email } }
      documentation {
        traits stepTraits tags workflowId workflowName workflowLabel stepIndex stepName contentId
        note { text }
        derivedData { make model serial name transcript manufacture_date }
        workSummary { summary_text }
      }
    }
  }
}`;

export const CREATE_JOB_SHARE = `
mutation CreateJobShare($input: CreateJobShareInput!) {
  createJobShare(input: $input) { jobShare { id shareLink } }
}`;

export const LIST_USERS = `
query ListUsers($input: ListUsersInput!) {
  listUsers(input: $input) { userConnection { items { id email given_name family_name phone_number } nextToken } }
}`;

export const GET_USER = `
query GetUser($input: GetUserInput!) {
  getUser(input: $input) { user { id email given_name family_name phone_number } }
}`;
