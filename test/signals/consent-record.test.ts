/**
 * Consent records: one per decision (and per reset), none before, with every field of the contract.
 * The built drop-in on real pages (test/helpers/drop-in.ts).
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, settle, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';
import { REV, visit } from '../helpers/drop-in.js';

const sha256 = async (text: string): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The records the stand-in endpoint got in `bucket`, parsed. */
const records = async (bucket: string): Promise<Array<Record<string, unknown>>> =>
  ((await (await fetch(`/__log?bucket=${bucket}`)).json()) as Array<{ body: string }>).map((entry) => JSON.parse(entry.body));

/** A layer's button once the layer is open on `page` (clicked as a visitor would). */
const buttonIn = (page: TestPage, tag: string, action: string): Promise<HTMLElement> =>
  waitFor(() => {
    const layer = page.doc.querySelector(tag);
    return layer?.hasAttribute('open') ? layer.shadowRoot?.querySelector<HTMLElement>(`[data-action="${action}"]`) : null;
  }, 5000, `${tag} open`);

/** Opens a page with the banner, clicks `action` in it, resolves with the one record that sends. */
async function decideInBanner(action: string, config: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  clearAllCookies(); // a first visit each time
  const bucket = `b${Math.random().toString(36).slice(2)}`;
  const page = await visit({ attrs: { logEndpoint: `/__log?bucket=${bucket}` }, config });
  (await buttonIn(page, 'integrus-consent-banner', action)).click();
  await waitFor(async () => (await records(bucket)).length === 1, 5000, 'the record');
  const [record] = await records(bucket);
  page.close();
  return record!;
}

