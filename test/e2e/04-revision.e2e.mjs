import assert from 'node:assert/strict';
import {
  ALL_RUNS, bannerButton, consentState, expectBanner, expectRuns, journey, videoFrame, waitForDecision, waitForReady,
} from './harness.mjs';

journey('a new policy revision asks again: the banner is back and nothing gated runs', async ({ page, context, url }) => {
  await page.goto(url('/?rev=2025-09-01'));
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();
  const { decision } = await waitForDecision(context);
  assert.equal(decision.rev, '2025-09-01');
  await expectRuns(page, ALL_RUNS);

  await page.goto(url('/?rev=2026-01-01'));
  await waitForReady(page);
  await expectBanner(page);
  await expectRuns(page, []);
  assert.equal(await videoFrame(page).getAttribute('src'), null);
  const state = await consentState(page);
  assert.equal(state.decided, false);
  assert.equal(state.revision, '2026-01-01');
  assert.deepEqual(state.granted, ['necessary']);
});
