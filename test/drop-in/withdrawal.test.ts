/**
 * Withdrawal that finishes the job (docs/contract.md §2 `reloadOnWithdraw`, §3): a tag that ran wrote
 * cookies AND storage keys; withdrawing its category removes both and reloads the page, so nothing it
 * started keeps running. The built drop-ins on real pages in a same-origin frame: the test reads the
 * same cookies and storage as the page.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, openPage, waitFor } from '../helpers/page.js';
import type { TestPage } from '../helpers/page.js';
import { REV } from '../helpers/drop-in.js';

/** A hand-gated analytics tag that writes what Metrica writes, and the site's own key, which must stay. */
const TAG = `
  <script type="text/plain" data-consent="analytics">
    window.__runs.push('metrica-like');
    document.cookie = '_ym_uid=1700000000123; path=/';
    localStorage.setItem('_ym_uid', '"1700000000123"');
    localStorage.setItem('_ym98765_lsid', '42');
    sessionStorage.setItem('_ym_visorc', 'w');
    localStorage.setItem('site_theme', 'dark');
  </script>`;

const hasCookie = (name: string): boolean => document.cookie.split('; ').some((c) => c.startsWith(`${name}=`));
const open = (config: Record<string, unknown> = {}, file?: string, attrs: Record<string, string> = {}): Promise<TestPage> =>
  openPage({ body: TAG, file, attrs: { revision: REV, consentUrl: 'false', ...attrs }, config: { bots: false, ...config } });

/** Resolves on the frame's next `load`: the page reloaded. */
const nextLoad = (page: TestPage): Promise<void> => new Promise((resolve) => page.frame.addEventListener('load', () => resolve(), { once: true }));

type Marked = TestPage['win'] & { __marker?: number };

/**
 * Runs `change` and checks the page stayed: no frame load, this window's marker still there. A reload
 * is asked for in the change's microtasks: after a round trip through the page's own fetch it would
 * have started (and aborted that fetch with the document).
 */
async function expectNoReload(page: TestPage, change: () => void): Promise<void> {
  const first = page.win as Marked;
  first.__marker = 1;
  let loads = 0;
  page.frame.addEventListener('load', () => loads++);
  change();
  const response = await first.fetch('/__script?name=after');
  expect(response.ok).to.equal(true);
  expect(loads).to.equal(0);
  expect((page.win as Marked).__marker).to.equal(1);
}

/** Accepts all and waits until the tag ran and wrote its cookie and keys. */
async function acceptAndRun(page: TestPage): Promise<void> {
  page.api.acceptAll();
  await waitFor(() => page.win.__runs.includes('metrica-like'), 3000, 'the analytics tag to run');
  expect(hasCookie('_ym_uid')).to.equal(true);
  expect(localStorage.getItem('_ym98765_lsid')).to.equal('42');
}

describe('drop-in: withdrawal clears storage and reloads', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('withdrawing analytics after its tag ran: its cookies and storage keys go, the site\'s own key stays, the page reloads', async () => {
    const page = await open();
    await acceptAndRun(page);
    (page.win as Marked).__marker = 1;
    const reloaded = nextLoad(page);
    page.api.setCategories({ analytics: false });
    await reloaded;
    expect(page.win.__runs, 'a fresh page').to.deep.equal([]);
    expect((page.win as Marked).__marker, 'a fresh page').to.equal(undefined);
    expect(hasCookie('_ym_uid')).to.equal(false);
    expect(localStorage.getItem('_ym_uid')).to.equal(null);
    expect(localStorage.getItem('_ym98765_lsid')).to.equal(null);
    expect(sessionStorage.getItem('_ym_visorc')).to.equal(null);
    expect(localStorage.getItem('site_theme')).to.equal('dark');
    // After the reload the withdrawal holds: the tag stays inert.
    await waitFor(() => page.win.IntegrusConsent, 3000, 'the drop-in on the reloaded page');
    expect(page.api.isGranted('analytics')).to.equal(false);
    expect(page.win.__runs).to.deep.equal([]);
  });

  it('with reloadOnWithdraw: false the storage keys still go, and the page stays', async () => {
    const page = await open({ reloadOnWithdraw: false });
    await acceptAndRun(page);
    await expectNoReload(page, () => page.api.setCategories({ analytics: false }));
    expect(localStorage.getItem('_ym_uid')).to.equal(null);
    expect(localStorage.getItem('_ym98765_lsid')).to.equal(null);
    expect(hasCookie('_ym_uid')).to.equal(false);
  });

  it('withdrawing a category none of whose code ran does not reload', async () => {
    const page = await open();
    await acceptAndRun(page);
    await expectNoReload(page, () => page.api.setCategories({ marketing: false }));
  });

  it('autoblock build: a catalogue service\'s storage keys (Hotjar\'s hjViewportId) go with its category', async () => {
    const page = await openPage({
      file: 'consent.autoblock.min.js',
      body: `<script type="text/plain" data-consent="analytics">window.__runs.push('hotjar-like'); localStorage.setItem('hjViewportId', 'v1');</script>`,
      attrs: { revision: REV, consentUrl: 'false', services: 'hotjar' },
      config: { bots: false, reloadOnWithdraw: false },
    });
    page.api.acceptAll();
    await waitFor(() => page.win.__runs.includes('hotjar-like'), 3000, 'the tag to run');
    expect(localStorage.getItem('hjViewportId')).to.equal('v1');
    page.api.setCategories({ analytics: false });
    await waitFor(() => localStorage.getItem('hjViewportId') === null, 3000, 'Hotjar\'s key to be removed');
  });
});
