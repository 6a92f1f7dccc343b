/**
 * What the built drop-in fetches, counted from the page's real requests (Resource Timing): a returning
 * visitor fetches no interface file whatever the page holds, and on a correctly configured page not
 * the console messages' words either; a first visit preloads the first part and one language's texts
 * at once, and the rest only when needed.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, openPage, settle, waitFor } from '../helpers/page.js';
import type { PageOptions, TestPage } from '../helpers/page.js';
import { storeDecision as storeDecisionFor } from '../helpers/drop-in.js';

const REV = 'first-contact';

/** Everything a page can hold that the gate handles, for analytics and for marketing. */
const PAGE_CONTENT = `
  <script type="text/plain" data-consent="analytics">window.__runs.push('inline:analytics')</script>
  <script type="text/plain" data-consent="marketing">window.__runs.push('inline:marketing')</script>
  <iframe id="video" data-consent="analytics" data-src="/__page?html=video" width="320" height="180"></iframe>
  <iframe id="ads" data-consent="marketing" data-src="/__page?html=ads" width="320" height="180"></iframe>
  <img id="pixel" data-consent="analytics" data-src="/favicon.ico" alt="">
  <a href="/settings" data-consent-open>Cookie settings</a>`;

/** A correctly configured page (a consent document too: without one the drop-in warns). */
const visit = (extra: PageOptions = {}): Promise<TestPage> =>
  openPage({ body: PAGE_CONTENT, ...extra, attrs: { revision: REV, consentUrl: '/consent', ...extra.attrs }, config: { bots: false, ...(extra.config as object) } });

/** A valid stored decision for this page's revision (the shared fixture's writer). */
const storeDecision = (granted: string[]): void =>
  storeDecisionFor(granted, { rev: REV, id: '0d9c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', ts: new Date(Date.now() - 60_000).toISOString() });

/** The library's lazily loaded files this page has requested, in order (`consent-ui.min.js`…). */
const lazyFiles = (page: TestPage): string[] =>
  page.win.performance
    .getEntriesByType('resource')
    .map((entry) => /\/dist\/browser\/(consent-[\w-]+\.min\.js)/.exec(entry.name)?.[1])
    .filter((file): file is string => file !== undefined && file !== 'consent.min.js');

/** Longer than the UI's idle prefetch may wait (1 s), so "not fetched" means never. */
const IDLE = 1500;

