// Prints the size of every script in dist/ (raw bytes and gzip -9), then what each visit of the drop-in
// fetches from dist/browser/ (the folder a site deploys): a returning visit the core alone; a first
// visit the core, the first part of the UI and one language's texts until the banner is usable, then
// the second part on idle (and the record module with a logEndpoint, at the decision; where the site
// names services, the catalogue beside the UI; the words of the console messages when there is one to
// print), and the returning-visit budget.
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

const size = (name) => gz(join(dist, 'browser', name));
const sum = (names) => names.reduce((total, name) => total + size(name), 0);
const line = (label, names) => {
  const total = sum(names);
  console.log(`${label.padEnd(34)} ${String(total).padStart(6)} B gzip (${kb(total)}): ${names.join(' + ')}`);
};
console.log('');
line('returning visit:', ['consent.min.js']);
for (const lang of ['ru', 'en']) line(`first visit, banner usable (${lang}):`, ['consent.min.js', 'consent-ui.min.js', `consent-ui-${lang}.min.js`]);
line('  then on idle:', ['consent-ui-details.min.js']);
line('  with a logEndpoint, at decision:', ['consent-record.min.js']);
line('  with services, beside the UI:', ['consent-catalogue.min.js']);
line('  when there is a console message:', ['consent-messages.min.js']);

// Budgets (issue 17): a returning visit fetches at most 10 KB gzip of library; a first visit on a
// Russian page at most 30 KB until the banner is usable.
const RETURNING_BUDGET = 10 * 1024;
const returning = size('consent.min.js');
console.log(`\nbudget, returning visit ≤ ${kb(RETURNING_BUDGET)}: ${returning} B (${(returning / RETURNING_BUDGET).toFixed(2)}) ${returning <= RETURNING_BUDGET ? '✓' : '✗'}`);
const FIRST_BUDGET = 30 * 1024;
const first = sum(['consent.min.js', 'consent-ui.min.js', 'consent-ui-ru.min.js']);
console.log(`budget, first visit until usable (ru) ≤ ${kb(FIRST_BUDGET)}: ${first} B (${(first / FIRST_BUDGET).toFixed(2)}) ${first <= FIRST_BUDGET ? '✓' : '✗'}`);
