/**
 * Failure must fail closed: strict CSP, Trusted Types, odd load orders, many elements, racing
 * decisions and two tabs. Each test asserts the safe outcome on a real page with the built drop-in.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, consentCookie, openPage, settle, waitFor } from '../helpers/page.js';

const REV = '7';
const attrs = { revision: REV };
const config = { bots: false };

describe('hardening', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('strict CSP (nonce, no unsafe-inline): gated inline scripts carrying the nonce run only after consent', async () => {
    const nonce = 'r4nd0mN0nce';
    const page = await openPage({
      attrs,
      config,
      nonce,
      csp: `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self'; connect-src 'self'`,
      body: `<script type="text/plain" data-consent="analytics" nonce="${nonce}">window.__runs.push('with-nonce')</script>
        <script type="text/plain" data-consent="analytics">window.__runs.push('without-nonce')</script>
        <script type="text/plain" data-consent="analytics" src="/__script?name=external"></script>`,
    });
    // The banner renders fully styled without 'unsafe-inline' (constructable stylesheets).
    const banner = await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('[data-action="reject-all"]'), 3000, 'the banner');
    expect(page.win.getComputedStyle(page.doc.querySelector('integrus-consent-banner')!).position).to.equal('fixed');
    expect((banner as HTMLElement).getBoundingClientRect().height).to.be.above(30);
    expect(page.win.getComputedStyle(banner).cursor).to.equal('pointer');
    expect(page.win.__runs).to.deep.equal([]);
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the allowed scripts');
    await settle(200);
    expect(page.win.__runs).to.deep.equal(['with-nonce', 'src:external'], 'CSP still blocks the inline script without the nonce');
  });

  it('Trusted Types enforced: the engine uses its named policy and gated scripts run after consent', async () => {
    const nonce = 'tt';
    const page = await openPage({
      attrs,
      config,
      nonce,
      csp: `script-src 'self' 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types integrus-consent lit-html`,
      body: `<script type="text/plain" data-consent="analytics" nonce="${nonce}">window.__runs.push('inline')</script>
        <script type="text/plain" data-consent="analytics" src="/__script?name=external"></script>`,
    });
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 2, 3000, 'both gated scripts');
    expect(page.win.__runs).to.deep.equal(['inline', 'src:external']);
    expect(page.consoleMessages('error').join()).not.to.contain('Trusted');
  });

  it('loaded after DOMContentLoaded (injected late): one instance, gates work', async () => {
    const page = await openPage({
      noDropIn: true,
      config,
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('late-page')</script>
        <script>window.addEventListener('load', function () {
          var s = document.createElement('script'); s.src = '/dist/browser/consent.min.js'; s.dataset.revision = '${REV}';
          document.head.append(s);
        });</script>`,
    });
    await waitFor(() => page.win.IntegrusConsent, 3000, 'the late drop-in');
    expect(page.api.config.revision).to.equal(REV, 'found its own script tag and attributes');
    expect(page.events('consent:ready')).to.have.length(1);
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.includes('late-page'), 3000, 'the gated script');
  });

  it('thousands of gated elements: all held back, all activated once on grant', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => `<script type="text/plain" data-consent="analytics">window.__runs.push(${i})</script><img data-consent="marketing" data-src="/__script?name=i${i % 3}" alt="">`).join('');
    const page = await openPage({ attrs, config, body: many });
    await settle(200);
    expect(page.win.__runs).to.have.length(0);
    expect(page.doc.querySelectorAll('img[src]')).to.have.length(0);
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 1500, 10000, 'all scripts');
    expect(page.win.__runs.slice(0, 5)).to.deep.equal([0, 1, 2, 3, 4], 'in document order');
    expect(page.doc.querySelectorAll('img[src]')).to.have.length(1500);
    await settle(200);
    expect(page.win.__runs).to.have.length(1500);
  });

  it('two decisions in one tick: the later one wins and nothing of the earlier runs', async () => {
    const page = await openPage({
      attrs,
      config,
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('analytics')</script>`,
    });
    page.api.acceptAll();
    page.api.rejectAll();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(JSON.parse(consentCookie()!).method).to.equal('reject-all');
    expect(page.events('consent:change').map((e) => e.detail.method)).to.deep.equal(['accept-all', 'reject-all']);
  });

  it('two tabs: the later decision wins and the other tab adopts it at its next read', async () => {
    const body = `<script type="text/plain" data-consent="analytics">window.__runs.push('analytics'); document.cookie = '_ga=1; path=/';</script>`;
    const a = await openPage({ attrs, config, body });
    const b = await openPage({ attrs, config, body });
    a.api.acceptAll();
    await waitFor(() => a.win.__runs.length === 1, 3000, 'tab A to run analytics');
    expect(b.win.__runs).to.deep.equal([]);
    // Tab B reads: it learns of A's decision, activates its gates and tells its listeners.
    expect(b.api.isGranted('analytics')).to.equal(true);
    await waitFor(() => b.win.__runs.length === 1, 3000, 'tab B to run analytics');
    expect(b.events('consent:change')).to.have.length(1);
    // Tab B withdraws later; tab A follows on its next read.
    b.api.rejectAll();
    expect(a.api.getState().method).to.equal('reject-all');
    expect(a.events('consent:change').at(-1)!.detail.changed).to.deep.equal(['analytics', 'personalization', 'marketing']);
    expect(document.cookie).not.to.contain('_ga=');
  });

  it('a reset in another tab withdraws consent in this one', async () => {
    const a = await openPage({ attrs, config });
    const b = await openPage({ attrs, config });
    a.api.acceptAll();
    expect(b.api.getState().decided).to.equal(true);
    // Tabs run in separate tasks; a tab reads the cookie store at most once per task.
    await settle(0);
    a.api.reset();
    expect(b.api.getState().decided).to.equal(false);
    expect(b.api.isGranted('analytics')).to.equal(false);
  });

  it('inside a sandboxed iframe (opaque origin, document.cookie throws): no crash, nothing granted, a warning', async () => {
    const inner = encodeURIComponent(`<!doctype html><html><head>
      <script>window.__out = []; ['warn', 'error'].forEach(function (k) { var o = console[k]; console[k] = function () { window.__out.push(k + ': ' + Array.prototype.join.call(arguments, ' ')); o.apply(console, arguments); }; });
      window.onerror = function (m) { window.__out.push('pageerror: ' + m); };
      window.IntegrusConsentConfig = { bots: false };</script>
      <script src="${location.origin}/dist/browser/consent.min.js" data-revision="7"></script></head>
      <body><script type="text/plain" data-consent="analytics">window.__out.push('ran')</script>
      <script>setTimeout(function () {
        var api = window.IntegrusConsent;
        var before = api.getState().decided + ',' + api.isGranted('analytics');
        api.setCategories({ analytics: true });
        setTimeout(function () { parent.postMessage({ before: before, after: api.isGranted('analytics'), out: window.__out }, '*'); }, 200);
      }, 100);</script></body></html>`);
    const page = await openPage({ noDropIn: true, body: '' });
    const message = new Promise<{ before: string; after: boolean; out: string[] }>((resolve) =>
      page.win.addEventListener('message', (e) => resolve(e.data), { once: true }));
    const frame = page.doc.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = `/__page?html=${inner}`;
    page.doc.body.append(frame);
    const result = await message;
    expect(result.before).to.equal('false,false', 'no decision and nothing granted on load');
    expect(result.out.filter((m) => m.startsWith('pageerror'))).to.deep.equal([]);
    // An opaque origin fetches the drop-in's ES modules only with CORS (docs/contract.md §1), which this
    // server does not send: without the words, each message still prints its code and why.
    expect(result.out.join('\n')).to.match(/warn: \[IntegrusConsent\] unreadableCookies .*consent-messages\.min\.js/);
    // The visitor's explicit choice still holds for the page (and is said to be page-only).
    expect(result.after).to.equal(true);
    expect(result.out).to.include('ran');
    expect(result.out.join('\n')).to.match(/warn: \[IntegrusConsent\] blockedCookies .*consent-messages\.min\.js/);
  });

  it('a decision made by the site before the UI finished loading wins: no banner appears', async () => {
    const page = await openPage({
      attrs,
      config,
      head: `<script>document.addEventListener('consent:ready', function () { window.IntegrusConsent.rejectAll(); });</script>`,
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('analytics')</script>`,
    });
    await settle(500);
    expect(page.api.getState().method).to.equal('reject-all');
    expect(page.events('consent:show')).to.deep.equal([]);
    const banner = page.doc.querySelector('integrus-consent-banner');
    expect(banner === null || !banner.shadowRoot?.querySelector('[data-action="accept-all"]')?.getClientRects().length).to.equal(true);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('a page that already defined <integrus-consent-banner>: one clear error, no crash, nothing granted', async () => {
    const page = await openPage({
      attrs,
      config,
      head: `<script>customElements.define('integrus-consent-banner', class extends HTMLElement {});</script>`,
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('analytics')</script>`,
    });
    await waitFor(() => page.consoleMessages('error').some((m) => m.includes('integrus-consent-banner')), 3000, 'the error');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    expect(page.api.getState().decided).to.equal(false);
    expect(page.win.__runs).to.deep.equal([]);
    // The preferences still work, so the visitor can decide.
    await page.api.showPreferences();
    const dialog = page.doc.querySelector('integrus-consent-preferences')!.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
  });

  it('a withdrawal in another tab is seen before this tab activates anything new', async () => {
    const a = await openPage({ attrs, config });
    const b = await openPage({ attrs, config });
    a.api.acceptAll();
    expect(b.api.isGranted('analytics')).to.equal(true);
    await settle(0);
    a.api.rejectAll();
    // Tab B's own code adds a gated tag without asking first.
    const tag = b.doc.createElement('script');
    tag.type = 'text/plain';
    tag.dataset.consent = 'analytics';
    tag.text = "window.__runs.push('late-analytics')";
    b.doc.body.append(tag);
    await settle(200);
    expect(b.win.__runs).to.deep.equal([]);
    expect(b.api.getState().method).to.equal('reject-all');
  });

  it('a reset in another tab brings the banner back in this one', async () => {
    const a = await openPage({ attrs, config });
    const b = await openPage({ attrs, config });
    a.api.acceptAll();
    await settle(0);
    expect(b.api.getState().decided).to.equal(true);
    await settle(0);
    a.api.reset();
    expect(b.api.getState().decided).to.equal(false);
    await waitFor(() => b.events('consent:show').length > 0, 3000, 'the banner in tab B');
  });

  it('a gated inline script that arrives in two network chunks runs whole, once', async () => {
    storeDecisionFor(['analytics', 'personalization', 'marketing']);
    const page = await openPage({
      attrs,
      config,
      defer: false,
      body: `<p>before</p><script type="text/plain" data-consent="analytics">window.__runs.push('part1');<!--PAUSE-->window.__runs.push('part2');</script><p>after</p>`,
    });
    await waitFor(() => page.win.__runs.length >= 2, 3000, 'the whole script');
    await settle(100);
    expect(page.win.__runs).to.deep.equal(['part1', 'part2']);
  });

  it('Trusted Types enforced without the integrus-consent policy: nothing runs, a warning, no page error', async () => {
    const nonce = 'tt2';
    const page = await openPage({
      attrs,
      config,
      nonce,
      csp: `script-src 'self' 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types lit-html`,
      body: `<script type="text/plain" data-consent="analytics" nonce="${nonce}">window.__runs.push('inline')</script>`,
    });
    page.api.acceptAll();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    await page.consoleMessage('warn', 'Trusted Types policy "integrus-consent"');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
  });

  it('a config object whose getters throw: one error, the defaults, the banner still shows', async () => {
    const page = await openPage({
      attrs,
      configScript: `window.IntegrusConsentConfig = { bots: false, cookie: { get name() { throw new Error('hostile'); } } };`,
    });
    await page.consoleMessage('error', 'could not be read');
    expect(page.api.config.cookie.name).to.equal('integrus_consent');
    await waitFor(() => page.events('consent:show').length > 0, 3000, 'the banner');
  });

  it('a category cookie pattern of "*" is refused: it would delete the site\'s own cookies', async () => {
    document.cookie = 'site_session=keep; path=/';
    const page = await openPage({ attrs, config: { bots: false, categories: [{ name: 'marketing', cookies: ['*'] }] } });
    await page.consoleMessage('error', 'categories[marketing].cookies');
    page.api.rejectAll();
    expect(document.cookie).to.contain('site_session=keep');
    expect(consentCookie()).to.be.a('string', 'the decision itself is never cleared');
  });
});

/** A valid stored decision for revision 7 granting `granted`. */
function storeDecisionFor(granted: string[]): void {
  const all = ['analytics', 'personalization', 'marketing'];
  const value = JSON.stringify({
    v: 1, id: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f', rev: REV, ts: new Date(Date.now() - 60_000).toISOString(),
    granted: ['necessary', ...granted], denied: all.filter((c) => !granted.includes(c)), method: granted.length === 3 ? 'accept-all' : 'custom',
  });
  document.cookie = `integrus_consent=${encodeURIComponent(value)}; path=/`;
}
