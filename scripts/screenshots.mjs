/**
 * Screenshots of the built interface on the demo site, for the README's theming gallery.
 *
 *   npm run screenshots                         builds dist/, then captures every shot
 *   node scripts/screenshots.mjs                 captures every shot (dist/ must be built)
 *   node scripts/screenshots.mjs banner dark     only the shots whose name contains every word given
 *
 * Starts the demo server in this process and Debian's chromium (or CHROMIUM_PATH) through playwright-core,
 * with a normal desktop user agent (headless chromium's own agent is treated as a bot: no banner) and
 * reduced motion (no entry animation half-way through). Each shot gets a fresh context, so no decision
 * carries over; nothing may leave 127.0.0.1. Writes viewport-sized PNGs to docs/screenshots/.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo/server.mjs';
import { CHROMIUM_ARGS, DESKTOP_USER_AGENT as USER_AGENT, ensureChromium } from './ensure-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshots');

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 812 };
const PHONE = { width: 390, height: 844 };

/* ------------------------------------------------------------------ what the visitor sees */

const bannerButton = (page, action) => page.locator(`integrus-consent-banner [data-action="${action}"]`);
const dialogButton = (page, action) => page.locator(`integrus-consent-preferences [data-action="${action}"]`);

async function expectBanner(page) {
  for (const action of ['accept-all', 'reject-all', 'open-preferences']) {
    await bannerButton(page, action).waitFor({ state: 'visible' });
  }
}

/** Opens the preferences the way a visitor does (the banner's third button), then moves the mouse away. */
async function openPreferences(page) {
  await expectBanner(page);
  await bannerButton(page, 'open-preferences').click();
  await dialogButton(page, 'save').waitFor({ state: 'visible' });
  await page.mouse.move(0, 0);
}

/** Fonts loaded, no pending layout, two frames painted. */
async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** A screenshot of `locator` with `margin` px of the page around it, scrolled to the middle of the viewport. */
async function closeUp(page, locator, path, margin = 24) {
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
  await settle(page);
  const box = await locator.boundingBox();
  if (!box) throw new Error(`nothing to photograph for ${path}`);
  const viewport = page.viewportSize();
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const width = Math.min(viewport.width - x, Math.ceil(box.width + 2 * margin));
  const height = Math.min(viewport.height - y, Math.ceil(box.height + 2 * margin));
  await page.screenshot({ path, clip: { x, y, width, height } });
}

/* ------------------------------------------------------------------ the shots */

/**
 * `name` (the file, without .png), `about` (what it shows: printed, and the README's alt text),
 * `path` (the demo page, default `/`), `query` (demo options), `tolerate` (page errors to let pass), `viewport`, `colorScheme`, and `take(page, path)` once the page has loaded.
 */
const banner = async (page, path) => {
  await expectBanner(page);
  await page.mouse.move(0, 0);
  await settle(page);
  await page.screenshot({ path });
};

const preferences = async (page, path) => {
  await openPreferences(page);
  await settle(page);
  await page.screenshot({ path });
};

const SHOTS = [];
for (const [viewport, width] of [[DESKTOP, 1280], [MOBILE, 375]]) {
  for (const theme of ['light', 'dark']) {
    // Light: the default (theme "auto") under a light system scheme; dark: data-theme="dark" and a dark scheme.
    const query = theme === 'dark' ? '?theme=dark' : '';
    SHOTS.push({
      name: `banner-${theme}-${width}`,
      about: `Banner, bar layout, ${theme} theme, ${width} px wide`,
      query, viewport, colorScheme: theme, take: banner,
    });
    SHOTS.push({
      name: `preferences-${theme}-${width}`,
      about: `Preferences dialog, ${theme} theme, ${width} px wide`,
      query, viewport, colorScheme: theme, take: preferences,
    });
  }
}

