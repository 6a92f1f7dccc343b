// A @web/test-runner reporter that counts passed, failed and skipped tests into a JSON file,
// so scripts/test.mjs can print one closing line for the whole suite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.fileErrors++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
