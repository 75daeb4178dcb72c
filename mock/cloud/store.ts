/**
 * What the mock XOi Cloud holds: jobs, shares and tokens, the id sequence and the clock. No HTTP,
 * no GraphQL: the resolvers, the test helpers and the endpoints all change state through here.
 */
import { MockError } from './errors.js';
import type { MockDocumentationItem, MockJob } from './types.js';

/** A public share: which jobs it shows. */
export interface StoredShare {
  id: string;
  jobIds: string[];
  shareEntireJob: boolean;
  createdAt: string;
}

/** The fields a new job is made from (createJob's `newJob`, or a seed). */
export interface NewJobFields {
  assigneeIds: string[];
  customerName?: string | null;
  jobLocation?: string | null;
  workOrderNumber?: string | null;
  label?: string | null;
  createdAt?: string;
  customerEmail?: string | null;
  externalAppUrl?: string | null;
  externalId?: string | null;
  tags?: string[] | null;
  publicTags?: string[] | null;
  tagSuggestions?: string[] | null;
  workTypeIds?: string[] | null;
  internalNote?: { text: string } | null;
  internalNotificationContacts?: Array<{ email: string; notify_of_events: string[] }> | null;
  integrationEntityId?: { id: string; namespace: string } | null;
  documentation?: MockDocumentationItem[];
}

export const clone = <T>(value: T): T => structuredClone(value);

/** What the store keeps across a restart (tokens are not: a client gets a new one). */
export interface StoreSnapshot {
  jobs: MockJob[];
  shares: StoredShare[];
  sequence: number;
  clockOffsetMs: number;
}

export class CloudStore {
  readonly jobs = new Map<string, MockJob>();
  readonly shares = new Map<string, StoredShare>();
  /** token → expiry (ms on the mock's clock) */
  readonly #tokens = new Map<string, number>();
  readonly #baseNow: () => number;
  #offsetMs = 0;
  #seq = 0;

  constructor(now: () => number = Date.now) {
    this.#baseNow = now;
  }

  /** The mock's clock: the `now` option plus every `advanceTime()`. */
  now(): number {
    return this.#baseNow() + this.#offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  advanceTime(ms: number): void {
    if (!Number.isFinite(ms))
      throw new MockError('validation', `advanceMs must be a number of milliseconds, got ${ms}`);
    this.#offsetMs += ms;
  }

  /** `job-0001`, `share-0002`, …: one sequence for every kind, restarted by reset(). */
  nextId(kind: string): string {
    this.#seq += 1;
    return `${kind}-${String(this.#seq).padStart(4, '0')}`;
  }

  /** The number the next id will carry (seeded labels use it). */
  peekSequence(): number {
    return this.#seq + 1;
  }

  /** The job, or a `notFound` MockError. */
  liveJob(id: string): MockJob {
    const job = this.jobs.get(id);
    if (!job) throw new MockError('notFound', `Job ${id} not found`);
    return job;
  }

  jobByExternalId(externalId: string): MockJob | undefined {
    for (const job of this.jobs.values()) if (job.externalId === externalId) return job;
    return undefined;
  }

  insertJob(fields: NewJobFields): MockJob {
    const at = fields.createdAt ?? this.iso();
    const job: MockJob = {
      id: this.nextId('job'),
      assigneeIds: [...fields.assigneeIds],
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
    this.jobs.set(job.id, job);
    return job;
  }

  /** Marks the job complete now (kept when it already was, unless `force`). */
  complete(job: MockJob, force = false): void {
    if (force || !job.completedAt) {
      job.completedAt = this.iso();
      job.completedBy = job.assigneeIds[0] ?? null;
    }
  }

  addShare(jobIds: string[], shareEntireJob: boolean): StoredShare {
    const share = { id: this.nextId('share'), jobIds: [...jobIds], shareEntireJob, createdAt: this.iso() };
    this.shares.set(share.id, share);
    return share;
  }

  issueToken(ttlMs: number): string {
    const token = `mock.${this.nextId('token')}.${Math.random().toString(36).slice(2, 10)}`;
    this.#tokens.set(token, this.now() + ttlMs);
    return token;
  }

  /** `valid`, `expired` or `unknown`. */
  tokenState(token: string): 'valid' | 'expired' | 'unknown' {
    const expiry = this.#tokens.get(token);
    if (expiry === undefined) return 'unknown';
    return expiry > this.now() ? 'valid' : 'expired';
  }

  expireTokens(): void {
    for (const token of this.#tokens.keys()) this.#tokens.set(token, 0);
  }

  snapshot(): StoreSnapshot {
    return {
      jobs: [...this.jobs.values()].map(clone),
      shares: [...this.shares.values()].map(clone),
      sequence: this.#seq,
      clockOffsetMs: this.#offsetMs,
    };
  }

  /** Replaces the jobs, shares, sequence and clock offset; tokens issued so far are forgotten. */
  restore(snapshot: StoreSnapshot): void {
    this.reset();
    for (const job of snapshot.jobs) this.jobs.set(job.id, clone(job));
    for (const share of snapshot.shares) this.shares.set(share.id, clone(share));
    this.#seq = snapshot.sequence;
    this.#offsetMs = snapshot.clockOffsetMs;
  }

  reset(): void {
    this.jobs.clear();
    this.shares.clear();
    this.#tokens.clear();
    this.#offsetMs = 0;
    this.#seq = 0;
  }
}
