import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import type { ConsentPreferences } from '../../src/ui/index.js';
import { action, allInShadow, cleanup, deepActive, expectFocusOn, inShadow, mountUi, shadowText, shiftTab, tabTo } from '../helpers/ui.js';
import { expectAccessible } from '../helpers/axe.js';

const dialogOf = (p: ConsentPreferences): HTMLDialogElement => inShadow<HTMLDialogElement>(p, 'dialog');
const switchOf = (p: ConsentPreferences, name: string): HTMLInputElement => inShadow<HTMLInputElement>(p, `input[name="${name}"]`);
const click = async (p: ConsentPreferences, name: string): Promise<void> => {
  inShadow(p, `[data-action="${name}"]`).click();
  await p.updateComplete;
};

describe('preferences: content', () => {
  afterEach(cleanup);

  it('is a modal dialog with one switch per category, necessary always on, nothing ticked', async () => {
    const { ui, preferences } = await mountUi();
    await ui.showPreferences();
    const dialog = dialogOf(preferences);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('lang')).to.equal('ru');
    const labelledBy = dialog.getAttribute('aria-labelledby') as string;
    expect(preferences.shadowRoot?.getElementById(labelledBy)?.textContent).to.equal(ru.preferences.title);
    // Focus starts at the top of the dialog, on its title.
    expect(preferences.shadowRoot?.activeElement?.id).to.equal(labelledBy);
    const switches = allInShadow<HTMLInputElement>(preferences, 'input[type="checkbox"]');
    expect(switches.map((s) => [s.name, s.getAttribute('role'), s.checked, s.disabled])).to.deep.equal([
      ['necessary', 'switch', true, true],
      ['analytics', 'switch', false, false],
      ['personalization', 'switch', false, false],
      ['marketing', 'switch', false, false],
    ]);
    // Each switch is labelled by its category title and described by its description.
    for (const s of switches) {
      const title = (ru.categories as Record<string, { title: string; description: string }>)[s.name];
      expect(s.labels?.[0]?.textContent).to.equal(title?.title);
      const described = (s.getAttribute('aria-describedby') ?? '').split(' ').map((id) => preferences.shadowRoot?.getElementById(id)?.textContent);
      expect(described).to.include(title?.description);
    }
    expect(shadowText(preferences)).to.contain(ru.preferences.alwaysOn);
    expect(allInShadow(preferences, '[part~="category"]')).to.have.length(4);
    // Close sits in the header beside the title; the footer holds the three decisions, nothing else.
    expect(allInShadow(preferences, 'button').map((b) => b.dataset.action)).to.deep.equal(['close', 'save', 'accept-all', 'reject-all']);
    expect(allInShadow(preferences, '[part~="actions"] button').map((b) => b.dataset.action)).to.deep.equal(['save', 'accept-all', 'reject-all']);
  });

  it('has a close button (×) at the end of the title row, named «close without saving»', async () => {
    const { ui, preferences } = await mountUi();
    await ui.showPreferences();
    const close = inShadow<HTMLButtonElement>(preferences, '[data-action="close"]');
    const title = inShadow(preferences, '#title');
    // An icon: no visible text, a decorative SVG, its accessible name from the locale.
    expect(close.getAttribute('aria-label')).to.equal(ru.preferences.close);
    expect(close.textContent?.trim()).to.equal('');
    expect(close.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
    expect(close.closest('dialog')?.querySelector('[part~="actions"]')?.contains(close)).to.equal(false);
    // Beside the title, on its line, at the right; a 44×44 target (WCAG 2.2 asks for at least 24×24).
    const c = close.getBoundingClientRect();
    const t = title.getBoundingClientRect();
    expect(c.width).to.be.at.least(44);
    expect(c.height).to.be.at.least(44);
    expect(c.left).to.be.at.least(t.right);
    expect(c.top + c.height / 2).to.be.within(t.top, t.bottom);
    expect(c.right).to.be.closeTo(dialogOf(preferences).getBoundingClientRect().right, 24);
    // Drawn in the text colour, so it contrasts as the text does, in both themes.
    expect(getComputedStyle(close).color).to.equal(getComputedStyle(title).color);
  });

  it('names the close button in English too', async () => {
    const { ui, preferences } = await mountUi({}, { lang: 'en' });
    await ui.showPreferences();
    expect(inShadow(preferences, '[data-action="close"]').getAttribute('aria-label')).to.equal(en.preferences.close);
  });

  it('lists the named recipients of a category, linking only those with a policy URL', async () => {
    const { ui, preferences } = await mountUi({
      categories: [
        'analytics',
        { name: 'marketing', vendors: [{ name: 'VK Ads', url: 'https://vk.com/privacy' }, { name: 'Local partner' }] },
      ],
    });
    await ui.showPreferences();
    const [analytics, marketing] = allInShadow(preferences, '[part~="category"]').slice(1);
    expect(analytics?.textContent).to.contain(ru.preferences.recipients);
    expect([...(analytics?.querySelectorAll('.recipients a') ?? [])].map((a) => a.textContent)).to.deep.equal([
      ru.vendors['yandex-metrica'],
      ru.vendors['google-analytics'],
    ]);
    expect([...(marketing?.querySelectorAll('.recipients li') ?? [])].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null])).to.deep.equal([
      ['VK Ads', 'https://vk.com/privacy'],
      ['Local partner', null],
    ]);
  });

  it('names the operator with only the fields configured', async () => {
    const { ui, preferences } = await mountUi({ operator: { name: 'ООО «Ромашка»', inn: '7701234567', email: 'dpo@example.ru' } });
    await ui.showPreferences();
    const operator = inShadow(preferences, '.operator');
    expect(operator.textContent).to.contain(ru.preferences.operator.heading).and.contain('ООО «Ромашка»').and.contain('7701234567');
    expect([...operator.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal([ru.preferences.operator.inn, ru.preferences.operator.email]);
    expect(operator.querySelector('a')?.getAttribute('href')).to.equal('mailto:dpo@example.ru');
    expect(operator.textContent).not.to.contain(ru.preferences.operator.address);
  });

  it('titles an unknown category by its name and never shows a key', async () => {
    const { ui, preferences } = await mountUi({ categories: ['analytics', 'video'] });
    await ui.showPreferences();
    expect(switchOf(preferences, 'video').labels?.[0]?.textContent).to.equal('video');
    expect(shadowText(preferences)).not.to.match(/categories\.|preferences\./);
  });

  it('renders in English and follows a live language switch', async () => {
    const { ui, preferences } = await mountUi({}, { lang: 'en' });
    await ui.showPreferences();
    expect(dialogOf(preferences).getAttribute('lang')).to.equal('en');
    expect(shadowText(preferences)).to.contain(en.preferences.title).and.contain(en.categories.analytics.description);
    switchOf(preferences, 'analytics').click();
    await ui.setLanguage('ru');
    expect(dialogOf(preferences).getAttribute('lang')).to.equal('ru');
    expect(inShadow(preferences, '[data-action="save"]').textContent).to.equal(ru.preferences.save);
    // Switching language keeps what the visitor set.
    expect(switchOf(preferences, 'analytics').checked).to.equal(true);
  });
});

