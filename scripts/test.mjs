// The whole suite: the Node-side tests (test/server/: the consent-record receiver, on SQLite and
// PostgreSQL; test/package/: the packed package installed offline), browser tests (@web/test-runner),
// then end-to-end journeys (playwright-core on the demo).
// Ends with one line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

process.env.CHROMIUM_PATH = ensureChromium();

rmSync('test-results', { recursive: true, force: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

if (existsSync('test/server') && process.argv.length <= 2) {
  // PostgreSQL: the one .ci/run started ($INTEGRUS_CONSENT_TEST_PG), else a throw-away cluster of our own.
  let cluster = null;
  if (!process.env.INTEGRUS_CONSENT_TEST_PG) {
    const started = spawnSync('bash', ['scripts/pg-cluster.sh', 'start'], { encoding: 'utf8' });
    const vars = Object.fromEntries([...started.stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    if (started.status === 0 && vars.INTEGRUS_CONSENT_TEST_PG) {
      cluster = vars.INTEGRUS_CONSENT_PG_DIR;
      process.env.INTEGRUS_CONSENT_TEST_PG = vars.INTEGRUS_CONSENT_TEST_PG;
    } else {
      console.log(`\n*** PostgreSQL could not be started, so its tests are SKIPPED: ${(started.stderr || 'no reason given').trim()}\n`);
    }
  }
  mkdirSync('test-results', { recursive: true });
  // test/server/: the receiver; test/package/: the npm pack tarball installed in a blank project.
  const files = ['test/server', 'test/package'].filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => `${dir}/${f}`));
  const node = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-counter.mjs', '--test-reporter-destination=test-results/server.json', ...files],
    { stdio: 'inherit' },
  );
  if (cluster) spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', cluster], { stdio: 'inherit' });
  if (existsSync('test-results/server.json')) {
    const result = JSON.parse(readFileSync('test-results/server.json', 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
  } else {
    totals.failed += 1;
  }
  if (node.status !== 0) ok = false;
}

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
