#!/usr/bin/env node
/**
 * `xoi-job-index rebuild | sweep | status`: the job index from a shell, for a new installation or
 * after data was lost or restored (README "Routes for <xoi-job-link>"). The same functions the
 * server runs (`createXoiJobIndex`), on the database and XOi account given by the environment:
 *
 *   DATABASE_URL                      the PostgreSQL the servers use
 *   XOI_API_KEY, XOI_API_SECRET       the partner's credentials
 *   XOI_ENVIRONMENT                   staging, production, or the hosts as JSON ({ tokenUrl, jobsUrl, … })
 *
 * A rebuild waits for a sweep in progress on a server, then reads the whole look-back window; the
 * servers list from XOi until it is done. Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { createXoiClient } from '../client/client.js';
import type { XoiEnvironment } from '../client/environments.js';
import { createPostgresStore } from '../stores/postgres-store.js';
import { createXoiJobIndex, type XoiJobIndex } from './indexer.js';

const NAME = 'xoi-job-index';

export const USAGE = `Usage: ${NAME} <rebuild | sweep | status> [options]

  rebuild   builds the job index again from XOi (the routes list from XOi meanwhile)
  sweep     one sweep now (what the servers' queue runs every interval)
  status    whether the index is built and fresh, how many jobs, the last error

Options:
  --schema NAME         the store's schema (default xoi)
  --lookback-days N     the window the servers index (default 90; 0: all jobs)
  --json                print one JSON line
  -h, --help            this help

Environment: DATABASE_URL, XOI_API_KEY, XOI_API_SECRET, XOI_ENVIRONMENT (staging, production or JSON hosts).`;

class UsageError extends Error {}

interface Command {
  command: 'rebuild' | 'sweep' | 'status';
  schema: string;
  lookbackDays: number;
  json: boolean;
}

function parse(argv: readonly string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        schema: { type: 'string' },
        'lookback-days': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if ((command !== 'rebuild' && command !== 'sweep' && command !== 'status') || rest.length) {
    throw new UsageError(`the command is rebuild, sweep or status, got ${JSON.stringify(positionals.join(' '))}`);
  }
  const days = values['lookback-days'] ?? '90';
  if (!/^\d{1,5}$/.test(days)) throw new UsageError(`--lookback-days must be a whole number of days, got ${days}`);
  return { command, schema: values.schema ?? 'xoi', lookbackDays: Number(days), json: values.json === true };
}

function environment(): { connectionString: string; apiKey: string; apiSecret: string; env: XoiEnvironment } {
  const { DATABASE_URL, XOI_API_KEY, XOI_API_SECRET, XOI_ENVIRONMENT } = process.env;
  const missing = Object.entries({ DATABASE_URL, XOI_API_KEY, XOI_API_SECRET, XOI_ENVIRONMENT })
    .filter(([, value]) => !value?.trim())
    .map(([name]) => name);
  if (missing.length) throw new UsageError(`set ${missing.join(', ')} in the environment`);
  let env: XoiEnvironment;
  if (XOI_ENVIRONMENT === 'staging' || XOI_ENVIRONMENT === 'production') env = XOI_ENVIRONMENT;
  else {
    try {
      env = JSON.parse(XOI_ENVIRONMENT!) as XoiEnvironment;
    } catch {
      throw new UsageError('XOI_ENVIRONMENT must be staging, production or the hosts as JSON');
    }
  }
  return { connectionString: DATABASE_URL!, apiKey: XOI_API_KEY!, apiSecret: XOI_API_SECRET!, env };
}

async function run(index: XoiJobIndex, command: Command['command']): Promise<object> {
  if (command === 'status') return index.status();
  const report = command === 'rebuild' ? await index.rebuild() : await index.sweep();
  return { ...report, status: await index.status() };
}

async function main(argv: readonly string[]): Promise<number> {
  let command: Command | 'help';
  let given: ReturnType<typeof environment>;
  try {
    command = parse(argv);
    if (command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    given = environment();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${NAME}: ${error.message} (see ${NAME} --help)\n`);
    return 2;
  }
  const store = await createPostgresStore({
    connectionString: given.connectionString,
    schema: command.schema,
    maxConnections: 2,
  });
  try {
    const client = createXoiClient({ apiKey: given.apiKey, apiSecret: given.apiSecret, environment: given.env });
    const index = createXoiJobIndex({ client, store, lookbackDays: command.lookbackDays });
    const started = Date.now();
    const result = await run(index, command.command);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      command.json
        ? `${JSON.stringify({ command: command.command, seconds, ...result })}\n`
        : `${text(command.command, seconds, result)}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function text(command: string, seconds: string, result: object): string {
  const r = result as { calls?: number; upserted?: number; removed?: number; status?: object } & Record<
    string,
    unknown
  >;
  const status = (r.status ?? r) as {
    built: boolean;
    fresh: boolean;
    jobs: number;
    caughtUpAt: string | null;
    lastError: { message: string } | null;
  };
  const lines = [
    command === 'status'
      ? 'XOi job index'
      : `${command}: done in ${seconds} s, ${r.calls} XOi calls, ${r.upserted} jobs written, ${r.removed} removed`,
    `  built: ${status.built ? 'yes' : 'no'}, fresh: ${status.fresh ? 'yes' : 'no'}, jobs: ${status.jobs}`,
    `  caught up: ${status.caughtUpAt ?? 'never'}`,
  ];
  if (status.lastError) lines.push(`  last error: ${status.lastError.message}`);
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
