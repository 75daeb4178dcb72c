/**
 * The embedded default: PostgreSQL itself (PGlite, Postgres compiled to WebAssembly) inside the
 * Node process, persisted to a directory, so `npm start` and a first integration need no database
 * server. It is served on a Unix socket in a private directory (pglite-socket), so `pg` and the
 * queue (pg-boss) connect to it as to any PostgreSQL, and every store runs the same SQL.
 *
 * One process only: PGlite is one database session, and its directory cannot be opened by two
 * processes. Connections are multiplexed onto that session; a transaction runs alone until it
 * ends, and so does a query's Parse…Sync (pglite-turns.ts), so isolation holds by running them one
 * at a time. More than one instance of your server
 * needs a real PostgreSQL: set `DATABASE_URL` (README, "Durable state").
 *
 * `@electric-sql/pglite` and `@electric-sql/pglite-socket` are optional peer dependencies.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGliteTurns, type PGliteSession } from './pglite-turns.js';

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
        // Its queue lets another connection's transaction start inside a query's Parse…Sync (pglite-turns.ts).
        const internals = server as unknown as { queryQueue?: unknown };
        if (!internals.queryQueue)
          throw new Error('@electric-sql/pglite-socket: no queryQueue to replace (a new version?)');
        internals.queryQueue = new PGliteTurns(db as unknown as PGliteSession);
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
