/**
 * The modal layout on a real page with the built drop-in (docs/contract.md §7): before a decision the
 * page under it takes no click and does not scroll, the gated tags wait; a decision lifts it, and a
 * returning visitor never sees it.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, waitFor } from '../helpers/page.js';
import { visit } from '../helpers/drop-in.js';

const PAGE = '<button id="site-button" style="position:fixed;top:4px;left:4px">Site</button><div style="height:3000px"></div>';

describe('drop-in: the modal layout', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('blocks the page until a decision, then gives it back; a returning visitor gets no modal', async () => {
    const page = await visit({ attrs: { layout: 'modal' }, body: PAGE });
    const banner = await waitFor(() => page.doc.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('dialog[open]'), 5000, 'the modal');
    expect(banner.matches(':modal')).to.equal(true);
    const site = page.doc.getElementById('site-button') as HTMLButtonElement;
    expect(page.doc.elementFromPoint(10, 10), 'the page takes no click').not.to.equal(site);
    expect(page.win.getComputedStyle(page.doc.documentElement).overflow).to.equal('hidden');
    expect(page.win.__runs, 'nothing gated ran').to.deep.equal([]);

    (banner.querySelector('[data-action="reject-all"]') as HTMLButtonElement).click();
    await waitFor(() => !page.doc.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('dialog'), 3000, 'the modal gone');
    expect(page.doc.elementFromPoint(10, 10)).to.equal(site);
    expect(page.win.getComputedStyle(page.doc.documentElement).overflow).to.equal('visible');
    expect(page.api.getState().method).to.equal('reject-all');

    await page.reload();
    await page.api.ready;
    expect(page.doc.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('dialog') ?? null).to.equal(null);
    expect(page.win.getComputedStyle(page.doc.documentElement).overflow).to.equal('visible');
  });
});
