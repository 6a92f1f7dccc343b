/**
 * Hostile pages and cookie edge cases (issue 11): whatever the page has done before or after the
 * drop-in loaded, "Reject all" never grants, a void decision leaves no optional cookie behind, and
 * the visitor can always go on. Real pages with the built drop-in, real clicks on the real banner and
 * dialog, real cookies and real gated scripts.
 */
import { expect } from '@open-wc/testing';
import { readConsentCookie } from '../../src/server.js';
import { clearAllCookies, closePages, consentCookie, openPage, settle, waitFor } from '../helpers/page.js';
import type { PageOptions, TestPage } from '../helpers/page.js';

const REV = 'hostile-1';
const GATED = `
  <script type="text/plain" data-consent="analytics">window.__runs.push('analytics'); document.cookie = '_ga=GA1.1.1.1; path=/';</script>
  <script type="text/plain" data-consent="marketing">window.__runs.push('marketing'); document.cookie = '_fbp=fb.1; path=/';</script>
  <script type="text/plain" data-consent="analytics marketing">window.__runs.push('both');</script>`;

const visit = (extra: PageOptions = {}): Promise<TestPage> =>
  openPage({ body: GATED, ...extra, attrs: { revision: REV, ...extra.attrs }, config: { bots: false, ...(extra.config as object) } });

/** A control inside one of the UI's shadow roots, once it is there. */
function control(page: TestPage, tag: string, selector: string): Promise<HTMLElement> {
  return waitFor(() => page.doc.querySelector(tag)?.shadowRoot?.querySelector<HTMLElement>(selector), 4000, `${selector} in <${tag}>`);
}
const bannerButton = (page: TestPage, action: string): Promise<HTMLElement> =>
  control(page, 'integrus-consent-banner', `[data-action="${action}"]`);
const dialogButton = (page: TestPage, action: string): Promise<HTMLElement> =>
  control(page, 'integrus-consent-preferences', `dialog[open] [data-action="${action}"]`);
const dialogSwitch = (page: TestPage, name: string): Promise<HTMLInputElement> =>
  control(page, 'integrus-consent-preferences', `dialog[open] input[name="${name}"]`) as Promise<HTMLInputElement>;

/** Runs `code` as a script of the page itself (its own realm: its JSON, its crypto, its Object.prototype). */
const inPage = (page: TestPage, code: string): unknown => (page.win as unknown as { eval(code: string): unknown }).eval(code);

/** The stored decision as the site's server reads it. */
const serverView = (page: TestPage): ReturnType<typeof readConsentCookie> => readConsentCookie(page.doc.cookie, { revision: REV, categories: ['analytics', 'personalization', 'marketing'] });

/** Page scripts run before the drop-in: pollute `Object.prototype` with the keys the issue names. */
const POLLUTE = `<script>
  Object.prototype.analytics = true; Object.prototype.marketing = true; Object.prototype.personalization = true;
  Object.prototype.necessary = false; Object.prototype.granted = true; Object.prototype[0] = 'polluted';
</script>`;

// Every test opens its own page and may leave cookies: both go after each one (this file's root hook).
afterEach(() => {
  closePages();
  clearAllCookies();
});

