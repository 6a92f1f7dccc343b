/**
 * The script-tag entry (`dist/consent.min.js`): reads the config object and the tag's `data-*`
 * attributes, starts the core, publishes `window.IntegrusConsent`. The UI (`consent-ui.min.js`, next
 * to this file) is imported only when a layer must show.
 */
import { createConsent, currentInstance } from './consent.js';
import type { IntegrusConsentApi, UiModule } from './core/types.js';
import { LOG_PREFIX } from './core/util.js';

declare global {
  interface Window {
    IntegrusConsent?: IntegrusConsentApi;
    IntegrusConsentConfig?: unknown;
  }
}

const UI_FILE = 'consent-ui.min.js';

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="consent.min.js"]');
  return scripts[scripts.length - 1] ?? null;
}

function start(): void {
  if (currentInstance(window)) {
    console.warn(`${LOG_PREFIX} consent.min.js is included twice; the second copy does nothing.`);
    return;
  }
  const script = ownScript();
  const uiUrl = new URL(UI_FILE, script?.src || document.baseURI).href;
  createConsent(window.IntegrusConsentConfig, {
    attributes: script ? { ...script.dataset } : {},
    loadUI: () => import(/* @vite-ignore */ uiUrl) as Promise<UiModule>,
    // Before consent:ready, so its listeners can already call window.IntegrusConsent.
    publish: (api) => (window.IntegrusConsent = api),
  });
}

try {
  start();
} catch (error) {
  // Never break the host page; without a running core nothing optional is granted.
  console.error(`${LOG_PREFIX} Failed to start; nothing optional will run.`, error);
}