// The compact first layer as a first-time visitor meets it: a phone and a desktop, both languages, both themes.
for (const [viewport, width] of [[PHONE, 390], [DESKTOP, 1280]]) {
  for (const lang of ['ru', 'en']) {
    for (const theme of ['light', 'dark']) {
      const params = new URLSearchParams({ lang, ...(theme === 'dark' ? { theme: 'dark' } : {}) });
      SHOTS.push({
        name: `first-layer-${lang}-${theme}-${width}`,
        about: `First layer (compact banner), ${lang === 'ru' ? 'Russian' : 'English'}, ${theme} theme, ${width}×${viewport.height}`,
        query: `?${params}`, viewport, colorScheme: theme, take: banner,
      });
    }
  }
}
// The layouts (docs/theming.md#layouts): the bar at the top, a box in another corner, stacked buttons, the modal.
for (const [viewport, width] of [[PHONE, 390], [DESKTOP, 1280]]) {
  for (const [id, about, params] of [
    ['bar-top', 'bar at the top', { layout: 'bar', position: 'top' }],
    ['box-bottom-left', 'box in the bottom-left corner', { layout: 'box', position: 'bottom-left' }],
    ['box-top-right-stacked', 'box in the top-right corner, buttons stacked', { layout: 'box', position: 'top-right', buttons: 'stacked' }],
    ['bar-stacked', 'bar, buttons stacked', { layout: 'bar', buttons: 'stacked' }],
    ['modal', 'modal in the middle, blocking the page until a choice', { layout: 'modal' }],
    ['modal-dark', 'modal, dark theme', { layout: 'modal', theme: 'dark' }],
  ]) {
    SHOTS.push({
      name: `layout-${id}-${width}`,
      about: `Layout: ${about}, ${width}×${viewport.height}`,
      query: `?${new URLSearchParams({ lang: 'ru', ...params })}`, viewport, colorScheme: params.theme ?? 'light', take: banner,
    });
  }
}
SHOTS.push(
  {
    name: 'first-layer-more-ru-light-390',
    about: 'First layer with «Подробнее» expanded: the full summary in place, scrolling inside the layer, 390×844',
    query: '?lang=ru', viewport: PHONE, colorScheme: 'light',
    async take(page, path) {
      await expectBanner(page);
      await page.locator('integrus-consent-banner [part="more"]').click();
      await page.mouse.move(0, 0);
      await settle(page);
      await page.screenshot({ path });
    },
  },
  {
    name: 'banner-box-light-1280',
    about: 'Banner, box layout (corner card), light theme, 1280 px wide',
    query: '?layout=box', viewport: DESKTOP, colorScheme: 'light', take: banner,
  },
  {
    name: 'banner-box-dark-1280',
    about: 'Banner, box layout (corner card), dark theme, 1280 px wide',
    query: '?layout=box&theme=dark', viewport: DESKTOP, colorScheme: 'dark', take: banner,
  },
  {
    name: 'banner-en-light-1280',
    about: 'Banner in English (lang "en"), light theme, 1280 px wide',
    query: '?lang=en', viewport: DESKTOP, colorScheme: 'light', take: banner,
  },
  {
    name: 'preferences-gpc-light-1280',
    about: 'Preferences with Global Privacy Control on: the marketing switch is off, disabled and says why',
    query: '?gpc=1', viewport: DESKTOP, colorScheme: 'light',
    async take(page, path) {
      await openPreferences(page);
      const marketing = page.locator('integrus-consent-preferences [part="category"]:has(input[name="marketing"])');
      await marketing.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await settle(page);
      await page.screenshot({ path });
    },
  },
  // The cookie declaration on the auto-blocking demo (demo/autoblock.html): analytics expanded with the
  // keyboard, as a visitor opens it, showing the services the site names and auto-blocking found.
  ...[[DESKTOP, 1280, 'ru'], [PHONE, 390, 'ru'], [DESKTOP, 1280, 'en']].map(([viewport, width, lang]) => ({
    name: `preferences-declaration-${lang}-light-${width}`,
    about: `Preferences with the cookie declaration of analytics expanded (autoblock demo), ${lang === 'ru' ? 'Russian' : 'English'}, ${width}×${viewport.height}`,
    path: '/autoblock.html', query: '', viewport, colorScheme: 'light',
    // The demo's Trusted Types policy refuses the vendor snippets' own `script.src = '…'` (reported, not ours).
    tolerate: /TrustedScriptURL/,
    async take(page, path) {
      // The page is Russian; English through the API, as a site's language switcher does it.
      await expectBanner(page);
      if (lang !== 'ru') await page.evaluate((l) => window.IntegrusConsent.setLanguage(l), lang);
      await openPreferences(page);
      const summary = page.locator('integrus-consent-preferences [part="category"]:has(input[name="analytics"]) [part="declaration-summary"]');
      await summary.focus();
      await page.keyboard.press('Enter');
      await page.locator('integrus-consent-preferences [part="category"]:has(input[name="analytics"]) table').first().waitFor({ state: 'visible' });
      // The category's head (title, switch) at the top of the dialog's body, its declaration below.
      await page.locator('integrus-consent-preferences [part="category"]:has(input[name="analytics"])').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.mouse.move(0, 0);
      await settle(page);
      await page.screenshot({ path });
    },
  })),
  {
    name: 'placeholder-light-1280',
    about: 'Placeholder standing in for a gated iframe (marketing video) until marketing is allowed',
    query: '', viewport: DESKTOP, colorScheme: 'light',
    async take(page, path) {
      await expectBanner(page);
      // Out of the way without deciding: the placeholder stays until marketing is granted.
      await page.evaluate(() => window.IntegrusConsent.hide());
      const placeholder = page.locator('integrus-consent-placeholder[category="marketing"]');
      await placeholder.locator('[data-action="open-preferences"]').waitFor({ state: 'visible' });
      await page.mouse.move(0, 0);
      // With the section around it, so the close-up shows the placeholder in its place on the page.
      await closeUp(page, page.locator('#video .split'), path);
    },
  },
  {
    name: 'reopen-button-light-1280',
    about: 'The optional floating button that reopens the preferences (reopenButton: true), after a decision',
    query: '?reopen=1', viewport: DESKTOP, colorScheme: 'light',
    async take(page, path) {
      await expectBanner(page);
      await bannerButton(page, 'reject-all').click();
      const button = page.locator('integrus-consent-reopen-button [data-action="open-preferences"]');
      await button.waitFor({ state: 'visible' });
      await page.mouse.move(DESKTOP.width / 2, 0);
      await page.evaluate(() => document.activeElement?.blur?.());
      await settle(page);
      // The bottom-left corner of the viewport, where the button floats over the page.
      const { height } = page.viewportSize();
      await page.screenshot({ path, clip: { x: 0, y: height - 220, width: 560, height: 220 } });
    },
  },
);

