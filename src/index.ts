/**
 * ES module entry for bundlers: `import { createConsent } from 'integrus-consent'`.
 * Side-effect free; the UI chunks (first part, texts of one language, second part) are imported only
 * when a layer must show, the consent-record chunk when a decision is made, the words of the console
 * messages the first time there is something to say.
 */
import { VERSION, createConsent as create } from './consent.js';
import type { ConsentEnvironment } from './consent.js';
import { resolveConfig } from './core/config.js';
import { mergeSources } from './core/sources.js';
import { undecidedState } from './core/decision.js';
import type { ConsentOptions, ConsentState, IntegrusConsentApi, RecordModule, UiModule } from './core/types.js';
import { NECESSARY } from './core/types.js';
import { useMessages } from './core/log.js';
import type { MessagesModule } from './core/log.js';

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
  if (typeof window === 'undefined' && !env.window) return serverSideApi(options);
  // The words of the console messages: a lazy chunk, imported the first time there is something to say.
  useMessages(() => import('./signals/messages.js') as Promise<MessagesModule>);
  return create(options, {
    loadUI: () => import('./ui/index.js') as Promise<UiModule>,
    loadRecorder: () => import('./signals/consent-record.js') as Promise<RecordModule>,
    ...env,
  });
}

/**
 * On a server (server-side rendering in Next, Nuxt and the like) there is no visitor yet: an inert
 * instance that reports "no decision", grants nothing but `necessary`, stores nothing and shows nothing.
 * In the browser, the same call starts the real one.
 */
function serverSideApi(options: ConsentOptions): IntegrusConsentApi {
  const quiet = (): void => undefined;
  const config = resolveConfig(mergeSources(options, {}, quiet), quiet);
  const state = (): ConsentState => undecidedState(config.revision, config.categories.map((c) => c.name));
  const done = (): Promise<void> => Promise.resolve();
  return {
    version: VERSION,
    config,
    ready: Promise.resolve(state()),
    getState: state,
    isGranted: (category) => category === NECESSARY,
    acceptAll: state,
    rejectAll: state,
    setCategories: state,
    setServices: state,
    reset: state,
    showBanner: done,
    showPreferences: done,
    hide: done,
    setLanguage: done,
    on: () => quiet,
    observe: () => quiet,
    // Queued site code is browser code: on a server it never runs.
    push: quiet,
    whenGranted: (category) => (category === NECESSARY ? Promise.resolve(state()) : new Promise<ConsentState>(quiet)),
  };
}
