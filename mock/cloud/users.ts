/**
 * The mock's users directory: what XOi's users service lists (docs/xoi-api-notes.md §5). A user's
 * id is their lowercased email (option `userIds: 'email'`, as XOi's ids look today) or a random
 * UUID (`'uuid'`, as XOi says ids may become); an email is unique, compared trimmed and lowercased.
 */
import { randomUUID } from 'node:crypto';
import { MockError } from './errors.js';
import type { MockUser, SeedUser } from './types.js';

export type UserIdMode = 'email' | 'uuid';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const normalEmail = (email: string): string => email.trim().toLowerCase();

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** "jane.doe" → ["Jane", "Doe"]; XOi's names are non-null, so a missing one is "". [assumed] */
function namesFrom(email: string): [string, string] {
  const [first = '', ...rest] = email
    .slice(0, email.indexOf('@'))
    .split(/[._-]+/)
    .filter(Boolean);
  return [capitalised(first), rest.map(capitalised).join(' ')];
}

export class UserDirectory {
  readonly #byId = new Map<string, MockUser>();
  readonly #idMode: UserIdMode;
  /** The users given at creation: reset() brings them back with the same ids. */
  #initial: MockUser[] = [];

  /** `idMode` comes from plain JavaScript too: anything else is refused. */
  constructor(idMode: unknown = 'email') {
    if (idMode !== 'email' && idMode !== 'uuid') {
      throw new TypeError(`userIds must be 'email' or 'uuid', got ${JSON.stringify(idMode)}`);
    }
    this.#idMode = idMode;
  }

  /** Adds a user; a `conflict` MockError when the email is taken, `validation` when it is not an email. */
  add(seed: SeedUser): MockUser {
    const email = typeof seed.email === 'string' ? normalEmail(seed.email) : '';
    if (!EMAIL.test(email)) {
      throw new MockError('validation', `email must be an email address, got ${JSON.stringify(seed.email)}`);
    }
    if (this.byEmail(email)) throw new MockError('conflict', `A user with email ${email} already exists`);
    const [given, family] = namesFrom(email);
    const user: MockUser = {
      id: this.#idMode === 'email' ? email : randomUUID(),
      email,
      given_name: seed.given_name ?? given,
      family_name: seed.family_name ?? family,
      phone_number: seed.phone_number ?? '',
    };
    this.#byId.set(user.id, user);
    return user;
  }

  /** The user with this email, created when missing. */
  ensure(email: string): MockUser {
    return this.byEmail(email) ?? this.add({ email });
  }

  get(id: string): MockUser | undefined {
    return this.#byId.get(id);
  }

  byEmail(email: string): MockUser | undefined {
    const wanted = normalEmail(email);
    for (const user of this.#byId.values()) if (user.email === wanted) return user;
    return undefined;
  }

  /** Every user, in the order they were added. */
  list(): MockUser[] {
    return [...this.#byId.values()];
  }

  /** Replaces every user with these (their ids kept), as a restart with saved state does. */
  restore(users: readonly MockUser[]): void {
    this.#byId.clear();
    for (const user of users) this.#byId.set(user.id, { ...user });
  }

  /** Remembers the current users as the ones reset() restores. */
  markInitial(): void {
    this.#initial = this.list().map((user) => ({ ...user }));
  }

  reset(): void {
    this.#byId.clear();
    for (const user of this.#initial) this.#byId.set(user.id, { ...user });
  }
}
