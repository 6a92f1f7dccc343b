/**
 * The built drop-in (`dist/consent.min.js`) on real pages: real cookies, real script execution,
 * real reloads. Each test opens its own page; cookies are cleared between tests.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, consentCookie, openPage, settle, waitFor } from './helpers/page.js';
import type { PageOptions, TestPage } from './helpers/page.js';

const REV = '2025-09-01';
const GATED = `
  <script type="text/plain" data-consent="analytics" src="/__script?name=metrika&delay=150&cookie=_ym_uid"></script>
  <script type="text/plain" data-consent="analytics">window.__runs.push('inline:analytics'); document.cookie = '_ga=GA1.1.1.1; path=/';</script>
  <script type="text/plain" data-consent="marketing">window.__runs.push('inline:marketing'); document.cookie = '_fbp=fb.1; path=/';</script>`;

const visit = (extra: PageOptions = {}): Promise<TestPage> =>
  openPage({ body: GATED, ...extra, attrs: { revision: REV, ...extra.attrs }, config: { bots: false, ...(extra.config as object) } });

/** A valid stored decision written as the library writes it. */
function storeDecision(granted: string[], patch: Record<string, unknown> = {}): void {
  const all = ['analytics', 'personalization', 'marketing'];
  const value = JSON.stringify({
    v: 1,
    id: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f',
    rev: REV,
    ts: new Date(Date.now() - 3_600_000).toISOString(),
    granted: ['necessary', ...granted],
    denied: all.filter((c) => !granted.includes(c)),
    method: 'custom',
    ...patch,
  });
  document.cookie = `integrus_consent=${encodeURIComponent(value)}; path=/`;
}

describe('drop-in: first visit', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('runs nothing gated and writes no cookie before a decision', async () => {
    const page = await visit();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.doc.cookie).to.equal('');
    expect(page.api.getState()).to.include({ decided: false, revision: REV, consentId: null, timestamp: null, method: null });
    expect(page.api.getState().granted).to.deep.equal(['necessary']);
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect(page.api.isGranted('necessary')).to.equal(true);
  });

  it('fires consent:ready once with the undecided state', async () => {
    const page = await visit();
    const ready = page.events('consent:ready');
    expect(ready).to.have.length(1);
    expect(ready[0]!.detail).to.deep.equal({
      decided: false,
      categories: { necessary: true, analytics: false, personalization: false, marketing: false },
      granted: ['necessary'],
      denied: ['analytics', 'personalization', 'marketing'],
      revision: REV,
      consentId: null,
      timestamp: null,
      method: null,
    });
    expect(await page.api.ready).to.deep.equal(ready[0]!.detail);
  });

  it('accept all: runs the gated scripts once, in document order, and stores the decision', async () => {
    const page = await visit();
    const before = Date.now();
    const state = page.api.acceptAll();
    expect(state.method).to.equal('accept-all');
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    expect(page.win.__runs).to.deep.equal(['src:metrika', 'inline:analytics', 'inline:marketing']);
    const stored = JSON.parse(consentCookie()!);
    expect(Object.keys(stored)).to.deep.equal(['v', 'id', 'rev', 'ts', 'granted', 'denied', 'method']);
    expect(stored).to.deep.include({ v: 1, rev: REV, granted: ['necessary', 'analytics', 'personalization', 'marketing'], denied: [], method: 'accept-all' });
    expect(stored.id).to.equal(state.consentId);
    expect(Date.parse(stored.ts)).to.be.within(before - 1000, Date.now() + 1000);
    await settle(200);
    expect(page.win.__runs).to.have.length(3, 'each gated script runs once');
  });

  it('writes the cookie with path=/, SameSite=Lax, host only and 365 days (180 after reject all)', async () => {
    type CookieInfo = { path: string; sameSite: string; domain: string | null; secure: boolean; expires: number; value: string };
    const store = (globalThis as unknown as { cookieStore: { get(n: string): Promise<CookieInfo> } }).cookieStore;
    const page = await visit();
    page.api.acceptAll();
    let info = await store.get('integrus_consent');
    expect(info).to.include({ path: '/', sameSite: 'lax', domain: null, secure: false });
    expect((info.expires - Date.now()) / 86_400_000).to.be.within(364.9, 365.01);
    // The raw value is js-cookie's encoding; decodeURIComponent gives the JSON.
    expect(info.value).to.contain('%22v%22:1');
    expect(JSON.parse(decodeURIComponent(info.value)).method).to.equal('accept-all');
    page.api.rejectAll();
    info = await store.get('integrus_consent');
    expect((info.expires - Date.now()) / 86_400_000).to.be.within(179.9, 180.01);
  });

  it('reject all: nothing gated runs, no optional cookie, and the reload shows no banner and runs nothing', async () => {
    const page = await visit();
    const state = page.api.rejectAll();
    expect(state).to.include({ decided: true, method: 'reject-all' });
    expect(state.granted).to.deep.equal(['necessary']);
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.doc.cookie.split('; ').map((c) => c.split('=')[0])).to.deep.equal(['integrus_consent']);
    await page.reload();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.events('consent:ready')[0]!.detail).to.include({ decided: true, method: 'reject-all' });
    expect(page.events('consent:show')).to.deep.equal([]);
  });

  it('setCategories: grants the named categories, denies the unspecified ones', async () => {
    const page = await visit();
    const state = page.api.setCategories({ analytics: true });
    expect(state.categories).to.deep.equal({ necessary: true, analytics: true, personalization: false, marketing: false });
    expect(state.method).to.equal('custom');
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the analytics scripts');
    await settle(200);
    expect(page.win.__runs).to.deep.equal(['src:metrika', 'inline:analytics']);
    const change = page.events('consent:change');
    expect(change).to.have.length(1);
    expect(change[0]!.detail.changed).to.deep.equal(['analytics']);
    expect(change[0]!.detail.granted).to.deep.equal(['necessary', 'analytics']);
  });

  it('setCategories warns about unknown categories and refuses non-objects without deciding', async () => {
    const page = await visit();
    page.api.setCategories(null as unknown as Record<string, boolean>);
    expect(page.api.getState().decided).to.equal(false);
    expect(page.consoleMessages('error').join()).to.contain('setCategories expects an object');
    page.api.setCategories({ analytics: true, spying: true });
    expect(page.api.getState().granted).to.deep.equal(['necessary', 'analytics']);
    expect(page.consoleMessages('warn').join()).to.contain('unknown category "spying"');
  });
});