describe('signals: consent records', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('consent records: exactly one record per decision, none before, with every field of the contract (docs/contract.md §6)', async () => {
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
    // `shownContent` comes along when the banner had shown by then (what was shown: below).
    expect(Object.keys(record).filter((k) => k !== 'shownContent').sort()).to.deep.equal(['consentUrl', 'denied', 'gpc', 'granted', 'id', 'lang', 'method', 'pageUrl', 'policyUrl', 'replaces', 'rev', 'shown', 'source', 'ts', 'userAgent']);
    expect(record).to.deep.include({ replaces: null, id: state.consentId, ts: state.timestamp, rev: REV, granted: ['necessary', 'analytics'], method: 'custom', source: 'user', gpc: false, policyUrl: '/privacy', consentUrl: '/consent.html', lang: 'ru' });
    expect(record.pageUrl).to.match(/\/__page$/, 'no query or fragment: they may carry tokens');
    const changed = page.api.rejectAll();
    await waitFor(async () => (await fetchLog()).length === 2, 3000, 'a second record');
    // A change names the decision it replaces; so does a withdrawal (below).
    expect(JSON.parse((await fetchLog())[1]!.body)).to.deep.include({ id: changed.consentId, replaces: state.consentId });
    // Forgetting the decision withdraws consent: recorded too, with a new id.
    page.api.reset();
    await waitFor(async () => (await fetchLog()).length === 3, 3000, 'the reset record');
    const reset = JSON.parse((await fetchLog())[2]!.body);
    expect(reset).to.deep.include({ method: 'reset', granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'], rev: REV });
    expect(reset.id).to.not.equal(state.consentId);
    expect(reset.replaces).to.equal(changed.consentId);
  });

  it('what was shown: a decision in the banner sends the SHA-256 of the texts, categories and recipients on screen, and that content', async () => {
    const bucket = `b${Math.random().toString(36).slice(2)}`;
    const page = await visit({ attrs: { logEndpoint: `/__log?bucket=${bucket}` } });
    const accept = await buttonIn(page, 'integrus-consent-banner', 'accept-all');
    const title = page.doc.querySelector('integrus-consent-banner')!.shadowRoot!.querySelector('[part~="title"]')!.textContent;
    accept.click();
    await waitFor(async () => (await records(bucket)).length === 1, 5000, 'the record');
    const [record] = await records(bucket);
    expect(record!.shown).to.match(/^[0-9a-f]{64}$/);
    expect(record!.shown).to.equal(await sha256(record!.shownContent as string));
    const content = JSON.parse(record!.shownContent as string);
    expect(content.lang).to.equal('ru');
    expect(content.layers).to.deep.equal(['banner']);
    // The texts as the visitor read them: the banner's title on screen is the one in the record.
    expect(content.texts.banner.title).to.equal(title);
    expect(Object.keys(content.texts)).to.not.include('preferences');
    expect(content.categories.map((c: { name: string }) => c.name)).to.deep.equal(['necessary', 'analytics', 'personalization', 'marketing']);
    expect(content.categories[1].vendors.length).to.be.greaterThan(0);
  });

  it('what was shown: the same screen gives the same digest; a changed text override gives another', async () => {
    const first = await decideInBanner('reject-all');
    const again = await decideInBanner('reject-all');
    const title = 'Файлы cookie на этом сайте';
    const overridden = await decideInBanner('reject-all', { texts: { ru: { banner: { title } } } });
    expect(again.shown).to.equal(first.shown);
    expect(overridden.shown).to.match(/^[0-9a-f]{64}$/);
    expect(overridden.shown).to.not.equal(first.shown);
    expect(JSON.parse(overridden.shownContent as string).texts.banner.title).to.equal(title);
    expect(overridden.shown).to.equal(await sha256(overridden.shownContent as string));
  });

  it('what was shown: a decision in the preferences includes their texts and the services they declare', async () => {
    const bucket = `b${Math.random().toString(36).slice(2)}`;
    // The autoblock drop-in: it carries the catalogue the declaration names services from.
    const page = await visit({ file: 'consent.autoblock.min.js', attrs: { logEndpoint: `/__log?bucket=${bucket}` }, config: { services: ['yandex-metrica'] } });
    (await buttonIn(page, 'integrus-consent-banner', 'open-preferences')).click();
    (await buttonIn(page, 'integrus-consent-preferences', 'save')).click();
    await waitFor(async () => (await records(bucket)).length === 1, 5000, 'the record');
    const [record] = await records(bucket);
    const content = JSON.parse(record!.shownContent as string);
    expect(content.layers).to.deep.equal(['banner', 'preferences']);
    expect(content.texts.preferences.title).to.be.a('string').and.not.equal('');
    expect(content.services.map((s: { id: string }) => s.id)).to.include('yandex-metrica');
    expect(content.texts.services['yandex-metrica'].name).to.be.a('string');
  });

  it('what was shown: a decision through the API before any layer showed records that nothing was shown', async () => {
    const bucket = `b${Math.random().toString(36).slice(2)}`;
    const page = await visit({
      attrs: { logEndpoint: `/__log?bucket=${bucket}` },
      head: '<script>(window.IntegrusConsent = window.IntegrusConsent || []).push(function (api) { api.setCategories({ analytics: true }); });</script>',
    });
    await waitFor(async () => (await records(bucket)).length === 1, 5000, 'the record');
    const [record] = await records(bucket);
    expect(record!.shown).to.equal(null);
    expect(record).to.not.have.property('shownContent');
    expect(page.events('consent:show')).to.deep.equal([]);
  });

  it('what was shown: without crypto.subtle (not a secure context) the record still goes, without it, and the console says why', async () => {
    const bucket = `b${Math.random().toString(36).slice(2)}`;
    const page = await visit({
      attrs: { logEndpoint: `/__log?bucket=${bucket}` },
      head: "<script>Object.defineProperty(crypto, 'subtle', { value: undefined });</script>",
    });
    (await buttonIn(page, 'integrus-consent-banner', 'accept-all')).click();
    await waitFor(async () => (await records(bucket)).length === 1, 5000, 'the record');
    const [record] = await records(bucket);
    expect(record).to.include({ method: 'accept-all' });
    expect(record).to.not.have.property('shown');
    expect(record).to.not.have.property('shownContent');
    expect(page.consoleMessages('warn').join('\n')).to.contain('cannot say what was shown: crypto.subtle needs a secure context');
  });
});
