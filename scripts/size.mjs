// Prints the size of every script in dist/: raw bytes and gzip -9, and what a first and a returning visit load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) files.push(path);
  }
};
walk(dist);
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = files.filter((f) => !f.includes('/types/')).sort().map((f) => [relative(dist, f), statSync(f).size, gz(f)]);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'file'.padEnd(width)}  ${'bytes'.padStart(8)}  ${'gzip -9'.padStart(8)}`);
for (const [name, raw, zipped] of rows) console.log(`${name.padEnd(width)}  ${String(raw).padStart(8)}  ${String(zipped).padStart(8)}`);
const core = gz(join(dist, 'consent.min.js'));
const ui = gz(join(dist, 'consent-ui.min.js'));
console.log(`\nreturning visit (core only): ${core} B gzip (${kb(core)})`);
console.log(`first visit (core + UI):     ${core + ui} B gzip (${kb(core + ui)})`);
