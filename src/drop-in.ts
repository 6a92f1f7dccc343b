/**
 * The script-tag entry (`dist/consent.min.js`): reads the config object and the tag's `data-*`
 * attributes, starts the core, publishes `window.IntegrusConsent`. The interface and the consent-record
 * module are ES modules next to this file, imported only when needed: `consent-ui.min.js` (the first
 * part: banner, lit, i18next) with one language's texts (`consent-ui-<lang>.min.js`), which it imports,
 * and `consent-ui-details.min.js` (preferences, placeholders); `consent-record.min.js` for decisions.
 */
import { createConsent, currentInstance } from './consent.js';
import type { IntegrusConsentApi, RecordModule, UiModule } from './core/types.js';

declare global {
  interface Window {
    IntegrusConsent?: IntegrusConsentApi;
    IntegrusConsentConfig?: unknown;
  }
}

/** Languages with a texts chunk of their own (`consent-ui-<lang>.min.js`); others fall back on `ru`. */
const LOCALE_CHUNKS = ['ru', 'en'];

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="consent.min.js"]');
  return scripts[scripts.length - 1] ?? null;
}

function start(): void {
  if (currentInstance(window)) {
    console.warn('[IntegrusConsent] consent.min.js is included twice; the second copy does nothing.');
    return;
  }
  const script = ownScript();
  const url = (file: string): string => new URL(file, script?.src || document.baseURI).href;
  createConsent(window.IntegrusConsentConfig, {
    attributes: script ? { ...script.dataset } : {},
    loadUI: () => import(/* @vite-ignore */ url('consent-ui.min.js')) as Promise<UiModule>,
    loadRecorder: () => import(/* @vite-ignore */ url('consent-record.min.js')) as Promise<RecordModule>,
    // Start fetching the first part and its texts now, in parallel, not after the page has parsed.
    preloadUI: (lang) => {
      const base = lang.split('-')[0] as string;
      const texts = LOCALE_CHUNKS.includes(base) ? base : 'ru';
      for (const file of ['consent-ui.min.js', `consent-ui-${texts}.min.js`]) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = url(file);
        // Under a CSP with nonces the preload needs the nonce our own tag was allowed with.
        if (script?.nonce) link.nonce = script.nonce;
        (document.head ?? document.documentElement).append(link);
      }
    },
    // Before consent:ready, so its listeners can already call window.IntegrusConsent.
    publish: (api) => (window.IntegrusConsent = api),
  });
}

try {
  start();
} catch (error) {
  // Never break the host page; without a running core nothing optional is granted.
  console.error('[IntegrusConsent] Failed to start; nothing optional will run.', error);
}
