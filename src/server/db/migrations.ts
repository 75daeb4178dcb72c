/**
 * Versioned migrations, run on start by every store that opens the database. Safe when several
 * instances start at once: all of them take one transaction-level advisory lock, so one applies
 * what is missing and the others then find it applied. Idempotent: a migration runs once per
 * schema, recorded in `<schema>.migrations`.
 *
 * Each feature owns a range of versions (1–99 the core: links and notifications; 100–199
 * appointments; 200–299 the job index), so features developed side by side never take the same
 * number. Missing versions are applied in ascending order; the tables of different ranges do not
 * depend on each other.
 */
import type { Database, Sql } from './database.js';

export interface Migration {
  version: number;
  name: string;
  /** SQL with `{schema}` where the schema's name goes. */
  sql: string;
}

/** The core tables: work order links and the notification inbox. */
export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'links',
    sql: `
CREATE TABLE {schema}.links (
  work_order_id text PRIMARY KEY,
  job_id text NOT NULL UNIQUE,
  -- The holder of a reservation, NULL once linked or released.
  token text,
  reserved_at timestamptz NOT NULL DEFAULT now(),
  -- A reservation past this time may be taken over; NULL once linked.
  expires_at timestamptz,
  -- XOi work done under the reservation (the public share), reused by whoever takes it over.
  progress jsonb,
  -- The final WorkOrderLink; NULL while reserved.
  link jsonb,
  linked_at timestamptz
);
CREATE INDEX links_open ON {schema}.links (expires_at) WHERE link IS NULL;

-- A link is final: a committed row is never changed or deleted, whatever the application does.
CREATE FUNCTION {schema}.links_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.link IS NOT NULL THEN
    RAISE EXCEPTION 'xoi-share-button: the link of work order % is final', OLD.work_order_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER links_are_final BEFORE UPDATE OR DELETE ON {schema}.links
  FOR EACH ROW EXECUTE FUNCTION {schema}.links_are_final();
`,
  },
  {
    version: 2,
    name: 'notifications',
    sql: `
-- Every notification accepted, keyed for de-duplication: a key seen before its expiry is a
-- re-delivery. Rows past expires_at are pruned.
CREATE TABLE {schema}.notifications (
  key text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  type text NOT NULL,
  job_id text NOT NULL,
  event jsonb NOT NULL
);
CREATE INDEX notifications_expiry ON {schema}.notifications (expires_at);
CREATE INDEX notifications_received ON {schema}.notifications (received_at DESC);
`,
  },
];

const LOCK_KEY = 'xoi-share-button:migrations';

/** The versions applied so far in `db.schema`. */
export async function appliedVersions(sql: Sql, schema: string): Promise<number[]> {
  const { rows } = await sql.query<{ version: number }>(`SELECT version FROM ${schema}.migrations ORDER BY version`);
  return rows.map((r) => Number(r.version));
}

/**
 * Applies every migration of `migrations` not applied yet, in one transaction under the advisory
 * lock. Returns the versions it applied (none when another instance was first).
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version < 1 || seen.has(m.version)) {
      throw new Error(`migration ${m.name}: version ${m.version} is not a unique positive integer`);
    }
    seen.add(m.version);
  }
  const schema = db.schema;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${LOCK_KEY}:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(await appliedVersions(tx, schema));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.query(m.sql.replaceAll('{schema}', schema));
      await tx.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
