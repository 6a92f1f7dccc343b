/**
 * `window.IntegrusConsent` (docs/contract.md §4): the public API over a running instance. It checks
 * what the page passes in (a clear console message, never a throw into the page) and hands intent to
 * the instance; it holds no state of its own but readiness.
 */
import { SERVICE_ID, cloneState, serviceGranted } from '../core/decision.js';
import type { ConsentEventType, ConsentState, CoreConfig, DecisionMethod, IntegrusConsentApi } from '../core/types.js';
import { NECESSARY } from '../core/types.js';
import { contains } from '../core/builtins.js';
import { LOG_PREFIX } from '../core/util.js';
import type { Say } from '../core/log.js';
import type { ConsentStore } from './effects.js';
import type { UiLoader } from './ui-loader.js';

/** What the API drives: the instance's state, its decisions and its interface. */
export interface Instance {
  readonly doc: Document;
  readonly version: string;
  readonly config: Readonly<CoreConfig>;
  readonly store: ConsentStore;
  readonly ui: UiLoader;
  /** The configured optional categories. */
  readonly categories: readonly string[];
  /** A crawler: no grant, whatever is stored. */
  readonly bot: boolean;
  /** The category accept-all leaves denied under Global Privacy Control, or `null`. */
  readonly gpcCategory: string | null;
  /** Adopts a decision (or reset) another tab stored since the last look. */
  sync(): void;
  decide(choice: Readonly<Record<string, unknown>>, method: DecisionMethod, services?: Readonly<Record<string, boolean>>): ConsentState;
  /** Forgets the decision (the cookie and the state). */
  forget(): void;
  /** Gates the tags inside another tree (a shadow root, an element); returns the function that stops it. */
  observe(root: ShadowRoot | Element): () => void;
  /** Switches the language; returns the one used (a code without texts falls back). */
  setLanguage(lang: string): string;
  report: Say;
  warn: Say;
}

export interface ApiHandle {
  api: IntegrusConsentApi;
  /** Marks the instance ready: resolves `api.ready` and lets late `consent:ready` listeners hear of it. */
  markReady(): void;
}

