/**
 * What `xoi-share-button mock` prints once it listens: for a person, the hosts and credentials;
 * with `--json`, the same as one JSON line a script can parse.
 */
import type { MockHosts } from '../cloud/types.js';

export interface Started extends MockHosts {
  origin: string;
  /** Where the `/__xoi-cloud/` test helpers are. */
  adminUrl: string;
  apiKey: string;
  apiSecret: string;
  notifyUrl: string | null;
  users: number;
  jobs: number;
}

export function reportText(s: Started): string {
  return [
    `Mock XOi Cloud running at ${s.origin} (Ctrl-C stops it)`,
    `  api_key      ${s.apiKey}`,
    `  api_secret   ${s.apiSecret}`,
    `  token        ${s.tokenUrl}`,
    `  jobs         ${s.jobsUrl}`,
    `  share        ${s.shareUrl}`,
    `  users        ${s.usersUrl}`,
    `  helpers      ${s.adminUrl} (jobs, users, faults, notify, clock, state)`,
    `  notify URL   ${s.notifyUrl ?? 'none (--notify-url)'}`,
    `  seeded       ${s.users} users, ${s.jobs} jobs`,
  ].join('\n');
}

export function reportJson(s: Started): string {
  return JSON.stringify(s);
}
