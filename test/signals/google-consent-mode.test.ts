/**
 * Google Consent Mode v2 on real pages: the default first, one update per decision, a returning visitor's decision before Google tags run.
 * The built drop-in on real pages (test/helpers/drop-in.ts).
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, waitFor } from '../helpers/page.js';
import { storeDecision, visit } from '../helpers/drop-in.js';

describe('signals: Google Consent Mode', () => {
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
});
