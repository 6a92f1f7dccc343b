/**
 * The preferences show the visitor their consent id and the date of their decision, copyable, so they
 * can quote it to the operator (docs/records.md, "When a visitor quotes their id").
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { action, cleanup, inShadow, mountUi, tabTo } from '../helpers/ui.js';
import { waitFor } from '../helpers/page.js';
import { expectAccessible } from '../helpers/axe.js';

const DECIDED = { analytics: true, personalization: false, marketing: false };
const section = (p: Element): HTMLElement | null => p.shadowRoot!.querySelector('.consent-id');

describe('preferences: the visitor\'s consent id', () => {
  afterEach(cleanup);

  it('is not shown before a decision', async () => {
    const { ui, preferences } = await mountUi();
    await ui.showPreferences();
    expect(section(preferences)).to.equal(null);
    expect(preferences.shadowRoot!.textContent).to.not.contain(ru.consentId.heading);
  });

  it('shows the id and the date of the decision once there is one, and after a decision made in the dialog', async () => {
    const { ui, host, preferences } = await mountUi({}, { decided: DECIDED });
    await ui.showPreferences();
    const state = host.api.getState();
    expect(inShadow(preferences, '#consent-id-title').textContent).to.equal(ru.consentId.heading);
    expect(inShadow(preferences, '.consent-id-value').textContent).to.equal(state.consentId);
    const time = inShadow(preferences, '.consent-id time');
    expect(time.getAttribute('datetime')).to.equal(state.timestamp);
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('ru', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(state.timestamp!)));
    expect(inShadow(preferences, '.consent-id-copy').textContent!.trim()).to.equal(ru.consentId.copy);
    await expectAccessible(preferences);

    // A new decision (accept all here) gives a new id; the dialog shows that one when opened again.
    inShadow(preferences, '[data-action="accept-all"]').click();
    await ui.showPreferences();
    const next = host.api.getState().consentId;
    expect(next).to.not.equal(state.consentId);
    expect(inShadow(preferences, '.consent-id-value').textContent).to.equal(next);
  });

  it('speaks English in English', async () => {
    const { ui, preferences } = await mountUi({}, { decided: DECIDED, lang: 'en' });
    await ui.showPreferences();
    expect(inShadow(preferences, '#consent-id-title').textContent).to.equal(en.consentId.heading);
    expect(inShadow(preferences, '.consent-id-copy').textContent!.trim()).to.equal(en.consentId.copy);
  });

  it('copies the id to the clipboard from the keyboard (Tab to «Скопировать», Enter), and says so', async () => {
    const { ui, host, preferences } = await mountUi({}, { decided: DECIDED });
    await ui.showPreferences();
    const copy = await tabTo(action('copy-id'));
    expect(copy).to.equal(inShadow(preferences, '.consent-id-copy'));
    await sendKeys({ press: 'Enter' });
    const status = inShadow(preferences, '.consent-id-status');
    await waitFor(() => status.textContent, 3000, 'the status line');
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent).to.equal(ru.consentId.copied);
    // What the clipboard holds now.
    expect(await navigator.clipboard.readText()).to.equal(host.api.getState().consentId);
  });

  it('selects the id instead where there is no Clipboard API (a page not on HTTPS)', async () => {
    const { ui, host, preferences } = await mountUi({}, { decided: DECIDED });
    await ui.showPreferences();
    const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    try {
      (await tabTo(action('copy-id'))) as HTMLElement;
      await sendKeys({ press: 'Space' });
      const status = inShadow(preferences, '.consent-id-status');
      await waitFor(() => status.textContent, 3000, 'the status line');
      expect(status.textContent).to.equal(ru.consentId.selected);
      expect(document.getSelection()!.toString()).to.equal(host.api.getState().consentId);
    } finally {
      if (own) Object.defineProperty(navigator, 'clipboard', own);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });
});
