/**
 * Measures the JavaScript a browser downloads before the app first renders: the entry chunk
 * and every chunk it imports statically, gzipped (lazily loaded views, charts and the XLSX
 * writer are left out). Fails above the budget, so a heavy import cannot slip into the entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = join(import.meta.dirname, '..', 'dist');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
if (!entry) throw new Error('No entry chunk in dist/.vite/manifest.json; run vite build first.');

const initial = new Set<string>();
const visit = (key: string) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
visit(entry[0]);

const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
let totalKb = 0;
for (const key of initial) {
  const { file } = manifest[key]!;
  const size = gzipKb(file);
  totalKb += size;
  console.log(`${size.toFixed(1).padStart(7)} KB  ${file}`);
}
const cssKb = [...new Set([...initial].flatMap((key) => manifest[key]!.css ?? []))].reduce((sum, file) => sum + gzipKb(file), 0);
console.log(`Initial JavaScript: ${totalKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB); initial CSS ${cssKb.toFixed(1)} KB.`);
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB.`);
  process.exit(1);
}
