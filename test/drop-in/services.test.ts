/**
 * `services` on the plain drop-in (issue 19, item 7; docs/contract.md §2, §3): `consent.min.js` fetches
 * the catalogue (`consent-catalogue.min.js`) with the interface and at a withdrawal, so its first layer
 * names the countries abroad, its preferences declare the services' cookies, and withdrawing clears
 * their cookies and storage keys, also on a returning visit where no interface loads. The built
 * drop-in on real pages in a same-origin frame: the test reads the same cookies and storage.
 */
import { expect } from '@open-wc/testing';
import ru from '../../locales/ru.json';
import textsRu from '../../src/catalogue/texts.ru.json';
import { clearAllCookies, closePages, openPage, waitFor } from '../helpers/page.js';
import type { PageOptions, TestPage } from '../helpers/page.js';
import { REV, storeDecision } from '../helpers/drop-in.js';

/**
 * A hand-gated analytics tag that writes what Metrica and Google Analytics write. The site lists its
 * own analytics cookie only (`site_visits`), so the category's patterns do not cover the vendors':
 * only the catalogue knows `_ym_uid` and `_ga`.
 */
const TAG = `
  <script type="text/plain" data-consent="analytics">
    window.__runs.push('tags');
    document.cookie = '_ym_uid=1700000000123; path=/';
    document.cookie = '_ga=GA1.1.1.1; path=/';
    localStorage.setItem('_ym_uid', '"1700000000123"');
    localStorage.setItem('site_theme', 'dark');
  </script>`;
const CATEGORIES = [{ name: 'analytics', cookies: ['site_visits'] }, 'personalization', 'marketing'];

const open = (extra: PageOptions = {}): Promise<TestPage> =>
  openPage({
    body: TAG,
    ...extra,
    attrs: { revision: REV, consentUrl: 'false', services: 'yandex-metrica google-analytics', ...extra.attrs },
    config: { bots: false, categories: CATEGORIES, ...(extra.config as object) },
  });

const hasCookie = (name: string): boolean => document.cookie.split('; ').some((c) => c.startsWith(`${name}=`));
const fetched = (page: TestPage): string[] => page.win.performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? '');
const nextLoad = (page: TestPage): Promise<void> => new Promise((resolve) => page.frame.addEventListener('load', () => resolve(), { once: true }));
const inShadow = <T extends Element>(page: TestPage, host: string, selector: string): T | null =>
  page.doc.querySelector(host)?.shadowRoot?.querySelector<T>(selector) ?? null;

/** Each table of the preferences as [caption, [cookie, purpose, lifetime][]]. */
function tables(page: TestPage): Array<[string, string[][]]> {
  const root = page.doc.querySelector('integrus-consent-preferences')?.shadowRoot;
  return [...(root?.querySelectorAll('table') ?? [])].map((table) => [
    table.caption?.textContent?.trim() ?? '',
    [...table.tBodies[0]!.rows].map((row) => [...row.cells].map((cell) => cell.textContent?.trim() ?? '')),
  ]);
}

/** Accepts all with the banner's button and waits until the tags ran and wrote. */
async function acceptWithBanner(page: TestPage): Promise<void> {
  const accept = await waitFor(() => inShadow<HTMLButtonElement>(page, 'integrus-consent-banner', '[data-action="accept-all"]'), 5000, 'the banner');
  accept.click();
  await waitFor(() => page.win.__runs.includes('tags'), 3000, 'the analytics tags to run');
  expect([hasCookie('_ym_uid'), hasCookie('_ga'), localStorage.getItem('_ym_uid')]).to.deep.equal([true, true, '"1700000000123"']);
}

