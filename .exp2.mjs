import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
const br = (b) => brotliCompressSync(Buffer.from(b), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
let all = '';
for (const f of [
  'xoi-share-button',
  'i18n',
  'styles',
  'share',
  'activity-store',
  ...(process.env.SRC ? [] : ['lang', 'handoff', 'form-control', 'events']),
]) {
  const src = readFileSync(`${process.env.SRC ?? 'src'}/${f}.ts`, 'utf8');
  const { code } = await esbuild.transform(src, { loader: 'ts', minify: true, target: 'es2022', format: 'esm' });
  all += code;
  console.log(f.padEnd(22), String(code.length).padStart(6), String(br(code)).padStart(6));
}
console.log('all', all.length, br(all));
