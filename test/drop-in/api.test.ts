/**
 * `window.IntegrusConsent`: what a site's own code can call, and what it hears.
 * The built drop-in (`dist/browser/consent.min.js`) on real pages: real cookies, real script execution,
 * real reloads. Each test opens its own page; cookies are cleared between tests.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, consentCookie, settle, waitFor } from '../helpers/page.js';
import { REV, visit } from '../helpers/drop-in.js';

describe('drop-in: API', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('whenGranted resolves once the category is granted, at once if it already is, and rejects unknown names', async () => {
    const page = await visit();
    let resolved = false;
    const pending = page.api.whenGranted('analytics').then((s) => {
      resolved = true;
      return s;
    });
    await settle(50);
    expect(resolved).to.equal(false);
    page.api.setCategories({ marketing: true });
    await settle(50);
    expect(resolved).to.equal(false, 'granting another category does not resolve it');
    page.api.acceptAll();
    expect((await pending).categories.analytics).to.equal(true);
    expect((await page.api.whenGranted('necessary')).decided).to.equal(true);
    let error: unknown;
    await page.api.whenGranted('spying').catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('Unknown category "spying"');
  });

  it('on() delivers typed events and returns an unsubscribe function; late consent:ready listeners are still called', async () => {
    const page = await visit();
    const seen: string[] = [];
    const off = page.api.on('consent:change', (e) => seen.push(e.detail.method ?? 'none'));
    page.api.acceptAll();
    off();
    page.api.rejectAll();
    expect(seen).to.deep.equal(['accept-all']);
    const late = await new Promise<boolean>((resolve) => page.api.on('consent:ready', (e) => resolve(e.detail.revision === REV)));
    expect(late).to.equal(true);
  });

  it('site code cannot miss readiness: functions queued before the drop-in, in a later module script and in a later defer script all run with the API', async () => {
    // What README's recipe says: (window.IntegrusConsent = window.IntegrusConsent || []).push(fn).
    const queue = (name: string): string =>
      `(window.IntegrusConsent = window.IntegrusConsent || []).push(function (api) { window.__runs.push('${name}:' + api.version + ':' + api.getState().decided); });`;
    const page = await visit({
      head: `<script>${queue('before')} (window.IntegrusConsent = window.IntegrusConsent || []).push(function () { throw new Error('boom'); }, 42);</script>`,
      body: `<script type="module">${queue('module')} window.IntegrusConsent.ready.then(function () { window.__runs.push('module:ready'); });</script>
        <script defer src="data:text/javascript,${encodeURIComponent(queue('defer'))}"></script>`,
    });
    const version = page.api.version;
    await waitFor(() => page.win.__runs.length === 4, 3000, 'the four queued functions');
    expect(page.win.__runs).to.deep.equal([`before:${version}:false`, `module:${version}:false`, 'module:ready', `defer:${version}:false`]);
    // A bad entry or a throwing function is reported; the page and the other functions go on.
    const errors = await page.consoleMessage('error', 'queued on IntegrusConsent threw');
    expect(errors.some((m) => m.includes('push expects functions') && m.includes('42'))).to.equal(true);
    expect(errors.some((m) => m.includes('queued on IntegrusConsent threw') && m.includes('boom'))).to.equal(true);
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    // Pushed after readiness: runs at once (in a microtask).
    const later = await new Promise<boolean>((resolve) => page.api.push((api) => resolve(api === page.api)));
    expect(later).to.equal(true);
  });

  it('reset() forgets the decision, clears optional cookies and fires consent:change', async () => {
    const page = await visit();
    page.api.acceptAll();
    await waitFor(() => page.doc.cookie.includes('_ga='), 3000, 'the analytics cookie');
    const state = page.api.reset();
    expect(state.decided).to.equal(false);
    expect(consentCookie()).to.equal(undefined);
    expect(page.doc.cookie).not.to.contain('_ga=');
    expect(page.doc.cookie).not.to.contain('_fbp=');
    const change = page.events('consent:change').at(-1)!;
    expect(change.detail.decided).to.equal(false);
    expect(change.detail.changed).to.deep.equal(['analytics', 'personalization', 'marketing']);
  });

  it('each decision gets a new random id and timestamp; getState() returns a copy', async () => {
    const page = await visit();
    const a = page.api.acceptAll();
    const b = page.api.acceptAll();
    expect(a.consentId).to.not.equal(b.consentId);
    const copy = page.api.getState();
    copy.categories.analytics = false;
    copy.granted.push('hacked');
    expect(page.api.getState().categories.analytics).to.equal(true);
    expect(page.api.getState().granted).not.to.include('hacked');
    expect(page.api.isGranted('hacked')).to.equal(false);
  });

  it('showPreferences, hide, showBanner and setLanguage drive the layers and fire show/hide with the layer', async () => {
    const page = await visit();
    await waitFor(() => page.events('consent:show').length === 1, 3000, 'the banner');
    expect(page.events('consent:show')[0]!.detail).to.include({ layer: 'banner', decided: false, revision: REV });
    const banner = page.doc.querySelector('integrus-consent-banner')!;
    const accept = (): string => banner.shadowRoot!.querySelector('[data-action="accept-all"]')!.textContent!.trim();
    expect(accept()).to.equal('Принять');
    await page.api.setLanguage('en');
    expect(accept()).to.equal('Accept all');
    await page.api.showPreferences();
    const dialog = page.doc.querySelector('integrus-consent-preferences')!.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(page.events('consent:show').at(-1)!.detail.layer).to.equal('preferences');
    await page.api.hide();
    expect(dialog.open).to.equal(false);
    expect(page.events('consent:hide').map((e) => e.detail.layer).sort()).to.deep.equal(['banner', 'preferences']);
    expect(page.api.getState().decided).to.equal(false, 'hiding decides nothing');
    await page.api.showBanner();
    expect(page.events('consent:show').at(-1)!.detail.layer).to.equal('banner');
  });

  it('a data-consent-open link opens the preferences, in the page and inside a component\'s shadow root', async () => {
    const page = await visit({
      body: `<a id="light" href="/settings" data-consent-open>Cookie settings</a><footer-widget id="widget"></footer-widget>`,
    });
    const widget = page.doc.getElementById('widget')!;
    widget.attachShadow({ mode: 'open' }).innerHTML = '<a id="shadow" href="/settings" data-consent-open>Настройки cookie</a>';
    await waitFor(() => page.events('consent:show').length === 1, 3000, 'the banner');
    const dialogOpen = (): boolean =>
      page.doc.querySelector('integrus-consent-preferences')?.shadowRoot?.querySelector('dialog')?.open === true;
    (page.doc.getElementById('light') as HTMLAnchorElement).click();
    await waitFor(dialogOpen, 3000, 'the dialog, from the page link');
    // Closed and at once opened again: the late `close` event of the first must not close the second.
    await page.api.hide();
    expect(dialogOpen()).to.equal(false);
    (widget.shadowRoot!.getElementById('shadow') as HTMLAnchorElement).click();
    await waitFor(dialogOpen, 3000, 'the dialog, from the shadow link');
    await settle(100);
    expect(dialogOpen(), 'still open a moment later').to.equal(true);
    expect(page.win.location.pathname).to.equal('/__page', 'the links\' navigation is prevented');
  });

  it('exposes the resolved config and version', async () => {
    const page = await visit({ attrs: { policyUrl: '/privacy.html', layout: 'box' } });
    expect(page.api.config.policyUrl).to.equal('/privacy.html');
    expect(page.api.config.layout).to.equal('box');
    expect(page.api.version).to.match(/^\d+\.\d+\.\d+/);
  });
});
