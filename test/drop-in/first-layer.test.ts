/**
 * The first layer paints before i18next has arrived (issue 17): i18next comes with the second part
 * (`consent-ui-details.min.js`), which these tests hold back on the test server (`/__hold`) to see
 * what a visitor gets in the meantime, on real pages with the built drop-in. The site's own texts are
 * on the very first render, a click on «Настроить» is never lost, and once i18next is there it takes
 * over every text and every language switch. The second part is fetched on idle but run only on
 * intent to customise or on need.
 */
import { expect } from '@open-wc/testing';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { clearAllCookies, closePages, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';
import { visit as visitPage } from '../helpers/drop-in.js';

const DETAILS = 'consent-ui-details.min.js';
let visits = 0;
/** A page with the drop-in served from a fresh URL: its files come from the server, never the browser's cache. */
const visit: typeof visitPage = (extra = {}) => visitPage({ dist: `/__fresh/${Date.now()}-${++visits}/dist/browser`, ...extra });
const hold = (file: string): Promise<Response> => fetch(`/__hold?file=${file}`);
const release = (file: string): Promise<Response> => fetch(`/__release?file=${file}`);
/** How many requests for `file` the test server is holding now. */
const held = async (file: string): Promise<number> => Number(await (await fetch(`/__held?file=${file}`)).json());

/**
 * Installed before the drop-in: the banner's texts the first time its shadow root holds any text, as
 * the visitor's first frame shows them (a MutationObserver on the root from the moment it exists).
 */
const FIRST_TEXT = `<script>
window.__firstText = null;
(function () {
  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    var root = attach.call(this, init);
    if (this.localName === 'integrus-consent-banner') {
      new MutationObserver(function () {
        if (window.__firstText || !root.textContent.trim()) return;
        var text = function (s) { var e = root.querySelector(s); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null; };
        window.__firstText = { title: text('.title'), summary: text('.summary'), choose: text('[data-action="open-preferences"]') };
      }).observe(root, { childList: true, subtree: true, characterData: true });
    }
    return root;
  };
})();
</script>`;

interface BannerText {
  title: string | null;
  summary: string | null;
  choose: string | null;
}

const firstText = (page: TestPage): BannerText | null => (page.win as unknown as { __firstText: BannerText | null }).__firstText;

const banner = (page: TestPage): HTMLElementTagNameMap['integrus-consent-banner'] | null => page.doc.querySelector('integrus-consent-banner');

/** The banner's texts now. */
function bannerText(page: TestPage): BannerText {
  const root = banner(page)?.shadowRoot;
  const text = (selector: string): string | null => root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  return { title: text('.title'), summary: text('.summary'), choose: text('[data-action="open-preferences"]') };
}

const bannerOpen = (page: TestPage): Promise<boolean> => waitFor(() => banner(page)?.open === true && bannerText(page).title !== null, 5000, 'the banner');

/** Focus on «Настроить», as a keyboard user's Tab gives it: the intent that runs the second part. */
function intendToCustomise(page: TestPage): void {
  banner(page)?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="open-preferences"]')?.focus();
}

/** The second part's file, fetched to the end (its resource entry is there). */
const detailsFetched = (page: TestPage): Promise<boolean> =>
  waitFor(() => page.win.performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(`/${DETAILS}`)), 5000, 'the second part fetched');

/** The second part mounted: i18next has taken over the texts. */
const detailsMounted = (page: TestPage): Promise<Element> =>
  waitFor(() => page.doc.querySelector('integrus-consent-preferences'), 5000, 'the second part (i18next and the preferences)');

