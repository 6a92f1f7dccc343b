/**
 * Consent records: one per decision (and per reset), none before, with every field of the contract.
 * The built drop-in on real pages (test/helpers/drop-in.ts).
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, settle, waitFor } from '../helpers/page.js';
import { REV, visit } from '../helpers/drop-in.js';

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
    expect(Object.keys(record).sort()).to.deep.equal(['consentUrl', 'denied', 'gpc', 'granted', 'id', 'lang', 'method', 'pageUrl', 'policyUrl', 'replaces', 'rev', 'source', 'ts', 'userAgent']);
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
});