describe('preferences: choices', () => {
  afterEach(cleanup);

  it('save stores exactly the switches as set', async () => {
    const { ui, host, preferences } = await mountUi();
    await ui.showPreferences();
    switchOf(preferences, 'analytics').click();
    switchOf(preferences, 'marketing').click();
    switchOf(preferences, 'marketing').click();
    await click(preferences, 'save');
    expect(host.calls).to.deep.equal(['setCategories {"analytics":true,"personalization":false,"marketing":false}']);
    expect(host.api.getState().granted).to.deep.equal(['necessary', 'analytics']);
    expect(dialogOf(preferences).open).to.equal(false);
    expect(host.layers).to.deep.equal(['show:preferences', 'hide:preferences']);
  });

  it('starts from the stored decision when there is one', async () => {
    const { ui, host, preferences } = await mountUi({}, { decided: { analytics: false, personalization: true, marketing: true } });
    await ui.showPreferences();
    expect(['analytics', 'personalization', 'marketing'].map((n) => switchOf(preferences, n).checked)).to.deep.equal([false, true, true]);
    switchOf(preferences, 'marketing').click();
    await click(preferences, 'save');
    expect(host.api.getState().granted).to.deep.equal(['necessary', 'personalization']);
  });

  it('forgets unsaved switches when closed and reopened', async () => {
    const { ui, preferences } = await mountUi();
    await ui.showPreferences();
    switchOf(preferences, 'analytics').click();
    await click(preferences, 'close');
    await ui.showPreferences();
    expect(switchOf(preferences, 'analytics').checked).to.equal(false);
  });

  it('accept all and reject all decide for every category', async () => {
    const a = await mountUi();
    await a.ui.showPreferences();
    await click(a.preferences, 'accept-all');
    expect(a.host.calls).to.deep.equal(['acceptAll']);
    expect(a.host.api.getState().denied).to.deep.equal([]);
    expect(dialogOf(a.preferences).open).to.equal(false);
    await cleanup();
    const r = await mountUi({}, { decided: { analytics: true } });
    await r.ui.showPreferences();
    await click(r.preferences, 'reject-all');
    expect(r.host.calls).to.deep.equal(['rejectAll']);
    expect(r.host.api.getState().granted).to.deep.equal(['necessary']);
  });

  it('the close button dismisses without deciding; the banner stays', async () => {
    const { ui, host, banner, preferences } = await mountUi();
    await ui.showBanner();
    await ui.showPreferences();
    switchOf(preferences, 'analytics').click();
    await click(preferences, 'close');
    expect(host.calls).to.deep.equal([]);
    expect(host.api.getState().decided).to.equal(false);
    expect(dialogOf(preferences).open).to.equal(false);
    expect(banner.open).to.equal(true);
    expect(host.layers).to.deep.equal(['show:banner', 'show:preferences', 'hide:preferences']);
  });

  it('Esc dismisses without deciding', async () => {
    const { ui, host, preferences } = await mountUi();
    await ui.showPreferences();
    switchOf(preferences, 'analytics').focus();
    await sendKeys({ press: 'Space' });
    expect(switchOf(preferences, 'analytics').checked).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await new Promise((r) => setTimeout(r, 50));
    expect(dialogOf(preferences).open).to.equal(false);
    expect(preferences.open).to.equal(false);
    expect(host.calls).to.deep.equal([]);
    expect(host.api.getState().decided).to.equal(false);
    expect(host.layers).to.deep.equal(['show:preferences', 'hide:preferences']);
  });

  it('tells the core once per opening and closing, however often it is asked', async () => {
    const { ui, host } = await mountUi();
    await Promise.all([ui.showPreferences(), ui.showPreferences()]);
    await ui.showPreferences();
    await Promise.all([ui.hide(), ui.hide()]);
    await ui.hide();
    await ui.showPreferences();
    await ui.hide();
    expect(host.layers).to.deep.equal(['show:preferences', 'hide:preferences', 'show:preferences', 'hide:preferences']);
  });
});

