/*
 * The configurator (demo/configurator.html): a site owner sets options like a user would, copies the
 * snippet, pastes it into a blank page, and the blank page shows the same banner and preferences.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bannerButton, categorySwitch, dialogButton, expectBanner, expectDialog, journey, QUIET_MS, sleep, watchCsp } from './harness.mjs';

const require = createRequire(import.meta.url);
const locale = (lang) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8'));

const ACCENT = '#ffb000';
const BACKGROUND = '#102a43';
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Waits until the snippet reflects the last change (the library has checked it) and returns it. */
async function settledSnippet(page) {

  await page.waitForFunction(() => {
    const box = document.querySelector('#snippet');
    return box?.getAttribute('aria-busy') === 'false' && !document.querySelector('#copy-snippet').disabled;
  }, null, { timeout: 15_000 });
  return page.locator('#snippet').textContent();
}

async function openConfigurator(page, url, query = '') {
  await page.goto(url(`/configurator.html${query}`));
  await page.locator('#config-fields:not([disabled])').waitFor({ timeout: 15_000 });
  await settledSnippet(page);
}

/** What a visitor sees of the banner and the dialog on `root` (a page or a preview frame). */
async function visibleBanner(root) {
  await expectBanner(root);
  const region = root.locator('integrus-consent-banner [role="region"]');
  const host = root.locator('integrus-consent-banner');
  return {
    lang: await region.getAttribute('lang'),
    text: (await region.innerText()).trim(),
    layout: await host.getAttribute('layout'),
    theme: await host.getAttribute('theme'),
    background: await root.locator('integrus-consent-banner [part="banner"]').evaluate((e) => getComputedStyle(e).backgroundColor),
    button: await bannerButton(root, 'accept-all').evaluate((e) => getComputedStyle(e).backgroundColor),
    policyHref: await region.locator('a').first().getAttribute('href'),
  };
}

async function dialogCategories(root) {
  await expectDialog(root);
  return root.locator('integrus-consent-preferences .category').evaluateAll((items) =>
    items.map((item) => ({
      name: item.querySelector('input[type="checkbox"]')?.getAttribute('name'),
      title: item.querySelector('label')?.textContent?.trim(),
      description: item.querySelector('.description')?.textContent?.trim() ?? '',
    })),
  );
}

