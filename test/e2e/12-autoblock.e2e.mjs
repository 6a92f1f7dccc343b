import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  bannerButton, categorySwitch, cookieNames, dialogButton, expectBanner, expectDialog, journey, QUIET_MS, sleep, until,
  waitForDecision, watchCsp,
} from './harness.mjs';

/**
 * demo/autoblock.html carries the vendors' published snippets unmodified (Yandex Metrica's and
 * gtag.js's) after consent.autoblock.min.js. Their real hosts are answered here by the demo's local
 * stand-ins (demo/vendor/), routed before the harness's "abort everything not 127.0.0.1".
 */
const STAND_INS = {
  'mc.yandex.ru': readFileSync('demo/vendor/metrika.js', 'utf8'),
  'www.googletagmanager.com': readFileSync('demo/vendor/gtag.js', 'utf8'),
};
const VENDOR_COOKIES = ['_ga', '_ga_DEMO123', '_ym_d', '_ym_uid'];

async function routeVendors(page) {
  const seen = [];
  // Registered first: playwright tries the last registered route first, so the stand-ins below win.
  // Anything else on Google's or Yandex's hosts (a hit, a pixel) would be a leak: answered, and counted.
  for (const pattern of ['https://*.google-analytics.com/**', 'https://*.yandex.ru/**']) {
    await page.route(pattern, (route) => {
      seen.push(route.request().url());
      return route.fulfill({ status: 204 });
    });
  }
  for (const host of Object.keys(STAND_INS)) {
    await page.route(`https://${host}/**`, (route) => {
      seen.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: STAND_INS[host] });
    });
  }
  return seen;
}

const RUNS = ['ga', 'inline-analytics', 'metrika'];

/** Waits for the three tags to have run (async ones in any order), then watches for extra runs. */
async function expectAllRan(page) {
  await page.waitForFunction((n) => (window.__demoRuns ?? []).length >= n, RUNS.length, { timeout: 5_000 });
  await sleep(QUIET_MS);
  assert.deepEqual(await page.evaluate(() => [...window.__demoRuns].sort()), RUNS, 'tags that ran (window.__demoRuns)');
}

const vendorRequests = (requests) => requests.map((r) => r.url()).filter((u) => !new URL(u).hostname.startsWith('127.'));

journey('autoblock: unmodified Metrica and gtag.js snippets send no hit and set no cookie before consent, run after «Принять»', async ({ page, context, url, requests }) => {
  const expectNoCspViolation = await watchCsp(context);
  await routeVendors(page);
  const answer = await page.goto(url('/autoblock.html'));
  // The demo server's strict CSP, widened for this page only by what the vendors' snippets need.
  const csp = answer.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'nonce-[^']+' https:\/\/mc\.yandex\.ru https:\/\/www\.googletagmanager\.com;/);
  assert.match(csp, /require-trusted-types-for 'script'; trusted-types integrus-consent lit-html default$/);
  assert.doesNotMatch(csp, /unsafe-|strict-dynamic/);
  await expectBanner(page);
  await sleep(1_000);
  await expectNoCspViolation(page, 'the auto-blocking page before a decision');

  const before = vendorRequests(requests);
  // Metrica's snippet inserts tag.js from a script: held back before any request.
  assert.deepEqual(before.filter((u) => u.includes('yandex')), [], 'requests to Yandex before a decision');
  // gtag.js is a parser-inserted <script async src>: Chromium's preload scanner may fetch it before any
  // script can see it (docs/autoblock.md, "Limits"). It must not run: no hit, no cookie.
  assert.deepEqual(before.filter((u) => !u.startsWith('https://www.googletagmanager.com/gtag/js?id=G-DEMO123')), [], 'requests other than the preloaded gtag.js');
  assert.ok(before.length <= 1, `gtag.js fetched ${before.length} times before a decision`);
  assert.deepEqual(await cookieNames(context), [], 'cookies before a decision');
  assert.deepEqual(await page.evaluate(() => window.__demoRuns ?? []), [], 'vendor code ran before a decision');
  const held = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-consent-autoblocked]'), (el) => [el.getAttribute('data-consent-autoblocked'), el.type]));
  assert.deepEqual(held.sort(), [['google-analytics', 'text/plain'], ['yandex-metrica', 'text/plain']], 'tags held back');

  // The self-audit sees the same thing from inside the page (Resource Timing).
  const audit = await page.evaluate(() => window.IntegrusConsent.audit());
  assert.deepEqual(audit.ungatedServices, [], 'audit: tags neither gated nor auto-blocked');
  assert.deepEqual(audit.undeclaredCookies, [], 'audit: undeclared cookies');
  assert.deepEqual(audit.requestsBeforeConsent.map((r) => r.url), before, 'audit: requests to known services before consent');
  assert.deepEqual(audit.decision.services.sort(), ['google-analytics', 'yandex-metrica']);
  console.log(`      audit before the decision: ${JSON.stringify(audit)}`);

  await bannerButton(page, 'accept-all').click();
  await waitForDecision(context);
  await expectAllRan(page);
  const names = await until(() => cookieNames(context), (n) => VENDOR_COOKIES.every((c) => n.includes(c)), { message: 'vendor cookies' });
  assert.ok(names.includes('integrus_consent'));
  const hits = await page.evaluate(() => window.__demoMetrika.hits.map((h) => [h.id, h.method]));
  assert.deepEqual(hits, [[12345678, 'init']], 'the queued ym() init reached the counter');
  await expectNoCspViolation(page, 'the auto-blocking page after «Принять»');
  console.log(`      gtag.js requests before the decision (preload scanner): ${before.length}`);
});

