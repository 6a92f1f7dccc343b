/**
 * The first visit: nothing runs or is stored before a decision; each decision runs, stores and reloads as it should.
 * The built drop-in (`dist/browser/consent.min.js`) on real pages: real cookies, real script execution,
 * real reloads. Each test opens its own page; cookies are cleared between tests.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, consentCookie, settle, waitFor } from '../helpers/page.js';
import { REV, visit } from '../helpers/drop-in.js';

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
      services: {},
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
    expect((await page.consoleMessage('error', 'setCategories expects an object')).join()).to.contain('got null; nothing changed');
    page.api.setCategories({ analytics: true, spying: true });
    expect(page.api.getState().granted).to.deep.equal(['necessary', 'analytics']);
    expect((await page.consoleMessage('warn', 'unknown category "spying"')).join()).to.contain('setCategories: unknown category "spying" ignored.');
  });
});
