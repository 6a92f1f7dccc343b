/**
 * `createConsent()`: wires the rooms together. Config → stored decision → state → gates and signals,
 * and the UI loaded only when a layer must show. A returning visitor with a valid decision never
 * loads or constructs any UI.
 */
import { LANG, LOG_PREFIX, isPlainObject, mergeSources, parseConsentAttribute, resolveConfig, resolveLanguage } from './core/config.js';
import { changedCategories, checkDecision, encodeDecision, newConsentId, stateFromDecision, undecidedState } from './core/decision.js';
import type { StoredDecision } from './core/decision.js';
import { clearCookies, readCookie, removeCookie, writeCookie } from './core/cookie-jar.js';
import { createStore } from './core/store.js';
import type {
  ConsentEventType, CoreConfig, CoreUiHost, ConsentOptions, ConsentState, DecisionMethod, IntegrusConsentApi, RecordModule,
  UiController, UiModule,
} from './core/types.js';
import { NECESSARY } from './core/types.js';
import { createGate } from './gate/gate.js';
import { isBot } from './signals/bots.js';
import { emit } from './signals/events.js';
import { consentModeDefault, consentModeUpdate } from './signals/google-consent-mode.js';
import { GPC_CATEGORY, gpcActive } from './signals/gpc.js';

export const VERSION = '0.1.0';

/** Languages with built-in texts; `texts` overrides may add more. */
export const BUILT_IN_LANGUAGES = ['ru', 'en'];

export interface ConsentEnvironment {
  /** The script tag's `data-*` attributes (`dataset`); they win over the options object. */
  attributes?: Record<string, string | undefined>;
  /** Loads the UI module (lit, i18next, locales). Called only when a layer must show. */
  loadUI?: () => Promise<UiModule>;
  /**
   * Called synchronously, before anything else is fetched, when there is no valid decision: the
   * drop-in adds `<link rel="modulepreload">` for the first part of the UI and the language's texts.
   */
  preloadUI?: (lang: string) => void;
  /**
   * Loads the consent-record module (`buildRecord`, `sendRecord`). Decisions are rare, so the core
   * does not carry it: it is imported when a layer shows (ready for the decision) or at the decision.
   */
  loadRecorder?: () => Promise<RecordModule>;
  /** Where the UI mounts; defaults to `document.body` once it exists. */
  root?: HTMLElement;
  window?: Window;
  /** Called with the API before `consent:ready` fires, so listeners can already use it (the drop-in sets `window.IntegrusConsent`). */
  publish?: (api: IntegrusConsentApi) => void;
}

const INSTANCE = Symbol.for('integrus-consent.instance');
type InstanceHolder = { [INSTANCE]?: IntegrusConsentApi };

/** The live instance on this page, if one was created. */
export function currentInstance(win: Window = window): IntegrusConsentApi | undefined {
  return (win as unknown as InstanceHolder)[INSTANCE];
}

/**
 * Creates the consent manager for this page: reads the stored decision, activates what it grants,
 * dispatches `consent:ready`, and shows the banner when there is no valid decision.
 * A page has one instance: a second call logs a warning and returns the first.
 *
 * @fires consent:ready - once, with the initial state.
 * @fires consent:change - every time a decision is stored (and on `reset()`).
 * @fires consent:show - a layer opened (`detail.layer`).
 * @fires consent:hide - a layer closed (`detail.layer`).
 */