journey('configurator: options set like a user, the copied snippet pasted into a blank page gives the same banner', async ({ page, context, url, requests }) => {
  const en = locale('en');
  const expectNoCspViolation = await watchCsp(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url('/')).origin });
  await openConfigurator(page, url);
  assert.equal(await page.locator('#snippet').textContent(), '<script src="/static/consent/consent.min.js" defer></script>', 'with nothing chosen the snippet is the bare tag');

  // The configurator's own interface in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Consent banner configurator' }).waitFor();

  await page.getByLabel('Banner language').selectOption('en');
  await page.getByLabel('Card in the corner').check();
  await page.getByLabel('Dark').check();
  await page.locator('#cfg-accent').fill(ACCENT);
  await page.locator('#cfg-bg').fill(BACKGROUND);
  await page.getByLabel('Personalisation').uncheck();

  await page.getByRole('button', { name: 'Add a category' }).click();
  await page.keyboard.type('chat'); // the new category's code field has the focus
  await page.getByLabel('Name in English').fill('Online chat');
  await page.getByLabel('Description in English').fill('Lets you talk to our support team.');
  await page.getByLabel('Name in Russian').fill('Онлайн-чат');

  // An unsafe address: the library refuses it, the field says so, the snippet never carries it.
  const policy = page.getByLabel('Privacy policy address');
  await policy.fill('javascript:alert(1)');
  let snippet = await settledSnippet(page);
  assert.doesNotMatch(snippet, /javascript/i, 'the javascript: URL reached the snippet');
  assert.equal(await policy.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#cfg-policy-url-error').innerText(), /Invalid option "policyUrl"/);

  await policy.fill('/privacy.html');
  await page.getByLabel('Consent to personal data processing address').fill('/consent.html');
  await page.getByLabel('Policy revision').fill('2026-01-15');
  await page.getByLabel('Address for consent records (logEndpoint)').fill('/consent-log');
  await page.getByLabel('Google Consent Mode v2').check();
  await page.getByLabel('Floating “Cookie settings” button').check();
  await page.getByLabel('Address of consent.min.js on your site').fill('/dist/browser/consent.min.js');

  snippet = await settledSnippet(page);
  assert.equal(await policy.getAttribute('aria-invalid'), 'false', 'the corrected address is still marked invalid');
  assert.match(await page.locator('#preview-status').innerText(), /accepted every value/);
  assert.equal(await page.locator('#cfg-contrast').innerText(), '', 'a contrast warning for readable colours');
  // Minimal and exact: only the options that differ from the defaults, in one tag.
  assert.match(snippet, /<script src="\/dist\/browser\/consent\.min\.js" defer data-[^>]*><\/script>$/);
  for (const attribute of ['data-lang="en"', 'data-layout="box"', 'data-theme="dark"', 'data-policy-url="/privacy.html"',
    'data-consent-url="/consent.html"', 'data-revision="2026-01-15"', 'data-log-endpoint="/consent-log"',
    'data-google-consent-mode="true"', 'data-reopen-button="true"', 'data-categories="analytics,marketing,chat"']) {
    assert.ok(snippet.includes(attribute), `the snippet lacks ${attribute}:\n${snippet}`);
  }
  assert.doesNotMatch(snippet, /data-respect-gpc/, 'a default option (respectGpc) is in the snippet');
  assert.ok(snippet.includes(`--consent-accent: ${ACCENT};`) && snippet.includes(`--consent-bg: ${BACKGROUND};`), snippet);
  assert.doesNotMatch(snippet, /--consent-fg/, 'an untouched colour is in the snippet');

  // The live preview shows these options; a click in it leaves no cookie on the configurator's origin.
  // (Back at the top of the page first: further down, the sticky header covers the preview column.)
  await page.evaluate(() => window.scrollTo(0, 0));
  const banner = page.frameLocator('#preview-banner');
  const previewed = await visibleBanner(banner);
  const previewedCategories = await dialogCategories(page.frameLocator('#preview-preferences'));
  await bannerButton(banner, 'accept-all').click();
  await bannerButton(banner, 'accept-all').waitFor({ state: 'hidden' });
  assert.deepEqual(await context.cookies(), [], 'the preview wrote cookies for the configurator');
  // Its consent record (logEndpoint is set) is neither sent nor left in the origin's outbox for the next page to send.
  await sleep(QUIET_MS);
  assert.deepEqual(requests.filter((r) => r.url().includes('/consent-log')).map((r) => r.url()), [], 'the preview sent a consent record');
  assert.equal(await page.evaluate(() => localStorage.getItem('integrus_consent_outbox')), null, 'the preview left a record in the outbox');
  await expectNoCspViolation(page, 'the configurator and its previews');

  // Copy with the button; the clipboard holds exactly the text on screen.
  await page.getByRole('button', { name: 'Copy the code' }).click();
  await page.getByRole('status').filter({ hasText: 'Code copied.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, snippet, 'the clipboard differs from the snippet shown');

  // Paste into a blank page (declaring Russian, so only the snippet can make it English).
  await context.route(url('/blank.html'), (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n<title>Blank</title>\n${copied}\n</head>\n<body><p>Пустая страница</p></body>\n</html>\n`,
    }),
  );
  const blank = await context.newPage();
  await blank.goto(url('/blank.html'));
  const shown = await visibleBanner(blank);
  assert.deepEqual(shown, previewed, 'the pasted snippet shows another banner than the preview');
  assert.equal(shown.lang, 'en');
  assert.ok(shown.text.includes(en.banner.title), shown.text);
  assert.equal(shown.layout, 'box');
  assert.equal(shown.theme, 'dark');
  assert.equal(shown.background, rgb(BACKGROUND));
  assert.equal(shown.button, rgb(ACCENT));
  assert.equal(shown.policyHref, '/privacy.html');

  await bannerButton(blank, 'open-preferences').click();
  const categories = await dialogCategories(blank);
  assert.deepEqual(categories, previewedCategories, 'the pasted snippet shows other categories than the preview');
  assert.deepEqual(categories.map((c) => c.name), ['necessary', 'analytics', 'marketing', 'chat']);
  assert.deepEqual(categories.at(-1), { name: 'chat', title: 'Online chat', description: 'Lets you talk to our support team.' });
  assert.equal(await categorySwitch(blank, 'chat').isChecked(), false, 'a custom category is pre-ticked');
  await dialogButton(blank, 'save').click();
  await blank.locator('integrus-consent-reopen-button').getByRole('button').waitFor();
  const config = await blank.evaluate(() => window.IntegrusConsent.config);
  assert.equal(config.revision, '2026-01-15');
  assert.equal(config.logEndpoint, '/consent-log');
  assert.equal(config.googleConsentMode, true);
}, { timeout: 120_000 });

journey('configurator: in Russian, a bad category name shows the library message and copying works without the Clipboard API', async ({ page, context, url }) => {
  const expectNoCspViolation = await watchCsp(context);
  // A browser without the Clipboard API (or on plain http): the snippet is selected and copied the old way.
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }));
  // Reached from the demo site's menu.
  await page.goto(url('/'));
  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Конфигуратор баннера' }).click({ timeout: 15_000 });
  await page.waitForURL(url('/configurator.html'), { timeout: 15_000 });
  await page.locator('#config-fields:not([disabled])').waitFor({ timeout: 15_000 });
  await settledSnippet(page);
  await page.getByRole('heading', { name: 'Конфигуратор баннера согласия' }).waitFor();

  await page.getByRole('button', { name: 'Добавить категорию' }).click();
  await page.keyboard.type('Онлайн чат');
  const snippet = await settledSnippet(page);
  assert.match(await page.locator('#cfg-categories-error').innerText(), /Invalid category in "categories"/);
  assert.match(await page.locator('#preview-status').innerText(), /не приняла значений: 1/);
  assert.equal(snippet, '<script src="/static/consent/consent.min.js" defer></script>', 'a refused category reached the snippet');

  // axe-core on the configurator itself (the previews are the library's, tested in their own suites).
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    // Contrast on settled styles: a button's colour transition (focus, hover) measured mid-way is no colour anyone reads.
    const running = () => document.getAnimations().filter((a) => a.playState === 'running' || a.pending);
    for (let now = running(); now.length; now = running()) await Promise.all(now.map((a) => a.finished.catch(() => undefined)));
    const result = await window.axe.run(document, { iframes: false, runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], 'axe-core violations on the configurator');

  await page.getByRole('button', { name: 'Удалить категорию' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'add-category', 'focus after removing a category');
  await settledSnippet(page);
  assert.equal(await page.locator('#cfg-categories-error').isVisible(), false);

  // A background as dark as the default text: the banner rendered in the preview is unreadable, and the form says so.
  await page.locator('#cfg-bg').fill('#222222');
  await settledSnippet(page);
  assert.match(await page.locator('#cfg-contrast').innerText(), /Контраст в превью ниже 4\.5:1.*текст 1\.\d:1/);
  await page.getByRole('checkbox', { name: 'Фон', exact: true }).uncheck();
  await settledSnippet(page);
  assert.equal(await page.locator('#cfg-contrast').innerText(), '');

  // Keyboard only: Tab to the copy button, Enter.
  await page.locator('#cfg-src').focus();
  for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'copy-snippet'; i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy-snippet', 'Tab never reached the copy button');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: /Код скопирован|выделен/ }).waitFor();
  assert.equal(await page.evaluate(() => getSelection().toString()), snippet, 'the fallback did not select the snippet');
  await expectNoCspViolation(page, 'the configurator and its previews');
}, { timeout: 60_000 });

journey('configurator on a 390×844 phone: nothing overflows, the wording fits the layout, the code stays in reach, the operator and the layout reach the snippet', async ({ page, context, url }) => {
  const expectNoCspViolation = await watchCsp(context);
  await page.setViewportSize({ width: 390, height: 844 });
  await openConfigurator(page, url);

  // Nothing wider than the screen: not the page, not a control (the language select was cut off).
  const overflowing = () => page.evaluate(() => {
    const wide = [...document.querySelectorAll('main *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
    });
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 5).map((el) => `${el.localName}#${el.id}.${el.className}`) };
  });
  assert.deepEqual(await overflowing(), { scrollWidth: 390, wide: [] });
  const select = await page.getByLabel('Язык баннера').boundingBox();
  const group = await page.locator('fieldset.group').first().boundingBox();
  assert.ok(select.x + select.width <= group.x + group.width, `the language select sticks out: ${JSON.stringify({ select, group })}`);
  // The three theme radios on one line.
  const tops = await page.locator('input[name="theme"]').evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `the theme radios wrap: ${tops}`);
  // The previews are below the form here: the page says where they are by name, not «справа».
  const lead = await page.locator('.configurator__lead').innerText();
  assert.doesNotMatch(lead, /справа|слева|внизу|ниже|выше/i, lead);
  assert.match(lead, /«Как это увидит посетитель»/);
  const previewTop = (await page.locator('.configurator__preview').boundingBox()).y;
  const formBottom = (await page.locator('#config-form').boundingBox()).y + (await page.locator('#config-form').boundingBox()).height;
  assert.ok(previewTop >= formBottom, 'at 390 px the previews are below the form');

  // The operator, a layout and stacked buttons, set like a user.
  await page.getByLabel('Название').fill('ООО «Ромашка»');
  await page.getByLabel('ИНН').fill('123');
  await page.getByLabel('ОГРН').fill('1027700132195');
  await page.getByLabel('Адрес', { exact: true }).fill('г. Москва, ул. Ленина, д. 1');
  await page.getByLabel('Почта для обращений').fill('privacy@romashka.example');
  // A box in the top-left corner; the bar's positions are not offered for it.
  await page.getByLabel('Карточка в углу').check();
  assert.deepEqual(await page.locator('#cfg-position option:not(:disabled)').evaluateAll((options) => options.map((o) => o.value)),
    ['', 'bottom-right', 'bottom-left', 'top-right', 'top-left']);
  await page.getByLabel('Где на экране').selectOption('top-left');
  let snippet = await settledSnippet(page);
  assert.ok(snippet.includes('data-layout="box"') && snippet.includes('data-position="top-left"'), snippet);
  // The modal is always centred: the corner goes back to the layout's usual place, and out of the code.
  await page.getByLabel('Окно по центру (блокирует страницу до выбора)').check();
  assert.equal(await page.getByLabel('Где на экране').inputValue(), '');
  await page.getByLabel('Столбиком').check();
  snippet = await settledSnippet(page);
  assert.doesNotMatch(snippet, /data-position/);
  // A bad ИНН: the library's message at the operator's fields, and the snippet keeps the rest.
  assert.match(await page.locator('#cfg-operator-error').innerText(), /Invalid option "operator\.inn": "123"/);
  assert.doesNotMatch(snippet, /"inn"/);
  await page.getByLabel('ИНН').fill('7707083893');
  snippet = await settledSnippet(page);
  assert.equal(await page.locator('#cfg-operator-error').isVisible(), false);
  for (const part of ['data-layout="modal"', 'data-buttons="stacked"', '"name": "ООО «Ромашка»"', '"inn": "7707083893"', '"ogrn": "1027700132195"',
    '"address": "г. Москва, ул. Ленина, д. 1"', '"email": "privacy@romashka.example"']) {
    assert.ok(snippet.includes(part), `the snippet lacks ${part}:\n${snippet}`);
  }
  // The preview names the operator.
  const preview = page.frameLocator('#preview-banner');
  await preview.locator('integrus-consent-banner [part="banner"]').waitFor();
  assert.match(await preview.locator('integrus-consent-banner [part="banner"]').innerText(), /ООО «Ромашка»/);

  // Half-way down the long form, the copy bar is on screen and copies the code.
  await page.getByLabel('Адрес политики конфиденциальности').scrollIntoViewIfNeeded();
  const bar = page.getByRole('button', { name: 'Копировать код', exact: true });
  const box = await bar.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `the copy bar is off screen: ${JSON.stringify(box)}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url('/')).origin });
  await bar.click();
  await page.getByRole('status').filter({ hasText: 'Код скопирован.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  assert.deepEqual(await overflowing(), { scrollWidth: 390, wide: [] });
  await expectNoCspViolation(page, 'the configurator on a phone');
}, { timeout: 90_000 });
