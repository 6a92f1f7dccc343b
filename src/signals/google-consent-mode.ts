/**
 * Google Consent Mode v2, "basic" mode (docs/contract.md §5): a `default` command with everything but
 * security denied, pushed before anything else, then one `update` per decision. Google tags stay gated.
 */
import type { ConsentState } from '../core/types.js';
import { own } from '../core/util.js';

type ConsentValue = 'granted' | 'denied';
type GtagWindow = Window & { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void };

/** Consent Mode storage types set by each category. */
export const CONSENT_MODE_MAP: Record<string, string[]> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  personalization: ['personalization_storage', 'functionality_storage'],
};

/** Pushes through the page's `gtag` when it has one, else defines Google's standard stub. */
function gtag(win: GtagWindow, ...args: unknown[]): void {
  win.dataLayer = Array.isArray(win.dataLayer) ? win.dataLayer : [];
  if (typeof win.gtag !== 'function') {
    win.gtag = function gtag() {
      // Google's snippet pushes the `arguments` object itself; gtag.js relies on that shape.
      // eslint-disable-next-line prefer-rest-params
      (win.dataLayer as unknown[]).push(arguments);
    };
  }
  win.gtag(...args);
}

export function consentModeDefault(win: GtagWindow): void {
  gtag(win, 'consent', 'default', {
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'denied',
    personalization_storage: 'denied',
    functionality_storage: 'denied',
    security_storage: 'granted',
    wait_for_update: 500,
  });
}

export function consentModeUpdate(win: GtagWindow, state: ConsentState): void {
  const update: Record<string, ConsentValue> = {};
  for (const [category, keys] of Object.entries(CONSENT_MODE_MAP)) {
    for (const key of keys) update[key] = own(state.categories, category) === true ? 'granted' : 'denied';
  }
  gtag(win, 'consent', 'update', update);
}
