import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { resolveServices } from '../../src/catalogue/catalogue.js';
import { CATALOGUE, setCatalogue } from '../../src/catalogue/runtime.js';
import { action, allInShadow, cleanup, deepActive, expectFocusOn, inShadow, mountUi, nextFrame, shadowText, shiftTab, tabTo } from '../helpers/ui.js';
import { expectAccessible } from '../helpers/axe.js';

/** The three choices (not the "More" disclosure). */
const buttonsOf = (el: Element): HTMLButtonElement[] => allInShadow<HTMLButtonElement>(el, '[part="actions"] button');

describe('banner: content', () => {
  afterEach(cleanup);

  it('says in one short paragraph who collects what, for which configured purposes, and that the choice can change', async () => {
    const { ui, banner } = await mountUi({ policyUrl: '/privacy', operator: { name: 'ООО «Ромашка»' }, categories: ['analytics', 'marketing'] });
    await ui.showBanner();
    const region = inShadow(banner, '[part="banner"]');
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('aria-label')).to.equal(ru.banner.label);
    expect(region.getAttribute('lang')).to.equal('ru');
    // The heading is there for screen-reader navigation; the summary says the same to the eye.
    expect(inShadow(banner, '[part="title"]').textContent).to.equal(ru.banner.title);
    // The summary, then the links and "More" in the same paragraph.
    const summary = (inShadow(banner, '.summary').textContent as string).replace(/\s+/g, ' ').trim();
    expect(summary).to.equal(
      `${ru.banner.summary.replace('{{operator}}', 'ООО «Ромашка»').replace('{{purposes}}', `${ru.banner.purpose.analytics} и ${ru.banner.purpose.marketing}`)} ${ru.banner.policyLink} ${ru.banner.more}`,
    );
    for (const fact of ['cookie', 'IP-адрес', 'браузер', 'только необходимые', 'изменить']) expect(summary).to.contain(fact);
    expect(summary).not.to.contain(ru.banner.purpose.personalization);
    expect(summary.length - ru.banner.policyLink.length - ru.banner.more.length).to.be.within(150, 230);
    // The full summary waits behind "More".
    expect(inShadow(banner, '[part="details"]').hidden).to.equal(true);
    const links = allInShadow<HTMLAnchorElement>(banner, 'a');
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([['/privacy', ru.banner.policyLink]]);
    expect(buttonsOf(banner).map((b) => [b.dataset.action, b.textContent?.trim()])).to.deep.equal([
      ['accept-all', ru.banner.acceptAll],
      ['reject-all', ru.banner.rejectAll],
      ['open-preferences', ru.banner.choose],
    ]);
    expect(allInShadow(banner, 'input')).to.have.length(0);
  });

  it('says in one clause of the first layer where data goes abroad, for the services in use only; nothing claims the data is anonymised', async () => {
    const summaryWith = async (ids: string[], lang = 'ru'): Promise<string> => {
      setCatalogue(window, { named: resolveServices(ids, (m) => { throw new Error(m); }), blocker: null });
      try {
        const { ui, banner } = await mountUi({ categories: ['analytics', 'marketing'] }, { lang });
        await ui.showBanner();
        return (inShadow(banner, '.summary').textContent as string).replace(/\s+/g, ' ').trim();
      } finally {
        delete (window as unknown as Record<symbol, unknown>)[CATALOGUE];
        await cleanup();
      }
    };
    expect(await summaryWith(['yandex-metrica', 'google-analytics', 'hotjar'])).to.contain('Часть данных передаётся за рубеж (Соединенные Штаты и Мальта).');
    expect(await summaryWith(['google-analytics'], 'en')).to.contain('Some data is transferred abroad (United States).');
    // Only Russian recipients: nothing goes abroad, nothing is said.
    const home = await summaryWith(['yandex-metrica', 'vk-ads']);
    expect(home).not.to.contain('за рубеж');
    expect(home.endsWith(`${ru.banner.policyLink} ${ru.banner.more}`)).to.equal(true);
    // _ym_uid identifies a browser: no text of the first layer or the categories calls the data anonymised.
    for (const texts of [ru, en]) expect(JSON.stringify([texts.banner, texts.categories])).not.to.match(/обезличенн|anonymi[sz]ed/);
  });

  it('"More" expands the full summary in place: focus stays, the state is announced, "Less" folds it', async () => {
    const { ui, banner } = await mountUi();
    await ui.showBanner();
    const more = await tabTo((el) => el?.getAttribute('part') === 'more');
    const details = inShadow(banner, '[part="details"]');
    expect([more.textContent?.trim(), more.getAttribute('aria-expanded'), more.getAttribute('aria-controls')]).to.deep.equal([
      ru.banner.more, 'false', details.id,
    ]);
    expect(details.getBoundingClientRect().height).to.equal(0);
    await sendKeys({ press: 'Enter' });
    await banner.updateComplete;
    expectFocusOn(more, 'focus after "More"');
    expect([more.textContent?.trim(), more.getAttribute('aria-expanded')]).to.deep.equal([ru.banner.less, 'true']);
    expect(details.hidden).to.equal(false);
    expect(details.getBoundingClientRect().height).to.be.above(0);
    for (const key of ['collected', 'withdraw'] as const) expect(details.textContent).to.contain(ru.banner[key]);
    // The purposes and the recipients of the three default categories.
    const uses = `${ru.banner.use.analytics}, ${ru.banner.use.personalization} и ${ru.banner.use.marketing}`;
    const recipients = `${ru.banner.recipient.analytics} и ${ru.banner.recipient.marketing}`;
    expect(details.textContent?.replace(/\s+/g, ' ')).to.contain(
      `${ru.banner.purposes.replace('{{uses}}', uses)} ${ru.banner.thirdParties.replace('{{recipients}}', recipients)}`,
    );
    expect(location.href).not.to.contain('#');
    await sendKeys({ press: 'Space' });
    await banner.updateComplete;
    expectFocusOn(more, 'focus after "Less"');
    expect([more.getAttribute('aria-expanded'), details.hidden]).to.deep.equal(['false', true]);
  });

  it('speaks English when the core chose English, and links the consent document when configured', async () => {
    const { ui, banner } = await mountUi({ policyUrl: 'https://example.com/privacy', consentUrl: '/consent' }, { lang: 'en' });
    await ui.showBanner();
    expect(inShadow(banner, '[part="banner"]').getAttribute('lang')).to.equal('en');
    expect(inShadow(banner, '[part="banner"]').getAttribute('aria-label')).to.equal(en.banner.label);
    expect(inShadow(banner, '[part="title"]').textContent).to.equal(en.banner.title);
    expect(shadowText(banner)).to.contain(`${en.banner.operator} automatically collects cookies`);
    expect(shadowText(banner)).to.contain('analytics, personalisation, and advertising');
    expect(allInShadow<HTMLAnchorElement>(banner, 'a').map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['https://example.com/privacy', en.banner.policyLink],
      ['/consent', en.banner.consentLink],
    ]);
    expect(buttonsOf(banner).map((b) => b.textContent?.trim())).to.deep.equal([en.banner.acceptAll, en.banner.rejectAll, en.banner.choose]);
  });

  it('switches language live', async () => {
    const { ui, banner } = await mountUi();
    await ui.showBanner();
    expect(inShadow(banner, '[part="title"]').textContent).to.equal(ru.banner.title);
    await ui.setLanguage('en');
    expect(inShadow(banner, '[part="title"]').textContent).to.equal(en.banner.title);
    expect(inShadow(banner, '[part="banner"]').getAttribute('lang')).to.equal('en');
    expect(buttonsOf(banner)[1]?.textContent?.trim()).to.equal(en.banner.rejectAll);
    await ui.setLanguage('ru');
    expect(inShadow(banner, '[part="banner"]').getAttribute('aria-label')).to.equal(ru.banner.label);
  });

  it('shows texts overrides as literal text, never as HTML', async () => {
    const payload = '<img src=x onerror="window.__xss = 1">Hi';
    const { ui, banner } = await mountUi({ texts: { ru: { banner: { title: payload }, 'banner.acceptAll': '<b>Да</b>' } } });
    await ui.showBanner();
    expect(inShadow(banner, '[part="title"]').textContent).to.equal(payload);
    expect(buttonsOf(banner)[0]?.textContent?.trim()).to.equal('<b>Да</b>');
    expect(banner.shadowRoot?.querySelector('img, b')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    // The other texts are still the built-in ones.
    expect(buttonsOf(banner)[1]?.textContent?.trim()).to.equal(ru.banner.rejectAll);
  });

  it('falls back to Russian for a language the site only partly translated, never showing a key', async () => {
    const { ui, banner } = await mountUi({ texts: { de: { banner: { title: 'Wir verwenden Cookies' } } } }, { lang: 'de' });
    await ui.showBanner();
    expect(inShadow(banner, '[part="title"]').textContent).to.equal('Wir verwenden Cookies');
    expect(inShadow(banner, '[part="banner"]').getAttribute('lang')).to.equal('de');
    expect(buttonsOf(banner)[0]?.textContent?.trim()).to.equal(ru.banner.acceptAll);
    expect(shadowText(banner)).not.to.match(/banner\.\w+/);
  });
});

