/**
 * Under a strict Content-Security-Policy (no 'unsafe-inline' for styles) the UI is fully styled:
 * lit's adopted stylesheets and CSSOM sizes are not inline styles, and nothing is blocked.
 */
import { expect, waitUntil } from '@open-wc/testing';

const CSP = "default-src 'self'; script-src 'self' 'nonce-ui'; style-src 'self'; img-src 'self'; frame-src 'self'";

const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<script nonce="ui">
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
</script>
</head><body>
<p id="control" style="color: rgb(255, 0, 0)">Page</p>
<iframe data-consent="marketing" data-src="/embed" width="300" height="150"></iframe>
<script type="module" nonce="ui">
  import { mount } from '/src/ui/index.ts';
  const state = { decided: false, categories: { necessary: true, analytics: false, marketing: false }, granted: ['necessary'], denied: ['analytics', 'marketing'] };
  const config = { policyUrl: '/privacy', consentUrl: null, operator: { name: 'ООО «ИНТЕГРУС»' }, layout: 'box', theme: 'light', reopenButton: false, texts: {},
    categories: [{ name: 'analytics', cookies: [], vendors: [] }, { name: 'marketing', cookies: [], vendors: [] }] };
  const ui = mount({ api: { getState: () => state }, config, options: {}, categories: ['analytics', 'marketing'], lang: 'ru', gpcCategory: null,
    subscribe: () => () => {}, notifyShown() {}, notifyHidden() {}, root: document.body });
  ui.placeholders([...document.querySelectorAll('iframe')]);
  await ui.preload();
  await ui.showBanner();
  await ui.showPreferences();
  window.__ready = true;
</script></body></html>`;

describe('strict CSP', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('renders styled, with no CSP violation', async () => {
    frame = document.createElement('iframe');
    frame.width = '900';
    frame.height = '800';
    // The test server stores the page and serves it with that Content-Security-Policy header.
    const stored = await fetch('/__page', { method: 'POST', body: JSON.stringify({ html: PAGE, csp: CSP }) });
    frame.src = `/__page?id=${await stored.text()}`;
    document.body.append(frame);
    const win = (): (Window & { __ready?: boolean; __violations?: string[] }) | null => frame?.contentWindow as never;
    await waitUntil(() => win()?.__ready === true, 'the UI did not mount under the CSP', { timeout: 8000 });
    const doc = frame.contentDocument as Document;
    const banner = doc.querySelector('integrus-consent-banner') as HTMLElement;
    const button = banner.shadowRoot?.querySelector('[data-action="accept-all"]') as HTMLElement;
    const placeholder = doc.querySelector('integrus-consent-placeholder') as HTMLElement;
    const dialog = doc.querySelector('integrus-consent-preferences')?.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    const view = win() as Window;
    expect(view.getComputedStyle(banner).position).to.equal('fixed');
    expect(view.getComputedStyle(button).backgroundColor).to.equal('rgb(31, 91, 214)');
    expect(dialog.open).to.equal(true);
    expect(view.getComputedStyle(dialog).display).to.equal('flex');
    expect(view.getComputedStyle(dialog).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(view.getComputedStyle(dialog).borderTopLeftRadius).to.equal('8px');
    const rect = placeholder.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([304, 154]);
    // The policy is in force: the page's own inline style attribute was refused, and nothing else was.
    expect(view.getComputedStyle(doc.getElementById('control') as Element).color).not.to.equal('rgb(255, 0, 0)');
    expect(win()?.__violations).to.deep.equal(['style-src-attr inline']);
    // Templates carry no style attribute and no <style> element (the browser would not stop those in a
    // template), and every shadow root uses adopted stylesheets.
    for (const host of doc.querySelectorAll('integrus-consent-banner, integrus-consent-preferences, integrus-consent-placeholder')) {
      expect(host.shadowRoot?.querySelectorAll('[style], style').length, host.localName).to.equal(0);
      expect(host.shadowRoot?.adoptedStyleSheets.length, host.localName).to.be.above(0);
    }
  });
});
