import assert from 'node:assert/strict';
import {
  ALL_RUNS, bannerButton, categorySwitch, demoEmbeds, expectBanner, expectDialog, expectRuns, footerLink, journey,
  QUIET_MS, sleep, until, videoFrame, videoPlaceholder, waitForDecision,
} from './harness.mjs';

journey('Global Privacy Control: accept all leaves marketing denied, its switch is off, disabled and says why', async ({ page, context, server, url }) => {
  await page.goto(url('/?gpc=1'));
  await expectBanner(page);
  assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
  await bannerButton(page, 'accept-all').click();

  const { decision } = await waitForDecision(context);
  assert.ok(decision.denied.includes('marketing'), `marketing granted under GPC: ${JSON.stringify(decision)}`);
  assert.ok(decision.granted.includes('analytics'));
  assert.ok(decision.granted.includes('personalization'));
  await expectRuns(page, ALL_RUNS);

  await sleep(QUIET_MS);
  assert.equal(await videoFrame(page).getAttribute('src'), null, 'the marketing iframe got a src');
  assert.deepEqual(await demoEmbeds(page), []);
  await videoPlaceholder(page).waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.IntegrusConsent.isGranted('marketing')), false);

  await footerLink(page).click();
  await expectDialog(page);
  const marketing = categorySwitch(page, 'marketing');
  assert.equal(await marketing.isChecked(), false);
  assert.equal(await marketing.isDisabled(), true);
  assert.equal(await categorySwitch(page, 'analytics').isChecked(), true);
  // "Its switch says why": the switch's description mentions the signal.
  const description = await marketing.evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => input.getRootNode().getElementById(id)?.textContent ?? '').join(' '));
  assert.match(description, /Global Privacy Control|GPC/i, `the marketing switch's description: ${description}`);

  // docs/contract.md §6: GPC decided marketing, so the record says source "gpc".
  const [record] = await until(() => server.store.find(decision.id), (l) => l.length > 0, {
    message: 'the consent record',
  });
  assert.equal(record.source, 'gpc');
  assert.equal(record.gpc, true, 'the store keeps gpc (schema version 4)');
});
