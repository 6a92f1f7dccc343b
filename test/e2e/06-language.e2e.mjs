import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bannerButton, expectBanner, journey } from './harness.mjs';

const locale = (lang) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8'));

journey('language: ?lang=en shows English, setLanguage("ru") switches live to Russian', async ({ page, url }) => {
  const en = locale('en');
  const ru = locale('ru');
  assert.match(en.banner.acceptAll, /accept/i, 'locales/en.json banner.acceptAll');

  await page.goto(url('/?lang=en'));
  await expectBanner(page);
  const accept = bannerButton(page, 'accept-all');
  assert.equal((await accept.innerText()).trim(), en.banner.acceptAll);
  assert.equal((await bannerButton(page, 'reject-all').innerText()).trim(), en.banner.rejectAll);
  assert.equal((await bannerButton(page, 'open-preferences').innerText()).trim(), en.banner.choose);
  assert.equal(await page.locator('integrus-consent-banner [role="region"]').getAttribute('lang'), 'en');
  // Every text is English; the operator's name is the one proper name shown as registered, in Russian.
  const operator = await page.evaluate(() => window.IntegrusConsentConfig?.operator?.name ?? 'ООО «ИНТЕГРУС»');
  const text = await page.locator('integrus-consent-banner [role="region"]').innerText();
  assert.ok(text.includes(`${operator} automatically collects`), 'the English summary names the operator');
  assert.match(text.replace(operator, ''), /^[^а-яё]*$/i, 'Cyrillic left in the English banner');

  await page.evaluate(() => window.IntegrusConsent.setLanguage('ru'));
  await page.waitForFunction(
    (text) => document.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('[data-action="accept-all"]')?.textContent?.trim() === text,
    ru.banner.acceptAll,
    { timeout: 5_000 },
  );
  assert.equal((await accept.innerText()).trim(), ru.banner.acceptAll);
  assert.equal((await bannerButton(page, 'reject-all').innerText()).trim(), ru.banner.rejectAll);
  assert.equal(await page.locator('integrus-consent-banner [role="region"]').getAttribute('lang'), 'ru');
});

journey('language: a page with <html lang="en"> gets the English banner without configuration', async ({ page, context, url }) => {
  // The demo page, served as is but declaring English (the only change).
  await context.route(url('/'), async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('<html lang="ru">', '<html lang="en">');
    await route.fulfill({ response, body });
  });
  await page.goto(url('/'));
  await expectBanner(page);
  assert.equal((await bannerButton(page, 'accept-all').innerText()).trim(), locale('en').banner.acceptAll);
});
