/**
 * The separate consent document (152-FZ art. 9, docs/contract.md §2 `consentUrl`): without one the
 * drop-in tells the developer once, on every host (localhost included), unless the site says it has
 * none (`consentUrl: false`). The built drop-in on real pages.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, openPage, waitFor } from '../helpers/page.js';
import type { PageOptions, TestPage } from '../helpers/page.js';

const WARNING = 'No "consentUrl"';

async function load(options: PageOptions): Promise<TestPage> {
  const page = await openPage({ ...options, config: { bots: false, ...(options.config as object) } });
  await waitFor(() => page.events('consent:ready').length > 0, 3000, 'consent:ready');
  return page;
}
const warnings = (page: TestPage): string[] => page.consoleMessages('warn').filter((m) => m.includes(WARNING));

describe('drop-in: the consent document', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('without consentUrl the drop-in warns once, naming the fix, and the banner links no consent document', async () => {
    const page = await load({});
    expect(location.hostname, 'the test server is local').to.match(/^(localhost|127\.0\.0\.1)$/);
    await page.consoleMessage('warn', WARNING);
    expect(warnings(page)).to.have.length(1);
    expect(warnings(page)[0]).to.contain('[IntegrusConsent]').and.contain('data-consent-url').and.contain('"false"');
    page.api.acceptAll();
    page.api.reset();
    expect(warnings(page), 'still once after decisions').to.have.length(1);
  });

  it('says nothing when the site gives a URL, consentUrl: false, or data-consent-url="false"', async () => {
    for (const options of [{ attrs: { consentUrl: '/consent.html' } }, { config: { consentUrl: false } }, { attrs: { consentUrl: 'false' } }]) {
      const page = await load(options);
      expect(warnings(page), JSON.stringify(options)).to.deep.equal([]);
      expect(page.api.config.consentUrl, JSON.stringify(options)).to.equal(options.attrs?.consentUrl === '/consent.html' ? '/consent.html' : null);
      page.close();
    }
  });

  it('reports a consentUrl that is neither a URL nor false, and still warns that the document is missing', async () => {
    const page = await load({ config: { consentUrl: true } });
    await page.consoleMessage('warn', WARNING);
    expect(page.consoleMessages('error').join()).to.contain('Invalid option "consentUrl": true');
    expect(warnings(page)).to.have.length(1);
  });
});
