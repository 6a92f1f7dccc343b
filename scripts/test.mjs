// The whole suite: browser tests (@web/test-runner) then end-to-end journeys (playwright-core on the demo).
// Ends with one line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

process.env.CHROMIUM_PATH = ensureChromium();

rmSync('test-results', { recursive: true, force: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

const wtr = spawnSync('npx', ['wtr', ...process.argv.slice(2)], { stdio: 'inherit' });
if (existsSync('test-results/unit.json')) {
  const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  totals.passed += unit.passed;
  totals.failed += unit.failed + unit.fileErrors;
  totals.skipped += unit.skipped;
} else {
  totals.failed += 1;
}
if (wtr.status !== 0) ok = false;

if (existsSync('test/e2e') && process.argv.length <= 2) {
  const e2e = spawnSync(process.execPath, ['test/e2e/run.mjs'], { stdio: 'inherit' });
  if (existsSync('test-results/e2e.json')) {
    const result = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
  } else {
    totals.failed += 1;
  }
  if (e2e.status !== 0) ok = false;
}

if (!ok && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
