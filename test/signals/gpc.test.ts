/**
 * Global Privacy Control: a refusal of marketing that accept-all respects.
 * The built drop-in on real pages (test/helpers/drop-in.ts).
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, settle, waitFor } from '../helpers/page.js';
import { visit } from '../helpers/drop-in.js';

describe('signals: GPC', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
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

  it('GPC: the site\'s own setCategories() may grant marketing, and the record says GPC was on with the source of each decision', async () => {
    const bucket = `gpc${Math.random().toString(36).slice(2)}`;
    const page = await visit({
      attrs: { logEndpoint: `/__log?bucket=${bucket}` },
      head: `<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });</script>`,
    });
    const records = async (): Promise<Array<Record<string, unknown>>> =>
      ((await (await fetch(`/__log?bucket=${bucket}`)).json()) as Array<{ body: string }>).map((entry) => JSON.parse(entry.body) as Record<string, unknown>);
    expect(page.api.setCategories({ marketing: true }).categories.marketing).to.equal(true);
    await waitFor(async () => (await records()).length === 1, 3000, 'the record of setCategories()');
    expect((await records())[0]).to.deep.include({ method: 'custom', source: 'user', gpc: true });
    expect((await records())[0]!.granted).to.include('marketing');
    // Accept all never grants marketing under GPC: recorded as GPC's doing.
    page.api.acceptAll();
    await waitFor(async () => (await records()).length === 2, 3000, 'the record of accept all');
    expect((await records())[1]).to.deep.include({ method: 'accept-all', source: 'gpc', gpc: true });
    expect((await records())[1]!.denied).to.deep.equal(['marketing']);
  });
});
