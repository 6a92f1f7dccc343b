/**
 * Per-service choice (docs/contract.md §3, §4, §6; docs/gating.md): within a category each service has
 * its own choice. The built drop-ins on real pages: real cookies, real requests, real reloads.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clearAllCookies, closePages, consentCookie, settle, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';
import { REV, storeDecision, visit } from '../helpers/drop-in.js';
import { expectAccessible } from '../helpers/axe.js';
import { cleanup, mountUi } from '../helpers/ui.js';

/** A YouTube embed and a Yandex Direct script, both of `marketing`, each naming its service; and an untagged marketing tag. */
const BODY = `
  <iframe id="video" data-consent="marketing" data-service="youtube" data-src="/__script?name=yt-frame" width="320" height="180" title="video"></iframe>
  <script type="text/plain" data-consent="marketing" data-service="yandex-direct" src="/__script?name=direct"></script>
  <script type="text/plain" data-consent="marketing">window.__runs.push('inline:marketing');</script>`;

const frameLoaded = (page: TestPage): boolean => page.doc.getElementById('video')?.getAttribute('src') === '/__script?name=yt-frame';
const records = async (bucket: string): Promise<Array<Record<string, unknown>>> =>
  ((await (await fetch(`/__log?bucket=${bucket}`)).json()) as Array<{ body: string }>).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('per-service choice: the core', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('a stored YouTube choice loads the YouTube embed; Yandex Direct and an untagged marketing tag stay held', async () => {
    storeDecision([], { services: { granted: ['youtube'], denied: [] } });
    const page = await visit({ body: BODY });
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame');
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
    expect(page.api.isGranted('marketing', 'youtube')).to.equal(true);
    expect(page.api.isGranted('marketing', 'yandex-direct')).to.equal(false);
    expect(page.api.isGranted('marketing')).to.equal(false);
    expect(page.api.getState().services).to.deep.equal({ youtube: true });
  });

  it('an old cookie without service choices still grants as before: its category grants all its services', async () => {
    storeDecision(['marketing']);
    const page = await visit({ body: BODY });
    await waitFor(() => page.win.__runs.length === 2 && frameLoaded(page), 3000, 'every marketing tag');
    expect(page.win.__runs).to.have.members(['src:direct', 'inline:marketing']);
    expect(page.api.isGranted('marketing', 'youtube')).to.equal(true);
    expect(page.api.getState()).to.include({ decided: true, consentId: '6f1c2a9e-1b7d-4c55-8f0e-0a1b2c3d4e5f' });
    expect(page.api.getState().services).to.deep.equal({});
    expect(page.consoleMessages('warn').join()).not.to.contain('Stored decision ignored');
  });

  it('a denied service stays held inside a granted category', async () => {
    storeDecision(['marketing'], { services: { granted: [], denied: ['yandex-direct'] } });
    const page = await visit({ body: BODY });
    await waitFor(() => frameLoaded(page) && page.win.__runs.length === 1, 3000, 'YouTube and the untagged tag');
    await settle(300);
    expect(page.win.__runs).to.deep.equal(['inline:marketing']);
  });

  it('setServices grants one service: stored in the cookie, recorded, and still so after a reload', async () => {
    const bucket = `per-service-${Date.now()}`;
    const page = await visit({ body: BODY, attrs: { logEndpoint: `/__log?bucket=${bucket}` } });
    const state = page.api.setServices({ youtube: true });
    expect(state).to.include({ decided: true, method: 'custom' });
    expect(state.denied).to.include('marketing');
    expect(state.services).to.deep.equal({ youtube: true });
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame');
    const stored = JSON.parse(consentCookie()!) as Record<string, unknown>;
    expect(stored.services).to.deep.equal({ granted: ['youtube'], denied: [] });
    expect(stored.denied).to.include('marketing');
    const [record] = await waitFor(async () => {
      const list = await records(bucket);
      return list.length ? list : null;
    }, 3000, 'the consent record');
    expect(record).to.include({ method: 'custom' });
    expect(record!.services).to.deep.equal({ granted: ['youtube'], denied: [] });
    const change = page.events('consent:change').at(-1)!;
    expect(change.detail.changedServices).to.deep.equal(['youtube']);

    await page.reload();
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame after the reload');
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('setCategories without services sets every service of the category: the choices made one by one go', async () => {
    storeDecision([], { services: { granted: ['youtube'], denied: [] } });
    const page = await visit({ body: BODY });
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame');
    page.api.setCategories({ marketing: true });
    await waitFor(() => page.win.__runs.length === 2, 3000, 'the other marketing tags');
    expect(page.api.getState().services).to.deep.equal({});
    expect(JSON.parse(consentCookie()!)).not.to.have.property('services');
    page.api.setCategories({ marketing: false });
    await waitFor(() => page.doc.getElementById('video')?.getAttribute('src') === 'about:blank', 3000, 'the frame reverted');
    expect(page.api.isGranted('marketing', 'youtube')).to.equal(false);
  });

  it('withdrawing one service reverts its embed and keeps the category', async () => {
    storeDecision(['marketing']);
    const page = await visit({ body: BODY, config: { reloadOnWithdraw: false } });
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame');
    page.api.setServices({ youtube: false });
    await waitFor(() => page.doc.getElementById('video')?.getAttribute('src') === 'about:blank', 3000, 'the frame reverted');
    expect(page.api.isGranted('marketing')).to.equal(true);
    expect(page.api.isGranted('marketing', 'yandex-direct')).to.equal(true);
  });

  it('bad service choices: a clear message, nothing granted by mistake', async () => {
    const page = await visit({ body: BODY });
    page.api.setServices('youtube' as unknown as Record<string, boolean>);
    expect(page.api.getState().decided).to.equal(false);
    expect((await page.consoleMessage('error', 'setServices expects')).join()).to.contain('[IntegrusConsent] setServices expects services as an object');
    page.api.setServices({ YouTube: true, youtube: 'yes' } as unknown as Record<string, boolean>);
    expect(page.api.isGranted('marketing', 'youtube')).to.equal(false);
    expect((await page.consoleMessage('warn', 'setServices: service')).join()).to.contain('setServices: service "YouTube"');
    await settle(200);
    expect(frameLoaded(page)).to.equal(false);
  });

  it('a tampered service list voids the cookie: nothing granted', async () => {
    storeDecision([], { services: { granted: ['youtube', 'youtube'], denied: [] } });
    const page = await visit({ body: BODY });
    await settle(300);
    expect(frameLoaded(page)).to.equal(false);
    expect(page.api.getState()).to.include({ decided: false, revision: REV });
    expect(page.consoleMessages('warn').join()).to.contain('a service listed twice');
  });
});

describe('per-service choice: auto-blocking', () => {
  const PORT = location.port;
  afterEach(() => {
    closePages();
    clearAllCookies();
  });
  const vendorHits = async (token: string): Promise<number> => (await (await fetch(`/__vendor?t=${token}`)).json()) as number;

  it('a service granted alone lets its auto-blocked tags through; another service of the category stays held', async () => {
    const token = `ps${Date.now()}`;
    // RUTUBE, not YouTube: youtube.com is HSTS-preloaded, so an http stand-in cannot answer for it.
    const body = `<iframe id="rt" src="http://rutube.ru:${PORT}/play/embed/x?t=${token}rt" width="320" height="180" title="video"></iframe>
      <script src="http://an.yandex.ru:${PORT}/system/context.js?t=${token}direct"></script>`;
    storeDecision([], { services: { granted: ['rutube'], denied: [] } });
    const page = await visit({ body, file: 'consent.autoblock.min.js', defer: false });
    await waitFor(async () => (await vendorHits(`${token}rt`)) === 1, 3000, 'the RUTUBE embed');
    await settle(300);
    // The preload scanner may fetch a parsed script's address (docs/autoblock.md, "Limits"): what counts is that it never runs.
    expect(page.win.__runs.filter((r) => r.includes(`${token}direct`))).to.deep.equal([]);
    expect(page.doc.querySelector('script[data-consent-autoblocked="yandex-direct"]')).to.not.equal(null);
  });

  it('a service granted alone keeps its cookies while its category is off; Metrica\'s opt-out follows Metrica, not its category', async () => {
    storeDecision([], { services: { granted: ['yandex-metrica'], denied: [] } });
    const page = await visit({ file: 'consent.autoblock.min.js', defer: false, config: { bots: false, services: ['yandex-metrica', 'google-analytics'], yandexMetricaIds: [12345678] } });
    await waitFor(() => page.win.IntegrusConsent?.getState, 3000, 'the API');
    page.doc.cookie = '_ym_uid=1; path=/';
    page.doc.cookie = '_ga=GA1.1; path=/';
    // Any change clears what the state denies: Google Analytics' cookie goes, Metrica's stays.
    page.api.setServices({ youtube: true });
    expect(page.doc.cookie).to.contain('_ym_uid=1');
    expect(page.doc.cookie).not.to.contain('_ga=');
    const optedOut = (): unknown => (page.win as unknown as Record<string, unknown>).disableYaCounter12345678;
    // Analytics as a whole, then Google Analytics off alone: Metrica keeps running.
    page.api.setCategories({ analytics: true });
    page.api.setServices({ 'google-analytics': false });
    expect(optedOut()).to.equal(undefined);
    // Metrica off alone: its counter gets the opt-out flag, analytics stays granted.
    page.api.setServices({ 'yandex-metrica': false });
    expect(optedOut()).to.equal(true);
    expect(page.api.isGranted('analytics')).to.equal(true);
  });
});

/** The deepest focused element of the test page (through the components' shadow roots). */
function pageActive(page: TestPage): Element | null {
  let element = page.doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Presses Tab until the focused element of the page satisfies `predicate`. */
async function tabToIn(page: TestPage, predicate: (el: Element | null) => boolean, max = 40): Promise<Element> {
  for (let i = 0; i < max; i += 1) {
    await sendKeys({ press: 'Tab' });
    const active = pageActive(page);
    if (active && predicate(active)) return active;
  }
  throw new Error(`Tab never reached the element (last: ${pageActive(page)?.outerHTML.slice(0, 120)})`);
}

const preferencesOf = (page: TestPage): ShadowRoot => page.doc.querySelector('integrus-consent-preferences')!.shadowRoot!;
const input = (page: TestPage, name: string): HTMLInputElement => preferencesOf(page).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

async function openPreferences(page: TestPage): Promise<void> {
  await page.api.showPreferences();
  await waitFor(() => input(page, 'marketing'), 3000, 'the preferences');
}

describe('per-service choice: the preferences', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('keyboard: Tab to the YouTube switch inside Marketing, Space, save; after a reload YouTube loads and Yandex Direct does not', async () => {
    const page = await visit({ body: BODY, file: 'consent.autoblock.min.js', defer: false, config: { services: ['youtube', 'yandex-direct'] } });
    await openPreferences(page);
    const youtube = await tabToIn(page, (el) => el?.getAttribute('name') === 'youtube');
    expect(youtube.closest('ul')?.getAttribute('aria-label')).to.equal('Сервисы категории «Реклама»');
    expect(youtube.getAttribute('data-category')).to.equal('marketing');
    await sendKeys({ press: 'Space' });
    await waitFor(() => input(page, 'youtube').checked, 1000, 'the YouTube switch on');
    expect(input(page, 'yandex-direct').checked).to.equal(false);
    // A category with some of its services on: its switch stays off and says how many are on.
    const marketing = input(page, 'marketing');
    expect(marketing.checked).to.equal(false);
    const partial = preferencesOf(page).getElementById('partial-marketing');
    expect(partial?.textContent).to.contain('Включено сервисов: 1 из 2');
    expect(marketing.getAttribute('aria-describedby')?.split(' ')).to.include('partial-marketing');
    await tabToIn(page, (el) => el?.getAttribute('data-action') === 'save');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => consentCookie(), 3000, 'the stored decision');
    const stored = JSON.parse(consentCookie()!) as { denied: string[]; services: unknown };
    expect(stored.denied).to.include('marketing');
    expect(stored.services).to.deep.equal({ granted: ['youtube'], denied: ['yandex-direct'] });

    await page.reload();
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame after the reload');
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('the category switch sets all its services, the site\'s declared ones too; all on is the category, no service list', async () => {
    const config = { categories: ['analytics', { name: 'marketing', services: ['youtube', { id: 'chat', name: 'Онлайн-чат' }, { id: 'Bad Id' }] }] };
    const page = await visit({ body: BODY, config });
    expect(page.consoleMessages('error').join()).to.equal('');
    await openPreferences(page);
    expect(page.consoleMessages('error').join()).to.contain('Invalid service in "categories[marketing].services"');
    const label = (name: string): string => preferencesOf(page).querySelector(`label[for="${input(page, name).id}"]`)!.textContent!.trim();
    expect(label('chat')).to.equal('Онлайн-чат');
    input(page, 'marketing').click();
    await waitFor(() => input(page, 'youtube').checked && input(page, 'chat').checked, 1000, 'every service on');
    input(page, 'chat').click();
    await waitFor(() => !input(page, 'marketing').checked, 1000, 'the category off with a service off');
    input(page, 'marketing').click();
    await waitFor(() => input(page, 'chat').checked, 1000, 'the category on again sets the chat on');
    (preferencesOf(page).querySelector('[data-action="save"]') as HTMLElement).click();
    await waitFor(() => page.win.__runs.length === 2 && frameLoaded(page), 3000, 'every marketing tag');
    const stored = JSON.parse(consentCookie()!) as Record<string, unknown>;
    expect(stored.granted).to.include('marketing');
    expect(stored).not.to.have.property('services');
  });

  it('a service chosen on its own shows on, and its category off, when the preferences open again', async () => {
    storeDecision([], { services: { granted: ['chat'], denied: [] } });
    const page = await visit({ body: BODY, config: { categories: ['analytics', 'personalization', { name: 'marketing', services: ['youtube', 'chat'] }] } });
    await openPreferences(page);
    expect([input(page, 'chat').checked, input(page, 'youtube').checked, input(page, 'marketing').checked]).to.deep.equal([true, false, false]);
    input(page, 'marketing').click();
    input(page, 'marketing').click();
    await waitFor(() => !input(page, 'chat').checked, 1000, 'the category off sets the chat off');
  });
});

describe('per-service choice: placeholders', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('«Загрузить видео YouTube» loads YouTube only; the cookie and the record say so', async () => {
    const bucket = `per-service-ph-${Date.now()}`;
    storeDecision(['analytics']);
    const page = await visit({ body: BODY, attrs: { logEndpoint: `/__log?bucket=${bucket}` } });
    const placeholder = await waitFor(() => page.doc.querySelector('integrus-consent-placeholder')?.shadowRoot?.querySelector('.actions') && page.doc.querySelector('integrus-consent-placeholder'), 3000, 'the placeholder');
    expect(placeholder.getAttribute('service')).to.equal('youtube');
    const button = placeholder.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="allow-service"]')!;
    expect(button.textContent!.trim()).to.equal('Загрузить видео YouTube');
    expect(placeholder.shadowRoot!.querySelector('[data-action="allow-category"]')).to.equal(null);
    expect(placeholder.shadowRoot!.textContent).to.contain('не разрешая всю категорию «Реклама»');
    button.click();
    await waitFor(() => frameLoaded(page), 3000, 'the YouTube frame');
    await waitFor(() => !page.doc.querySelector('integrus-consent-placeholder'), 3000, 'the placeholder gone');
    const stored = JSON.parse(consentCookie()!) as Record<string, unknown>;
    expect(stored).to.include({ method: 'custom' });
    expect(stored.granted).to.deep.equal(['necessary', 'analytics']);
    expect(stored.services).to.deep.equal({ granted: ['youtube'], denied: [] });
    const records = await waitFor(async () => {
      const list = ((await (await fetch(`/__log?bucket=${bucket}`)).json()) as Array<{ body: string }>).map((r) => JSON.parse(r.body) as Record<string, unknown>);
      return list.length ? list : null;
    }, 3000, 'the consent record');
    expect(records.at(-1)!.services).to.deep.equal({ granted: ['youtube'], denied: [] });
    expect(records.at(-1)!.granted).to.deep.equal(['necessary', 'analytics']);
    await settle(300);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('an embed that names no service keeps the category button, now grammatical', async () => {
    const page = await visit({ body: '<iframe data-consent="marketing" data-src="/__script?name=frame" width="320" height="180" title="map"></iframe>' });
    const placeholder = await waitFor(() => page.doc.querySelector('integrus-consent-placeholder')?.shadowRoot?.querySelector('.actions') && page.doc.querySelector('integrus-consent-placeholder'), 3000, 'the placeholder');
    expect(placeholder.shadowRoot!.querySelector('[data-action="allow-category"]')!.textContent!.trim()).to.equal('Разрешить категорию «Реклама»');
    expect(placeholder.shadowRoot!.querySelector('[data-action="allow-service"]')).to.equal(null);
  });
});

describe('per-service choice: accessibility', () => {
  afterEach(cleanup);

  it('service switches and a partial category pass axe, in the light and the dark theme', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { ui, preferences } = await mountUi({ theme, categories: ['analytics', { name: 'marketing', services: ['youtube', { id: 'chat', name: 'Онлайн-чат' }] }] });
      await ui.showPreferences();
      const root = preferences.shadowRoot!;
      root.querySelector<HTMLInputElement>('input[name="chat"]')!.click();
      await preferences.updateComplete;
      expect(root.getElementById('partial-marketing')?.textContent).to.contain('1 из 2');
      expect(root.querySelector('input[name="chat"]')!.getAttribute('role')).to.equal('switch');
      await expectAccessible(preferences);
      cleanup();
    }
  });
});
