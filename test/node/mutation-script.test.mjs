// `npm run mutation` is not part of `npm test` (a full run takes many minutes), so these cheap
// checks keep it from rotting unseen: its module list still names files that exist, and the
// table script still turns a Stryker JSON report into bench/MUTATION.md's rows (here from a
// made-up report, into a file of its own).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../../scripts/mutation-modules.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (script, args) =>
  spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'xoi-mutation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('npm run mutation -- --list: every module, its files found', () => {
  const r = run('mutation.mjs', ['--list']);
  assert.equal(r.status, 0, r.stderr);
  const listed = r.stdout.trim().split('\n');
  assert.deepEqual(
    listed.map((line) => line.slice(0, line.indexOf(':'))),
    Object.keys(MODULES),
  );
  assert.match(
    r.stdout,
    /^request: src\/server\/routes\/request\.ts ← test\/node\/server-routes\.test\.mjs \(target 85 %\)$/m,
  );
});

test('an unknown module or option is refused before Stryker starts', () => {
  const module = run('mutation.mjs', ['nothing-such']);
  assert.equal(module.status, 2);
  assert.match(module.stderr, /unknown module nothing-such \(known: notes, payload, /);
  const option = run('mutation.mjs', ['--fast']);
  assert.equal(option.status, 2);
  assert.match(option.stderr, /unknown option --fast/);
});

/** A report as Stryker's JSON reporter writes it (mutation-testing-report-schema), for one file. */
function report(name, file, mutants) {
  mkdirSync(join(dir, 'reports', name), { recursive: true });
  const source = readFileSync(join(root, file), 'utf8');
  const files = { [file]: { language: 'typescript', source, mutants } };
  writeFileSync(join(dir, 'reports', name, 'mutation.json'), JSON.stringify({ schemaVersion: '2', files }));
  writeFileSync(
    join(dir, 'reports', name, 'run.json'),
    JSON.stringify({ date: '2026-01-02T03:04:05.000Z', seconds: 7 }),
  );
}
const at = (line, column, endColumn) => ({ start: { line, column }, end: { line, column: endColumn } });

test('the table: counts, score, target, equivalent mutants and survivors, from the JSON report', () => {
  // decide.ts line 15 is `  | { kind: 'timeout' }`: a string literal at columns 13–21.
  report('decide', 'src/server/client/decide.ts', [
    { id: '1', mutatorName: 'StringLiteral', replacement: '""', location: at(15, 13, 22), status: 'Killed' },
    { id: '2', mutatorName: 'StringLiteral', replacement: '""', location: at(15, 13, 22), status: 'Survived' },
    { id: '3', mutatorName: 'StringLiteral', replacement: '"x"', location: at(15, 13, 22), status: 'Timeout' },
  ]);
  // The link store's first equivalent mutant, as a survivor: left out of the score.
  const [equivalent] = MODULES['link-store'].equivalent;
  const line = readFileSync(join(root, equivalent.file), 'utf8').split('\n')[equivalent.line - 1];
  const original = line.slice(equivalent.column - 1).match(/^[\w.()]+ === row/)[0];
  report('link-store', equivalent.file, [
    {
      id: '1',
      mutatorName: equivalent.mutator,
      replacement: equivalent.replacement,
      location: at(equivalent.line, equivalent.column, equivalent.column + original.length),
      status: 'Survived',
    },
    { id: '2', mutatorName: 'BooleanLiteral', replacement: 'true', location: at(1, 1, 2), status: 'Killed' },
  ]);

  const out = join(dir, 'MUTATION.md');
  const r = run('mutation-table.mjs', [`--reports=${join(dir, 'reports')}`, `--out=${out}`]);
  assert.equal(r.status, 1, 'modules under target (and not run): exit 1');
  assert.match(r.stdout, /MUTATION\.md \(current\) written; \d+ under target/);
  const table = readFileSync(out, 'utf8');
  assert.ok(
    table.includes(
      '| decide (`src/server/client/decide.ts`) | 3 | 1 | 1 | 1 | 0 | 0 | 66.7 % | 0 | **66.7 %** | 85 % **not met** | 2026-01-02, 7 s |',
    ),
    table,
  );
  assert.ok(
    table.includes(
      '| link-store (`src/server/stores/link-store.ts`) | 2 | 1 | 0 | 1 | 0 | 0 | 50.0 % | 1 | **100.0 %** | 100 % met | 2026-01-02, 7 s |',
    ),
    table,
  );
  assert.ok(table.includes('| notes | not run |'), 'a module without a report says so');
  assert.ok(
    table.includes(
      `| link-store | \`${equivalent.file}:${equivalent.line}:${equivalent.column}\` | ${equivalent.mutator}: \`${original}\` → \`${equivalent.replacement}\` | ${equivalent.why} |`,
    ),
    'the equivalent mutant, with the code it replaces and why',
  );
  assert.ok(
    table.includes('| decide | `src/server/client/decide.ts:15:13` | Survived | StringLiteral: `\'timeout\'` → `""` |'),
    'the survivor, with the code it replaces',
  );
  assert.match(table, /not among this run's survivors: check the entry/, "link-store's other entries are flagged");
});