export function createApi(instance: Instance): ApiHandle {
  const { doc, store, ui, categories, report, warn } = instance;
  const known = (category: string): boolean => category === NECESSARY || contains(categories, category);
  let resolveReady!: (state: ConsentState) => void;
  const ready = new Promise<ConsentState>((resolve) => (resolveReady = resolve));
  let isReady = false;

  const api: IntegrusConsentApi = {
    version: instance.version,
    config: instance.config,
    ready,
    getState() {
      instance.sync();
      return cloneState(store.get());
    },
    isGranted(category, service) {
      instance.sync();
      if (category === NECESSARY) return true;
      if (instance.bot || !known(category)) return false;
      return serviceGranted(store.get(), category, typeof service === 'string' ? service : null);
    },
    acceptAll: () => instance.decide(Object.fromEntries(categories.map((c) => [c, c !== instance.gpcCategory])), 'accept-all'),
    rejectAll: () => instance.decide({}, 'reject-all'),
    setCategories(choice, services) {
      if (choice === null || typeof choice !== 'object') {
        report('setCategories', choice);
        return api.getState();
      }
      const clean: Record<string, boolean> = {};
      for (const [c, v] of Object.entries(choice)) {
        if (!known(c)) warn('choiceCategory', c);
        else if (c !== NECESSARY) clean[c] = v === true;
      }
      const chosen = services === undefined ? {} : cleanServices('setCategories', services);
      if (chosen === null) return api.getState();
      return instance.decide(clean, 'custom', chosen);
    },
    setServices(choice) {
      const chosen = cleanServices('setServices', choice);
      if (chosen === null) return api.getState();
      // The categories and the other services keep their values: only these services change.
      const state = api.getState();
      const current: Record<string, boolean> = {};
      for (const c of categories) current[c] = state.categories[c] === true;
      return instance.decide(current, 'custom', { ...state.services, ...chosen });
    },
    showBanner: () => ui.ensure().then((mounted) => mounted?.showBanner()),
    showPreferences: () => ui.ensure().then((mounted) => mounted?.showPreferences()),
    hide: () => ui.requested()?.then((mounted) => mounted?.hide()) ?? Promise.resolve(),
    reset() {
      instance.forget();
      void api.showBanner();
      return api.getState();
    },
    setLanguage(next) {
      if (typeof next !== 'string') {
        report('setLanguage', next);
        return Promise.resolve();
      }
      const lang = instance.setLanguage(next);
      return ui.requested()?.then((mounted) => mounted?.setLanguage(lang)) ?? Promise.resolve();
    },
    on(type: ConsentEventType, listener: (event: never) => void) {
      if (typeof listener !== 'function') {
        report('on', type);
        return () => undefined;
      }
      const handler = listener as unknown as EventListener;
      let subscribed = true;
      doc.addEventListener(type, handler);
      if (type === 'consent:ready' && isReady) {
        // Late subscribers still hear about readiness once (unless they unsubscribed meanwhile).
        queueMicrotask(() => subscribed && handler(new CustomEvent('consent:ready', { detail: api.getState() })));
      }
      return () => {
        subscribed = false;
        doc.removeEventListener(type, handler);
      };
    },
    observe(root) {
      const kind = rootKind(root, doc);
      if (!kind) {
        report('observe', root);
        return () => undefined;
      }
      if (kind === 'document') return () => undefined; // always observed
      return instance.observe(root as ShadowRoot | Element);
    },
    push(...callbacks) {
      for (const callback of callbacks) {
        if (typeof callback !== 'function') {
          report('push', callback);
          continue;
        }
        void ready.then(() => {
          try {
            callback(api);
          } catch (error) {
            report('queuedThrew', error);
          }
        });
      }
    },
    whenGranted(category, service) {
      if (!known(category)) return Promise.reject(new Error(`${LOG_PREFIX} Unknown category "${category}".`));
      return new Promise<ConsentState>((resolve) => {
        if (api.isGranted(category, service)) return resolve(api.getState());
        const stop = store.subscribe(() => {
          if (api.isGranted(category, service)) {
            stop();
            resolve(api.getState());
          }
        });
      });
    },
  };
  /**
   * A page's service choices, own keys only: `{ youtube: true }`. A value that is not a boolean or an
   * id that is not one (`^[a-z][a-z0-9_-]{0,63}$`) warns and is left out; a non-object logs an error
   * and gives `null` (nothing changes).
   */
  function cleanServices(method: string, choice: unknown): Record<string, boolean> | null {
    if (choice === null || typeof choice !== 'object' || Array.isArray(choice)) {
      report('servicesChoice', method, choice);
      return null;
    }
    const clean: Record<string, boolean> = {};
    for (const [s, v] of Object.entries(choice as Record<string, unknown>)) {
      if (!SERVICE_ID.test(s) || typeof v !== 'boolean') warn('serviceChoice', method, s, v);
      else clean[s] = v;
    }
    return clean;
  }
  const markReady = (): void => {
    isReady = true;
    resolveReady(api.getState());
  };
  return { api, markReady };
}

/** What `observe()` was given: this document, a shadow root or an element (of any frame), else `null`. */
function rootKind(root: unknown, doc: Document): 'document' | 'shadow-root' | 'element' | null {
  if (root === doc) return 'document';
  if (root === null || typeof root !== 'object') return null;
  const node = root as Partial<Node> & { host?: unknown; mode?: unknown };
  try {
    if (node.nodeType === 1 && typeof node.appendChild === 'function') return 'element';
    if (node.nodeType === 11 && typeof node.host === 'object' && node.host !== null && typeof node.mode === 'string') return 'shadow-root';
  } catch {
    return null;
  }
  return null;
}
