/**
 * The embedded default: PostgreSQL itself (PGlite, Postgres compiled to WebAssembly) inside the
 * Node process, persisted to a directory, so `npm start` and a first integration need no database
 * server. It is served on a Unix socket in a private directory (pglite-socket), so `pg` and the
 * queue (pg-boss) connect to it as to any PostgreSQL, and every store runs the same SQL.
 *
 * One process only: PGlite is one database session, and its directory cannot be opened by two
 * processes. Connections are multiplexed onto that session; a transaction runs alone until it
 * ends, so isolation holds by running them one at a time. More than one instance of your server
 * needs a real PostgreSQL: set `DATABASE_URL` (README, "Durable state").
 *
 * `@electric-sql/pglite` and `@electric-sql/pglite-socket` are optional peer dependencies.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Where the data lives (created if missing). `'memory://'` keeps it in memory, lost on exit. Default `.xoi-data`. */
  dataDir?: string;
  /** Connections served at once (multiplexed onto PGlite's one session). Default 64. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres@/postgres?host=<socket dir>&port=5432`: give it to the store and the queue. */
  readonly connectionString: string;
  /** The data directory (absolute), or `memory://`. */
  readonly dataDir: string;
  /** Stops serving and closes the database (after the pools using it were ended). */
  close(): Promise<void>;
}

interface PGliteLike {
  close(): Promise<void>;
}

/** What pglite-socket's query queue calls on the database (0.2.x). */
interface QueuedDatabase {
  isInTransaction(): boolean;
  exec(query: string): Promise<unknown>;
  execProtocolRawStream(message: Uint8Array, options: unknown): Promise<unknown>;
}

// Frontend messages of the extended query protocol that a Sync ends: Parse, Bind, Describe,
// Execute, Close, Flush. The unnamed statement and portal they use are the session's, and PGlite
// has one session for every connection.
const IN_SEQUENCE = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket (0.2.17) runs each protocol message of each connection in arrival order, keeping a
 * connection's messages together only inside a transaction: one connection's Parse, another's
 * Parse, then the first one's Bind binds the wrong statement ("bind message supplies 3
 * parameters, but prepared statement \"\" requires 2"), which happened under load with the queue
 * polling beside a large insert. So the queue is shown a sequence in progress (Parse … until Sync)
 * as a transaction: it then serves that connection alone until its Sync, as it does until COMMIT.
 */
function keepSequencesTogether(server: unknown, db: QueuedDatabase): void {
  const queue = (server as { queryQueue?: { db?: unknown } }).queryQueue;
  if (!queue || typeof queue !== 'object' || !('db' in queue)) {
    throw new Error(
      'xoi-share-button/server: this version of @electric-sql/pglite-socket is not supported (use 0.2.x)',
    );
  }
  let open = false;
  queue.db = new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => open || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: unknown) => {
          open = IN_SEQUENCE.has(message[0]);
          return target.execProtocolRawStream(message, options);
        };
      }
      // The queue's ROLLBACK for a connection that went away mid-sequence ends the sequence too.
      if (property === 'exec') {
        return (query: string) => {
          open = false;
          return target.exec(query);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
interface SocketServerLike {
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function load(): Promise<{
  create: (dataDir: string) => Promise<PGliteLike>;
  serve: (db: PGliteLike, path: string, maxConnections: number) => SocketServerLike;
}> {
  try {
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-socket'),
    ]);
    return {
      create: (dataDir) => PGlite.create(dataDir),
      serve: (db, path, maxConnections) => {
        const server = new PGLiteSocketServer({ db: db as never, path, maxConnections });
        keepSequencesTogether(server, db as unknown as QueuedDatabase);
        return server;
      },
    };
  } catch (error) {
    throw new Error(
      'xoi-share-button/server: the embedded database needs @electric-sql/pglite and @electric-sql/pglite-socket: ' +
        'npm install @electric-sql/pglite @electric-sql/pglite-socket (or set DATABASE_URL to a PostgreSQL server)',
      { cause: error },
    );
  }
}

/** Opens (or creates) the embedded database and serves it; see the file comment. */
export async function createEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const given = options.dataDir ?? '.xoi-data';
  if (typeof given != 'string' || !given.trim()) throw new TypeError('dataDir must be a directory or "memory://"');
  const maxConnections = options.maxConnections ?? 64;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 256) {
    throw new TypeError('maxConnections must be an integer from 1 to 256');
  }
  const memory = given.startsWith('memory://');
  const dataDir = memory ? given : resolve(given);
  if (!memory) await mkdir(dataDir, { recursive: true });

  const { create, serve } = await load();
  const db = await create(dataDir);
  // A directory only we can enter: nobody else on the machine can reach the socket.
  const socketDir = await mkdtemp(join(tmpdir(), 'xoi-pglite-'));
  const server = serve(db, join(socketDir, '.s.PGSQL.5432'), maxConnections);
  try {
    await server.start();
  } catch (error) {
    await db.close().catch(() => {});
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    connectionString: `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=5432`,
    dataDir,
    close() {
      closing ??= (async () => {
        await server.stop().catch(() => {});
        await db.close();
        await rm(socketDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
