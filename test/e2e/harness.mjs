/**
 * What every journey shares: the registry (`journey(name, fn)`), a fresh browser context per journey
 * (clean cookies, a normal desktop user agent, every address other than 127.0.0.1 aborted and counted),
 * and small helpers that read what a visitor would see: the banner, the dialog, cookies, the demo's
 * records (`__demoRuns`, `__demoEvents`, `__demoEmbeds`).
 *
 * `run.mjs` starts the demo server and the browser and hands them over with `setEnvironment()`.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { DESKTOP_USER_AGENT as USER_AGENT } from '../../scripts/ensure-chromium.mjs';

/** Headless chromium says "HeadlessChrome", which the library (rightly) treats as a bot. */
export { DESKTOP_USER_AGENT as USER_AGENT } from '../../scripts/ensure-chromium.mjs';

/** The revision `demo/index.html` puts on the drop-in tag. */
export const DEMO_REVISION = '2025-09-01';
export const COOKIE = 'integrus_consent';
export const OPTIONAL = ['analytics', 'personalization', 'marketing'];
export const ALL_RUNS = ['metrika', 'inline-analytics', 'ga'];

/** How long to watch for something that must NOT happen. */
export const QUIET_MS = 400;

const registry = [];
let environment = null;

/**
 * Registers a journey: `fn({ page, context, server, url, requests })`.
 * Options: `timeout` (ms, default 30 s), `userAgent` (default the desktop Chrome one).
 */
export function journey(name, fn, options = {}) {
  registry.push({ name, fn, timeout: options.timeout ?? 30_000, userAgent: options.userAgent ?? USER_AGENT });
}

export function registeredJourneys() {
  return [...registry];
}

export function setEnvironment(env) {
  environment = env;
}

/**
 * Runs one journey in a fresh context. Afterwards it fails the journey if the page threw, or if
 * anything tried to leave 127.0.0.1; on failure it leaves a screenshot in test-results/e2e/.
 */