journey('autoblock: the analytics switch alone runs them; withdrawing removes their cookies and sets the Metrica opt-out', async ({ page, context, url, requests }) => {
  const expectNoCspViolation = await watchCsp(context);
  await routeVendors(page);
  await page.goto(url('/autoblock.html'));
  await expectBanner(page);
  await bannerButton(page, 'open-preferences').click();
  await expectDialog(page);
  await categorySwitch(page, 'analytics').check();
  await dialogButton(page, 'save').click();
  const first = await waitForDecision(context);
  assert.deepEqual(first.decision.granted.sort(), ['analytics', 'necessary']);
  await expectAllRan(page);
  await until(() => cookieNames(context), (n) => VENDOR_COOKIES.every((c) => n.includes(c)), { message: 'vendor cookies' });

  // Withdraw through the API, as a site's own «withdraw» link would. What the page does before it
  // reloads (contract §2 reloadOnWithdraw: the vendors' code ran here) is kept in sessionStorage.
  await page.evaluate(() => document.addEventListener('consent:change', () => {
    window.ym(12345678, 'reachGoal', 'after-withdrawal');
    sessionStorage.setItem('e2e-withdrawal', JSON.stringify({
      disabled: window.disableYaCounter12345678 === true, hits: window.__demoMetrika.hits.map((h) => h.method),
    }));
  }));
  const count = vendorRequests(requests).filter((u) => u.includes('yandex')).length;
  const reloaded = page.waitForEvent('load');
  await page.evaluate(() => window.IntegrusConsent.setCategories({ analytics: false }));
  await waitForDecision(context, first.cookie);
  const left = await until(() => cookieNames(context), (n) => !VENDOR_COOKIES.some((c) => n.includes(c)), { message: 'vendor cookies removed' });
  assert.deepEqual(left, ['integrus_consent']);
  await reloaded;
  const before = JSON.parse((await page.evaluate(() => sessionStorage.getItem('e2e-withdrawal'))) ?? 'null');
  assert.equal(before?.disabled, true, 'Metrica opt-out flag');
  assert.deepEqual(before?.hits, ['init'], 'Metrica accepted a call after withdrawal');

  // The reloaded page: nothing runs, nothing new is fetched from Yandex.
  await page.waitForFunction(() => window.IntegrusConsent?.getState().decided === true);
  await sleep(QUIET_MS);
  assert.deepEqual(await page.evaluate(() => window.__demoRuns ?? []), [], 'vendor code ran after withdrawal');
  assert.equal(vendorRequests(requests).filter((u) => u.includes('yandex')).length, count, 'requests to Yandex after withdrawal');
  assert.deepEqual(await cookieNames(context), ['integrus_consent']);
  await expectNoCspViolation(page, 'the auto-blocking page after withdrawal');
});

journey('autoblock: a returning visitor who granted analytics gets the tags natively, no banner', async ({ page, context, url }) => {
  const expectNoCspViolation = await watchCsp(context);
  await routeVendors(page);
  await page.goto(url('/autoblock.html'));
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();
  await waitForDecision(context);
  await expectAllRan(page);
  await page.reload();
  await expectAllRan(page);
  assert.equal(await page.locator('[data-consent-autoblocked]').count(), 0, 'tags held back although granted');
  // Natively: Metrica's snippet set its script's src through the page's `default` Trusted Types policy.
  await expectNoCspViolation(page, 'the auto-blocking page of a returning visitor');
});
