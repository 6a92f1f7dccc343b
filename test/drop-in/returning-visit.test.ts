/**
 * A returning visitor: the stored decision applies at once without any UI; a void one asks again.
 * The built drop-in (`dist/browser/consent.min.js`) on real pages: real cookies, real script execution,
 * real reloads. Each test opens its own page; cookies are cleared between tests.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, settle, waitFor } from '../helpers/page.js';
import { REV, storeDecision, visit } from '../helpers/drop-in.js';

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
    // Said after the stored decision was read: what that read said is printed by then.
    expect((await page.consoleMessage('warn', 'No "consentUrl"')).join()).not.to.contain('Stored decision ignored');
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
    await page.consoleMessage('warn', 'Two "integrus_consent" cookies');
    page.doc.cookie = 'integrus_consent=; max-age=0; path=/__page';
  });
});