export async function runJourney({ name, fn, userAgent = USER_AGENT }) {
  const { browser, server } = environment ?? {};
  assert.ok(browser && server, 'the e2e environment (demo server, browser) did not start');
  const blocked = [];
  const pageErrors = [];
  const requests = [];
  const context = await browser.newContext({
    userAgent,
    viewport: { width: 1280, height: 800 },
    locale: 'ru-RU',
  });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(10_000);
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(`${route.request().method()} ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  context.on('request', (request) => requests.push(request));
  context.on('page', (p) => p.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error))));
  const page = await context.newPage();
  // E2E_CPU_THROTTLE=6 runs the page 6× slower (Chrome DevTools' CPU throttling): races show up on a quiet machine.
  if (Number(process.env.E2E_CPU_THROTTLE) > 1) {
    const devtools = await context.newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.E2E_CPU_THROTTLE) });
  }
  const url = (path = '/') => new URL(path, server.url).href;
  try {
    await fn({ page, context, server, url, requests });
    assert.deepEqual(pageErrors, [], 'the page threw');
    assert.deepEqual(blocked, [], 'requests to addresses other than 127.0.0.1 (aborted)');
  } catch (error) {
    try {
      mkdirSync('test-results/e2e', { recursive: true });
      const file = `test-results/e2e/${name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`;
      await page.screenshot({ path: file, fullPage: false, timeout: 3_000 });
    } catch {
      /* the screenshot is a courtesy */
    }
    if (pageErrors.length && !error.message.includes('the page threw')) error.message += `\n(page errors: ${pageErrors.join(' | ')})`;
    if (blocked.length && !error.message.includes('aborted')) error.message += `\n(blocked: ${blocked.join(', ')})`;
    throw error;
  } finally {
    environment.blocked.push(...blocked);
    await context.close().catch(() => {});
  }
}

/* ------------------------------------------------------------------ waiting */

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `read()` until `check(value)` holds; returns the value or throws with the last one seen. */
export async function until(read, check, { timeout = 5_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      throw new assert.AssertionError({ message: `timed out after ${timeout} ms waiting for ${message}; last value: ${JSON.stringify(value)}` });
    }
    await sleep(interval);
  }
}

/** Resolves once the library has told the page whether there is a decision (`consent:ready`). */
export async function waitForReady(page) {
  await page.waitForFunction(() => window.__demoEvents?.some((e) => e.type === 'consent:ready'), null, { timeout: 5_000 });
}

/* ------------------------------------------------------------------ Content-Security-Policy */

/**
 * Watches a context for CSP and Trusted Types violations, from the first script on, in every page and
 * frame: each document's `securitypolicyviolation` events (in `window.__cspViolations`), and the
 * console errors the browser writes for them. Call before the first `goto`. Returns
 * `expectNone(page, where)`, which fails if any frame of `page` (the page itself, its iframes) or the
 * console saw one so far.
 */
export async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const consoleErrors = [];
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Trusted ?Type/i.test(m.text())) consoleErrors.push(`${m.location().url}: ${m.text()}`);
  });
  return async function expectNone(page, where) {
    for (const frame of page.frames()) {
      const seen = await frame.evaluate(() => window.__cspViolations ?? []);
      assert.deepEqual(seen, [], `CSP violations on ${where} (${frame.url().slice(0, 120)})`);
    }
    assert.deepEqual(consoleErrors, [], `CSP errors on the console (${where})`);
  };
}

/* ------------------------------------------------------------------ what the visitor sees */

export const bannerButton = (page, action) => page.locator(`integrus-consent-banner [data-action="${action}"]`);
export const dialogButton = (page, action) => page.locator(`integrus-consent-preferences [data-action="${action}"]`);
export const categorySwitch = (page, name) => page.locator(`integrus-consent-preferences input[type="checkbox"][name="${name}"]`);
export const footerLink = (page) => page.locator('footer [data-consent-open]');
export const videoFrame = (page) => page.locator('iframe[data-consent="marketing"]');
export const videoPlaceholder = (page) => page.locator('integrus-consent-placeholder[category="marketing"]');

/** Waits until the banner shows its three choices. */
export async function expectBanner(page) {
  for (const action of ['accept-all', 'reject-all', 'open-preferences']) {
    await bannerButton(page, action).waitFor({ state: 'visible' });
  }
}

/** Waits for `consent:ready`, then watches a moment: the banner must not appear. */
export async function expectNoBanner(page) {
  await waitForReady(page);
  await sleep(QUIET_MS);
  assert.equal(await bannerButton(page, 'accept-all').isVisible(), false, 'the banner is showing');
  assert.equal(await page.locator('integrus-consent-banner [role="region"]').count(), 0, 'the banner region is rendered');
}

/** Whether the preferences dialog is open (its save button on screen). */
export async function dialogOpen(page) {
  return dialogButton(page, 'save').isVisible();
}

export async function expectDialog(page) {
  await dialogButton(page, 'save').waitFor({ state: 'visible' });
  assert.equal(await page.locator('integrus-consent-preferences dialog').evaluate((d) => d.open), true, 'the <dialog> is not open');
}

export async function expectDialogClosed(page) {
  await dialogButton(page, 'save').waitFor({ state: 'hidden' });
}

/* ------------------------------------------------------------------ the page's records */

export const demoRuns = (page) => page.evaluate(() => [...(window.__demoRuns ?? [])]);
export const demoEmbeds = (page) => page.evaluate(() => [...(window.__demoEmbeds ?? [])]);
/** Consent events seen by the demo page, oldest first, as plain data. */
export const demoEvents = (page, type) =>
  page.evaluate((t) => JSON.parse(JSON.stringify((window.__demoEvents ?? []).filter((e) => !t || e.type === t))), type ?? null);
export const consentState = (page) => page.evaluate(() => window.IntegrusConsent.getState());

/** Waits for the gated stand-ins to have run `count` times in all, then watches for extra runs. */
export async function expectRuns(page, expected) {
  if (expected.length) {
    await page.waitForFunction((n) => (window.__demoRuns ?? []).length >= n, expected.length, { timeout: 5_000 });
  }
  await sleep(QUIET_MS);
  assert.deepEqual(await demoRuns(page), expected, 'gated tags that ran (window.__demoRuns)');
}

/* ------------------------------------------------------------------ cookies */

export const cookieNames = async (context) => (await context.cookies()).map((c) => c.name).sort();

export async function consentCookie(context) {
  return (await context.cookies()).find((c) => c.name === COOKIE) ?? null;
}

/** The stored decision, decoded as the host server would (`decodeURIComponent` → JSON). */
export function decodeConsent(cookie) {
  return JSON.parse(decodeURIComponent(cookie.value));
}

/** Waits for a consent cookie other than `previous` (by value) and returns it decoded. */
export async function waitForDecision(context, previous = null) {
  const cookie = await until(
    () => consentCookie(context),
    (c) => c !== null && c.value !== previous?.value,
    { message: `the ${COOKIE} cookie to be written` },
  );
  return { cookie, decision: decodeConsent(cookie) };
}

/* ------------------------------------------------------------------ focus */

/**
 * The focused element, looking inside open shadow roots: `{ host, tag, action, name, text }`, where
 * `host` is the custom element whose shadow root holds it (null in the light DOM).
 */
export function deepActive(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    let host = null;
    while (element?.shadowRoot?.activeElement) {
      host = element.localName;
      element = element.shadowRoot.activeElement;
    }
    if (!element || element === document.body) return null;
    return {
      host,
      tag: element.localName,
      action: element.getAttribute('data-action'),
      name: element.getAttribute('name'),
      consentOpen: element.hasAttribute('data-consent-open'),
      text: (element.textContent ?? '').trim().slice(0, 60),
    };
  });
}

export const describeFocus = (f) => (f ? `${f.host ? `${f.host} > ` : ''}${f.tag}${f.action ? `[${f.action}]` : ''}${f.name ? `[name=${f.name}]` : ''}` : '(body)');

/** Presses `key` until `match(focus)` or `limit` presses; returns every focus seen on the way. */
export async function pressUntil(page, key, match, limit) {
  const seen = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    const focus = await deepActive(page);
    seen.push(focus);
    if (focus && match(focus)) return seen;
  }
  throw new assert.AssertionError({
    message: `pressed ${key} ${limit} times without reaching the target; focus went: ${seen.map(describeFocus).join(' → ')}`,
  });
}