describe('banner: choices', () => {
  afterEach(cleanup);

  it('accept all grants every category and closes the banner, telling the core once each way', async () => {
    const { ui, host, banner } = await mountUi();
    await ui.showBanner();
    inShadow(banner, '[data-action="accept-all"]').click();
    await banner.updateComplete;
    expect(host.calls).to.deep.equal(['acceptAll']);
    expect(host.api.getState().categories).to.deep.equal({ necessary: true, analytics: true, personalization: true, marketing: true });
    expect(banner.open).to.equal(false);
    expect(banner.getBoundingClientRect().height).to.equal(0);
    await ui.hide(); // the core hides too: nothing more happens
    expect(host.layers).to.deep.equal(['show:banner', 'hide:banner']);
  });

  it('reject all decides necessary only', async () => {
    const { ui, host, banner } = await mountUi();
    await ui.showBanner();
    inShadow(banner, '[data-action="reject-all"]').click();
    await banner.updateComplete;
    const state = host.api.getState();
    expect(state.decided).to.equal(true);
    expect(state.method).to.equal('reject-all');
    expect(state.granted).to.deep.equal(['necessary']);
    expect(banner.open).to.equal(false);
  });

  it('choose opens the preferences without deciding; the banner stays', async () => {
    const { ui, host, banner, preferences } = await mountUi();
    await ui.showBanner();
    inShadow(banner, '[data-action="open-preferences"]').click();
    await preferences.updateComplete;
    expect(inShadow<HTMLDialogElement>(preferences, 'dialog').open).to.equal(true);
    expect(host.calls).to.deep.equal([]);
    expect(host.api.getState().decided).to.equal(false);
    expect(banner.open).to.equal(true);
    expect(host.layers).to.deep.equal(['show:banner', 'show:preferences']);
  });
});

