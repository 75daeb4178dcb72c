/**
 * The command line of `xoi-share-button mock`: parsed and checked before anything starts; a bad
 * argument is a {@link UsageError} (exit code 2) with one line saying what is wrong.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: xoi-share-button mock [options]

Runs the mock XOi Cloud (token, jobs, share and users GraphQL services, change notifications,
test helpers under /__xoi-cloud/) as a server of its own.

Options:
  --port N              port to listen on (default 4000; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1)
  --seed FILE           JSON file of users and jobs to start with: {"users": […], "jobs": […]}
  --notify-url URL      where change notifications are POSTed (default none)
  --user-ids MODE       email (default: a user's id is their lowercased email) or uuid
  --api-key KEY         the api_key the token endpoint accepts (default mock-api-key)
  --api-secret SECRET   the api_secret (default mock-api-secret)
  --json                print one JSON line (hosts, credentials) instead of text
  -h, --help            this help`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed?: string;
  notifyUrl?: string;
  userIds: 'email' | 'uuid';
  apiKey?: string;
  apiSecret?: string;
  json: boolean;
}

function portOf(value: string | undefined): number {
  if (value === undefined) return 4000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be 0–65535, got ${JSON.stringify(value)}`);
  return port;
}

function urlOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new UsageError(`--notify-url must be an http: or https: URL, got ${JSON.stringify(value)}`);
  }
  return url.href;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !value.trim()) throw new UsageError(`--${name} must not be empty`);
  return value;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'notify-url': { type: 'string' },
        'user-ids': { type: 'string' },
        'api-key': { type: 'string' },
        'api-secret': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (!help && (positionals.length !== 1 || positionals[0] !== 'mock')) {
    const got = positionals.length ? `got "${positionals.join(' ')}"` : 'got none';
    throw new UsageError(`the one command is "mock" (xoi-share-button mock --port 4000), ${got}`);
  }
  const userIds = values['user-ids'] ?? 'email';
  if (userIds !== 'email' && userIds !== 'uuid') {
    throw new UsageError(`--user-ids must be email or uuid, got ${JSON.stringify(userIds)}`);
  }
  return {
    help,
    port: portOf(values.port),
    host: nonEmpty('host', values.host) ?? '127.0.0.1',
    seed: nonEmpty('seed', values.seed),
    notifyUrl: urlOf(values['notify-url']),
    userIds,
    apiKey: nonEmpty('api-key', values['api-key']),
    apiSecret: nonEmpty('api-secret', values['api-secret']),
    json: values.json === true,
  };
}