describe('first contact: what is fetched', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('a returning visitor who granted what the page holds fetches no interface file and, the configuration being valid, no messages', async () => {
    storeDecision(['analytics', 'marketing']);
    const page = await visit();
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the gated scripts');
    await settle(IDLE);
    expect(page.doc.getElementById('video')?.getAttribute('src')).to.equal('/__page?html=video');
    expect(page.doc.getElementById('pixel')?.getAttribute('src')).to.equal('/favicon.ico');
    expect(page.doc.querySelector('integrus-consent-placeholder, integrus-consent-banner')).to.equal(null);
    expect(lazyFiles(page)).to.deep.equal([]);
    expect(page.doc.querySelectorAll('link[rel="modulepreload"]')).to.have.length(0);
  });

  it('a returning visitor on a page with a broken option fetches the messages\' words, and the console reads as before', async () => {
    storeDecision(['analytics', 'marketing']);
    const page = await visit({ attrs: { theme: 'neon', consentUrl: '' } });
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the gated scripts');
    // Exactly the words the core printed itself before, in the order it said them.
    await page.consoleMessage('warn', 'No "consentUrl"');
    expect(page.win.__console.filter(([, m]) => m.startsWith('[IntegrusConsent]'))).to.deep.equal([
      ['error', '[IntegrusConsent] Invalid option "theme": "neon"; expected "auto", "light" or "dark". Using the default "auto".'],
      ['warn', '[IntegrusConsent] No "consentUrl": set data-consent-url to the separate consent document (152-FZ art. 9), or to "false" if there is none.'],
    ]);
    expect(page.api.config.theme, 'the fallback applied at once').to.equal('auto');
    expect(lazyFiles(page)).to.deep.equal(['consent-messages.min.js']);
  });

  it('a returning visitor who refused everything, on a page without embeds, fetches no interface file', async () => {
    storeDecision([]);
    const page = await visit({ body: PAGE_CONTENT.replace(/<iframe[^]*?<\/iframe>/g, '') });
    await settle(IDLE);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.doc.getElementById('pixel')?.hasAttribute('src')).to.equal(false);
    expect(lazyFiles(page)).to.deep.equal([]);
  });

  it('a placeholder appears only where a category is still denied, without the banner', async () => {
    storeDecision(['analytics']);
    const page = await visit();
    const ads = page.doc.getElementById('ads') as HTMLIFrameElement;
    await waitFor(() => ads.previousElementSibling?.localName === 'integrus-consent-placeholder', 3000, 'the placeholder');
    expect(page.doc.querySelectorAll('integrus-consent-placeholder')).to.have.length(1);
    expect(page.doc.getElementById('video')?.getAttribute('src')).to.equal('/__page?html=video');
    await settle(300);
    expect(page.doc.querySelector('integrus-consent-banner')?.open ?? false).to.equal(false);
    // The first part (for lit, i18next and the texts) and the second (the placeholder); no record module.
    expect(lazyFiles(page).sort()).to.deep.equal(['consent-ui-details.min.js', 'consent-ui-ru.min.js', 'consent-ui.min.js']);
  });

  it('a first visit preloads the first part and the page language\'s texts at once, and never the other language', async () => {
    const page = await visit({
      lang: 'en',
      defer: false,
      // Runs right after the drop-in, while the page is still parsing.
      head: '',
      body: `<script>window.__preloads = [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.href.split('/').pop());</script>${PAGE_CONTENT}`,
    });
    expect((page.win as unknown as { __preloads: string[] }).__preloads).to.deep.equal(['consent-ui.min.js', 'consent-ui-en.min.js']);
    await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.open, 3000, 'the banner');
    const banner = page.doc.querySelector('integrus-consent-banner') as HTMLElement;
    expect(banner.shadowRoot?.textContent).to.contain('Accept all');
    // The second part is fetched on idle, after the banner is painted (run on intent); Russian is never fetched.
    await waitFor(() => lazyFiles(page).includes('consent-ui-details.min.js'), 3000, 'the second part on idle');
    await settle(300);
    expect([...new Set(lazyFiles(page))].sort()).to.deep.equal(['consent-ui-details.min.js', 'consent-ui-en.min.js', 'consent-ui.min.js']);
    // setLanguage() fetches the other language, once.
    await page.api.setLanguage('ru');
    expect(banner.shadowRoot?.textContent).to.contain('Принять');
    expect(lazyFiles(page).filter((f) => f === 'consent-ui-ru.min.js')).to.have.length(1);
  });

  it('a first visit requests the interface before the configuration is validated, so the fetch overlaps that work', async () => {
    // A getter on an option the validation reads: it notes which preloads exist at that moment.
    const page = await visit({
      lang: 'en',
      configScript: `window.__atValidation = null; window.IntegrusConsentConfig = { bots: false, get policyUrl() {
        window.__atValidation ??= [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.href.split('/').pop());
        return '/privacy'; } };`,
    });
    expect((page.win as unknown as { __atValidation: string[] | null }).__atValidation).to.deep.equal(['consent-ui.min.js', 'consent-ui-en.min.js']);
    await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.open, 3000, 'the banner');
    // Requested once each: the core's own preload after validation adds nothing (the second part's,
    // on idle once the banner is painted, is another file).
    const preloads = [...page.doc.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => l.href.split('/').pop());
    expect(preloads.filter((file) => file !== 'consent-ui-details.min.js')).to.deep.equal(['consent-ui.min.js', 'consent-ui-en.min.js']);
  });

  it('Customise opens the preferences from the second part, and a decision is recorded through the record module', async () => {
    const bucket = `first-contact-${Date.now()}`;
    const page = await visit({ attrs: { logEndpoint: `/__log?bucket=${bucket}` } });
    await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.open, 3000, 'the banner');
    const banner = page.doc.querySelector('integrus-consent-banner') as HTMLElement;
    (banner.shadowRoot?.querySelector('[data-action="open-preferences"]') as HTMLElement).click();
    await waitFor(() => page.doc.querySelector('integrus-consent-preferences')?.open, 3000, 'the preferences');
    (page.doc.querySelector('integrus-consent-preferences')?.shadowRoot?.querySelector('[data-action="reject-all"]') as HTMLElement).click();
    const records = await waitFor(async () => {
      const list = (await (await fetch(`/__log?bucket=${bucket}`)).json()) as unknown[];
      return list.length ? list : null;
    }, 3000, 'the consent record');
    expect(records).to.have.length(1);
    expect(lazyFiles(page)).to.include('consent-record.min.js');
  });
});

describe('first contact: strict CSP with nonces', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('preloads and loads the interface with the drop-in\'s nonce, without a violation', async () => {
    const page = await visit({
      nonce: 'n0nce',
      csp: "default-src 'self'; script-src 'nonce-n0nce' 'strict-dynamic'; style-src 'self'; img-src 'self'; frame-src 'self'",
      head: `<script nonce="n0nce">window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));</script>`,
    });
    await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.open, 4000, 'the banner under the CSP');
    // The first part and its texts at once (the second part is imported at once for the page's
    // placeholder, so it needs no preload here), each with the drop-in's nonce.
    await waitFor(() => page.doc.querySelector('integrus-consent-placeholder'), 4000, 'the second part, for the placeholder');
    const links = [...page.doc.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
    expect(links.map((l) => l.href.split('/').pop()).slice(0, 2)).to.deep.equal(['consent-ui.min.js', 'consent-ui-ru.min.js']);
    expect(links.map((l) => l.nonce)).to.deep.equal(links.map(() => 'n0nce'));
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the nonce\'d gated scripts');
    expect((page.win as unknown as { __violations: string[] }).__violations).to.deep.equal([]);
  });
});
