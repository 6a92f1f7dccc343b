/*
 * Local stand-in for Google Analytics' gtag.js (https://www.googletagmanager.com/gtag/js): it loads
 * nothing from the internet. Like the real library it writes `_ga` and `_ga_<ID>` and works through
 * `window.dataLayer`, keeping the `gtag` that Integrus Consent defined for Consent Mode.
 * A real site writes `gtag('js', ...)` and `gtag('config', ...)` in an inline snippet; this stand-in
 * does it itself to keep the page short. The measurement id comes from `?id=` on its `src`.
 *
 * Records: `window.__demoRuns` gets 'ga'; a `demo:run` event tells the demo's status panel.
 */
(() => {
  'use strict';
  const YEAR = 365 * 24 * 60 * 60;
  const src = document.currentScript && document.currentScript.src;
  const id = (src && new URL(src, location.href).searchParams.get('id')) || 'G-DEMO123';

  const setCookie = (name, value) => {
    document.cookie = `${name}=${value}; path=/; max-age=${2 * YEAR}; SameSite=Lax`;
  };

  const now = Math.floor(Date.now() / 1000);
  const client = Math.floor(Math.random() * 2147483647);
  setCookie('_ga', `GA1.1.${client}.${now}`);
  setCookie(`_ga_${id.replace(/^G-/, '')}`, `GS1.1.${now}.1.0.${now}.0.0.0`);

  window.dataLayer = window.dataLayer || [];
  if (typeof window.gtag !== 'function') {
    window.gtag = function gtag() {
      window.dataLayer.push(arguments); // gtag.js wants the Arguments object itself, not an array
    };
  }
  window.gtag('js', new Date());
  window.gtag('config', id, { page_path: location.pathname });

  (window.__demoRuns = window.__demoRuns || []).push('ga');
  document.dispatchEvent(new CustomEvent('demo:run', { detail: { name: 'ga' } }));
})();