describe('first layer before i18next', () => {
  afterEach(async () => {
    await release(DETAILS);
    closePages();
    clearAllCookies();
  });

  it("shows the site's own title and summary on the banner's very first render, and i18next keeps them", async () => {
    await hold(DETAILS);
    const page = await visit({
      head: FIRST_TEXT,
      config: {
        bots: false,
        texts: { ru: { banner: { title: 'Наши cookie' }, 'banner.summary': 'Сайт {{operator}} использует cookie: {{purposes}}.' } },
      },
    });
    await bannerOpen(page);
    const first = firstText(page);
    expect(first?.title).to.equal('Наши cookie');
    expect(first?.summary).to.match(/^Сайт Оператор сайта использует cookie: аналитика.*\./);
    expect(first?.summary).not.to.include('{{');
    expect(first?.summary).not.to.include(ru.banner.summary.slice(0, 20));
    // Painted without the second part: i18next was still held back on the server.
    expect(page.doc.querySelector('integrus-consent-preferences')).to.equal(null);

    await release(DETAILS);
    intendToCustomise(page);
    await detailsMounted(page);
    await banner(page)?.updateComplete;
    expect(bannerText(page)).to.deep.equal(first);
    expect(page.consoleMessages('error')).to.deep.equal([]);
  });

  it('gives an English page the English first layer, from the English texts only', async () => {
    await hold(DETAILS);
    const page = await visit({ head: FIRST_TEXT, lang: 'en' });
    await bannerOpen(page);
    expect(firstText(page)?.title).to.equal(en.banner.title);
    expect(firstText(page)?.choose).to.equal(en.banner.choose);
    expect(firstText(page)?.summary).to.match(/^The site operator automatically collects cookies/);
    expect(banner(page)?.shadowRoot?.querySelector('[part="banner"]')?.getAttribute('lang')).to.equal('en');
    const files = page.win.performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(files.some((name) => name.endsWith('/consent-ui-en.min.js'))).to.equal(true);
    expect(files.some((name) => name.endsWith('/consent-ui-ru.min.js'))).to.equal(false);
    await release(DETAILS);
    intendToCustomise(page);
    await detailsMounted(page);
    await banner(page)?.updateComplete;
    expect(bannerText(page).title).to.equal(en.banner.title);
  });

  it('a click on «Настроить» before the second part has arrived opens the preferences once it does', async () => {
    await hold(DETAILS);
    const page = await visit();
    await bannerOpen(page);
    banner(page)?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="open-preferences"]')?.click();
    // The request for the second part is on the wire and held: the preferences cannot be there yet.
    await waitFor(async () => (await held(DETAILS)) >= 1, 5000, 'the held request for the second part');
    expect(page.doc.querySelector('integrus-consent-preferences')).to.equal(null);

    await release(DETAILS);
    const preferences = await waitFor(() => {
      const element = page.doc.querySelector('integrus-consent-preferences');
      return element?.open ? element : null;
    }, 5000, 'the preferences to open');
    await preferences.updateComplete;
    expect(preferences.shadowRoot?.textContent).to.include(ru.preferences.title);
    expect(page.events('consent:show').map((e) => e.detail.layer)).to.deep.equal(['banner', 'preferences']);
  });

  it('«Настроить» then «Принять» before the second part has arrived: the decision stands, no preferences open', async () => {
    await hold(DETAILS);
    const page = await visit();
    await bannerOpen(page);
    const button = (action: string): HTMLButtonElement | null | undefined => banner(page)?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
    button('open-preferences')?.click();
    await waitFor(async () => (await held(DETAILS)) >= 1, 5000, 'the held request for the second part');
    button('accept-all')?.click();
    expect(page.api.getState().decided).to.equal(true);
    await release(DETAILS);
    const preferences = await detailsMounted(page);
    await (preferences as HTMLElementTagNameMap['integrus-consent-preferences']).updateComplete;
    expect((preferences as HTMLElementTagNameMap['integrus-consent-preferences']).open).to.equal(false);
    expect(page.events('consent:show').map((e) => e.detail.layer)).to.deep.equal(['banner']);
  });

  it('fetches the second part on idle once the banner is painted, but runs it only on intent to customise', async () => {
    const page = await visit();
    await bannerOpen(page);
    await detailsFetched(page);
    // On the device, not run: no preferences defined or mounted, the first layer's texts still in use.
    await page.win.customElements.whenDefined('integrus-consent-banner');
    expect(page.win.customElements.get('integrus-consent-preferences')).to.equal(undefined);
    expect(page.doc.querySelector('integrus-consent-preferences')).to.equal(null);
    intendToCustomise(page);
    await detailsMounted(page);
    expect(page.win.customElements.get('integrus-consent-preferences')).not.to.equal(undefined);
    // Fetched once: the intent's import found the preloaded module.
    expect(page.win.performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith(`/${DETAILS}`))).to.have.length(1);
  });

  it('switches language through i18next once it has taken over', async () => {
    const page = await visit();
    await bannerOpen(page);
    intendToCustomise(page);
    await detailsMounted(page);
    expect(bannerText(page).title).to.equal(ru.banner.title);
    page.api.setLanguage('en');
    await waitFor(() => bannerText(page).title === en.banner.title, 5000, 'the English banner');
    expect(bannerText(page).choose).to.equal(en.banner.choose);
    page.api.setLanguage('ru');
    await waitFor(() => bannerText(page).title === ru.banner.title, 5000, 'the Russian banner again');
  });

  it('a language switch asked for before i18next has arrived happens once it has', async () => {
    await hold(DETAILS);
    const page = await visit();
    await bannerOpen(page);
    page.api.setLanguage('en');
    await waitFor(async () => (await held(DETAILS)) >= 1, 5000, 'the held request for the second part');
    expect(bannerText(page).title).to.equal(ru.banner.title);
    await release(DETAILS);
    await waitFor(() => bannerText(page).title === en.banner.title, 5000, 'the English banner');
    expect(banner(page)?.shadowRoot?.querySelector('[part="banner"]')?.getAttribute('lang')).to.equal('en');
  });
});