export function createConsent(options: ConsentOptions | unknown = {}, env: ConsentEnvironment = {}): IntegrusConsentApi {
  const win = env.window ?? window;
  const existing = currentInstance(win);
  if (existing) {
    console.warn(`${LOG_PREFIX} Already running on this page; the second copy does nothing.`);
    return existing;
  }
  const doc = win.document;
  const report = (m: string): void => console.error(m);
  const warn = (m: string): void => console.warn(m);
  let merged: Record<string, unknown> = {};
  let config: CoreConfig;
  try {
    merged = mergeSources(options, env.attributes ?? {}, report);
    config = resolveConfig(merged, report);
  } catch (error) {
    // Getters or proxies that throw in the site's config object: the defaults, and the page goes on.
    report(`${LOG_PREFIX} The configuration could not be read (${String(error)}); using the defaults.`);
    config = resolveConfig({}, report);
  }
  const host = win.location.hostname;
  if (config.cookie.domain && !`.${host}`.endsWith(config.cookie.domain.replace(/^\.?/, '.'))) {
    report(`${LOG_PREFIX} Invalid option "cookie.domain": "${config.cookie.domain}" does not cover this host (${host}). Using the current host only.`);
    config.cookie.domain = null;
  }
  const categories = config.categories.map((c) => c.name);
  // Languages the site added texts for count as supported (the UI validates the texts themselves).
  const added = isPlainObject(merged.texts) ? Object.keys(merged.texts).filter((l) => LANG.test(l)) : [];
  const languages = [...new Set([...BUILT_IN_LANGUAGES, ...added.map((l) => l.toLowerCase())])];
  let lang = resolveLanguage(config.lang, doc.documentElement.getAttribute('lang'), win.navigator.languages ?? [], languages);
  const gpc = config.respectGpc && gpcActive(win.navigator) && categories.includes(GPC_CATEGORY);
  const bot = config.bots !== false && isBot(win.navigator.userAgent, Array.isArray(config.bots) ? config.bots : []);

  // Consent Mode's default must precede every other dataLayer entry and every gated tag.
  if (config.googleConsentMode) consentModeDefault(win);

  /** The raw cookie value last read or written: another tab's decision shows up as a different one. */
  let lastRaw: string | undefined;
  /** Did our last write stick? Then a vanished cookie means another tab reset (or the visitor cleared it). */
  let persisted = false;
  let syncedThisTask = false;
  const store = createStore<ConsentState>(initialState());
  const gate = createGate(doc, {
    categories,
    // Through the API, so a withdrawal in another tab is seen before anything activates.
    isGranted: (c) => api.isGranted(c),
    warn,
    onBlockedFrames: (frames) => {
      // Frames whose categories are granted are about to be activated: no placeholder, no UI fetched.
      const denied = frames.filter((frame) => {
        const needed = parseConsentAttribute(frame.getAttribute('data-consent'));
        return needed.length === 0 || !needed.every(api.isGranted);
      });
      if (!bot && denied.length) void ensureUI().then((mounted) => mounted?.placeholders(denied));
    },
  });
  // A returning visitor's stored decision reaches Google tags as well, before they run.
  if (config.googleConsentMode && store.get().decided) consentModeUpdate(win, store.get());
  let cookieWarned = false;

  function initialState(): ConsentState {
    const { value, duplicated, blocked } = readCookie(config.cookie.name);
    lastRaw = value;
    // Just read: no need to look again in this task.
    syncedThisTask = true;
    queueMicrotask(() => (syncedThisTask = false));
    if (blocked) warn(`${LOG_PREFIX} Cookies cannot be read here; a decision will hold for this page only.`);
    if (duplicated) warn(`${LOG_PREFIX} Two "${config.cookie.name}" cookies (host and parent domain); asking again.`);
    const stored = bot || duplicated ? null : storedDecision(value, true);
    persisted = stored !== null;
    return stored ? stateFromDecision(stored, categories) : undecidedState(config.revision, categories);
  }

  function storedDecision(value: string | undefined, explain: boolean): StoredDecision | null {
    if (value === undefined) return null;
    const maxAgeDays = Math.max(config.cookie.expiresDays, config.cookie.rejectedExpiresDays);
    const result = checkDecision(value, { revision: config.revision, categories, maxAgeDays });
    if (typeof result !== 'string') return result;
    if (explain && result !== 'another revision') warn(`${LOG_PREFIX} Stored decision ignored (${result}); asking again.`);
    return null;
  }

  /**
   * Adopts a decision another tab stored since we last looked (the later decision wins), or its
   * reset. A cookie we cannot read or that is invalid changes nothing: the page keeps what it has.
   */
  function syncFromCookie(): void {
    // Once per task at most: every read of document.cookie is a round trip to the cookie store.
    if (bot || syncedThisTask) return;
    syncedThisTask = true;
    queueMicrotask(() => (syncedThisTask = false));
    const { value, duplicated, blocked } = readCookie(config.cookie.name);
    if (blocked || duplicated || value === lastRaw) return;
    lastRaw = value;
    const before = store.get();
    if (value === undefined) {
      if (!persisted || !before.decided) return;
      persisted = false;
      const state = undecidedState(config.revision, categories);
      store.set(state);
      afterChange(before, state, 'user', false);
      void api.showBanner();
      return;
    }
    const stored = storedDecision(value, false);
    if (!stored || stored.id === before.consentId) return;
    persisted = true;
    const state = stateFromDecision(stored, categories);
    store.set(state);
    afterChange(before, state, 'user', false);
    void ui?.hide();
  }

  // ---- UI, loaded on demand -------------------------------------------------------------------
  let uiPromise: Promise<UiController | null> | null = null;
  /** The mounted UI, once there is one: decisions close its layers synchronously. */
  let ui: UiController | null = null;
  const uiHost: Omit<CoreUiHost, 'root'> = {
    get api() {
      return api;
    },
    config,
    options: merged,
    categories,
    get lang() {
      return lang;
    },
    gpc,
    subscribe: (listener) => store.subscribe(listener),
    notifyShown: (layer) => emit(doc, 'consent:show', { ...cloneState(store.get()), layer }),
    notifyHidden: (layer) => emit(doc, 'consent:hide', { ...cloneState(store.get()), layer }),
  };

  function ensureUI(): Promise<UiController | null> {
    if (uiPromise) return uiPromise;
    if (!env.loadUI) {
      report(`${LOG_PREFIX} No interface to show: this build was created without a UI loader.`);
      return Promise.resolve(null);
    }
    // Fetch the UI at once, mount it when the body exists (the drop-in may run in <head>).
    if (config.logEndpoint) void recorder();
    uiPromise = Promise.all([env.loadUI(), domReady(doc)])
      .then(([module]) => (ui = module.mount({ ...uiHost, root: env.root ?? doc.body ?? doc.documentElement } as CoreUiHost)))
      .catch((error: unknown) => {
        report(`${LOG_PREFIX} The consent interface failed to load (${String(error)}). Nothing optional is granted.`);
        uiPromise = null;
        return null;
      });
    return uiPromise;
  }

  let recorderPromise: Promise<RecordModule | null> | null = null;
  /** The consent-record module, imported once (see `ConsentEnvironment.loadRecorder`). */
  function recorder(): Promise<RecordModule | null> {
    recorderPromise ??= (env.loadRecorder?.() ?? Promise.reject(new Error('this build has no record loader'))).catch((error: unknown) => {
      warn(`${LOG_PREFIX} Consent records cannot be sent (${String(error)}).`);
      recorderPromise = null;
      return null;
    });
    return recorderPromise;
  }

  // ---- Decisions ------------------------------------------------------------------------------
  function decide(choice: Record<string, boolean>, method: DecisionMethod): ConsentState {
    const before = store.get();
    if (bot) {
      // Crawlers get no grant: nothing is stored, announced or signalled.
      warn(`${LOG_PREFIX} This visitor looks like a crawler (bots option); the decision is ignored.`);
      return cloneState(before);
    }
    const values: Record<string, boolean> = {};
    for (const c of categories) values[c] = choice[c] === true;
    let source: 'user' | 'gpc' = 'user';
    if (gpc && method !== 'reject-all' && !values[GPC_CATEGORY] && (method === 'accept-all' || choice[GPC_CATEGORY] !== true)) {
      source = 'gpc';
    }
    const decision: StoredDecision = {
      v: 1,
      id: newConsentId(win.crypto),
      rev: config.revision,
      ts: new Date().toISOString(),
      granted: [NECESSARY, ...categories.filter((c) => values[c])],
      denied: categories.filter((c) => !values[c]),
      method,
    };
    persist(decision);
    const state = stateFromDecision(decision, categories);
    store.set(state);
    afterChange(before, state, source);
    // Close what is open now, not what the site may open right after this call.
    void ui?.hide();
    return cloneState(state);
  }

  function persist(decision: StoredDecision): void {
    const { name, domain, expiresDays, rejectedExpiresDays } = config.cookie;
    removeCookie(name, host, domain); // an old copy on another domain would shadow the new one
    const days = decision.method === 'reject-all' ? rejectedExpiresDays : expiresDays;
    const value = encodeDecision(decision);
    const ok = writeCookie(name, value, {
      domain,
      maxAgeSeconds: days * 86_400,
      secure: win.location.protocol === 'https:',
    });
    persisted = ok;
    lastRaw = ok ? value : undefined;
    if (!ok && !cookieWarned) {
      cookieWarned = true;
      warn(`${LOG_PREFIX} Cookies are blocked: the decision holds for this page only and the banner will show again on the next one.`);
    }
  }

  /** Gates, cookie clearing, signals and events after the state changed. */
  function afterChange(before: ConsentState, state: ConsentState, source: 'user' | 'gpc', record = true): void {
    const denied = config.categories.filter((c) => !state.categories[c.name]);
    clearCookies(denied.flatMap((c) => c.cookies), host, config.cookie.domain, [config.cookie.name]);
    if (!state.categories.analytics && before.categories.analytics) {
      for (const id of config.yandexMetricaIds) (win as unknown as Record<string, unknown>)[`disableYaCounter${id}`] = true;
    }
    void gate.update();
    if (config.googleConsentMode) consentModeUpdate(win, state);
    emit(doc, 'consent:change', { ...cloneState(state), changed: changedCategories(before, state) });
    // Every decision, and the reset of one (a withdrawal), is recorded; another tab's are its own.
    if (config.logEndpoint && record && (state.decided || before.decided)) {
      const reset = state.decided ? undefined : { id: newConsentId(win.crypto), ts: new Date().toISOString() };
      const extra = {
        source,
        policyUrl: config.policyUrl,
        consentUrl: config.consentUrl,
        lang,
        // Without query and fragment: they may carry tokens or e-mail addresses.
        pageUrl: win.location.origin + win.location.pathname,
        userAgent: win.navigator.userAgent,
      };
      const endpoint = config.logEndpoint;
      const snapshot = cloneState(state);
      void recorder().then((module) => {
        const entry = module?.buildRecord(snapshot, extra, reset);
        if (entry) module?.sendRecord(endpoint, entry, warn);
      });
    }
  }

  // ---- Public API -----------------------------------------------------------------------------
  const known = (category: string): boolean => category === NECESSARY || categories.includes(category);
  let resolveReady!: (state: ConsentState) => void;
  const ready = new Promise<ConsentState>((resolve) => (resolveReady = resolve));
  let isReady = false;

  const api: IntegrusConsentApi = {
    version: VERSION,
    config,
    ready,
    getState() {
      syncFromCookie();
      return cloneState(store.get());
    },
    isGranted(category) {
      syncFromCookie();
      return category === NECESSARY || (!bot && store.get().categories[category] === true);
    },
    acceptAll: () => decide(Object.fromEntries(categories.map((c) => [c, !(gpc && c === GPC_CATEGORY)])), 'accept-all'),
    rejectAll: () => decide({}, 'reject-all'),
    setCategories(choice) {
      if (choice === null || typeof choice !== 'object') {
        report(`${LOG_PREFIX} setCategories expects an object such as { analytics: true }, got ${String(choice)}; nothing changed.`);
        return api.getState();
      }
      const clean: Record<string, boolean> = {};
      for (const [c, v] of Object.entries(choice)) {
        if (!known(c)) warn(`${LOG_PREFIX} setCategories: unknown category "${c}" ignored.`);
        else if (c !== NECESSARY) clean[c] = v === true;
      }
      return decide(clean, 'custom');
    },
    showBanner: () => ensureUI().then((mounted) => mounted?.showBanner()),
    showPreferences: () => ensureUI().then((mounted) => mounted?.showPreferences()),
    hide: () => (uiPromise ? uiPromise.then((mounted) => mounted?.hide()) : Promise.resolve()),
    reset() {
      const before = store.get();
      removeCookie(config.cookie.name, host, config.cookie.domain);
      lastRaw = undefined;
      persisted = false;
      const state = undecidedState(config.revision, categories);
      store.set(state);
      afterChange(before, state, 'user');
      void api.showBanner();
      return api.getState();
    },
    setLanguage(next) {
      if (typeof next !== 'string') {
        report(`${LOG_PREFIX} setLanguage expects a language code, got ${String(next)}.`);
        return Promise.resolve();
      }
      lang = resolveLanguage(next, null, [], languages);
      if (lang !== next.toLowerCase().split('-')[0]) warn(`${LOG_PREFIX} No texts for language "${next}"; using "${lang}".`);
      return uiPromise ? uiPromise.then((mounted) => mounted?.setLanguage(lang)) : Promise.resolve();
    },
    on(type: ConsentEventType, listener: (event: never) => void) {
      if (typeof listener !== 'function') {
        report(`${LOG_PREFIX} on("${String(type)}") expects a function.`);
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
    whenGranted(category) {
      if (!known(category)) return Promise.reject(new Error(`${LOG_PREFIX} Unknown category "${category}".`));
      return new Promise<ConsentState>((resolve) => {
        if (api.isGranted(category)) return resolve(api.getState());
        const stop = store.subscribe(() => {
          if (api.isGranted(category)) {
            stop();
            resolve(api.getState());
          }
        });
      });
    },
  };
  (win as unknown as InstanceHolder)[INSTANCE] = api;
  env.publish?.(api);

  // ---- Start ----------------------------------------------------------------------------------
  void gate.update();
  doc.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-consent-open]') : null;
    if (!target) return;
    event.preventDefault();
    void api.showPreferences();
  });
  // Another tab may decide while this one sits in the background: look again when it comes back.
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') syncFromCookie();
  });
  win.addEventListener('focus', syncFromCookie);
  isReady = true;
  resolveReady(api.getState());
  emit(doc, 'consent:ready', api.getState());
  if (!store.get().decided && !bot) {
    env.preloadUI?.(lang);
    // A decision made while the UI loads (by the site's own code) wins: no banner then.
    void ensureUI().then((mounted) => (store.get().decided ? undefined : mounted?.showBanner()));
  } else if (config.reopenButton && !bot) {
    void ensureUI();
  }
  return api;
}

function cloneState(state: ConsentState): ConsentState {
  return { ...state, categories: { ...state.categories }, granted: [...state.granted], denied: [...state.denied] };
}

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
