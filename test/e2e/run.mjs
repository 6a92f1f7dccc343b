/**
 * End-to-end journeys: the built drop-in (`dist/browser/`) on the demo site, driven like a visitor would,
 * in Debian's chromium through playwright-core. Run `npm run build` first.
 *
 *   node test/e2e/run.mjs
 *
 * Starts the demo server in this process (127.0.0.1, a free port) and one browser; each journey in
 * `test/e2e/*.e2e.mjs` gets its own browser context (no cookies). Nothing may leave 127.0.0.1.
 * Writes `test-results/e2e.json` = { passed, failed, durationMs } and exits non-zero on any failure.
 */
import { after, before, describe, it } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { registeredJourneys, runJourney, setEnvironment } from './harness.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
process.chdir(ROOT);
rmSync('test-results/e2e', { recursive: true, force: true }); // screenshots of the last run's failures


const started = Date.now();
const results = [];
const environment = { browser: null, server: null, blocked: [] };
let recordsDir = null;

// E2E_ONLY=autoblock runs only the journey files whose name contains it.
for (const file of readdirSync(HERE).filter((f) => f.endsWith('.e2e.mjs') && f.includes(process.env.E2E_ONLY ?? '')).sort()) {
  await import(pathToFileURL(join(HERE, file)).href);
}
const journeys = registeredJourneys();

function writeSummary() {
  const passed = results.filter((r) => r.ok).length;
  const summary = { passed, failed: journeys.length - passed, durationMs: Date.now() - started };
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/e2e.json', `${JSON.stringify(summary)}\n`);
  return summary;
}

// Written once more at exit: a journey that timed out never reported, and counts as failed.
process.on('exit', () => {
  const summary = writeSummary();
  const lines = ['', 'e2e journeys:'];
  for (const journey of journeys) {
    const result = results.find((r) => r.name === journey.name);
    if (result?.ok) lines.push(`  ✔ ${journey.name} (${result.ms} ms)`);
    else lines.push(`  ✖ ${journey.name}${result ? ` (${result.ms} ms): ${result.error.split('\n')[0]}` : ': did not finish'}`);
  }
  if (environment.blocked.length) lines.push(`  requests aborted (not 127.0.0.1): ${environment.blocked.length}`);
  lines.push(`e2e: ${summary.passed} passed, ${summary.failed} failed in ${(summary.durationMs / 1000).toFixed(1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (summary.failed > 0) process.exitCode = 1;
});

describe('Integrus Consent on the demo site', () => {
  before(async () => {
    if (!existsSync('dist/browser/consent.min.js') || !existsSync('dist/browser/consent-ui.min.js')) {
      throw new Error('dist/ is not built: run `npm run build` first');
    }
    const { startDemoServer } = await import(pathToFileURL(join(ROOT, 'demo/server.mjs')).href);
    // The journeys' consent records go to a throw-away SQLite file; they read it through the library.
    recordsDir = mkdtempSync(join(tmpdir(), 'integrus-e2e-records-'));
    environment.server = await startDemoServer({
      port: 0,
      host: '127.0.0.1',
      log: false,
      records: { db: `sqlite:${join(recordsDir, 'records.db')}`, rateLimit: false },
    });
    environment.browser = await chromium.launch({
      executablePath: ensureChromium(),
      args: CHROMIUM_ARGS,
    });
    setEnvironment(environment);
  });

  after(async () => {
    await environment.browser?.close().catch(() => {});
    await environment.server?.close().catch(() => {});
    if (recordsDir) rmSync(recordsDir, { recursive: true, force: true });
    writeSummary();
  });

  for (const journey of journeys) {
    it(journey.name, { timeout: journey.timeout }, async () => {
      const t0 = Date.now();
      try {
        await runJourney(journey);
        results.push({ name: journey.name, ok: true, ms: Date.now() - t0 });
      } catch (error) {
        results.push({ name: journey.name, ok: false, ms: Date.now() - t0, error: String(error?.message ?? error) });
        throw error;
      }
    });
  }
});