describe('drop-in: returning visit', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('activates granted gates at once from the stored decision, without any UI', async () => {
    storeDecision(['analytics']);
    const page = await visit();
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the analytics scripts');
    await settle(200);
    expect(page.win.__runs).to.deep.equal(['src:metrika', 'inline:analytics']);
    expect(page.events('consent:ready')[0]!.detail).to.include({ decided: true, consentId: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f' });
    expect(page.doc.querySelector('integrus-consent-banner, integrus-consent-preferences')).to.equal(null);
    expect(page.win.customElements.get('integrus-consent-banner')).to.equal(undefined, 'the UI was never loaded');
    const scripts = page.win.performance.getEntriesByType('resource').map((e) => e.name);
    expect(scripts.some((s) => s.includes('consent-ui'))).to.equal(false);
  });

  it('withdrawal clears the category cookies on host and parent domain and fires consent:change', async () => {
    storeDecision(['analytics', 'marketing']);
    const page = await visit();
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    expect(page.doc.cookie).to.contain('_ga=').and.to.contain('_ym_uid=').and.to.contain('_fbp=');
    page.doc.cookie = '_ga_ABC=1; path=/';
    page.doc.cookie = 'site_session=keep; path=/';
    page.api.setCategories({ marketing: true });
    const cookies = page.doc.cookie;
    expect(cookies).not.to.contain('_ga=');
    expect(cookies).not.to.contain('_ga_ABC=');
    expect(cookies).not.to.contain('_ym_uid=');
    expect(cookies).to.contain('_fbp=').and.to.contain('site_session=keep');
    const change = page.events('consent:change').at(-1)!;
    expect(change.detail.changed).to.deep.equal(['analytics']);
    expect(change.detail.denied).to.deep.equal(['analytics', 'personalization']);
  });

  it('a new data-revision voids the stored decision: nothing runs, the banner is asked for again', async () => {
    storeDecision(['analytics', 'marketing']);
    const page = await visit({ attrs: { revision: '2026-01-01' } });
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.api.getState()).to.include({ decided: false, revision: '2026-01-01' });
    expect(page.consoleMessages('warn').join()).not.to.contain('Stored decision ignored');
  });

  const tampered: Array<[string, string]> = [
    ['malformed JSON', encodeURIComponent('{"v":1,"granted":["necessary","analytics"')],
    ['broken percent-encoding', '%E0%A4%A'],
    ['a __proto__-laden object', encodeURIComponent('{"__proto__":{"decided":true},"v":1,"granted":["necessary","analytics","personalization","marketing"]}')],
    ['an oversized value', 'x'.repeat(3500)],
    ['a granted list with an unknown category', encodeURIComponent(JSON.stringify({ v: 1, id: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f', rev: REV, ts: new Date().toISOString(), granted: ['necessary', 'analytics', 'marketing', 'personalization', 'all'], denied: [], method: 'accept-all' }))],
    ['a plain "true"', 'true'],
  ];
  for (const [what, raw] of tampered) {
    it(`treats ${what} as no decision, without throwing`, async () => {
      document.cookie = `integrus_consent=${raw}; path=/`;
      const page = await visit();
      await settle(250);
      expect(page.win.__runs).to.deep.equal([]);
      expect(page.api.getState().decided).to.equal(false);
      expect(page.api.isGranted('analytics')).to.equal(false);
      expect(page.consoleMessages('pageerror')).to.deep.equal([]);
      expect(({} as Record<string, unknown>).decided).to.equal(undefined);
    });
  }

  it('treats a foreign revision as no decision', async () => {
    storeDecision(['analytics'], { rev: '2024-01-01' });
    const page = await visit();
    await settle(250);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.api.getState().decided).to.equal(false);
  });

  it('treats two consent cookies (two paths) as no decision', async () => {
    storeDecision(['analytics']);
    const value = document.cookie.split('; ').find((c) => c.startsWith('integrus_consent='))!.slice(17);
    document.cookie = `integrus_consent=${value}; path=/__page`;
    const page = await visit();
    await settle(250);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.consoleMessages('warn').join()).to.contain('Two "integrus_consent" cookies');
    page.doc.cookie = 'integrus_consent=; max-age=0; path=/__page';
  });
});

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
    expect(accept()).to.equal('Принять все');
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

  it('exposes the resolved config and version', async () => {
    const page = await visit({ attrs: { policyUrl: '/privacy.html', layout: 'box' } });
    expect(page.api.config.policyUrl).to.equal('/privacy.html');
    expect(page.api.config.layout).to.equal('box');
    expect(page.api.version).to.match(/^\d+\.\d+\.\d+/);
  });
});

