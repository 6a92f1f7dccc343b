// A node:test reporter that writes { passed, failed, skipped } as JSON to its destination, so
// scripts/test.mjs can add the Node-side tests (test/server/) to the suite's closing line.
// Counts tests, not suites; a file that failed outside any test counts as one failure.
export default async function* counter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') {
      if (data.skip !== undefined) totals.skipped += 1; // a whole suite skipped (e.g. no PostgreSQL)
      // A suite fails by itself only when its hooks or file failed: count that once.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') totals.failed += 1;
      continue;
    }
    if (data.skip !== undefined || data.todo !== undefined) totals.skipped += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else if (data.details?.error?.failureType !== 'subtestsFailed') totals.failed += 1;
  }
  yield `${JSON.stringify(totals)}\n`;
}
