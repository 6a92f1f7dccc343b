import assert from 'node:assert/strict';
import { consentState, expectBanner, expectNoBanner, expectRuns, journey, videoFrame } from './harness.mjs';

// Why every other journey sets a desktop user agent: headless chromium's own one is a bot's.
const HEADLESS_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36';

journey('a crawler (HeadlessChrome) sees no banner and nothing is granted, and the console says why', async ({ page, context, url }) => {
  const info = [];
  page.on('console', (message) => {
    if (message.type() === 'info' && message.text().includes('[IntegrusConsent]')) info.push(message.text());
  });
  // The words arrive with consent-messages.min.js, a few milliseconds after the core says it.
  const said = page.waitForEvent('console', { predicate: (message) => message.type() === 'info' && message.text().includes('[IntegrusConsent]') });
  await page.goto(url('/'));
  await expectNoBanner(page);
  await expectRuns(page, []);
  await said;
  assert.deepEqual(await context.cookies(), []);
  assert.equal(await videoFrame(page).getAttribute('src'), null);
  const state = await consentState(page);
  assert.equal(state.decided, false);
  assert.deepEqual(state.granted, ['necessary']);
  // One line naming the marker that matched and the way out, for the site's own headless tests.
  assert.equal(info.length, 1, `expected one console.info, got ${JSON.stringify(info)}`);
  assert.match(info[0], /"HeadlessChrome"/);
  assert.match(info[0], /bots: false/);
}, { userAgent: HEADLESS_UA });

// Lab tools measure what visitors get: the banner shows to Lighthouse's own mobile agent and to PageSpeed
// Insights' (with its Chrome-Lighthouse marker), so their scores include it.
const LAB_AGENTS = {
  'Lighthouse 12 (mobile)': 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36',
  'PageSpeed Insights': 'Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4590.2 Mobile Safari/537.36 Chrome-Lighthouse',
};
for (const [tool, userAgent] of Object.entries(LAB_AGENTS)) {
  journey(`${tool} sees the banner a visitor sees`, async ({ page, url }) => {
    await page.goto(url('/'));
    await expectBanner(page);
    assert.equal((await consentState(page)).decided, false);
  }, { userAgent });
}
