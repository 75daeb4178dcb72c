/**
 * The one way the server module talks to PostgreSQL: a `pg` pool, the schema our tables live in,
 * and transactions. Every store and the queue go through it, so the same SQL runs on a real
 * PostgreSQL server and on the embedded PGlite (served on a local socket, see embedded.ts).
 *
 * `pg` is an optional peer dependency: loaded only when a database is opened, with a message
 * saying what to install when it is missing. Its types are not part of our published ones: the
 * pool is described by the little we use of it.
 */

/** A query's answer, as `pg` gives it. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number | null;
}

/** Anything that runs one statement: the pool, or a transaction's connection. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
}

/** What we use of a `pg.Pool` (a host may pass its own). */
export interface PgPool extends Sql {
  connect(): Promise<Sql & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Where the tables are: your own pool, or a connection string (`DATABASE_URL`). */
export type DatabaseOptions = ({ pool: PgPool } | { connectionString: string; maxConnections?: number }) & {
  /** PostgreSQL schema of our tables. Default `xoi`. */
  schema?: string;
};

export interface Database extends Sql {
  /** The schema, as written in SQL (validated: lowercase letters, digits and `_`). */
  readonly schema: string;
  /** The connection string, when the database was opened from one (the queue connects with it too). */
  readonly connectionString: string | null;
  readonly pool: PgPool;
  /** Runs `fn` on one connection inside BEGIN … COMMIT; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Ends the pool if we opened it; a pool the host passed is the host's to end. */
  close(): Promise<void>;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a schema name: it is written into SQL, so only plain identifiers are taken. */
export function schemaName(value: unknown, option = 'schema'): string {
  if (typeof value != 'string' || !SCHEMA.test(value)) {
    throw new TypeError(
      `${option} must be a PostgreSQL identifier of lowercase letters, digits and _, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** `pg`, or an error that says how to get it. */
export async function loadPg(): Promise<{ Pool: new (config: object) => PgPool }> {
  try {
    const module = (await import('pg')) as unknown as { default?: { Pool: new (config: object) => PgPool } };
    if (!module.default?.Pool) throw new Error('pg has no Pool');
    return module.default;
  } catch (error) {
    throw new Error(
      "xoi-share-button/server: PostgreSQL storage needs the 'pg' package: npm install pg (and pg-boss@10 for the queue)",
      { cause: error },
    );
  }
}

/** Opens (or wraps) a pool; nothing is created in the database here (see migrations.ts). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options || typeof options != 'object') throw new TypeError('a database needs { pool } or { connectionString }');
  const schema = schemaName(options.schema ?? 'xoi');
  let pool: PgPool;
  let owned = false;
  let connectionString: string | null = null;
  if ('pool' in options && options.pool) {
    pool = options.pool;
  } else if ('connectionString' in options && typeof options.connectionString == 'string' && options.connectionString) {
    const { Pool } = await loadPg();
    connectionString = options.connectionString;
    pool = new Pool({ connectionString, max: options.maxConnections ?? 10 });
    // An idle connection the server dropped (a restart, a failover) must not crash the host.
    pool.on?.('error', () => {});
    owned = true;
  } else {
    throw new TypeError('a database needs { pool } or { connectionString }');
  }

  return {
    schema,
    connectionString,
    pool,
    query: (text, params) => pool.query(text, params),
    async transaction(fn) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await fn(connection);
        await connection.query('COMMIT');
        connection.release();
        return result;
      } catch (error) {
        // A connection whose ROLLBACK failed is broken: destroy it rather than reuse it.
        const broken = await connection.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        connection.release(broken);
        throw error;
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
