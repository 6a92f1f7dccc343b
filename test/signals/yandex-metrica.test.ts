/**
 * Yandex Metrica's own opt-out after analytics is withdrawn.
 * The built drop-in on real pages (test/helpers/drop-in.ts).
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages } from '../helpers/page.js';
import { storeDecision, visit } from '../helpers/drop-in.js';

describe('signals: Yandex Metrica', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
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
});
