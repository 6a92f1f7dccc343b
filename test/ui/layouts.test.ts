/**
 * The first layer's layouts (docs/contract.md §2, §7): the bar at the bottom or top, the box in each
 * corner, the modal in the middle, buttons inline or stacked. Measured in real viewports (390×844 and
 * 1280×800): where the layer sits, how much it covers, every button in view with its label on one line,
 * accept and reject alike; axe in each layout; the modal by keyboard (Tab stays in, Esc decides nothing).
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { ConsentOptions } from '../../src/core/types.js';
import { action, allInShadow, cleanup, deepActive, inShadow, mountUi, shiftTab, tabTo } from '../helpers/ui.js';
import type { Mounted } from '../helpers/ui.js';

interface Variant {
  name: string;
  options: ConsentOptions;
  /** Which edges of the viewport the layer touches (within its margin). */
  edges: Array<'top' | 'bottom' | 'left' | 'right'>;
}

const VARIANTS: Variant[] = [
  { name: 'bar bottom', options: { layout: 'bar' }, edges: ['bottom', 'left', 'right'] },
  { name: 'bar top', options: { layout: 'bar', position: 'top' }, edges: ['top', 'left', 'right'] },
  { name: 'bar top, stacked', options: { layout: 'bar', position: 'top', buttons: 'stacked' }, edges: ['top', 'left', 'right'] },
  { name: 'box bottom-right', options: { layout: 'box' }, edges: ['bottom', 'right'] },
  { name: 'box bottom-left', options: { layout: 'box', position: 'bottom-left' }, edges: ['bottom', 'left'] },
  { name: 'box top-right', options: { layout: 'box', position: 'top-right' }, edges: ['top', 'right'] },
  { name: 'box top-left, stacked', options: { layout: 'box', position: 'top-left', buttons: 'stacked' }, edges: ['top', 'left'] },
  { name: 'modal', options: { layout: 'modal' }, edges: [] },
  { name: 'modal, stacked', options: { layout: 'modal', buttons: 'stacked' }, edges: [] },
];

const SIZES = [[390, 844], [1280, 800]] as const;

async function show(options: ConsentOptions, width: number, height: number, lang = 'ru'): Promise<Mounted> {
  await setViewport({ width, height });
  const mounted = await mountUi({ consentUrl: '/consent', ...options }, { lang });
  await mounted.ui.showBanner();
  await Promise.all(mounted.banner.shadowRoot?.getAnimations().map((a) => a.finished) ?? []);
  return mounted;
}

const choices = (banner: Element): HTMLButtonElement[] => allInShadow<HTMLButtonElement>(banner, '[part~="button"]');

/** Lines a button's label takes: the distinct line boxes of its text. */
function labelLines(button: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(button);
  const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
  return tops.size;
}

