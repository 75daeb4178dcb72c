#!/usr/bin/env node
/**
 * `xoi-share-button mock`: the mock XOi Cloud as a server of its own, for back offices that
 * cannot import a Node module into their tests (as stripe-mock serves Stripe). `--help` lists
 * the options (mock/cli/args.ts). Exit codes: 0 stopped by SIGINT/SIGTERM, 1 could not start,
 * 2 bad arguments or seed file.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CliOptions, USAGE, UsageError, parseCli } from './cli/args.js';
import { type Started, reportJson, reportText } from './cli/report.js';
import { type SeedFile, parseSeedFile } from './cloud/seed-file.js';
import type { XoiCloud } from './xoi-cloud.js';

const NAME = 'xoi-share-button';

function fail(code: number, message: string): never {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(code);
}

function readSeed(path: string | undefined): SeedFile {
  if (path === undefined) return { users: [], jobs: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--seed ${path}: cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseSeedFile(text);
  } catch (error) {
    throw new UsageError(`--seed ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The mock's module: loaded only now, so a missing graphql package is one line, not a stack. */
async function loadMock() {
  try {
    return await import('./xoi-cloud.js');
  } catch (error) {
    return fail(1, error instanceof Error ? error.message : String(error));
  }
}

/** A URL host for the address the server listens on (an unspecified one is reached on loopback). */
function urlHost({ address, family }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return family === 'IPv6' ? `[${address}]` : address;
}

/** The mock with the seed file's users and jobs (a seed it refuses, e.g. a duplicate email, is exit 2). */
async function seeded(options: CliOptions, seed: SeedFile): Promise<XoiCloud> {
  const { createXoiCloud } = await loadMock();
  try {
    const cloud = createXoiCloud({
      users: seed.users,
      userIds: options.userIds,
      notifyUrl: options.notifyUrl,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
    });
    for (const job of seed.jobs) cloud.seedJob(job);
    return cloud;
  } catch (error) {
    return fail(2, `--seed ${options.seed ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function start(options: CliOptions, seed: SeedFile): Promise<void> {
  const cloud = await seeded(options, seed);
  const server = createServer((req, res) => void cloud.middleware(req, res));
  server.on('error', (error) => fail(1, `cannot listen on ${options.host}:${options.port}: ${error.message}`));
  server.listen(options.port, options.host, () => {
    const origin = `http://${urlHost(server.address() as AddressInfo)}:${(server.address() as AddressInfo).port}`;
    const started: Started = {
      origin,
      ...cloud.hostsFor(origin),
      adminUrl: `${origin}/__xoi-cloud/`,
      ...cloud.credentials,
      notifyUrl: options.notifyUrl ?? null,
      users: cloud.listUsers().length,
      jobs: cloud.listJobs().length,
    };
    process.stdout.write(`${options.json ? reportJson(started) : reportText(started)}\n`);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (!options.json) process.stdout.write(`Mock XOi Cloud stopped (${signal})\n`);
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: readonly string[]): Promise<void> {
  let options: CliOptions;
  let seed: SeedFile;
  try {
    options = parseCli(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    seed = readSeed(options.seed);
  } catch (error) {
    if (error instanceof UsageError) fail(2, `${error.message} (see ${NAME} mock --help)`);
    throw error;
  }
  await start(options, seed);
}

await main(process.argv.slice(2));
