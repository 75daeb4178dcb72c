#!/usr/bin/env node
/**
 * bench/MUTATION.md's tables, from the JSON reports `npm run mutation` left in
 * `reports/mutation/<module>/mutation.json` (run by scripts/mutation.mjs after its Stryker runs,
 * or alone: `node scripts/mutation-table.mjs`). Writes, between its markers:
 *
 * - per module (and per `focus` part, scripts/mutation-modules.mjs): mutants, killed, timed out,
 *   survived, no coverage, errors, Stryker's score, the equivalent mutants and the score without
 *   them (the one the target is for), when and how long the module ran;
 * - the equivalent mutants with why no test can tell them apart (the module's `equivalent` list;
 *   an entry that no survivor matches any more is flagged, not silently dropped);
 * - every other survivor and mutant without coverage, file:line and the mutation.
 *
 * `--section=baseline` writes the per-module table into the baseline block instead (the score
 * before a round of tests, kept for comparison). `--reports=DIR` reads the reports from DIR and
 * `--out=FILE` writes FILE (test/node/mutation-script.test.mjs feeds it a made-up report). Exit
 * code 1 when a module is under its target.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { MODULES } from './mutation-modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = resolve(root, option('out') ?? 'bench/MUTATION.md');
const REPORTS = resolve(root, option('reports') ?? 'reports/mutation');
const section = option('section') ?? 'current';
if (!['current', 'baseline'].includes(section)) {
  console.error('mutation-table: --section is current or baseline');
  process.exit(2);
}

const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const oneLine = (s) => s.replace(/\s+/g, ' ').trim();
/** Code in a table cell: one line, at most 120 characters, pipes escaped, backticks fenced. */
const code = (text) => {
  const line = oneLine(text);
  const cut = (line.length > 120 ? `${line.slice(0, 117)}…` : line).replaceAll('|', '\\|');
  return cut.includes('`') ? `\`\` ${cut} \`\`` : `\`${cut}\``;
};
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');

