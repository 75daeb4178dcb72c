#!/usr/bin/env node
/**
 * The size of every class and function in src/ and mock/, read with TypeScript's parser: the
 * house rule is no class over ~250 lines and no function over ~80 (CONTRIBUTING.md "Source
 * layout"), checked by test/node/source-shape.test.mjs.
 *
 *   node scripts/source-shape.mjs [--top=10]   the longest classes and functions
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const MAX_CLASS_LINES = 250;
export const MAX_FUNCTION_LINES = 80;

function sources(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => relative(root, join(d.parentPath ?? d.path, d.name)));
}

function nameOf(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return '(anonymous)';
}

/** Every class and function of `files`: `{ kind, name, file, line, lines }`. */
export function measure(files = [...sources('src'), ...sources('mock')]) {
  const out = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const isClass = ts.isClassDeclaration(node) || ts.isClassExpression(node);
      const isFunction =
        ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isConstructorDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node);
      if ((isClass || isFunction) && (!isFunction || node.body)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        out.push({
          kind: isClass ? 'class' : 'function',
          name: nameOf(node, source),
          file,
          line: start,
          lines: end - start + 1,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const top = Number(/--top=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10);
  const all = measure();
  for (const kind of ['class', 'function']) {
    const max = kind === 'class' ? MAX_CLASS_LINES : MAX_FUNCTION_LINES;
    console.log(
      `\nlongest ${kind === 'class' ? 'classes' : 'functions'} in src/ and mock/ (house rule: ~${max} lines)`,
    );
    for (const m of all.filter((x) => x.kind === kind).slice(0, top)) {
      console.log(`  ${String(m.lines).padStart(4)}  ${m.name}  ${m.file}:${m.line}`);
    }
  }
}
