/**
 * Broken configuration and odd pages: a clear message, the defaults, and the page keeps working.
 * The built drop-in (`dist/browser/consent.min.js`) on real pages: real cookies, real script execution,
 * real reloads. Each test opens its own page; cookies are cleared between tests.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, consentCookie, settle, waitFor } from '../helpers/page.js';
import { storeDecision, visit } from '../helpers/drop-in.js';

describe('drop-in: configuration errors and odd pages', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('a bad attribute logs one clear error, uses the default and the page keeps working', async () => {
    const page = await visit({ attrs: { layout: 'diagonal', policyUrl: 'javascript:alert(document.cookie)' } });
    const errors = await page.consoleMessage('error', '"policyUrl"');
    expect(errors.filter((e) => e.includes('"layout"'))).to.have.length(1);
    expect(errors.find((e) => e.includes('"layout"'))).to.contain('"diagonal"');
    expect(errors.filter((e) => e.includes('"policyUrl"'))).to.have.length(1);
    expect(page.api.config.layout).to.equal('bar');
    expect(page.api.config.policyUrl).to.equal('/privacy');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    expect(page.api.getState().decided).to.equal(false);
  });

  it('no operator on a host other than integrus.ru (this one): the layers name no one, and one warning says so', async () => {
    expect(location.hostname).not.to.match(/(^|\.)integrus\.ru$/);
    const page = await visit();
    await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.open, 3000, 'the banner');
    const banner = page.doc.querySelector('integrus-consent-banner')!;
    (banner.shadowRoot!.querySelector('[part="more"]') as HTMLElement).click();
    await page.api.showPreferences();
    const preferences = page.doc.querySelector('integrus-consent-preferences')!;
    const seen = `${banner.shadowRoot!.textContent} ${preferences.shadowRoot!.textContent}`.replace(/\s+/g, ' ');
    expect(seen).to.contain('Оператор сайта автоматически получает cookie');
    expect(seen).not.to.match(/ИНТЕГРУС|integrus\.ru/i);
    const warnings = page.consoleMessages('warn').filter((m) => m.includes('"operator"'));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(location.hostname).and.contain('Set operator:');
  });

  it('a config object that is not an object is reported and ignored', async () => {
    const page = await visit({ configScript: 'window.IntegrusConsentConfig = "analytics=yes";' });
    await page.consoleMessage('error', 'IntegrusConsentConfig must be a plain object');
    expect(page.api.getState().decided).to.equal(false);
  });

  it('a cookie domain that does not cover the host falls back to host only', async () => {
    const page = await visit({ attrs: { cookieDomain: '.integrus.ru' } });
    await page.consoleMessage('error', 'does not cover this host');
    page.api.acceptAll();
    expect(consentCookie()).to.be.a('string');
  });

  it('included twice: one instance, one warning, scripts run once', async () => {
    const page = await visit({ head: '<script src="/dist/browser/consent.min.js" defer></script>' });
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    await settle(200);
    expect(page.win.__runs).to.have.length(3);
    expect(page.events('consent:ready')).to.have.length(1);
    await page.consoleMessage('warn', 'included twice');
  });

  it('loaded in <head> without defer: gates parsed later in the body are still handled', async () => {
    storeDecision(['analytics']);
    const page = await visit({ defer: false });
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the analytics scripts');
    expect(page.win.__runs).to.deep.equal(['src:metrika', 'inline:analytics']);
  });

  it('with cookies blocked: the decision holds for the page, events fire, a warning explains', async () => {
    const page = await visit({
      head: `<script>Object.defineProperty(document, 'cookie', { get() { throw new DOMException('blocked', 'SecurityError'); }, set() { throw new DOMException('blocked', 'SecurityError'); } });</script>`,
    });
    expect(page.api.getState().decided).to.equal(false);
    page.api.setCategories({ analytics: true });
    expect(page.api.getState().categories.analytics).to.equal(true);
    await waitFor(() => page.win.__runs.includes('inline:analytics'), 3000, 'the analytics script');
    expect(page.events('consent:change')).to.have.length(1);
    await page.consoleMessage('warn', 'Cookies are blocked');
    expect(page.consoleMessages('pageerror').filter((m) => !m.includes('blocked'))).to.deep.equal([]);
  });

  it('bots (user agent list) get no grant even with a stored decision, and cannot decide', async () => {
    storeDecision(['analytics', 'marketing']);
    const page = await visit({ config: { bots: ['Chrome/'] } });
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect(page.api.getState().decided).to.equal(false);
    expect(page.events('consent:show')).to.deep.equal([], 'no banner');
    document.cookie = 'integrus_consent=; max-age=0; path=/';
    const state = page.api.acceptAll();
    expect(state.decided).to.equal(false);
    expect(state.granted).to.deep.equal(['necessary']);
    expect(consentCookie()).to.equal(undefined);
    expect(page.events('consent:change')).to.deep.equal([]);
    await settle(200);
    expect(page.win.__runs).to.deep.equal([]);
  });
});