describe('banner: keyboard', () => {
  afterEach(cleanup);

  it('reaches every button with Tab and accepts with Enter', async () => {
    const { ui, host, banner } = await mountUi();
    await ui.showBanner();
    const reached: string[] = [];
    await tabTo((el) => {
      if (el?.getAttribute('data-action')) reached.push(el.getAttribute('data-action') as string);
      return action('open-preferences')(el);
    });
    expect(reached).to.deep.equal(['accept-all', 'reject-all', 'open-preferences']);
    await shiftTab();
    await shiftTab();
    expect(deepActive()?.getAttribute('data-action')).to.equal('accept-all');
    await sendKeys({ press: 'Enter' });
    await banner.updateComplete;
    expect(host.calls).to.deep.equal(['acceptAll']);
    expect(banner.open).to.equal(false);
  });

  it('rejects with Space', async () => {
    const { ui, host } = await mountUi();
    await ui.showBanner();
    await tabTo(action('reject-all'));
    await sendKeys({ press: 'Space' });
    expect(host.calls).to.deep.equal(['rejectAll']);
  });

  it('does not trap focus: Tab goes on to the page after the last button', async () => {
    const { ui, root } = await mountUi();
    const after = document.createElement('button');
    after.textContent = 'page button';
    after.className = 'fixture';
    root.after(after);
    await ui.showBanner();
    await tabTo(action('open-preferences'));
    await sendKeys({ press: 'Tab' });
    expectFocusOn(after);
  });

  it('shows a visible focus ring', async () => {
    const { ui, banner } = await mountUi();
    await ui.showBanner();
    const button = await tabTo(action('accept-all'));
    const style = getComputedStyle(button);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    expect(banner.shadowRoot?.activeElement === button).to.equal(true);
  });
});

