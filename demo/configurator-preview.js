/*
 * The configurator's preview (demo/configurator-preview.html): hands the configuration the configurator
 * passes in the query to the real built drop-in (`/dist/browser/consent.min.js`, the page's next deferred tag,
 * which runs right after this script), and reports back what the library made of it. Loaded in an iframe by demo/configurator.js; see docs/configurator.md.
 *
 *   ?layer=banner|preferences   which layer to show (the banner shows by itself: no decision yet)
 *   &run=N                      the configurator's version number, echoed in the report
 *   #<JSON>                     { config, css, pageLang }: `window.IntegrusConsentConfig`, the `--consent-*`
 *                               properties for `:root`, the page's `<html lang>` (see `render` in configurator.js)
 *
 * What stays inside the preview:
 * - focus: while the owner works in the configurator, the dialog opening here does not take their caret;
 * - cookies: `document.cookie` of this document is an in-memory jar, so a click on "Accept all" here
 *   never writes a cookie for the configurator's origin (the decision is forgotten on the next render);
 * - consent records: `fetch` here answers `204` itself and sends nothing, and `localStorage` is
 *   in-memory too, so a record for the chosen `logEndpoint` neither leaves the preview nor waits in
 *   the site's outbox (`integrus_consent_outbox`, shared by every page of the origin) for the next
 *   page with a `logEndpoint` to send it. The page's own CSP (`connect-src 'none'`, a <meta> in the
 *   HTML) stays as the backstop: were anything else to try a request, it is refused and reported.
 *
 * The report, posted to the parent window once the layer is on screen (or after a short wait):
 *   { type: 'integrus-configurator:report', run, layer, errors: string[], config, contrast }
 * `errors` are the library's own `[IntegrusConsent]` console messages (its validation, not ours);
 * `config` is `IntegrusConsent.config`, the options the library accepted; `contrast` the WCAG
 * contrast ratios of the banner as rendered ({ text, link, button }, or null without a banner).
 */
