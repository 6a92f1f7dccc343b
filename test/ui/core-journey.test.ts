/**
 * The UI driven by the real core (`createConsent` with `loadUI` importing this module), one visitor's
 * journey on one page: the core allows one instance per page, so this file holds one test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createConsent } from '../../src/consent.js';
import type { ConsentBanner, ConsentPlaceholder, ConsentPreferences } from '../../src/ui/index.js';
import { inShadow } from '../helpers/ui.js';

const COOKIE = 'integrus_consent';
const hasCookie = (): boolean => document.cookie.split('; ').some((c) => c.startsWith(`${COOKIE}=`));

describe('with the real core', () => {
  after(() => {
    document.cookie = `${COOKIE}=; path=/; max-age=0`;
    document.querySelector('.journey')?.remove();
  });

  it('banner, preferences, Esc, placeholder "allow", withdrawal: events, cookie and gates follow', async () => {
    document.cookie = `${COOKIE}=; path=/; max-age=0`;
    const page = document.createElement('div');
    page.className = 'journey';
    page.innerHTML = `<iframe data-consent="marketing" data-src="/__page?html=embed" width="320" height="180" style="border:0"></iframe>`;
    const root = document.createElement('div');
    document.body.append(page, root);
    const frame = page.querySelector('iframe') as HTMLIFrameElement;
    const events: string[] = [];
    for (const type of ['consent:show', 'consent:hide', 'consent:change'] as const) {
      document.addEventListener(type, (e) => events.push(`${type}${'layer' in e.detail ? `:${String(e.detail.layer)}` : ''}`));
    }

    const api = createConsent({ bots: false, revision: 'ui-journey' }, { loadUI: () => import('../../src/ui/index.js'), root });
    await waitUntil(() => root.querySelector<ConsentBanner>('integrus-consent-banner')?.open, 'the banner never showed');
    const banner = root.querySelector('integrus-consent-banner') as ConsentBanner;

    // The blocked embed has its placeholder (the second part of the UI, with the preferences).
    await waitUntil(() => frame.previousElementSibling?.localName === 'integrus-consent-placeholder', 'no placeholder');
    const preferences = root.querySelector('integrus-consent-preferences') as ConsentPreferences;
    const placeholder = frame.previousElementSibling as ConsentPlaceholder;
    expect(frame.hidden).to.equal(true);

    // Choose, then Esc: no decision, no cookie.
    inShadow(banner, '[data-action="open-preferences"]').click();
    await waitUntil(() => preferences.open, 'the preferences never opened');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !preferences.open, 'Esc did not close the preferences');
    expect(api.getState().decided).to.equal(false);
    expect(hasCookie()).to.equal(false);
    expect(banner.open).to.equal(true);

    // "Allow" on the placeholder: marketing only; the embed loads, the banner goes.
    await placeholder.updateComplete;
    inShadow(placeholder, '[data-action="allow-category"]').click();
    expect(api.getState().granted).to.deep.equal(['necessary', 'marketing']);
    expect(hasCookie()).to.equal(true);
    await waitUntil(() => frame.getAttribute('src') === '/__page?html=embed', 'the gate did not load the embed');
    expect(placeholder.isConnected).to.equal(false);
    expect(frame.hidden).to.equal(false);
    await waitUntil(() => !banner.open, 'the banner stayed after the decision');

    // Withdraw from the preferences: the switches show the decision; reject all blocks the embed again.
    await api.showPreferences();
    expect(inShadow<HTMLInputElement>(preferences, 'input[name="marketing"]').checked).to.equal(true);
    expect(inShadow<HTMLInputElement>(preferences, 'input[name="analytics"]').checked).to.equal(false);
    inShadow(preferences, '[data-action="reject-all"]').click();
    expect(api.isGranted('marketing')).to.equal(false);
    await waitUntil(() => frame.previousElementSibling?.localName === 'integrus-consent-placeholder', 'no placeholder after withdrawal');
    expect(frame.hidden).to.equal(true);
    await waitUntil(() => !preferences.open);

    expect(events).to.deep.equal([
      'consent:show:banner',
      'consent:show:preferences',
      'consent:hide:preferences',
      'consent:change',
      'consent:hide:banner',
      'consent:show:preferences',
      'consent:change',
      'consent:hide:preferences',
    ]);
  });
});