describe('drop-in: services with consent.min.js', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
    localStorage.clear();
  });

  it('first visit: the catalogue is preloaded with the interface and the first layer names the country abroad at its first paint', async () => {
    const page = await open();
    const preload = [...page.doc.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => l.href.split('/').pop());
    expect(preload).to.include.members(['consent-ui.min.js', 'consent-catalogue.min.js']);
    // The banner's first render already says it: read when the banner reports itself shown.
    await waitFor(() => page.events('consent:show').length, 5000, 'the banner');
    const summary = inShadow(page, 'integrus-consent-banner', '.summary')?.textContent?.replace(/\s+/g, ' ') ?? '';
    const usa = new Intl.DisplayNames(['ru'], { type: 'region' }).of('US')!;
    expect(summary).to.contain(ru.banner.abroad.replace('{{countries}}', usa));
    expect(page.consoleMessages('warn').join('\n')).not.to.contain('"services"');
    expect(page.consoleMessages('error')).to.deep.equal([]);
  });

  it('the preferences declare _ym_uid and _ga with their purposes, lifetimes and providers', async () => {
    const page = await open();
    await waitFor(() => page.events('consent:show').length, 5000, 'the banner');
    await page.api.showPreferences();
    const analytics = await waitFor(() => {
      const found = tables(page).filter(([caption]) => caption === textsRu['yandex-metrica'].name || caption === textsRu['google-analytics'].name);
      return found.length === 2 ? found : null;
    }, 5000, 'the declaration of both services');
    const row = (name: string): string[] | undefined => analytics.flatMap(([, rows]) => rows).find((r) => r[0] === name);
    expect(row('_ym_uid')).to.deep.equal(['_ym_uid', textsRu['yandex-metrica'].cookies._ym_uid, '365 дней']);
    expect(row('_ga')).to.deep.equal(['_ga', textsRu['google-analytics'].cookies._ga, '730 дней']);
    const about = [...page.doc.querySelector('integrus-consent-preferences')!.shadowRoot!.querySelectorAll('.service-about')]
      .map((p) => p.textContent?.replace(/\s+/g, ' ') ?? '').join(' ');
    expect(about).to.contain(`${textsRu['yandex-metrica'].provider} (Россия)`).and.contain('Google LLC (Соединенные Штаты)');
  });

  it('accept with the banner, then withdraw analytics in the preferences: _ym_uid and _ga go from cookies and storage, the page reloads', async () => {
    const page = await open();
    await acceptWithBanner(page);
    await page.api.showPreferences();
    const analytics = await waitFor(() => inShadow<HTMLInputElement>(page, 'integrus-consent-preferences', 'input[name="analytics"]'), 5000, 'the switch');
    analytics.click();
    const reloaded = nextLoad(page);
    inShadow<HTMLButtonElement>(page, 'integrus-consent-preferences', 'dialog[open] [data-action="save"]')!.click();
    await reloaded;
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect([hasCookie('_ym_uid'), hasCookie('_ga'), localStorage.getItem('_ym_uid')]).to.deep.equal([false, false, null]);
    expect(localStorage.getItem('site_theme'), 'the site\'s own key stays').to.equal('dark');
  });

  it('returning visit, withdrawal through the API: no catalogue before it, then it comes (slowly) and clears them before the reload', async () => {
    storeDecision(['analytics', 'personalization', 'marketing']);
    // Served 500 ms late, with every file the drop-in fetches from its folder: the reload must wait
    // for the catalogue, or the next page would commit first and nothing would be cleared.
    const page = await open({ file: '../../__slow/dist/browser/consent.min.js' });
    await waitFor(() => page.win.__runs.includes('tags'), 3000, 'the analytics tags to run');
    expect(hasCookie('_ym_uid')).to.equal(true);
    expect(fetched(page).filter((f) => f.startsWith('consent')), 'a returning visit fetches only the core').to.deep.equal(['consent.min.js']);
    const reloaded = nextLoad(page);
    page.api.setCategories({ analytics: false, personalization: true, marketing: true });
    await reloaded;
    expect([hasCookie('_ym_uid'), hasCookie('_ga'), localStorage.getItem('_ym_uid')]).to.deep.equal([false, false, null]);
    expect(localStorage.getItem('site_theme')).to.equal('dark');
  });

  it('returning visit with reloadOnWithdraw: false: the page stays and the catalogue clears them when it arrives', async () => {
    storeDecision(['analytics', 'personalization', 'marketing']);
    const page = await open({ config: { reloadOnWithdraw: false } });
    await waitFor(() => page.win.__runs.includes('tags'), 3000, 'the analytics tags to run');
    page.api.setCategories({ analytics: false, personalization: true, marketing: true });
    await waitFor(() => !hasCookie('_ym_uid') && localStorage.getItem('_ym_uid') === null && !hasCookie('_ga'), 3000, 'the services\' cookies and key to go');
    expect(fetched(page)).to.include('consent-catalogue.min.js');
    expect(page.win.__runs).to.deep.equal(['tags']);
  });

  it('an unknown id logs the error listing the known ones; "autoblock" still warns that it needs the autoblock build', async () => {
    const page = await open({ attrs: { services: 'yandex-metrica yandex-metrika', autoblock: 'true' } });
    await waitFor(() => page.consoleMessages('error').length, 5000, 'the error');
    const errors = page.consoleMessages('error');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('Unknown service "yandex-metrika"').and.contain('known: yandex-metrica');
    expect(page.consoleMessages('warn')).to.deep.include('[IntegrusConsent] "autoblock" needs consent.autoblock.min.js; consent.min.js ignores it.');
    // The audit sees the services the site named.
    expect((await page.api.audit!()).decision.services).to.deep.equal(['yandex-metrica']);
  });
});