(() => {
  'use strict';

  const LOG_PREFIX = '[IntegrusConsent]';
  const REPORT = 'integrus-configurator:report';
  /** How long to wait for the layer before reporting anyway (a crawler user agent shows no banner). */
  const SETTLE_MS = 4000;

  const query = new URLSearchParams(location.search);
  const layer = query.get('layer') === 'preferences' ? 'preferences' : 'banner';
  const run = Number(query.get('run')) || 0;

  let payload = {};
  try {
    payload = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
  } catch {
    payload = {};
  }
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

  /* ------------------------------------------------------------- cookies kept in memory */

  const jar = new Map();
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => Array.from(jar, ([name, value]) => `${name}=${value}`).join('; '),
    set: (line) => {
      const [pair, ...attributes] = String(line).split(';');
      const split = pair.indexOf('=');
      if (split < 1) return;
      const name = pair.slice(0, split).trim();
      const expired = attributes.some((attribute) => {
        const [key, value = ''] = attribute.split('=').map((part) => part.trim());
        if (/^max-age$/i.test(key)) return Number(value) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(value) <= Date.now();
        return false;
      });
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(split + 1).trim());
    },
  });

  /* ------------------------------------------------------------- consent records kept in the preview */

  // The library keeps a record in its outbox until the endpoint answers 2xx. Here the answer is given
  // at once and the outbox lives in memory: nothing reaches the network, the CSP or the origin's storage.
  const storage = new Map();
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    value: {
      getItem: (key) => (storage.has(String(key)) ? storage.get(String(key)) : null),
      setItem: (key, value) => void storage.set(String(key), String(value)),
      removeItem: (key) => void storage.delete(String(key)),
      clear: () => storage.clear(),
      key: (index) => Array.from(storage.keys())[index] ?? null,
      get length() {
        return storage.size;
      },
    },
  });
  window.fetch = () => Promise.resolve(new Response(null, { status: 204 }));
  navigator.sendBeacon = () => true;

  /* ------------------------------------------------------------- focus stays with the owner */

  // The library focuses the dialog it opens, which in a same-origin frame pulls the page's focus into
  // the frame: while the owner types in the configurator, every re-render would steal their caret.
  // So while this preview does not have the focus, whatever the library focuses (or opens modally)
  // hands the focus straight back, in the same task, to the element that had it.
  const keepOwnerFocus = (method) =>
    function (...args) {
      if (document.hasFocus() || window.parent === window) return method.apply(this, args);
      const owner = window.parent.document.activeElement;
      const result = method.apply(this, args);
      if (owner && owner !== window.frameElement && owner !== window.parent.document.body) owner.focus({ preventScroll: true });
      return result;
    };
  HTMLElement.prototype.focus = keepOwnerFocus(HTMLElement.prototype.focus);
  HTMLDialogElement.prototype.showModal = keepOwnerFocus(HTMLDialogElement.prototype.showModal);

  /* ------------------------------------------------------------- the library's messages */

  const errors = [];
  for (const level of ['error', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      // A missing operator or consent document is no rejected value: the library warns of each
      // (docs/contract.md §2), and the configurator's own fields settle them.
      if (typeof args[0] === 'string' && args[0].startsWith(LOG_PREFIX) && !args[0].includes('No "operator') && !args[0].includes('No "consentUrl"')) errors.push(args[0]);
      original(...args);
    };
  }

  /** WCAG contrast ratio of two computed `rgb()` colours; `null` if either is not an opaque rgb(). */
  function contrast(a, b) {
    const luminance = (colour) => {
      const parts = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(colour);
      if (!parts || (parts[4] !== undefined && Number(parts[4]) < 1)) return null;
      const [r, g, b] = parts.slice(1, 4).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [la, lb] = [luminance(a), luminance(b)];
    if (la === null || lb === null) return null;
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** Contrast of the banner as rendered: its text, its links and its buttons on their backgrounds. */
  function bannerContrast() {
    const root = document.querySelector('integrus-consent-banner')?.shadowRoot;
    const region = root?.querySelector('[part="banner"]');
    const link = region?.querySelector('a');
    const button = root?.querySelector('[data-action="accept-all"]');
    if (!region || !button) return null;
    const style = (element) => getComputedStyle(element);
    const background = style(region).backgroundColor;
    return {
      text: contrast(style(region).color, background),
      link: link ? contrast(style(link).color, background) : null,
      button: contrast(style(button).color, style(button).backgroundColor),
    };
  }

  let reported = false;
  function report() {
    if (reported || window.parent === window) return;
    reported = true;
    const api = window.IntegrusConsent;
    const config = api ? JSON.parse(JSON.stringify(api.config)) : null;
    window.parent.postMessage({ type: REPORT, run, layer, errors, config, contrast: bannerContrast() }, location.origin);
  }

  /* ------------------------------------------------------------- the page as the snippet sets it */

  if (typeof payload.pageLang === 'string' && /^[a-z]{2,3}$/.test(payload.pageLang)) {
    document.documentElement.lang = payload.pageLang;
  }
  if (isObject(payload.css)) {
    for (const [property, value] of Object.entries(payload.css)) {
      if (property.startsWith('--consent-') && typeof value === 'string') {
        document.documentElement.style.setProperty(property, value);
      }
    }
  }
  if (isObject(payload.config)) window.IntegrusConsentConfig = payload.config;

  document.addEventListener('consent:show', (event) => {
    if (event.detail?.layer === layer) requestAnimationFrame(() => setTimeout(report, 50));
  });
  document.addEventListener('consent:ready', () => {
    if (layer === 'preferences') window.IntegrusConsent?.showPreferences();
  });
  setTimeout(report, SETTLE_MS);

  // The drop-in is the next deferred tag in the HTML: it runs after this script. Had it failed to load,
  // its `error` event comes after this script ran, so the listener is in time.
  document.getElementById('drop-in')?.addEventListener('error', () => {
    errors.push(`${LOG_PREFIX} /dist/browser/consent.min.js did not load: run \`npm run build\`.`);
    report();
  });
})();
