#!/usr/bin/env node
/**
 * The server side of `npm run bench` (also `npm run bench:server` alone): every section in
 * bench/server/*.mjs, run one after the other on a quiet machine, its Markdown written into
 * bench/RESULTS.md between `<!-- server -->` and `<!-- /server -->` (the browser part above is
 * scripts/bench.mjs's).
 *
 * A section exports `title` and `default async function run(context) → Markdown`, where context
 * is `{ postgresUrl, log, args }`: a PostgreSQL 15 server for the run (DATABASE_URL, else a
 * throwaway cluster started here, scripts/postgres.mjs) and the command's options. Each measures
 * against a baseline taken in the same run and reports ratios; none asserts a time.
 *
 *   node bench/server.mjs [--only=durable,appointments] [--no-build]
 *   (with --only, the other sections are kept as bench/RESULTS.md has them)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPostgresBin, installPostgres, startPostgres } from '../scripts/postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(root, 'bench/RESULTS.md');
const START = '<!-- server -->';
const END = '<!-- /server -->';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const log = (text) => console.error(`bench:server ${text}`);

if (!args['no-build']) {
  log('building dist/ (node scripts/build.mjs)');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(1);
}

const dir = join(root, 'bench/server');
const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort();
const files = all.filter((f) => !only || only.has(f.replace(/\.mjs$/, '')));
const unknown = [...(only ?? [])].filter((name) => !all.includes(`${name}.mjs`));
if (unknown.length) {
  console.error(`bench:server: no section ${unknown.join(', ')} in bench/server (have: ${all.join(', ')})`);
  process.exit(1);
}

let postgres = null;
let postgresUrl = process.env.DATABASE_URL;
if (!postgresUrl) {
  postgres = await startPostgres({ bin: findPostgresBin() ?? installPostgres(log), log });
  process.on('exit', () => postgres.stop());
  postgresUrl = postgres.url;
}

const parts = [
  START,
  '## Server',
  '',
  `\`npm run bench:server\` (\`node bench/server.mjs\`), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${postgres ? postgres.version : 'PostgreSQL from DATABASE_URL'} and PGlite, on this machine. Each section ` +
    'measures against a baseline taken in the same run.',
  '',
];
const previous = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
// With --only, the other sections stay as the last run wrote them (found by their titles).
const kept = new Map(
  previous.includes(START) && previous.includes(END)
    ? previous
        .slice(previous.indexOf(START), previous.indexOf(END))
        .split(/\n(?=### )/)
        .slice(1)
        .map((text) => [text.slice(4, text.indexOf('\n')), text.trim()])
    : [],
);
for (const file of all) {
  const section = await import(pathToFileURL(join(dir, file)).href);
  if (!files.includes(file)) {
    const old = kept.get(section.title);
    if (old) parts.push(old, '');
    continue;
  }
  log(`${file}: ${section.title}`);
  const started = Date.now();
  parts.push(`### ${section.title}`, '', (await section.default({ postgresUrl, log, args })).trim(), '');
  log(`${file}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
parts.push(END);

const block = parts.join('\n');
const next =
  previous.includes(START) && previous.includes(END)
    ? previous.slice(0, previous.indexOf(START)) + block + previous.slice(previous.indexOf(END) + END.length)
    : `${previous.trimEnd()}\n\n${block}\n`;
writeFileSync(OUT, next);
console.log(block);
postgres?.stop();
process.exit(0);
