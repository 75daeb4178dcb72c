import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { viteLibConfig } from './scripts/vite-lib.mjs';
import { brotliCompressSync, constants } from 'node:zlib';
const br = (b) => brotliCompressSync(Buffer.from(b), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const outDir = mkdtempSync(join(tmpdir(), 'x-'));
const cfg = viteLibConfig({ entry: 'src/index.ts', outDir, fileName: 'b.js', logLevel: 'silent' });
cfg.build.sourcemap = true;
await build(cfg);
const code = readFileSync(join(outDir, 'b.js'), 'utf8');
const map = JSON.parse(readFileSync(join(outDir, 'b.js.map'), 'utf8'));
// decode VLQ mappings
const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(str) { const out = []; let v = 0, shift = 0; for (const c of str) { let d = chars.indexOf(c); const cont = d & 32; d &= 31; v += d << shift; if (cont) shift += 5; else { out.push(v & 1 ? -(v >> 1) : v >> 1); v = 0; shift = 0; } } return out; }
const lines = code.split('\n');
const owner = new Array(code.length).fill(-1);
let src = 0, lineStart = 0;
map.mappings.split(';').forEach((line, li) => {
  let col = 0; const segs = line ? line.split(',') : [];
  const starts = [];
  for (const s of segs) { const v = vlq(s); col += v[0]; if (v.length > 1) src += v[1]; starts.push([col, v.length > 1 ? src : -1]); if (v.length > 1) { /* skip line/col */ } }
  // naive: need to track src line/col deltas too
  for (let k = 0; k < starts.length; k++) { const [c, sidx] = starts[k]; const end = k + 1 < starts.length ? starts[k + 1][0] : lines[li].length; for (let x = c; x < end; x++) owner[lineStart + x] = sidx; }
  lineStart += lines[li].length + 1;
});
const total = br(code);
const names = map.sources.map((s) => s.replace(/.*node_modules\//, 'nm:').replace(/^.*\/src\//, 'src/'));
const groups = {};
names.forEach((n, i) => { const g = n.startsWith('nm:') ? (n.includes('nanoid') ? 'nanoid' : 'lit') : n; (groups[g] ??= []).push(i); });
console.log('total brotli', total, 'raw', code.length);
const rows = [];
for (const [g, idxs] of Object.entries(groups)) {
  const set = new Set(idxs);
  let raw = 0; let kept = '';
  for (let i = 0; i < code.length; i++) { if (set.has(owner[i])) raw++; else kept += code[i]; }
  rows.push([g, raw, total - br(kept)]);
}
rows.sort((a, b) => b[2] - a[2]);
for (const r of rows) console.log(r[0].padEnd(28), String(r[1]).padStart(6), String(r[2]).padStart(6));
let un = 0; for (let i = 0; i < code.length; i++) if (owner[i] === -1) un++; console.log('unattributed raw', un);
rmSync(outDir, { recursive: true, force: true });
