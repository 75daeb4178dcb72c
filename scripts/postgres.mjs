/**
 * A throwaway PostgreSQL server for the tests: `npm test` starts one before the node and e2e
 * tests and stops it afterwards (CI starts with none running), unless `DATABASE_URL` names one.
 *
 * Debian's `postgresql-15` (or newer) binaries, found under /usr/lib/postgresql/<version>/bin or
 * through `POSTGRES_BIN`; installed with apt when missing and we are root. The cluster lives in
 * a temporary directory, listens on 127.0.0.1 on a free port only, trusts local connections (it
 * holds nothing but test data and dies with the run) and runs as the `postgres` user when we are
 * root, because PostgreSQL refuses to run as root. Never touches a cluster it did not start.
 *
 *   node scripts/postgres.mjs          starts one and prints its URL; Ctrl-C stops it
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_VERSION = 15;

/** The bin directory of the newest installed PostgreSQL ≥ 15, or null. */
export function findPostgresBin() {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'postgres')) ? fromEnv : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .map(Number)
    .filter((v) => v >= MIN_VERSION && existsSync(join(base, String(v), 'bin', 'postgres')))
    .sort((a, b) => b - a);
  return versions.length ? join(base, String(versions[0]), 'bin') : null;
}

/** Installs Debian's server package when we can (root, apt); returns the bin directory or null. */
export function installPostgres(log = console.log) {
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) return null;
  log('xoi-share-button: installing postgresql (apt-get) for the database tests');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'postgresql']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) return null;
  }
  return findPostgresBin();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pgRun(bin, name, args) {
  const command = join(bin, name);
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `${name} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(-800)}`,
    );
  }
  return r.stdout;
}

/**
 * Starts a throwaway cluster; resolves to `{ url, version, stop() }`. `stop()` is synchronous, so it
 * also works from an exit handler.
 */
export async function startPostgres({ bin = findPostgresBin(), log = () => {} } = {}) {
  if (!bin) throw new Error('no PostgreSQL ≥ 15 server binaries (install the Debian package postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'xoi-postgres-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    // The postgres user must own the directory and reach it through /tmp.
    spawnSync('chown', ['postgres:postgres', dir]);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  const started = Date.now();
  pgRun(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // Test data only: no durability work, so a run on a 2-core machine stays fast.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  pgRun(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const version = pgRun(bin, 'postgres', ['--version']).trim();
  log(`postgres: ${version} on 127.0.0.1:${port} in ${Date.now() - started} ms (${dir})`);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch (error) {
        log(`postgres: stop failed: ${error.message}`);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = findPostgresBin() ?? installPostgres();
  const server = await startPostgres({ bin, log: console.log });
  console.log(server.url);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.stop();
      process.exit(0);
    });
  }
  setInterval(() => {}, 1 << 30);
}
