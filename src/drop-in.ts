/**
 * The script-tag entry (`dist/consent.min.js`): reads the config object and the tag's `data-*`
 * attributes, starts the core, publishes `window.IntegrusConsent`. The UI (`consent-ui.min.js`, next
 * to this file) is imported only when a layer must show.
 */
import { createConsent, currentInstance } from './consent.js';
import type { AuditModule, IntegrusConsentApi, UiModule } from './core/types.js';
import { LOG_PREFIX } from './core/util.js';

declare global {
  interface Window {
    IntegrusConsent?: IntegrusConsentApi;
    IntegrusConsentConfig?: unknown;
  }
}

const UI_FILE = 'consent-ui.min.js';
const AUDIT_FILE = 'consent-audit.min.js';
/** Left on `window` by the autoblock drop-in, which carries the catalogue (src/gate/autoblock-start.ts). */
const CATALOGUE = Symbol.for('integrus-consent.catalogue');

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
  const auditUrl = new URL(AUDIT_FILE, script?.src || document.baseURI).href;
  const attributes = script ? { ...script.dataset } : {};
  const config = window.IntegrusConsentConfig;
  const option = (key: 'services' | 'autoblock' | 'debug'): unknown =>
    attributes[key] ?? (config && typeof config === 'object' ? (config as Record<string, unknown>)[key] : undefined);
  if ((option('services') || option('autoblock')) && !(CATALOGUE in window)) {
    console.warn('[IntegrusConsent] "services" and "autoblock" need consent.autoblock.min.js (the catalogue); consent.min.js ignores them.');
  }
  const api = createConsent(config, {
    attributes,
    loadUI: () => import(/* @vite-ignore */ uiUrl) as Promise<UiModule>,
    publish: (instance) => {
      // The self-audit, fetched when called (src/signals/audit.ts).
      instance.audit = () => (import(/* @vite-ignore */ auditUrl) as Promise<AuditModule>).then((m) => m.runAudit(window, instance));
      // Before consent:ready, so its listeners can already call window.IntegrusConsent.
      window.IntegrusConsent = instance;
    },
  });
  const debug = option('debug');
  if (debug !== undefined && debug !== false && !/^(false|0|no)$/i.test(String(debug))) {
    // data-debug: once the page and its resources have loaded, so Resource Timing has them all.
    const run = (): void => void setTimeout(() => void api.audit?.().catch((e: unknown) => console.error('[IntegrusConsent] The audit failed to load.', e)), 0);
    if (document.readyState === 'complete') run();
    else window.addEventListener('load', run, { once: true });
  }
}

try {
  start();
} catch (error) {
  // Never break the host page; without a running core nothing optional is granted.
  console.error(`${LOG_PREFIX} Failed to start; nothing optional will run.`, error);
}
