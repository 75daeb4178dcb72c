/**
 * A typed client for XOi's authenticated External API (jobs and share services). Server-side
 * only: it holds the partner's API secret, so it must never be bundled for a browser.
 *
 * Every call: input checked first (an `invalid-input` XoiError, no HTTP call: inputs.ts), then up
 * to `retry.attempts` attempts (call.ts) on what decide.ts says is worth another one. What is left
 * after that is one XoiError with a `code`. This file checks the options and wires the parts.
 */
import { callXoi, type CallContext, type Caller } from './call.js';
import { withHostClassifier } from './classify.js';
import type { XoiClient, XoiClientOptions } from './client-types.js';
import { resolveHosts } from './environments.js';
import { invalidInput } from './errors.js';
import { positiveInt } from './inputs.js';
import {
  createJob,
  getJob,
  getJobIdByExternalId,
  getJobSummary,
  listJobs,
  listJobsAssignedTo,
  updateJob,
} from './jobs.js';
import { retryOptions } from './retry.js';
import { defaultRuntime, type XoiRuntime } from './runtime.js';
import { createJobShare } from './share.js';
import { TokenCache } from './token.js';
import { assignees, getUser, listUsers, userDirectory } from './users.js';

/** Creates a client; throws an `invalid-input` XoiError for unusable options (no HTTP call). */
export function createXoiClient(options: XoiClientOptions): XoiClient {
  const context = callContext(options);
  const call: Caller = (c) => callXoi(context, c);
  const { usersUrl } = context.hosts;
  const mode = options.assigneeIds ?? 'user-id';
  if (mode !== 'user-id' && mode !== 'email') throw invalidInput('assigneeIds', "must be 'user-id' or 'email'");
  const directory = userDirectory(call, usersUrl, {
    ttlMs: positiveInt(options.usersCacheTtlMs, 'usersCacheTtlMs', 24 * 3_600_000, 600_000),
    refreshMinMs: 60_000,
    maxPages: 1000,
    now: context.runtime.now,
  });
  const people = assignees(directory, mode);
  return {
    hosts: context.hosts,
    createJob: (input) => createJob(call, input, people),
    updateJob: (jobId, fields) => updateJob(call, jobId, fields, people),
    getJob: (jobId) => getJob(call, jobId),
    getJobSummary: (jobId, summaryOptions) => getJobSummary(call, jobId, summaryOptions),
    listJobs: (input) => listJobs(call, input),
    listJobsAssignedTo: (email, listOptions) => listJobsAssignedTo(call, email, listOptions, people),
    getJobIdByExternalId: (externalId) => getJobIdByExternalId(call, externalId),
    createJobShare: (jobId, shareOptions) => createJobShare(call, jobId, shareOptions),
    listUsers: (input) => listUsers(call, usersUrl, input),
    getUser: (userId) => getUser(call, usersUrl, userId),
    findUserByEmail: (email) => directory.find(email),
    checkToken: () => context.tokens.get().then(() => undefined),
  };
}

function callContext(options: XoiClientOptions): CallContext {
  if (!options || typeof options !== 'object') throw invalidInput('options', 'are required');
  for (const field of ['apiKey', 'apiSecret'] as const) {
    if (typeof options[field] !== 'string' || !options[field].trim()) {
      throw invalidInput(field, 'is required (issued by XOi; keep it on the server)');
    }
  }
  if (options.tokenRequest !== undefined && options.tokenRequest !== 'json' && options.tokenRequest !== 'basic') {
    throw invalidInput('tokenRequest', "must be 'json' or 'basic'");
  }
  if (options.classifyGraphQLErrors !== undefined && typeof options.classifyGraphQLErrors !== 'function') {
    throw invalidInput('classifyGraphQLErrors', 'must be a function');
  }
  const hosts = Object.freeze(resolveHosts(options.environment));
  const base = defaultRuntime();
  const runtime: XoiRuntime = {
    fetch: options.fetch ?? base.fetch,
    now: options.now ?? base.now,
    sleep: options.sleep ?? base.sleep,
    random: options.random ?? base.random,
  };
  const retry = retryOptions(options.retry);
  const timeoutMs = positiveInt(options.timeoutMs, 'timeoutMs', 600_000, 30_000);
  const lifetimeMs = positiveInt(options.tokenLifetimeMs, 'tokenLifetimeMs', 24 * 3_600_000, 3_600_000);
  const refreshMarginMs = options.tokenRefreshMarginMs ?? 300_000;
  if (!Number.isInteger(refreshMarginMs) || refreshMarginMs < 0 || refreshMarginMs >= lifetimeMs) {
    throw invalidInput('tokenRefreshMarginMs', 'must be an integer from 0 to less than tokenLifetimeMs');
  }
  const tokens = new TokenCache({
    tokenUrl: hosts.tokenUrl,
    apiKey: options.apiKey.trim(),
    apiSecret: options.apiSecret.trim(),
    method: options.tokenRequest ?? 'json',
    lifetimeMs,
    refreshMarginMs,
    timeoutMs,
    retry,
    runtime,
  });
  return { hosts, runtime, retry, timeoutMs, tokens, classify: withHostClassifier(options.classifyGraphQLErrors) };
}
