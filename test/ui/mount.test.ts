import { expect } from '@open-wc/testing';
import ru from '../../locales/ru.json';
import type { ConsentReopenButton } from '../../src/ui/index.js';
import { sendKeys } from '@web/test-runner-commands';
import { cleanup, expectFocusOn, inShadow, mountUi, tabTo } from '../helpers/ui.js';
import { expectAccessible } from '../helpers/axe.js';

describe('mount', () => {
  afterEach(cleanup);

  it('importing the module defines nothing; mount() defines the elements', async () => {
    expect(customElements.get('integrus-consent-banner')).to.equal(undefined);
    expect(customElements.get('integrus-consent-preferences')).to.equal(undefined);
    const { banner, preferences, root } = await mountUi();
    expect(customElements.get('integrus-consent-banner')).to.not.equal(undefined);
    expect(banner.shadowRoot?.mode).to.equal('open');
    expect(preferences.shadowRoot?.mode).to.equal('open');
    // The banner comes first in the root (first in keyboard order); nothing shows until asked.
    expect(root.firstElementChild === banner).to.equal(true);
    expect(banner.getBoundingClientRect().height).to.equal(0);
    expect(root.querySelector('integrus-consent-reopen-button')).to.equal(null);
  });

  it('a second mount reuses the definitions without complaint', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const a = await mountUi();
      const b = await mountUi();
      await a.ui.showBanner();
      await b.ui.showBanner();
      expect(errors).to.deep.equal([]);
    } finally {
      console.error = original;
    }
  });

  it('hide() is idempotent and closes every layer once', async () => {
    const { ui, host } = await mountUi();
    await ui.showBanner();
    await ui.showBanner();
    await ui.showPreferences();
    await ui.hide();
    await ui.hide();
    expect(host.layers).to.deep.equal(['show:banner', 'show:preferences', 'hide:preferences', 'hide:banner']);
  });

  it('no state of its own: a decision made elsewhere shows in the next opening of the preferences', async () => {
    const { ui, host, preferences } = await mountUi();
    host.api.setCategories({ analytics: true });
    await new Promise((r) => setTimeout(r)); // the core hides the UI after a decision
    await ui.showPreferences();
    expect(inShadow<HTMLInputElement>(preferences, 'input[name="analytics"]').checked).to.equal(true);
  });
});

describe('re-open button', () => {
  afterEach(cleanup);

  const reopenOf = (root: HTMLElement): ConsentReopenButton => {
    const el = root.querySelector('integrus-consent-reopen-button');
    if (!el) throw new Error('no re-open button');
    return el;
  };

  it('shows only when configured and no layer is open, and opens the preferences', async () => {
    const { ui, host, root, preferences } = await mountUi({ reopenButton: true }, { decided: { analytics: true } });
    const reopen = reopenOf(root);
    await reopen.updateComplete;
    const button = inShadow(reopen, 'button');
    expect(button.dataset.action).to.equal('open-preferences');
    expect(button.getAttribute('aria-label')).to.equal(ru.reopen.label);
    expect(getComputedStyle(reopen).position).to.equal('fixed');
    const rect = button.getBoundingClientRect();
    expect(rect.width).to.be.at.least(24);
    expect(rect.width).to.equal(rect.height);
    button.click();
    await preferences.updateComplete;
    await reopen.updateComplete;
    expect(preferences.open).to.equal(true);
    expect(reopen.open).to.equal(false);
    expect(reopen.getBoundingClientRect().height).to.equal(0);
    await ui.hide();
    await reopen.updateComplete;
    expect(reopen.open).to.equal(true);
    await ui.showBanner();
    expect(reopen.open).to.equal(false);
    expect(host.layers).to.deep.equal(['show:preferences', 'hide:preferences', 'show:banner']);
  });

  it('gets focus back when the preferences it opened close', async () => {
    const { root, preferences } = await mountUi({ reopenButton: true }, { decided: {} });
    const reopen = reopenOf(root);
    await reopen.updateComplete;
    const button = await tabTo((el) => el === reopen.shadowRoot?.querySelector('button'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    expect(preferences.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await new Promise((r) => setTimeout(r, 50));
    expect(preferences.open).to.equal(false);
    expectFocusOn(button);
  });

  it('has no axe violation', async () => {
    const { root } = await mountUi({ reopenButton: true });
    await reopenOf(root).updateComplete;
    await expectAccessible(reopenOf(root));
  });
});