describe('drop-in: configuration errors and odd pages', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('a bad attribute logs one clear error, uses the default and the page keeps working', async () => {
    const page = await visit({ attrs: { layout: 'diagonal', policyUrl: 'javascript:alert(document.cookie)' } });
    const errors = page.consoleMessages('error');
    expect(errors.filter((e) => e.includes('"layout"'))).to.have.length(1);
    expect(errors.find((e) => e.includes('"layout"'))).to.contain('"diagonal"');
    expect(errors.filter((e) => e.includes('"policyUrl"'))).to.have.length(1);
    expect(page.api.config.layout).to.equal('bar');
    expect(page.api.config.policyUrl).to.equal('/privacy');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    expect(page.api.getState().decided).to.equal(false);
  });

  it('a config object that is not an object is reported and ignored', async () => {
    const page = await visit({ configScript: 'window.IntegrusConsentConfig = "analytics=yes";' });
    expect(page.consoleMessages('error').join()).to.contain('IntegrusConsentConfig must be a plain object');
    expect(page.api.getState().decided).to.equal(false);
  });

  it('a cookie domain that does not cover the host falls back to host only', async () => {
    const page = await visit({ attrs: { cookieDomain: '.integrus.ru' } });
    expect(page.consoleMessages('error').join()).to.contain('does not cover this host');
    page.api.acceptAll();
    expect(consentCookie()).to.be.a('string');
  });

  it('included twice: one instance, one warning, scripts run once', async () => {
    const page = await visit({ head: '<script src="/dist/consent.min.js" defer></script>' });
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    await settle(200);
    expect(page.win.__runs).to.have.length(3);
    expect(page.events('consent:ready')).to.have.length(1);
    expect(page.consoleMessages('warn').join()).to.contain('included twice');
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
    expect(page.consoleMessages('warn').join()).to.contain('Cookies are blocked');
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

describe('drop-in: signals', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('Google Consent Mode: default before any other dataLayer entry, one update per decision', async () => {
    const page = await visit({
      attrs: { googleConsentMode: 'true' },
      body: `<script type="text/plain" data-consent="analytics">dataLayer.push({ event: 'gated-tag' });</script>`,
    });
    const dl = (): unknown[] => JSON.parse(JSON.stringify((page.win as unknown as { dataLayer: unknown[] }).dataLayer));
    expect(dl()).to.deep.equal([
      { 0: 'consent', 1: 'default', 2: { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', personalization_storage: 'denied', functionality_storage: 'denied', security_storage: 'granted', wait_for_update: 500 } },
    ]);
    page.api.setCategories({ analytics: true });
    await waitFor(() => dl().length === 3, 2000, 'the gated tag');
    expect(dl()[1]).to.deep.equal({ 0: 'consent', 1: 'update', 2: { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', personalization_storage: 'denied', functionality_storage: 'denied' } });
    expect(dl()[2]).to.deep.equal({ event: 'gated-tag' });
  });

  it('Google Consent Mode tells Google tags a returning visitor\'s stored decision before they run', async () => {
    storeDecision(['analytics']);
    const page = await visit({
      attrs: { googleConsentMode: 'true' },
      body: `<script type="text/plain" data-consent="analytics">dataLayer.push({ event: 'gated-tag' });</script>`,
    });
    const dl = (): Array<Record<string, unknown>> => JSON.parse(JSON.stringify((page.win as unknown as { dataLayer: unknown[] }).dataLayer));
    await waitFor(() => dl().length === 3, 2000, 'the gated tag');
    expect(dl().map((e) => e[1] ?? e.event)).to.deep.equal(['default', 'update', 'gated-tag']);
    expect(dl()[1]![2]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });
  });

  it('Google Consent Mode uses the page gtag when it defined one first', async () => {
    const page = await visit({
      attrs: { googleConsentMode: 'true' },
      head: `<script>window.dataLayer = [{ early: 1 }]; window.gtag = function () { window.__gtagCalls = (window.__gtagCalls || 0) + 1; dataLayer.push(arguments); };</script>`,
    });
    const win = page.win as unknown as { dataLayer: unknown[]; __gtagCalls: number };
    expect(win.__gtagCalls).to.equal(1);
    expect(JSON.parse(JSON.stringify(win.dataLayer[1]))[1]).to.equal('default');
  });

  it('Yandex Metrica: withdrawing analytics sets disableYaCounter<ID> for each counter', async () => {
    storeDecision(['analytics']);
    const page = await visit({ config: { bots: false, yandexMetricaIds: [12345678, '87654321'] } });
    const win = page.win as unknown as Record<string, unknown>;
    expect(win.disableYaCounter12345678).to.equal(undefined);
    page.api.rejectAll();
    expect(win.disableYaCounter12345678).to.equal(true);
    expect(win.disableYaCounter87654321).to.equal(true);
  });

  it('GPC: accept all leaves marketing denied; the rest is granted', async () => {
    const page = await visit({
      head: `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });</script>`,
    });
    const state = page.api.acceptAll();
    expect(state.categories).to.deep.equal({ necessary: true, analytics: true, personalization: true, marketing: false });
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the analytics scripts');
    await settle(150);
    expect(page.win.__runs).not.to.include('inline:marketing');
  });

  it('consent records: exactly one record per decision, none before, with the SPEC fields', async () => {
    const bucket = `b${Math.random().toString(36).slice(2)}`;
    const page = await visit({ attrs: { logEndpoint: `/__log?bucket=${bucket}`, consentUrl: '/consent.html' } });
    const fetchLog = async (): Promise<Array<{ contentType: string; body: string }>> => (await fetch(`/__log?bucket=${bucket}`)).json();
    await settle(200);
    expect(await fetchLog()).to.deep.equal([]);
    const state = page.api.setCategories({ analytics: true });
    await waitFor(async () => (await fetchLog()).length === 1, 3000, 'one record');
    await settle(200);
    const log = await fetchLog();
    expect(log).to.have.length(1);
    expect(log[0]!.contentType).to.contain('application/json');
    const record = JSON.parse(log[0]!.body);
    expect(Object.keys(record).sort()).to.deep.equal(['consentUrl', 'denied', 'granted', 'id', 'lang', 'method', 'pageUrl', 'policyUrl', 'rev', 'source', 'ts', 'userAgent']);
    expect(record).to.deep.include({ id: state.consentId, ts: state.timestamp, rev: REV, granted: ['necessary', 'analytics'], method: 'custom', source: 'user', policyUrl: '/privacy', consentUrl: '/consent.html', lang: 'ru' });
    expect(record.pageUrl).to.match(/\/__page$/, 'no query or fragment: they may carry tokens');
    page.api.rejectAll();
    await waitFor(async () => (await fetchLog()).length === 2, 3000, 'a second record');
    // Forgetting the decision withdraws consent: recorded too, with a new id.
    page.api.reset();
    await waitFor(async () => (await fetchLog()).length === 3, 3000, 'the reset record');
    const reset = JSON.parse((await fetchLog())[2]!.body);
    expect(reset).to.deep.include({ method: 'reset', granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'], rev: REV });
    expect(reset.id).to.not.equal(state.consentId);
  });
});