/* ------------------------------------------------------------------ run */

const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const selected = SHOTS.filter((shot) => filters.every((word) => shot.name.includes(word)));
if (!selected.length) {
  console.error(`No shot matches ${filters.join(' ')}. Shots: ${SHOTS.map((s) => s.name).join(', ')}`);
  process.exit(1);
}
if (!existsSync(join(ROOT, 'dist', 'browser', 'consent.min.js'))) {
  console.error('dist/browser/consent.min.js is missing: run `npm run build` (or `npm run screenshots`, which builds first).');
  process.exit(1);
}
const executablePath = ensureChromium();
mkdirSync(OUT, { recursive: true });
const server = await startDemoServer({ port: 0, host: '127.0.0.1', log: false });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let failed = 0;
let total = 0;
try {
  for (const shot of selected) {
    const context = await browser.newContext({
      userAgent: USER_AGENT,
      viewport: shot.viewport,
      deviceScaleFactor: 1,
      locale: 'ru-RU',
      colorScheme: shot.colorScheme,
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(10_000);
    const blocked = [];
    const errors = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    const path = join(OUT, `${shot.name}.png`);
    try {
      await page.goto(new URL(`${shot.path ?? '/'}${shot.query}`, server.url).href, { waitUntil: 'load' });
      await shot.take(page, path);
      const unexpected = errors.filter((error) => !shot.tolerate?.test(error));
      if (unexpected.length) throw new Error(`the page threw: ${unexpected.join(' | ')}`);
      if (blocked.length) console.warn(`  (requests aborted, not 127.0.0.1: ${blocked.join(', ')})`);
      const bytes = statSync(path).size;
      total += bytes;
      console.log(`✔ ${relative(ROOT, path)} (${Math.round(bytes / 1024)} KB): ${shot.about}`);
    } catch (error) {
      failed += 1;
      console.error(`✖ ${shot.name}: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${selected.length - failed} screenshots, ${Math.round(total / 1024)} KB, in ${relative(ROOT, OUT)}/`);
if (failed) process.exit(1);
