import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  bannerButton, categorySwitch, consentState, COOKIE, DEMO_REVISION, dialogButton, expectBanner, expectDialog,
  expectRuns, journey, waitForDecision, waitForReady,
} from './harness.mjs';

/** The server reader of docs/server-cookie.md (Node): `import { isGranted, readConsentCookie } from 'integrus-consent/server'` (dist/server.js). */
const { isGranted, readConsentCookie } = await import(new URL('../../dist/server.js', import.meta.url).href);
/** The demo's optional categories (the library's default). */
const DEMO_CATEGORIES = ['analytics', 'personalization', 'marketing'];

/**
 * Runs the Node example of docs/server-cookie.md as written, with the package's `readConsentCookie` for
 * its import and an Express-like `app` whose one request carries `cookieHeader`. Returns what the
 * example renders (`{ analytics, youtube }`).
 */
async function runDocsNodeExample(cookieHeader) {
  const doc = await readFile(new URL('../../docs/server-cookie.md', import.meta.url), 'utf8');
  const example = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('readConsentCookie'));
  assert.ok(example, 'docs/server-cookie.md has a Node example calling readConsentCookie');
  const importLine = "import { isGranted, readConsentCookie } from 'integrus-consent/server';";
  assert.ok(example.includes(importLine), `the example starts with ${importLine}`);
  let rendered;
  const app = {
    get: (_path, handler) => handler({ headers: { cookie: cookieHeader } }, { render: (_view, locals) => (rendered = locals) }),
  };
  new Function('app', 'readConsentCookie', 'isGranted', example.replace(importLine, ''))(app, readConsentCookie, isGranted);
  assert.ok(rendered, 'the example renders a page');
  return rendered;
}

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
  const consent = readConsentCookie(header, { revision: DEMO_REVISION, categories: DEMO_CATEGORIES });
  assert.ok(consent, `readConsentCookie returned null for ${header}`);
  assert.equal(consent.id, state.consentId);
  assert.deepEqual(consent.granted, state.granted);
  assert.deepEqual(consent.denied, state.denied);
  assert.equal(consent.method, 'custom');
  assert.equal(consent.granted.includes('analytics'), true);

  assert.equal(readConsentCookie(header, { revision: '2026-01-01', categories: DEMO_CATEGORIES }), null, 'another revision must read as no decision');
  // The documented example, run as written, sees the same decision (its revision is the demo's).
  // YouTube follows marketing, which the visitor left off.
  assert.deepEqual(await runDocsNodeExample(header), { analytics: true, youtube: false });
  assert.deepEqual(await runDocsNodeExample('theme=dark'), { analytics: false, youtube: false });
  assert.equal(readConsentCookie('theme=dark', { revision: DEMO_REVISION, categories: DEMO_CATEGORIES }), null, 'no cookie');

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
    assert.equal(readConsentCookie(`${COOKIE}=${encodeURIComponent(value)}`, { revision: DEMO_REVISION, categories: DEMO_CATEGORIES }), null, `tampered (${what}) was accepted`);
  }
  assert.equal(readConsentCookie(`${COOKIE}=${cookie.value.slice(0, -3)}`, { revision: DEMO_REVISION, categories: DEMO_CATEGORIES }), null, 'cut-off raw value was accepted');

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
  const ssr = createConsent({ revision: DEMO_REVISION, categories: DEMO_CATEGORIES });
  assert.equal(ssr.getState().decided, false);
  assert.equal(ssr.isGranted('analytics'), false);
  assert.equal(ssr.isGranted('necessary'), true);
  assert.equal(ssr.acceptAll().decided, false, 'nothing can be decided on the server');
  assert.equal((await ssr.ready).revision, DEMO_REVISION);
  // The same visitor in the browser still gets the banner: nothing was stored by the server render.
  await page.goto(url('/'));
  await expectBanner(page);
});
