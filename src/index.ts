/**
 * ES module entry for bundlers: `import { createConsent } from 'integrus-consent'`.
 * Side-effect free; the UI chunk is imported only when a layer must show.
 */
import { createConsent as create } from './consent.js';
import type { ConsentEnvironment } from './consent.js';
import type { ConsentOptions, IntegrusConsentApi, UiModule } from './core/types.js';

export { VERSION, currentInstance } from './consent.js';
export type { ConsentEnvironment } from './consent.js';
export type * from './core/types.js';
export { NECESSARY } from './core/types.js';
export { parseDecision } from './core/decision.js';
export type { StoredDecision } from './core/decision.js';
export type { ConsentRecord } from './signals/consent-record.js';

/**
 * Starts Integrus Consent on this page with `options` (the same as `window.IntegrusConsentConfig`).
 * @fires consent:ready
 * @fires consent:change
 * @fires consent:show
 * @fires consent:hide
 */
export function createConsent(options: ConsentOptions = {}, env: ConsentEnvironment = {}): IntegrusConsentApi {
  return create(options, { loadUI: () => import('./ui/index.js') as Promise<UiModule>, ...env });
}