describe('hostile page: a polluted Object.prototype never turns a refusal into a grant', () => {
  it('a real click on "Reject all" grants nothing, runs nothing and stores a refusal', async () => {
    const page = await visit({ head: POLLUTE });
    (await bannerButton(page, 'reject-all')).click();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect(page.api.getState()).to.deep.include({ decided: true, granted: ['necessary'], method: 'reject-all' });
    expect(JSON.parse(consentCookie()!)).to.deep.include({ granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'] });
    expect(serverView(page)?.granted).to.deep.equal(['necessary']);
    expect(page.doc.cookie).not.to.match(/_ga=|_fbp=/);
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    await page.reload();
    await settle(300);
    expect(page.win.__runs).to.deep.equal([], 'the reload runs nothing either');
    expect(page.api.getState().method).to.equal('reject-all');
  });

  it('the dialog: switches start off, turning on marketing alone grants marketing alone', async () => {
    const page = await visit({ head: POLLUTE });
    (await bannerButton(page, 'open-preferences')).click();
    for (const name of ['analytics', 'personalization', 'marketing']) expect((await dialogSwitch(page, name)).checked, name).to.equal(false);
    (await dialogSwitch(page, 'marketing')).click();
    (await dialogButton(page, 'save')).click();
    await waitFor(() => page.win.__runs.includes('marketing'), 3000, 'the marketing script');
    await settle(200);
    expect(page.win.__runs).to.deep.equal(['marketing']);
    expect(page.api.getState().granted).to.deep.equal(['necessary', 'marketing']);
    expect(serverView(page)?.granted).to.deep.equal(['necessary', 'marketing']);
  });

  it('the dialog\'s "Reject all" and the API entry points only grant what was asked', async () => {
    // The page stays after withdrawing marketing (no reload), so its runs can be read at the end.
    const page = await visit({ head: POLLUTE, config: { reloadOnWithdraw: false } });
    (await bannerButton(page, 'open-preferences')).click();
    (await dialogButton(page, 'reject-all')).click();
    await settle(200);
    expect(page.api.getState().granted).to.deep.equal(['necessary']);

    expect(page.api.setCategories({ marketing: true }).granted).to.deep.equal(['necessary', 'marketing']);
    expect(page.api.isGranted('analytics')).to.equal(false);
    await waitFor(() => page.win.__runs.includes('marketing'), 3000, 'the marketing script');
    expect(page.api.rejectAll().granted).to.deep.equal(['necessary']);
    // Names that are not categories but exist on the polluted prototype.
    for (const name of ['granted', '0', 'toString', 'constructor']) expect(page.api.isGranted(name), name).to.equal(false);
    expect(page.api.isGranted('necessary')).to.equal(true);
    let resolved = false;
    void page.api.whenGranted('analytics').then(() => (resolved = true));
    await settle(100);
    expect(resolved).to.equal(false);
    const state = page.api.getState();
    expect(Object.keys(state.categories)).to.deep.equal(['necessary', 'analytics', 'personalization', 'marketing']);
    expect(page.api.reset().granted).to.deep.equal(['necessary']);
    await settle(200);
    expect(page.win.__runs).to.deep.equal(['marketing']);
  });

  it('Google Consent Mode says "denied" for a category the site did not configure', async () => {
    const page = await visit({ head: POLLUTE, config: { bots: false, categories: ['marketing'], googleConsentMode: true } });
    page.api.rejectAll();
    const updates = (page.win as unknown as { dataLayer: IArguments[] }).dataLayer
      .map((entry) => Array.from(entry))
      .filter((args) => args[0] === 'consent' && args[1] === 'update');
    expect(updates.at(-1)?.[2]).to.include({ analytics_storage: 'denied', ad_storage: 'denied' });
  });

  it('config merging: a data-* attribute never writes into an inherited object, and inherited options are ignored', async () => {
    const page = await visit({
      head: `<script>Object.prototype.cookie = {}; Object.prototype.cookies = ['site_session']; Object.prototype.texts = { ru: { banner: { title: 'PWNED' } } };</script>`,
      attrs: { revision: REV, cookieName: 'site_consent' },
      config: { bots: false, categories: ['analytics', { name: 'marketing' }] },
    });
    document.cookie = 'site_session=keep-me; path=/';
    const title = await control(page, 'integrus-consent-banner', '[part~="title"], h2');
    expect(title.textContent).not.to.contain('PWNED');
    (await bannerButton(page, 'reject-all')).click();
    await settle(200);
    expect(page.doc.cookie).to.contain('site_session=keep-me', 'an inherited cookies list deleted a cookie of the site');
    expect(page.doc.cookie).to.contain('site_consent=');
    expect(inPage(page, 'Object.keys(Object.prototype.cookie)')).to.deep.equal([], 'the attribute wrote into Object.prototype');
  });
});

describe('hostile page: cookies on a sub-path', () => {
  it('withdrawing analytics deletes _gid set with path=/sub by a tag on /sub/…', async () => {
    const page = await visit({
      directory: '/sub',
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('gid'); document.cookie = '_gid=GA1.2.3; path=/sub'; document.cookie = '_ga=GA1.2.4; path=/sub/';</script>`,
    });
    expect(page.win.location.pathname).to.equal('/sub/__page');
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.includes('gid'), 3000, 'the tag');
    expect(page.doc.cookie).to.contain('_gid=GA1.2.3');
    (await waitFor(() => page.win.IntegrusConsent, 3000)).setCategories({ marketing: true });
    expect(page.doc.cookie).not.to.contain('_gid=');
    expect(page.doc.cookie).not.to.contain('_ga=');
  });
});

describe('hostile page: a void decision leaves no optional cookie', () => {
  const trackers = ['_ga=GA1.1.1.1', '_ym_uid=123', '_ym_d=456', '_fbp=fb.1'];
  const plant = (): void => {
    for (const pair of [...trackers, 'site_session=keep']) document.cookie = `${pair}; path=/`;
  };
  const names = (page: TestPage): string[] => page.doc.cookie.split('; ').map((c) => c.split('=')[0]!).sort();

  it('after "Accept all", a new revision asks again with _ga, _ym_uid, _ym_d and _fbp deleted', async () => {
    let page = await visit();
    page.api.acceptAll();
    plant();
    closePages();
    page = await visit({ attrs: { revision: 'hostile-2' } });
    await bannerButton(page, 'accept-all');
    expect(page.api.getState().decided).to.equal(false);
    expect(names(page)).to.deep.equal(['integrus_consent', 'site_session']);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('an unreadable consent cookie asks again with the optional cookies deleted', async () => {
    document.cookie = 'integrus_consent=%7B%22v%22%3A1%2C%22id%22; path=/';
    plant();
    const page = await visit();
    await bannerButton(page, 'accept-all');
    expect(names(page)).to.deep.equal(['integrus_consent', 'site_session']);
    await page.consoleMessage('warn', 'Stored decision ignored');
  });
});

describe('hostile page: crawlers are told why', () => {
  it('one console.info names the matched marker and bots: false', async () => {
    const page = await openPage({ body: GATED, attrs: { revision: REV }, config: { bots: ['Chrome/'] } });
    await settle(300);
    const info = (await page.consoleMessage('info', 'looks like a crawler')).filter((m) => m.includes('[IntegrusConsent]'));
    expect(info).to.have.length(1);
    expect(info[0]).to.contain('"Chrome/"').and.to.contain('bots: false');
    expect(page.doc.querySelector('integrus-consent-banner')).to.equal(null);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('a visitor hears nothing of it', async () => {
    const page = await visit();
    await bannerButton(page, 'accept-all');
    expect(page.consoleMessages('info').filter((m) => m.includes('[IntegrusConsent]'))).to.deep.equal([]);
  });
});

describe('hostile page: built-ins replaced after the drop-in loaded', () => {
  it('JSON.stringify replaced: "Accept all" still stores a decision the server reads, and the reload keeps it', async () => {
    const page = await visit();
    const accept = await bannerButton(page, 'accept-all');
    inPage(page, `JSON.stringify = function () { return '"hijacked"'; };`);
    accept.click();
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    const stored = serverView(page);
    expect(stored?.method).to.equal('accept-all');
    expect(stored?.id).to.equal(page.api.getState().consentId);
    await page.reload();
    expect(page.api.getState()).to.include({ decided: true, method: 'accept-all' });
    expect(page.events('consent:show')).to.deep.equal([]);
  });

  it('window.crypto deleted: "Reject all" still stores a refusal with a v4 id, without an error', async () => {
    const page = await visit();
    const reject = await bannerButton(page, 'reject-all');
    inPage(page, 'delete window.crypto; Object.defineProperty(window, "crypto", { value: undefined });');
    expect((page.win as unknown as { crypto?: unknown }).crypto).to.equal(undefined);
    reject.click();
    await settle(200);
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    expect(page.api.getState()).to.include({ decided: true, method: 'reject-all' });
    expect(serverView(page)?.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(page.doc.querySelector('integrus-consent-banner')?.hasAttribute('open') ?? false).to.equal(false);
  });

  it('no crypto from the start: the click applies to the page, one clear error, the visitor goes on', async () => {
    const page = await visit({ head: '<script>Object.defineProperty(window, "crypto", { value: undefined, configurable: true });</script>' });
    (await bannerButton(page, 'accept-all')).click();
    await waitFor(() => page.win.__runs.length === 3, 3000, 'the gated scripts');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    const errors = (await page.consoleMessage('error', 'could not be stored')).filter((m) => m.includes('could not be stored'));
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('this page only');
    expect(page.api.getState()).to.include({ decided: true, method: 'accept-all', consentId: null });
    expect(serverView(page)).to.equal(null);
    await waitFor(() => !page.doc.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('[data-action="accept-all"]')?.getClientRects().length, 3000, 'the banner to close');
  });
});

describe('hostile page: gated tags inside shadow roots', () => {
  const WIDGET = `<div id="host"></div><script>
    var root = document.getElementById('host').attachShadow({ mode: 'open' });
    root.innerHTML = '<script type="text/plain" data-consent="analytics">window.__runs.push("shadow")<\\/script>'
      + '<iframe data-consent="marketing" data-src="/__script?name=frame" title="video"></iframe>';
  </script>`;
  const shadow = (page: TestPage): ShadowRoot => page.doc.getElementById('host')!.shadowRoot!;

  it('IntegrusConsent.observe(shadowRoot): activates after consent and reverts on withdrawal', async () => {
    const page = await visit({ body: WIDGET });
    const unobserve = page.api.observe(shadow(page));
    expect(unobserve).to.be.a('function');
    await settle(200);
    expect(page.win.__runs).to.deep.equal([]);
    expect(shadow(page).querySelector('iframe')!.getAttribute('src')).to.equal(null);
    (await bannerButton(page, 'accept-all')).click();
    await waitFor(() => page.win.__runs.includes('shadow'), 3000, 'the script in the shadow root');
    expect(shadow(page).querySelector('iframe')!.getAttribute('src')).to.equal('/__script?name=frame');
    page.api.rejectAll();
    expect(shadow(page).querySelector('iframe')!.getAttribute('src')).to.equal('about:blank');
    // Tags added to the shadow root later are gated too.
    shadow(page).append(Object.assign(page.doc.createElement('img'), { alt: '' }));
    const img = shadow(page).lastElementChild as HTMLImageElement;
    img.setAttribute('data-consent', 'analytics');
    img.setAttribute('data-src', '/__script?name=img');
    page.api.setCategories({ analytics: true });
    await waitFor(() => img.getAttribute('src') === '/__script?name=img', 3000, 'the late image');
    expect(page.win.__runs.filter((r) => r === 'shadow')).to.have.length(1, 'ran once');
  });

  it('without observe() a shadow root stays blocked (fails closed)', async () => {
    const page = await visit({ body: GATED + WIDGET });
    page.api.acceptAll();
    await settle(300);
    expect(page.win.__runs).to.deep.equal(['analytics', 'marketing', 'both']);
    expect(shadow(page).querySelector('iframe')!.getAttribute('src')).to.equal(null);
  });

  it('observe() refuses anything but a ShadowRoot, an Element or the document, with a clear error', async () => {
    const page = await visit();
    for (const bad of [null, undefined, 'body', 42, {}, { nodeType: 11 }, page.win]) {
      const stop = page.api.observe(bad as unknown as ShadowRoot);
      expect(stop).to.be.a('function');
      stop();
    }
    const errors = (): string[] => page.consoleMessages('error').filter((m) => m.includes('observe() expects a ShadowRoot'));
    await waitFor(() => errors().length >= 7, 5000, 'the seven errors');
    expect(errors()).to.have.length(7);
    expect(errors()[1]).to.equal('[IntegrusConsent] observe() expects a ShadowRoot, an Element or this document, got undefined; nothing is observed.');
    expect(page.api.observe(page.doc)).to.be.a('function');
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
  });
});

describe('hostile page: built-ins replaced BEFORE the autoblock drop-in (issue 18)', () => {
  const PORT = location.port;
  let t = 0;
  /** A Metrica address on the vendor stand-in (web-test-runner.config.mjs), with a fresh token. */
  const metrica = (): { url: string; token: string } => {
    const token = `hostile-${Date.now()}-${(t += 1)}`;
    return { url: `http://mc.yandex.ru:${PORT}/metrika/tag.js?t=${token}`, token };
  };
  const vendorHits = async (token: string): Promise<number> => (await (await fetch(`/__vendor?t=${token}`)).json()) as number;
  /** The Metrica snippet's way: a script created from code, after the drop-in. */
  const snippet = (url: string): string =>
    `<script>var s = document.createElement('script'); s.async = true; s.src = ${JSON.stringify(url)}; document.head.appendChild(s);</script>`;
  const own = (url: string): string => `<script src="/__script?name=${url}"></script>`;
  const visitWith = (head: string, body: string, config: object = {}): Promise<TestPage> =>
    openPage({ file: 'consent.autoblock.min.js', defer: false, head, body: GATED + body, attrs: { revision: REV }, config: { bots: false, ...config } });

  /** Loads, clicks «Отклонить», reloads: at each step no request reached Metrica and nothing gated ran. */
  const rejectAndReload = async (page: TestPage, token: string, control: string): Promise<void> => {
    // The site's own script after the tracker arrived: the tracker had its chance.
    await waitFor(() => page.win.__runs.includes(`src:${control}`), 4000, 'the site\'s own script');
    (await bannerButton(page, 'reject-all')).click();
    await waitFor(() => page.api.getState().decided);
    expect(page.api.getState().method).to.equal('reject-all');
    await settle(200);
    expect(page.win.__runs.filter((r) => !r.startsWith('src:')), 'gated tags ran after the click').to.deep.equal([]);
    expect(await vendorHits(token), 'Metrica requested on a first visit').to.equal(0);
    await page.reload();
    await waitFor(() => page.win.__runs.includes(`src:${control}`), 4000, 'the site\'s own script after the reload');
    await settle(200);
    expect(await vendorHits(token), 'Metrica requested after reject-all').to.equal(0);
    expect(page.win.__runs.filter((r) => !r.startsWith('src:')), 'gated tags ran').to.deep.equal([]);
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
  };

  it('Object.prototype.autoblock = false does not turn auto-blocking off', async () => {
    const { url, token } = metrica();
    const page = await visitWith('<script>Object.prototype.autoblock = false; Object.prototype.services = "nonsense";</script>', snippet(url) + own('own-1'));
    await rejectAndReload(page, token, 'own-1');
    // The control: the same page with auto-blocking really off lets Metrica through.
    const off = metrica();
    const control = await visitWith('', snippet(off.url) + own('own-2'), { autoblock: false });
    await waitFor(async () => (await vendorHits(off.token)) > 0, 4000, 'Metrica with autoblock: false');
    control.close();
  });

  it('Array.prototype.includes and every answering true: «Отклонить» runs no gated tag, then or after a reload', async () => {
    const { url, token } = metrica();
    const head = '<script>Array.prototype.includes = function () { return true; }; Array.prototype.every = function () { return true; };</script>';
    const page = await visitWith(head, snippet(url) + own('own-3'));
    await rejectAndReload(page, token, 'own-3');
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect(serverView(page)?.granted).to.deep.equal(['necessary']);
  });

  it('a no-op customElements.define: no uncaught error, one clear message, the API still decides', async () => {
    const page = await visitWith('<script>customElements.define = function () {};</script>', '');
    await waitFor(() => page.consoleMessages('error').some((m) => m.includes('customElements.define did not register it')), 4000, 'the console message');
    await page.api.rejectAll();
    expect(page.api.getState().method).to.equal('reject-all');
    await settle(200);
    expect(page.consoleMessages('pageerror')).to.deep.equal([]);
    expect(page.win.__runs).to.deep.equal([]);
  });
});
