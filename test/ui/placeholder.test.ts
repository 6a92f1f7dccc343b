import { expect } from '@open-wc/testing';
import ru from '../../locales/ru.json';
import type { ConsentPlaceholder } from '../../src/ui/index.js';
import { cleanup, inShadow, mountUi, shadowText } from '../helpers/ui.js';
import { expectAccessible } from '../helpers/axe.js';

/** A gated iframe as a site writes it, in a container added to the page. */
function gatedFrame(attributes: string, css = ''): HTMLIFrameElement {
  const box = document.createElement('div');
  box.className = 'fixture';
  box.innerHTML = `${css ? `<style>${css}</style>` : ''}<p>before</p><iframe ${attributes}></iframe><p class="after">after</p>`;
  document.body.append(box);
  return box.querySelector('iframe') as HTMLIFrameElement;
}

const placeholderOf = (frame: HTMLIFrameElement): ConsentPlaceholder => {
  const el = frame.previousElementSibling;
  if (el?.localName !== 'integrus-consent-placeholder') throw new Error('no placeholder before the iframe');
  return el as ConsentPlaceholder;
};

describe('embed placeholders', () => {
  afterEach(cleanup);

  it('stands in for a blocked iframe at its size, names the category, and hides the iframe', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="https://www.youtube.com/embed/x" width="400" height="200" style="border:0"');
    const { ui } = await mountUi();
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    const rect = placeholder.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([400, 200]);
    expect(frame.hidden).to.equal(true);
    expect(frame.getBoundingClientRect().height).to.equal(0);
    const title = ru.categories.marketing.title;
    expect(shadowText(placeholder)).to.contain(ru.placeholder.text.replace('{{category}}', title));
    expect(inShadow(placeholder, '[data-action="allow-category"]').textContent?.trim()).to.equal(ru.placeholder.allow.replace('{{category}}', title));
    expect(inShadow(placeholder, '[data-action="open-preferences"]').textContent?.trim()).to.equal(ru.placeholder.settings);
    expect(inShadow(placeholder, '[part="placeholder"]').getAttribute('lang')).to.equal('ru');
  });

  it('takes the laid-out size when the iframe has no size attributes, and keeps the page from shifting', async () => {
    const frame = gatedFrame('data-consent="analytics" data-src="/embed"', 'iframe { display: block; width: 321px; height: 123px; border: 2px solid; }');
    const after = frame.parentElement?.querySelector('.after') as HTMLElement;
    const top = after.getBoundingClientRect().top;
    const { ui } = await mountUi();
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    const rect = placeholder.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([325, 127]);
    // `iframe { display: block }` beats the hidden attribute; the iframe is hidden all the same.
    expect(frame.getBoundingClientRect().height).to.equal(0);
    expect(after.getBoundingClientRect().top).to.equal(top);
  });

  it('does not add a second placeholder on repeated calls, and skips frames that are not blocked', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="/embed" width="300" height="150"');
    const loaded = gatedFrame('data-consent="marketing" data-src="/embed" data-consent-activated src="about:blank"');
    const plain = gatedFrame('src="about:blank"');
    const { ui } = await mountUi();
    ui.placeholders([frame, loaded, plain]);
    ui.placeholders([frame]);
    ui.placeholders([frame, loaded, plain]);
    expect(document.querySelectorAll('integrus-consent-placeholder')).to.have.length(1);
    expect([loaded.hidden, plain.hidden]).to.deep.equal([false, false]);
  });

  it('"allow" grants the category on top of the current choice, and the iframe comes back', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="/embed" width="300" height="150"');
    const { ui, host } = await mountUi({}, { decided: { analytics: true, personalization: false, marketing: false } });
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    inShadow(placeholder, '[data-action="allow-category"]').click();
    expect(host.calls).to.deep.equal(['setCategories {"analytics":true,"personalization":false,"marketing":true}']);
    expect(host.api.getState().granted).to.deep.equal(['necessary', 'analytics', 'marketing']);
    expect(placeholder.isConnected).to.equal(false);
    expect(frame.hidden).to.equal(false);
    expect(frame.style.getPropertyValue('display')).to.equal('');
  });

  it('goes away when the gate activates the iframe, and comes back when it is blocked again', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="/embed" width="300" height="150" style="display: inline-block"');
    const { ui } = await mountUi();
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    frame.setAttribute('data-consent-activated', '');
    await new Promise((r) => setTimeout(r));
    expect(placeholder.isConnected).to.equal(false);
    expect(frame.hidden).to.equal(false);
    expect(frame.style.getPropertyValue('display')).to.equal('inline-block');
    // Withdrawn: the gate blanks the iframe and asks for placeholders again.
    frame.removeAttribute('data-consent-activated');
    ui.placeholders([frame]);
    expect(placeholderOf(frame).isConnected).to.equal(true);
    expect(document.querySelectorAll('integrus-consent-placeholder')).to.have.length(1);
  });

  it('"settings" opens the preferences', async () => {
    const frame = gatedFrame('data-consent="analytics" data-src="/embed"');
    const { ui, preferences, host } = await mountUi();
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    inShadow(placeholder, '[data-action="open-preferences"]').click();
    await preferences.updateComplete;
    expect(preferences.open).to.equal(true);
    expect(host.calls).to.deep.equal([]);
  });

  it('names every category an iframe needs, and follows the language', async () => {
    const frame = gatedFrame('data-consent="analytics marketing" data-src="/embed"');
    const { ui, host } = await mountUi();
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    expect(shadowText(placeholder)).to.contain(`«${ru.categories.analytics.title}, ${ru.categories.marketing.title}»`);
    await ui.setLanguage('en');
    expect(inShadow(placeholder, '[part="placeholder"]').getAttribute('lang')).to.equal('en');
    expect(shadowText(placeholder)).to.contain('Analytics');
    inShadow(placeholder, '[data-action="allow-category"]').click();
    expect(host.api.getState().granted).to.deep.equal(['necessary', 'analytics', 'marketing']);
  });

  it('offers no "allow" for marketing under Global Privacy Control, and says why', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="/embed"');
    const { ui } = await mountUi({}, { gpc: true });
    ui.placeholders([frame]);
    const placeholder = placeholderOf(frame);
    await placeholder.updateComplete;
    expect(placeholder.shadowRoot?.querySelector('[data-action="allow-category"]')).to.equal(null);
    expect(shadowText(placeholder)).to.contain(ru.preferences.gpcNote);
  });

  it('has no axe violation', async () => {
    const frame = gatedFrame('data-consent="marketing" data-src="/embed" width="480" height="270"');
    const { ui } = await mountUi();
    ui.placeholders([frame]);
    await placeholderOf(frame).updateComplete;
    await expectAccessible(placeholderOf(frame));
  });
});