describe('first layer layouts', () => {
  afterEach(async () => {
    await cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  for (const variant of VARIANTS) {
    for (const [width, height] of SIZES) {
      it(`${variant.name} at ${width}×${height}: in place, within budget, every button in view and alike`, async () => {
        const { banner } = await show(variant.options, width, height);
        const r = inShadow(banner, '[part="banner"]').getBoundingClientRect();
        const what = `${variant.name} ${JSON.stringify(r.toJSON())}`;
        expect(r.left, what).to.be.at.least(0);
        expect(r.top, what).to.be.at.least(0);
        expect(r.right, what).to.be.at.most(innerWidth);
        expect(r.bottom, what).to.be.at.most(innerHeight);
        const margin = 17; // the box's margin, min(1em, 2vw), and its border
        const near = { top: r.top <= margin, bottom: innerHeight - r.bottom <= margin, left: r.left <= margin, right: innerWidth - r.right <= margin };
        // On a phone a box is as wide as the screen allows: it touches both sides.
        const spans = r.width >= innerWidth - 2 * margin;
        for (const edge of ['top', 'bottom', 'left', 'right'] as const) {
          if (spans && (edge === 'left' || edge === 'right')) continue;
          expect(near[edge], `${what} touches ${edge}`).to.equal(variant.edges.includes(edge));
        }
        if (variant.options.layout === 'modal') {
          expect(Math.abs(r.left - (innerWidth - r.right)), `${what} centred`).to.be.below(2);
          expect(Math.abs(r.top - (innerHeight - r.bottom)), `${what} centred`).to.be.below(2);
        }
        const share = (r.width * r.height) / (innerWidth * innerHeight);
        // Stacked buttons take a row more on a phone (docs/theming.md); the modal covers the page anyway.
        const budget = variant.options.layout === 'modal' ? 0.6 : variant.options.buttons === 'stacked' ? 0.42 : 0.35;
        if (width === 390) expect(share, `${what}: ${(share * 100).toFixed(1)} %`).to.be.at.most(budget);
        if (variant.options.layout === 'bar' && width === 1280) expect(r.height, what).to.be.at.most(180);
        const [accept, reject, customise] = choices(banner);
        for (const button of [accept, reject, customise]) {
          const b = (button as HTMLElement).getBoundingClientRect();
          expect(b.width, button?.textContent ?? '').to.be.above(0);
          expect(b.top >= 0 && b.bottom <= innerHeight && b.left >= 0 && b.right <= innerWidth, `${button?.textContent} in view`).to.equal(true);
        }
        // Equal choices: accept all and reject all of one size, weight and colour.
        const [a, j] = [accept as HTMLElement, reject as HTMLElement].map((el) => {
          const s = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return [Math.round(box.width), Math.round(box.height), s.fontSize, s.fontWeight, s.backgroundColor, s.color];
        });
        expect(j, 'reject all looks like accept all').to.deep.equal(a);
        // Customise is not smaller.
        const c = (customise as HTMLElement).getBoundingClientRect();
        expect(Math.round(c.height)).to.be.at.least(Math.round(Number(a?.[1])));
      });
    }
  }

  for (const lang of ['ru', 'en']) {
    for (const variant of VARIANTS) {
      it(`every button label is one line at 390×844 (${lang}, ${variant.name})`, async () => {
        const { banner } = await show(variant.options, 390, 844, lang);
        for (const button of choices(banner)) expect(labelLines(button), `«${button.textContent?.trim()}»`).to.equal(1);
      });
    }
  }

  it('a primary-button part styles accept all and reject all together, secondary-button customise alone', async () => {
    const style = document.createElement('style');
    style.textContent = 'integrus-consent-banner::part(primary-button) { outline: 3px solid rgb(255, 0, 0); } integrus-consent-banner::part(secondary-button) { outline: 3px solid rgb(0, 0, 255); }';
    document.head.append(style);
    try {
      const { banner } = await show({}, 1280, 800);
      const [accept, reject, customise] = choices(banner).map((b) => getComputedStyle(b).outlineColor);
      expect([accept, reject, customise]).to.deep.equal(['rgb(255, 0, 0)', 'rgb(255, 0, 0)', 'rgb(0, 0, 255)']);
      // The old part name still reaches all three.
      expect(choices(banner).every((b) => b.part.contains('button'))).to.equal(true);
    } finally {
      style.remove();
    }
  });
});

describe('first layer layouts: accessibility (axe)', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }));
  afterEach(cleanup);

  for (const variant of VARIANTS) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violation (${variant.name}, ${theme})`, async () => {
        const { ui, banner } = await mountUi({ ...variant.options, theme, consentUrl: '/consent' });
        await ui.showBanner();
        await expect(banner).to.be.accessible();
      });
    }
  }
});

describe('the modal layout', () => {
  let outside: HTMLButtonElement;
  beforeEach(() => {
    outside = document.createElement('button');
    outside.className = 'fixture';
    outside.textContent = 'A button of the page';
    document.body.append(outside);
    document.documentElement.style.height = '300vh';
  });
  afterEach(async () => {
    document.documentElement.style.removeProperty('height');
    await cleanup();
  });

  it('blocks the page until a choice: modal dialog, title focused, page inert and not scrolling', async () => {
    const { ui, banner } = await mountUi({ layout: 'modal' });
    await ui.showBanner();
    const dialog = inShadow<HTMLDialogElement>(banner, 'dialog[part="banner"]');
    expect(dialog.matches(':modal'), 'a modal dialog').to.equal(true);
    expect(deepActive()).to.equal(inShadow(banner, '[part="title"]'));
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    // The page behind takes no pointer or focus.
    const r = outside.getBoundingClientRect();
    expect(document.elementFromPoint(r.left + 2, r.top + 2)).not.to.equal(outside);
    outside.focus();
    expect(document.activeElement).not.to.equal(outside);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
    inShadow<HTMLButtonElement>(banner, '[data-action="reject-all"]').click();
    await banner.updateComplete;
    expect(banner.open).to.equal(false);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
  });

  it('keeps Tab and Shift+Tab inside, and Esc decides and closes nothing', async () => {
    const { host, ui, banner } = await mountUi({ layout: 'modal', consentUrl: '/consent' });
    await ui.showBanner();
    const inside = (el: Element | null): boolean => el !== null && banner.shadowRoot?.contains(el) === true;
    const controls = allInShadow(banner, 'a[href], button').length;
    for (let i = 0; i < controls + 2; i += 1) {
      await sendKeys({ press: 'Tab' });
      expect(inside(deepActive()), `Tab ${i + 1}: ${deepActive()?.outerHTML.slice(0, 80)}`).to.equal(true);
    }
    for (let i = 0; i < controls + 2; i += 1) {
      await shiftTab();
      expect(inside(deepActive()), `Shift+Tab ${i + 1}`).to.equal(true);
    }
    for (let i = 0; i < 3; i += 1) {
      await sendKeys({ press: 'Escape' });
      await banner.updateComplete;
    }
    expect(banner.open).to.equal(true);
    expect(inShadow<HTMLDialogElement>(banner, 'dialog').open).to.equal(true);
    expect(host.calls).to.deep.equal([]);
    expect(host.api.getState().decided).to.equal(false);
  });

  for (const [choice, method] of [['accept-all', 'accept-all'], ['reject-all', 'reject-all']] as const) {
    it(`decides by keyboard: Tab to ${choice}, Enter`, async () => {
      const { host, ui, banner } = await mountUi({ layout: 'modal' });
      await ui.showBanner();
      await tabTo(action(choice));
      await sendKeys({ press: 'Enter' });
      expect(host.api.getState().method).to.equal(method);
      await banner.updateComplete;
      expect(banner.open).to.equal(false);
      expect(banner.shadowRoot?.querySelector('dialog')).to.equal(null);
    });
  }

  it('customise opens the preferences over it; closing them without deciding leaves the modal up', async () => {
    const { host, ui, banner, preferences } = await mountUi({ layout: 'modal' });
    await ui.showBanner();
    await tabTo(action('open-preferences'));
    await sendKeys({ press: 'Enter' });
    await preferences.updateComplete;
    expect(preferences.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await preferences.updateComplete;
    expect(preferences.open).to.equal(false);
    expect(banner.open).to.equal(true);
    expect(inShadow<HTMLDialogElement>(banner, 'dialog').matches(':modal')).to.equal(true);
    expect(host.calls).to.deep.equal([]);
  });
});
