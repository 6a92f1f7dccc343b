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
});
