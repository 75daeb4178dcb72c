/**
 * XOi's users service (docs/xoi-api-notes.md §5): who a technician is in XOi. Jobs are assigned
 * to XOi user ids, which look like emails today but, XOi says, will not always; FSMs know their
 * technicians by email. So a technician's email is looked up in XOi's user directory (cached: a
 * job list or a link must not page through the directory every time), and a job's assignees are
 * matched on that user id, or on the email when the directory has no such user.
 */
import { answers } from './answers.js';
import type { Caller } from './call.js';
import type { ListUsersInput, ListUsersPage } from './client-types.js';
import { GET_USER, LIST_USERS } from './documents.js';
import { normalizeEmail } from '../email.js';
import { invalidInput, XoiError } from './errors.js';
import { id, positiveInt } from './inputs.js';
import type { XoiUser } from './types.js';

/** A technician as a job's assignees name them: the XOi user id when XOi knows the email. */
export interface Technician {
  /** Lowercased. */
  email: string;
  /** XOi's user id, or null when the directory has no user with this email (or could not be read). */
  userId: string | null;
}

/** True when the technician is one of the job's assignees: by user id, or by email (ids that look like emails). */
export function assignedTo(job: { assigneeIds: readonly string[] }, technician: Technician): boolean {
  return job.assigneeIds.some(
    (assignee) => assignee === technician.userId || assignee.trim().toLowerCase() === technician.email,
  );
}

const usersService = (usersUrl: string | undefined, op: string) => {
  if (!usersUrl) {
    throw invalidInput(
      'environment.usersUrl',
      "is needed to read XOi's users (set it, or the client option assigneeIds: 'email')",
      op,
    );
  }
};

export async function listUsers(
  call: Caller,
  usersUrl: string | undefined,
  input: ListUsersInput = {},
): Promise<ListUsersPage> {
  const op = 'listUsers';
  usersService(usersUrl, op);
  if (typeof input !== 'object' || input === null) throw invalidInput('input', 'must be an object', op);
  const nextToken = input.nextToken ?? '';
  if (typeof nextToken !== 'string') throw invalidInput('nextToken', 'must be a string', op);
  return call({
    service: 'users',
    operation: op,
    document: LIST_USERS,
    variables: { input: { limit: positiveInt(input.limit, 'limit', 1000, 100, op), nextToken } },
    decode: (data) => {
      const { items, nextToken: next } = answers.listUsers(data, 'data').listUsers.userConnection;
      return { users: items, nextToken: next?.trim() ? next.trim() : null };
    },
  });
}

/** The user; a `not-found` XoiError when XOi knows no such id. */
export async function getUser(call: Caller, usersUrl: string | undefined, userId: string): Promise<XoiUser> {
  const op = 'getUser';
  usersService(usersUrl, op);
  const vid = id(userId, 'userId', op);
  const user = await call({
    service: 'users',
    operation: op,
    document: GET_USER,
    variables: { input: { id: vid } },
    decode: (data) => answers.getUser(data, 'data').getUser?.user ?? null,
  });
  if (!user) throw new XoiError('not-found', `${op}: XOi has no user ${vid}.`, { operation: op, attempts: 1 });
  return user;
}

export interface DirectoryOptions {
  /** How long the directory read is used. */
  ttlMs: number;
  /** A miss refreshes it, at most this often (a new technician is found without waiting for the TTL). */
  refreshMinMs: number;
  /** Pages of 100 read at most (100,000 users). */
  maxPages: number;
  now: () => number;
}

/** XOi's user directory by email, read page by page and kept for `ttlMs`; one read at a time. */
export function userDirectory(call: Caller, usersUrl: string | undefined, options: DirectoryOptions) {
  let byEmail: Map<string, XoiUser> | null = null;
  let readAt = -Infinity;
  let reading: Promise<Map<string, XoiUser>> | null = null;

  async function read(): Promise<Map<string, XoiUser>> {
    const found = new Map<string, XoiUser>();
    let nextToken: string | null = null;
    for (let page = 0; page < options.maxPages; page++) {
      const result: ListUsersPage = await listUsers(call, usersUrl, { limit: 100, nextToken });
      for (const user of result.users) found.set(user.email.trim().toLowerCase(), user);
      nextToken = result.nextToken;
      if (!nextToken) break;
    }
    return found;
  }

  function refresh(): Promise<Map<string, XoiUser>> {
    reading ??= read()
      .then((found) => {
        byEmail = found;
        readAt = options.now();
        return found;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  return {
    /** The user with this email, or null when XOi has none. XoiErrors of the read pass through. */
    async find(email: string): Promise<XoiUser | null> {
      const wanted = normalizeEmail(email, 'email', 'findUserByEmail');
      const cached = byEmail !== null && options.now() - readAt < options.ttlMs;
      let user = (cached && byEmail ? byEmail : await refresh()).get(wanted);
      // A miss in a directory read a while ago: the technician may be new to XOi. Read it once more.
      if (!user && cached && options.now() - readAt >= options.refreshMinMs) user = (await refresh()).get(wanted);
      return user ? structuredClone(user) : null;
    },
  };
}

export type UserDirectory = ReturnType<typeof userDirectory>;

/** How `technicianEmail` becomes an assignee id, and how a technician is recognised among assignees. */
export interface Assignees {
  /** The id to put in `assigneeIds`; a `not-found` XoiError when XOi has no user with this email. */
  idFor(email: string, operation: string): Promise<string>;
  /** The technician, with their user id when the directory knows them (an unreadable directory: email only). */
  technician(email: string): Promise<Technician>;
}

/** `'user-id'` looks emails up in the directory; `'email'` uses the email as the id (XOi's ids today). */
export function assignees(directory: UserDirectory, mode: 'user-id' | 'email'): Assignees {
  return {
    async idFor(email, operation) {
      if (mode === 'email') return email;
      const user = await directory.find(email);
      if (!user) {
        throw new XoiError('not-found', `${operation}: XOi has no user with the email ${email}.`, {
          operation,
          field: 'technicianEmail',
        });
      }
      return user.id;
    },
    async technician(email) {
      if (mode === 'email') return { email, userId: null };
      const user = await directory.find(email).catch(() => null);
      return { email, userId: user?.id ?? null };
    },
  };
}
