/**
 * The site's callbacks (docs/contract.md §4), as vanilla-cookieconsent users look for them, on the
 * built drop-in: `onFirstConsent`, `onConsent`, `onChange` and per-category `onAccept` / `onReject`,
 * on real pages with real cookies and real reloads.
 */
import { expect } from '@open-wc/testing';
import { clearAllCookies, closePages, waitFor } from '../helpers/page.js';
import { visit } from '../helpers/drop-in.js';

/** A config whose callbacks write `name:method:granted` lines to `window.__calls`. */
const CONFIG = `window.__calls = [];
var log = function (name) { return function (s) { window.__calls.push(name + ':' + s.method + ':' + s.granted.join('+') + (s.changed ? ':' + s.changed.join('+') : '')); }; };
window.IntegrusConsentConfig = {
  bots: false,
  onFirstConsent: log('first'), onConsent: log('consent'), onChange: log('change'),
  categories: ['analytics', { name: 'marketing', onAccept: log('marketing+'), onReject: log('marketing-') }, 'personalization'],
};`;

const calls = (page: { win: Window }): string[] => (page.win as unknown as { __calls: string[] }).__calls;

describe('drop-in: callbacks', () => {
  afterEach(() => {
    closePages();
    clearAllCookies();
  });

  it('first decision: onFirstConsent, onConsent, onAccept; a later change: onChange with the changed categories, onReject', async () => {
    const page = await visit({ configScript: CONFIG });
    await page.api.ready;
    expect(calls(page), 'nothing before a decision').to.deep.equal([]);
    page.api.acceptAll();
    expect(calls(page)).to.deep.equal([
      'first:accept-all:necessary+analytics+marketing+personalization',
      'consent:accept-all:necessary+analytics+marketing+personalization',
      'marketing+:accept-all:necessary+analytics+marketing+personalization',
    ]);
    // The event of the same moment came first.
    expect(page.events('consent:change')).to.have.length(1);
    page.api.setCategories({ analytics: true });
    expect(calls(page).slice(3)).to.deep.equal([
      'change:custom:necessary+analytics:marketing+personalization',
      'marketing-:custom:necessary+analytics',
    ]);
    // The same choice again changes nothing: no onChange.
    page.api.setCategories({ analytics: true });
    expect(calls(page)).to.have.length(5);
  });

  it('a returning visitor: onConsent and onAccept on load, never onFirstConsent', async () => {
    const first = await visit({ configScript: CONFIG });
    first.api.acceptAll();
    first.close();
    const page = await visit({ configScript: CONFIG });
    await waitFor(() => calls(page).length >= 2, 3000, 'the callbacks on load');
    expect(calls(page)).to.deep.equal([
      'consent:accept-all:necessary+analytics+marketing+personalization',
      'marketing+:accept-all:necessary+analytics+marketing+personalization',
    ]);
  });

  it('reset() calls onChange and onReject; a callback that throws is logged and the others still run', async () => {
    const page = await visit({
      configScript: `${CONFIG} window.IntegrusConsentConfig.onFirstConsent = function () { throw new Error('site bug'); };`,
    });
    page.api.acceptAll();
    expect(calls(page)[0]).to.match(/^consent:accept-all/);
    page.api.reset();
    expect(calls(page).slice(-2)).to.deep.equal(['change:null:necessary:analytics+marketing+personalization', 'marketing-:null:necessary']);
    const errors = await page.consoleMessage('error', '"onFirstConsent" callback threw');
    expect(errors.filter((m) => m.includes('callback threw'))).to.deep.equal(['[IntegrusConsent] The "onFirstConsent" callback threw: Error: site bug']);
  });

  it('a callback that is not a function is reported and ignored', async () => {
    const page = await visit({ config: { bots: false, onConsent: 'loadChat()' } });
    await page.api.ready;
    await page.consoleMessage('error', 'Invalid option "onConsent": "loadChat()"; expected a function');
  });
});
