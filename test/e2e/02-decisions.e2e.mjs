import assert from 'node:assert/strict';
import {
  ALL_RUNS, bannerButton, categorySwitch, cookieNames, COOKIE, DEMO_REVISION, demoEmbeds, dialogButton, expectBanner,
  expectDialog, expectDialogClosed, expectNoBanner, expectRuns, journey, OPTIONAL, QUIET_MS, sleep, videoFrame,
  videoPlaceholder, waitForDecision,
} from './harness.mjs';

journey('reject all: nothing optional runs or is stored, also after a reload', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'reject-all').click();

  const { decision } = await waitForDecision(context);
  assert.equal(decision.method, 'reject-all');
  assert.equal(decision.rev, DEMO_REVISION);
  assert.deepEqual(decision.granted, ['necessary']);
  assert.deepEqual([...decision.denied].sort(), [...OPTIONAL].sort());
  await bannerButton(page, 'accept-all').waitFor({ state: 'hidden' });
  await expectRuns(page, []);
  assert.deepEqual(await cookieNames(context), [COOKIE], 'only the consent cookie may exist');
  assert.equal(await videoFrame(page).getAttribute('src'), null);

  await page.reload();
  await expectNoBanner(page);
  await expectRuns(page, []);
  assert.deepEqual(await cookieNames(context), [COOKIE]);
  assert.equal(await videoFrame(page).getAttribute('src'), null);
});

journey('accept all: the stand-ins run once, in order, the video loads; a reload runs them again without a banner', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();

  const { decision } = await waitForDecision(context);
  assert.equal(decision.method, 'accept-all');
  assert.deepEqual([...decision.granted].sort(), ['necessary', ...OPTIONAL].sort());
  assert.deepEqual(decision.denied, []);
  await bannerButton(page, 'accept-all').waitFor({ state: 'hidden' });
  await expectRuns(page, ALL_RUNS);

  const names = await cookieNames(context);
  for (const name of ['_ym_uid', '_ga']) assert.ok(names.includes(name), `cookie ${name} missing: ${names}`);

  // The gated video gets its src, the placeholder goes, and the embed itself loads.
  await page.waitForFunction(() => (window.__demoEmbeds ?? []).includes('video'), null, { timeout: 5_000 });
  assert.equal(await videoFrame(page).getAttribute('src'), '/embed/video.html');
  await videoFrame(page).waitFor({ state: 'visible' });
  assert.equal(await videoPlaceholder(page).count(), 0, 'the placeholder stayed');

  await page.reload();
  await expectNoBanner(page);
  await expectRuns(page, ALL_RUNS);
  await page.waitForFunction(() => (window.__demoEmbeds ?? []).includes('video'), null, { timeout: 5_000 });
  assert.deepEqual(await demoEmbeds(page), ['video']);
});

journey('choose analytics only: analytics runs, the marketing video stays blocked', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'open-preferences').click();
  await expectDialog(page);

  // No optional category is pre-ticked; necessary is on and cannot be switched off.
  for (const name of OPTIONAL) assert.equal(await categorySwitch(page, name).isChecked(), false, `${name} pre-ticked`);
  assert.equal(await categorySwitch(page, 'necessary').isChecked(), true);
  assert.equal(await categorySwitch(page, 'necessary').isDisabled(), true);

  await categorySwitch(page, 'analytics').check();
  await dialogButton(page, 'save').click();

  const { decision } = await waitForDecision(context);
  assert.deepEqual(decision.granted, ['necessary', 'analytics']);
  assert.deepEqual([...decision.denied].sort(), ['marketing', 'personalization']);
  assert.equal(decision.method, 'custom');
  await expectDialogClosed(page);
  await bannerButton(page, 'accept-all').waitFor({ state: 'hidden' });
  await expectRuns(page, ALL_RUNS);

  await sleep(QUIET_MS);
  assert.equal(await videoFrame(page).getAttribute('src'), null, 'the marketing iframe got a src');
  assert.deepEqual(await demoEmbeds(page), []);
  await videoPlaceholder(page).waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.IntegrusConsent.isGranted('marketing')), false);
});
