/**
 * The `--seed` file of `xoi-share-button mock`: JSON `{ "users": [SeedUser…], "jobs": [SeedJob…] }`,
 * both lists optional. Every entry is checked before anything is seeded, and a problem names the
 * entry at fault (`jobs[1].completed must be …`).
 */
import { checkSeedJob, checkSeedUser, isObject } from './seed-checks.js';
import type { SeedJob, SeedUser } from './types.js';

export interface SeedFile {
  users: SeedUser[];
  jobs: SeedJob[];
}

function list(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${name} must be a list`);
  return value;
}

/** The checked contents of a seed file; throws an Error whose message says what is wrong. */
export function parseSeedFile(text: string): SeedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!isObject(json)) throw new Error('must be a JSON object: { "users": […], "jobs": […] }');
  const unknown = Object.keys(json).filter((k) => k !== 'users' && k !== 'jobs');
  if (unknown.length) throw new Error(`${unknown[0]} is not a field (users, jobs)`);
  return {
    users: list(json.users, 'users').map((user, i) => checkSeedUser(user, `users[${i}]`)),
    jobs: list(json.jobs, 'jobs').map((job, i) => checkSeedJob(job, `jobs[${i}]`)),
  };
}