describe('preferences: Global Privacy Control', () => {
  afterEach(cleanup);

  it('keeps marketing off, disabled, and says why', async () => {
    const { ui, host, preferences } = await mountUi({}, { gpc: true, decided: { analytics: true, marketing: true } });
    await ui.showPreferences();
    const marketing = switchOf(preferences, 'marketing');
    expect([marketing.checked, marketing.disabled]).to.deep.equal([false, true]);
    const ids = (marketing.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = ids.map((id) => preferences.shadowRoot?.getElementById(id)?.textContent);
    expect(texts).to.include(ru.preferences.gpcNote);
    expect(switchOf(preferences, 'analytics').checked).to.equal(true);
    marketing.click(); // disabled: nothing happens
    await click(preferences, 'save');
    expect(host.calls).to.deep.equal(['setCategories {"analytics":true,"personalization":false,"marketing":false}']);
  });

  it('leaves marketing alone without GPC', async () => {
    const { ui, preferences } = await mountUi({}, { gpc: false });
    await ui.showPreferences();
    expect(switchOf(preferences, 'marketing').disabled).to.equal(false);
    expect(shadowText(preferences)).not.to.contain(ru.preferences.gpcNote);
  });
});

describe('preferences: keyboard and focus', () => {
  afterEach(cleanup);

  it('keyboard only: banner → choose → switch on with Space → save', async () => {
    const { ui, host, banner, preferences } = await mountUi();
    await ui.showBanner();
    await tabTo(action('open-preferences'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    expect(dialogOf(preferences).open).to.equal(true);
    expect(preferences.shadowRoot?.activeElement != null).to.equal(true);
    await tabTo((el) => el?.getAttribute('name') === 'personalization');
    await sendKeys({ press: 'Space' });
    await tabTo(action('save'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    expect(host.calls).to.deep.equal(['setCategories {"analytics":false,"personalization":true,"marketing":false}']);
    await banner.updateComplete;
    expect(banner.open).to.equal(false);
  });

  it('traps Tab and Shift+Tab inside the dialog', async () => {
    const { ui, root, preferences } = await mountUi();
    const outside = document.createElement('button');
    outside.className = 'fixture';
    outside.textContent = 'outside';
    root.after(outside);
    outside.focus();
    await ui.showPreferences();
    const focusables = allInShadow(preferences, 'a[href], button, input:not([disabled]), summary');
    const seen = new Set<Element>();
    for (let i = 0; i < focusables.length * 2 + 2; i += 1) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      expect(active && preferences.shadowRoot?.contains(active), `Tab #${i + 1} left the dialog`).to.equal(true);
      if (active) seen.add(active);
    }
    expect(seen.size).to.equal(focusables.length);
    // Wrapping: from the last control forward to the first, and back.
    const first = focusables[0] as HTMLElement;
    const last = focusables[focusables.length - 1] as HTMLElement;
    last.focus();
    await sendKeys({ press: 'Tab' });
    expectFocusOn(first);
    await shiftTab();
    expectFocusOn(last);
  });

  it('gives focus back to the element that opened it', async () => {
    const { ui, root, preferences } = await mountUi();
    const opener = document.createElement('button');
    opener.className = 'fixture';
    opener.textContent = 'cookie settings';
    root.after(opener);
    opener.focus();
    await ui.showPreferences();
    expect(preferences.shadowRoot?.contains(deepActive())).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await new Promise((r) => setTimeout(r, 50));
    expectFocusOn(opener);
    opener.focus();
    await ui.showPreferences();
    await click(preferences, 'close');
    expectFocusOn(opener);
  });

  it('gives focus back to the banner button after closing without a decision', async () => {
    const { ui, banner, preferences } = await mountUi();
    await ui.showBanner();
    const choose = await tabTo(action('open-preferences'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    // Focus starts on the title; the close button in the header is the first Tab stop.
    await sendKeys({ press: 'Tab' });
    expectFocusOn(inShadow(preferences, '[data-action="close"]'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    expect(dialogOf(preferences).open).to.equal(false);
    expectFocusOn(choose);
    expect(banner.shadowRoot?.activeElement === choose).to.equal(true);
  });

  it('Tab goes title → close → switches, links and cookie declarations → save, accept all, reject all, and round again', async () => {
    const { ui } = await mountUi({ operator: { name: 'ООО «Ромашка»', email: 'dpo@example.ru' } });
    await ui.showPreferences();
    const describe = (el: Element | null): string =>
      el?.getAttribute('data-action') ?? el?.getAttribute('name') ?? (el?.localName === 'a' ? 'link' : String(el?.localName));
    const order: string[] = [];
    for (let i = 0; i < 13; i += 1) {
      await sendKeys({ press: 'Tab' });
      order.push(describe(deepActive()));
    }
    expect(order).to.deep.equal([
      'close',
      // necessary: its switch is disabled; its declaration (the consent cookie) is a summary.
      'summary',
      'analytics', 'link', 'link',
      'personalization',
      'marketing',
      'link',
      'save', 'accept-all', 'reject-all',
      'close', 'summary',
    ]);
  });
});

describe('preferences: footer layout', () => {
  afterEach(async () => {
    await cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  const decisions = (p: ConsentPreferences): HTMLButtonElement[] =>
    ['save', 'accept-all', 'reject-all'].map((a) => inShadow<HTMLButtonElement>(p, `[data-action="${a}"]`));
  /** Lines the label of `button` takes. */
  const lines = (button: HTMLElement): number => {
    const range = document.createRange();
    range.selectNodeContents(button);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  const looks = (b: HTMLElement): string[] => {
    const style = getComputedStyle(b);
    return [style.backgroundColor, style.color, style.borderColor, style.fontSize, style.fontWeight];
  };

  for (const lang of ['ru', 'en'] as const) {
    it(`on a phone (375×812, ${lang}) is two compact rows: save across, accept and reject side by side, each label on one line`, async () => {
      await setViewport({ width: 375, height: 812 });
      const { ui, preferences } = await mountUi({}, { lang });
      await ui.showPreferences();
      const [save, accept, reject] = decisions(preferences).map((b) => b.getBoundingClientRect()) as [DOMRect, DOMRect, DOMRect];
      const [saveButton, acceptButton, rejectButton] = decisions(preferences) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
      // Save on top across the row; accept and reject below it, same width, same line.
      expect(accept.top).to.be.above(save.bottom - 1);
      expect(reject.top).to.equal(accept.top);
      expect(reject.width).to.be.closeTo(accept.width, 0.5);
      expect(save.left).to.be.closeTo(accept.left, 0.5);
      expect(save.right).to.be.closeTo(reject.right, 0.5);
      // One height, one look: none of the three stands out.
      expect(accept.height).to.be.closeTo(save.height, 0.5);
      expect(reject.height).to.be.closeTo(save.height, 0.5);
      expect(save.height).to.be.at.least(44);
      expect(looks(acceptButton)).to.deep.equal(looks(saveButton));
      expect(looks(rejectButton)).to.deep.equal(looks(saveButton));
      for (const b of [saveButton, acceptButton, rejectButton]) expect(lines(b), b.dataset.action).to.equal(1);
      // The footer leaves the screen to the categories (it took ~180 px as a 2×2 grid).
      expect(inShadow(preferences, '[part~="actions"]').getBoundingClientRect().height).to.be.below(130);
    });
  }

  it('on a wide screen is one row of three equal buttons', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { ui, preferences } = await mountUi();
    await ui.showPreferences();
    const buttons = decisions(preferences);
    const rects = buttons.map((b) => b.getBoundingClientRect());
    const [first] = rects as [DOMRect];
    for (const r of rects) {
      expect(r.top).to.equal(first.top);
      expect(r.width).to.be.closeTo(first.width, 0.5);
      expect(r.height).to.be.closeTo(first.height, 0.5);
    }
    expect(rects.map((r) => r.left)).to.deep.equal([...rects.map((r) => r.left)].sort((a, b) => a - b));
    for (const b of buttons) {
      expect(lines(b), b.dataset.action).to.equal(1);
      expect(looks(b)).to.deep.equal(looks(buttons[0] as HTMLElement));
    }
  });
});

describe('preferences: accessibility (axe)', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }));
  afterEach(cleanup);

  for (const theme of ['light', 'dark'] as const) {
    for (const gpc of [false, true]) {
      it(`has no axe violation (${theme}${gpc ? ', GPC' : ''})`, async () => {
        const { ui, preferences } = await mountUi(
          { theme, operator: { name: 'ООО «ИНТЕГРУС»', address: 'Москва', inn: '7701234567', ogrn: '1027700132195', email: 'a@b.ru' } },
          { gpc, decided: { analytics: true } },
        );
        await ui.showPreferences();
        await expectAccessible(preferences);
      });
    }
  }

  it('has no axe violation in the system dark theme, in English', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { ui, preferences } = await mountUi({}, { lang: 'en' });
    await ui.showPreferences();
    await expectAccessible(preferences);
  });
});