/** Line ranges [start, end] of the named functions (declarations or `const x = () =>`) in `file`. */
function functionRanges(file, names) {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const line = (pos) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const ranges = [];
  const visit = (node) => {
    const name =
      (ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) && node.name && ts.isIdentifier(node.name)
        ? node.name.text
        : null;
    if (name && names.includes(name)) ranges.push({ name, start: line(node.getStart()), end: line(node.getEnd()) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  const missing = names.filter((n) => !ranges.some((r) => r.name === n));
  if (missing.length) throw new Error(`${file}: no function ${missing.join(', ')}`);
  return ranges;
}

/** The source text a mutant replaces (Stryker's locations: 1-based lines and columns, end exclusive). */
function spanOf(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ].join('\n');
}

/** Every mutant of a module's report, with its file and original text; null when the module has no report. */
function mutantsOf(name) {
  const path = join(REPORTS, name, 'mutation.json');
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const mutants = Object.entries(report.files).flatMap(([file, { mutants: list, source }]) => {
    const lines = source.split('\n');
    return list.map((m) => ({ ...m, file, original: spanOf(lines, m.location) }));
  });
  const runPath = join(REPORTS, name, 'run.json');
  const run = existsSync(runPath)
    ? JSON.parse(readFileSync(runPath, 'utf8'))
    : { date: statSync(path).mtime.toISOString(), seconds: null };
  return { mutants, run };
}

const sameMutant = (m, e) =>
  m.file === e.file &&
  m.location.start.line === e.line &&
  m.location.start.column === e.column &&
  m.mutatorName === e.mutator &&
  oneLine(m.replacement ?? '') === oneLine(e.replacement);

function row(label, mutants, equivalent, target, run) {
  const count = (status) => mutants.filter((m) => m.status === status).length;
  const valid = mutants.filter((m) => VALID.has(m.status)).length;
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const equal = mutants.filter((m) => m.status === 'Survived' && equivalent.some((e) => sameMutant(m, e))).length;
  const score = valid - equal ? (100 * detected) / (valid - equal) : 100;
  const ok = score >= target;
  const when = run ? `${run.date.slice(0, 10)}${run.seconds == null ? '' : `, ${run.seconds} s`}` : '';
  return {
    ok,
    text: `| ${label} | ${mutants.length} | ${count('Killed')} | ${count('Timeout')} | ${count('Survived')} | ${count('NoCoverage')} | ${count('RuntimeError') + count('CompileError')} | ${pct(detected, valid)} | ${equal} | **${score.toFixed(1)} %** | ${target} % ${ok ? 'met' : '**not met**'} | ${when} |`,
  };
}

const tableRows = [];
const equivalentRows = [];
const survivorRows = [];
let failing = 0;
for (const [name, module] of Object.entries(MODULES)) {
  const found = mutantsOf(name);
  if (!found) {
    tableRows.push(`| ${name} | not run | | | | | | | | | ${module.target} % | |`);
    failing++;
    continue;
  }
  const { mutants, run } = found;
  const equivalent = module.equivalent ?? [];
  const main = row(
    `${name} (${module.mutate.map((f) => `\`${f}\``).join(', ')})`,
    mutants,
    equivalent,
    module.target,
    run,
  );
  tableRows.push(main.text);
  if (!main.ok) failing++;
  for (const part of module.focus ?? []) {
    const ranges = functionRanges(part.file, part.functions);
    const inside = mutants.filter(
      (m) =>
        m.file === part.file && ranges.some((r) => m.location.start.line >= r.start && m.location.end.line <= r.end),
    );
    const r = row(`↳ ${name}: ${part.name} (${part.functions.join(', ')})`, inside, equivalent, part.target, null);
    tableRows.push(r.text);
    if (!r.ok) failing++;
  }
  for (const e of equivalent) {
    const seen = mutants.find((m) => m.status === 'Survived' && sameMutant(m, e));
    const change = seen
      ? `${e.mutator}: ${code(seen.original)} → ${code(e.replacement)}`
      : `${e.mutator}: → ${code(e.replacement)} (**not among this run's survivors: check the entry**)`;
    equivalentRows.push(`| ${name} | \`${e.file}:${e.line}:${e.column}\` | ${change} | ${e.why} |`);
  }
  for (const m of mutants) {
    if ((m.status === 'Survived' && !equivalent.some((e) => sameMutant(m, e))) || m.status === 'NoCoverage') {
      survivorRows.push(
        `| ${name} | \`${m.file}:${m.location.start.line}:${m.location.start.column}\` | ${m.status} | ${m.mutatorName}: ${code(m.original)} → ${code(m.replacement ?? '')} |`,
      );
    }
  }
}

const HEAD = [
  '| module (mutated files) | mutants | killed | timed out | survived | no coverage | errors | Stryker score | equivalent | score without equivalent | target | run on, time |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
];
const generated = `Generated by \`node scripts/mutation-table.mjs\` from \`reports/mutation/*/mutation.json\` (written by \`npm run mutation\`) on ${new Date().toISOString().slice(0, 10)}.`;
const blocks = {
  [section]: [generated, '', ...HEAD, ...tableRows].join('\n'),
};
if (section === 'current') {
  blocks.equivalent = equivalentRows.length
    ? ['| module | where | mutation | why no test can tell |', '|---|---|---|---|', ...equivalentRows].join('\n')
    : 'None.';
  blocks.survivors = survivorRows.length
    ? ['| module | where | status | mutation |', '|---|---|---|---|', ...survivorRows].join('\n')
    : 'None.';
}

let doc = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# Mutation testing\n';
for (const [name, body] of Object.entries(blocks)) {
  const start = `<!-- mutation:${name}:start -->`;
  const end = `<!-- mutation:${name}:end -->`;
  const block = `${start}\n${body}\n${end}`;
  const at = doc.indexOf(start);
  doc = at < 0 ? `${doc.trimEnd()}\n\n${block}\n` : doc.slice(0, at) + block + doc.slice(doc.indexOf(end) + end.length);
}
writeFileSync(OUT, doc);
console.log(
  `mutation-table: ${relative(root, OUT)} (${section}) written; ${failing ? `${failing} under target` : 'every target met'}`,
);
process.exitCode = failing ? 1 : 0;