describe('banner: look', () => {
  afterEach(async () => {
    await cleanup();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  const visual = (b: Element): string[] => {
    const s = getComputedStyle(b);
    const r = b.getBoundingClientRect();
    // Whole pixels: a grid shares out fractions of a pixel unevenly.
    return [s.backgroundColor, s.color, s.borderTopColor, s.borderTopWidth, s.fontWeight, s.fontSize, s.paddingTop, String(Math.round(r.width)), String(Math.round(r.height))];
  };

  for (const layout of ['bar', 'box'] as const) {
    for (const width of [320, 1280]) {
      it(`gives accept all and reject all the same size and look, customise as large (${layout}, ${width}px)`, async () => {
        await setViewport({ width, height: 800 });
        const { ui, banner } = await mountUi({ layout });
        await ui.showBanner();
        const [accept, reject, choose] = buttonsOf(banner) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
        expect(visual(reject)).to.deep.equal(visual(accept));
        // Customise is outlined (secondary), in the same type, and never smaller.
        const [a, c] = [accept.getBoundingClientRect(), choose.getBoundingClientRect()];
        expect(c.height).to.equal(a.height);
        expect(c.width).to.be.at.least(a.width);
        expect(visual(choose).slice(2, 7)).to.deep.equal(visual(accept).slice(2, 7));
        expect(getComputedStyle(choose).color).to.equal(getComputedStyle(accept).backgroundColor);
        // Everything fits the viewport: nothing is cut off on a phone.
        const region = inShadow(banner, '[part="banner"]');
        const rect = region.getBoundingClientRect();
        expect(rect.left).to.be.at.least(0);
        expect(rect.right).to.be.at.most(width);
        expect(region.scrollWidth).to.be.at.most(region.clientWidth);
      });
    }
  }

  it('bar spans the bottom edge; box is a card in the corner', async () => {
    await setViewport({ width: 1280, height: 800 });
    const bar = await mountUi({ layout: 'bar' });
    await bar.ui.showBanner();
    const barRect = bar.banner.getBoundingClientRect();
    expect(bar.banner.getAttribute('layout')).to.equal('bar');
    expect([barRect.left, barRect.width, barRect.bottom]).to.deep.equal([0, 1280, 800]);
    await cleanup();
    const box = await mountUi({ layout: 'box' });
    await box.ui.showBanner();
    const boxRect = box.banner.getBoundingClientRect();
    expect(box.banner.getAttribute('layout')).to.equal('box');
    expect(boxRect.width).to.be.below(640);
    expect(boxRect.right).to.be.within(1240, 1280);
    expect(boxRect.bottom).to.be.within(760, 800);
  });

  it('is fixed, so the page does not move when it shows (no layout shift)', async () => {
    const { ui, root } = await mountUi();
    const content = document.createElement('p');
    content.className = 'fixture';
    content.textContent = 'Page content';
    root.after(content);
    const before = content.getBoundingClientRect().toJSON() as DOMRect;
    await ui.showBanner();
    await nextFrame();
    expect(getComputedStyle(root.querySelector('integrus-consent-banner') as Element).position).to.equal('fixed');
    expect(content.getBoundingClientRect().toJSON()).to.deep.equal(before);
  });

  it('follows the system dark theme, and config.theme forces one', async () => {
    const background = (b: Element): string => getComputedStyle(inShadow(b, '[part="banner"]')).backgroundColor;
    const auto = await mountUi();
    await auto.ui.showBanner();
    expect(auto.banner.getAttribute('theme')).to.equal('auto');
    const light = background(auto.banner);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = background(auto.banner);
    expect(dark).not.to.equal(light);
    const forcedLight = await mountUi({ theme: 'light' });
    await forcedLight.ui.showBanner();
    expect(forcedLight.banner.getAttribute('theme')).to.equal('light');
    expect(background(forcedLight.banner)).to.equal(light);
    await emulateMedia({ colorScheme: 'light' });
    const forcedDark = await mountUi({ theme: 'dark' });
    await forcedDark.ui.showBanner();
    expect(background(forcedDark.banner)).to.equal(dark);
  });

  it('takes --consent-* custom properties and ::part() rules from the page', async () => {
    const style = document.createElement('style');
    style.className = 'fixture';
    style.textContent = `
      .ui-root { --consent-bg: rgb(1, 2, 3); --consent-fg: rgb(250, 250, 250); --consent-accent: rgb(200, 0, 0);
                 --consent-accent-fg: rgb(0, 0, 0); --consent-radius: 3px; --consent-z-index: 42; --consent-font-size: 20px; }
      integrus-consent-banner::part(title) { text-transform: uppercase; }
      integrus-consent-banner::part(button) { letter-spacing: 2px; }`;
    document.head.append(style);
    const { ui, banner } = await mountUi();
    await ui.showBanner();
    const region = getComputedStyle(inShadow(banner, '[part="banner"]'));
    expect(region.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(region.color).to.equal('rgb(250, 250, 250)');
    const button = getComputedStyle(inShadow(banner, '[data-action="reject-all"]'));
    expect(button.backgroundColor).to.equal('rgb(200, 0, 0)');
    expect(button.color).to.equal('rgb(0, 0, 0)');
    expect(button.borderTopLeftRadius).to.equal('3px');
    expect(button.letterSpacing).to.equal('2px');
    expect(getComputedStyle(banner).zIndex).to.equal('42');
    expect(getComputedStyle(banner).fontSize).to.equal('20px');
    expect(getComputedStyle(inShadow(banner, '[part="title"]')).textTransform).to.equal('uppercase');
    for (const part of ['banner', 'title', 'text', 'more', 'details', 'actions', 'button']) {
      expect(banner.shadowRoot?.querySelector(`[part~="${part}"]`), part).to.not.equal(null);
    }
  });

  it('does not inherit the page typography', async () => {
    const { ui, root, banner } = await mountUi();
    root.style.setProperty('text-transform', 'uppercase');
    root.style.setProperty('letter-spacing', '5px');
    await ui.showBanner();
    const text = getComputedStyle(inShadow(banner, '[part="text"]'));
    expect(text.textTransform).to.equal('none');
    expect(text.letterSpacing).to.equal('normal');
  });

  it('animates in, except with prefers-reduced-motion', async () => {
    const moving = await mountUi();
    await moving.ui.showBanner();
    expect(moving.banner.shadowRoot?.getAnimations().length).to.be.above(0);
    await cleanup();
    await emulateMedia({ reducedMotion: 'reduce' });
    const still = await mountUi();
    await still.ui.showBanner();
    expect(still.banner.shadowRoot?.getAnimations()).to.have.length(0);
  });
});

describe('banner: the expanded details add, never repeat', () => {
  afterEach(cleanup);

  /** Words of four letters or more, by their first five letters (a rough stem, enough for ru and en). */
  const stems = (text: string): Set<string> => new Set((text.toLowerCase().match(/[\p{L}\d-]{4,}/gu) ?? []).map((w) => w.slice(0, 5)));
  const FACTS = { ru: ['IP', 'браузер', 'только необходимые', 'изменить'], en: ['IP', 'browser', 'only', 'necessary', 'change'] };

  for (const lang of ['ru', 'en'] as const) {
    it(`«More» says nothing the summary already said (${lang})`, async () => {
      const { ui, banner } = await mountUi({}, { lang });
      await ui.showBanner();
      inShadow(banner, '[part="more"]').click();
      await banner.updateComplete;
      const summary = inShadow(banner, '.summary').textContent ?? '';
      const details = inShadow(banner, '[part="details"]');
      expect(details.hidden).to.equal(false);
      for (const fact of FACTS[lang]) {
        expect(summary, 'the summary says it').to.contain(fact);
        expect(details.textContent, 'the details do not say it again').not.to.contain(fact);
      }
      // No sentence of the details restates the summary in other words.
      const known = stems(summary);
      for (const sentence of (details.textContent ?? '').split(/(?<=[.!?])\s+/).filter((t) => t.trim())) {
        const shared = [...stems(sentence)].filter((w) => known.has(w));
        expect(shared.length, `«${sentence.trim()}» shares ${shared.join(', ')}`).to.be.below(5);
      }
    });
  }
});

describe('banner: accessibility (axe)', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }));
  afterEach(cleanup);

  for (const layout of ['bar', 'box'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violation (${layout}, ${theme})`, async () => {
        const { ui, banner } = await mountUi({ layout, theme, consentUrl: '/consent' });
        await ui.showBanner();
        await expectAccessible(banner);
      });
    }
  }

  it('has no axe violation with the full summary expanded', async () => {
    const { ui, banner } = await mountUi({ consentUrl: '/consent' });
    await ui.showBanner();
    inShadow(banner, '[part="more"]').click();
    await banner.updateComplete;
    await expectAccessible(banner);
  });

  it('has no axe violation in the system dark theme, in English', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { ui, banner } = await mountUi({}, { lang: 'en' });
    await ui.showBanner();
    await expectAccessible(banner);
  });
});
