import assert from 'node:assert/strict';
import {
  bannerButton, categorySwitch, consentState, COOKIE, DEMO_REVISION, dialogButton, expectBanner, expectDialog,
  expectRuns, journey, waitForDecision, waitForReady,
} from './harness.mjs';

/** The README's Node example: `import { readConsentCookie } from 'integrus-consent/server'` (dist/server.js). */
const { readConsentCookie } = await import(new URL('../../dist/server.js', import.meta.url).href);

journey('server: readConsentCookie() reads the browser\'s decision from a Cookie header and refuses a tampered one', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'open-preferences').click();
  await expectDialog(page);
  await categorySwitch(page, 'analytics').check();
  await dialogButton(page, 'save').click();
  const { cookie } = await waitForDecision(context);
  const state = await consentState(page);

  // The Cookie header a browser sends to the site: other cookies around ours.
  const others = (await context.cookies()).filter((c) => c.name !== COOKIE).map((c) => `${c.name}=${c.value}`);
  const header = ['theme=dark', `${COOKIE}=${cookie.value}`, ...others].join('; ');
  const consent = readConsentCookie(header, { revision: DEMO_REVISION });
  assert.ok(consent, `readConsentCookie returned null for ${header}`);
  assert.equal(consent.id, state.consentId);
  assert.deepEqual(consent.granted, state.granted);
  assert.deepEqual(consent.denied, state.denied);
  assert.equal(consent.method, 'custom');
  assert.equal(consent.granted.includes('analytics'), true);

  assert.equal(readConsentCookie(header, { revision: '2026-01-01' }), null, 'another revision must read as no decision');
  assert.equal(readConsentCookie('theme=dark', { revision: DEMO_REVISION }), null, 'no cookie');

  // Tampered values: what a visitor could forge by editing the cookie.
  const json = decodeURIComponent(cookie.value);
  const data = JSON.parse(json);
  const tampered = {
    'marketing granted and denied': JSON.stringify({ ...data, granted: [...data.granted, 'marketing'] }),
    'unknown version': JSON.stringify({ ...data, v: 2 }),
    'extra field': JSON.stringify({ ...data, admin: true }),
    'necessary missing': JSON.stringify({ ...data, granted: data.granted.filter((c) => c !== 'necessary') }),
    'truncated': json.slice(0, -5),
  };
  for (const [what, value] of Object.entries(tampered)) {
    assert.equal(readConsentCookie(`${COOKIE}=${encodeURIComponent(value)}`, { revision: DEMO_REVISION }), null, `tampered (${what}) was accepted`);
  }
  assert.equal(readConsentCookie(`${COOKIE}=${cookie.value.slice(0, -3)}`, { revision: DEMO_REVISION }), null, 'cut-off raw value was accepted');

  // The browser agrees: with a tampered cookie the banner is back and nothing optional runs.
  await context.addCookies([{ ...cookie, value: encodeURIComponent(tampered['marketing granted and denied']) }]);
  await page.reload();
  await waitForReady(page);
  await expectBanner(page);
  await expectRuns(page, []);
  assert.equal((await consentState(page)).decided, false);
});

journey('server-side rendering: the ESM build imported in Node gives an inert instance, then the browser decides', async ({ page, url }) => {
  // A React/Vue app renders on the server first: `createConsent()` there must not throw nor grant.
  const { createConsent } = await import(new URL('../../dist/consent.js', import.meta.url).href);
  const ssr = createConsent({ revision: DEMO_REVISION });
  assert.equal(ssr.getState().decided, false);
  assert.equal(ssr.isGranted('analytics'), false);
  assert.equal(ssr.isGranted('necessary'), true);
  assert.equal(ssr.acceptAll().decided, false, 'nothing can be decided on the server');
  assert.equal((await ssr.ready).revision, DEMO_REVISION);
  // The same visitor in the browser still gets the banner: nothing was stored by the server render.
  await page.goto(url('/'));
  await expectBanner(page);
});
