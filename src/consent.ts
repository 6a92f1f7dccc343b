/**
 * `createConsent()`: wires the rooms together. The state flows one way:
 * decide → persist (the cookie) → store → subscribers (the gate, the signals, the events, the UI).
 * The interface is loaded only when a layer must show: a returning visitor with a valid decision never
 * loads or constructs any of it.
 */
import { loadConfig } from './core/sources.js';
import { LANG, resolveLanguage } from './core/language.js';
import { cloneState, stateFromDecision, undecidedState } from './core/decision.js';
import { createDecisionCookie } from './core/stored-decision.js';
import type { StoredDecision } from './core/decision.js';
import { createStore } from './core/store.js';
import { gatedService, parseConsentAttribute } from './core/categories.js';
import type { ConsentOptions, ConsentState, CoreUiHost, IntegrusConsentApi, RecordModule, UiModule } from './core/types.js';
import { isPlainObject, own } from './core/util.js';
import { printer, sayer } from './core/log.js';
import { contains, everyOf } from './core/builtins.js';
import { createGate } from './gate/gate.js';
import { createApi } from './instance/api.js';
import { createDecide } from './instance/decide.js';
import { clearOptionalCookies, connectEffects, createRecorder, type Change } from './instance/effects.js';
import { createUiLoader } from './instance/ui-loader.js';
import { botMarker } from './signals/bots.js';
import { connectCallbacks } from './signals/callbacks.js';
import { OUTBOX_KEY } from './signals/consent-record.js';
import { emit } from './signals/events.js';
import { consentModeDefault, consentModeUpdate } from './signals/google-consent-mode.js';
import { GPC_CATEGORY, gpcActive } from './signals/gpc.js';

export const VERSION = '0.1.0';

/** Languages with built-in texts; `texts` overrides may add more. */
export const BUILT_IN_LANGUAGES = ['ru', 'en'];

export interface ConsentEnvironment {
  /** The script tag's `data-*` attributes (`dataset`); they win over the options object. */
  attributes?: Record<string, string | undefined>;
  /** Loads the UI module (lit and the page language's texts; i18next follows with its second part). Called only when a layer must show. */
  loadUI?: () => Promise<UiModule>;
  /**
   * Called synchronously, before anything else is fetched, when there is no valid decision: the
   * drop-in adds `<link rel="modulepreload">` for the first part of the UI and the language's texts.
   */
  preloadUI?: (lang: string) => void;
  /** Fetches the second part of the UI without running it (`UiHost.preloadDetails`). */
  preloadDetails?: () => void;
  /**
   * Loads the consent-record module (`buildRecord`, `sendRecord`). Decisions are rare, so the core
   * does not carry it: it is imported when a layer shows (ready for the decision) or at the decision.
   */
  loadRecorder?: () => Promise<RecordModule>;
  /**
   * Called at a withdrawal (a granted category denied, here or in another tab): clears the cookies and
   * storage keys of the site's catalogue `services` (`consent.min.js` fetches the catalogue for it).
   * Never rejects; a reload on withdrawal waits for it.
   */
  clearServices?: () => Promise<unknown>;
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
    sayer('warn')('running');
    return existing;
  }
  const doc = win.document;
  const report = sayer('error');
  const warn = sayer('warn');
  const host = win.location.hostname;
  const { config, merged } = loadConfig(options, env.attributes ?? {}, host, report);
  const categories = config.categories.map((c) => c.name);
  // Languages the site added texts for count as supported (the UI validates the texts themselves).
  const texts = own(merged, 'texts');
  const added = isPlainObject(texts) ? Object.keys(texts).filter((l) => LANG.test(l)) : [];
  const languages = [...new Set([...BUILT_IN_LANGUAGES, ...added.map((l) => l.toLowerCase())])];
  let lang = resolveLanguage(config.lang, doc.documentElement.getAttribute('lang'), win.navigator.languages ?? [], languages);
  // The category Global Privacy Control refuses, when GPC is on and respected.
  const gpcCategory = config.respectGpc && gpcActive(win.navigator) && contains(categories, GPC_CATEGORY) ? GPC_CATEGORY : null;
  const marker = config.bots === false ? null : botMarker(win.navigator.userAgent, Array.isArray(config.bots) ? config.bots : []);
  const bot = marker !== null;
  if (bot) {
    // Every site's own end-to-end tests run headless browsers: say why they see no banner.
    sayer('info')('crawler', marker);
  }

  // Consent Mode's default must precede every other dataLayer entry and every gated tag.
  if (config.googleConsentMode) consentModeDefault(win);

  const cookie = createDecisionCookie({
    cookie: config.cookie,
    revision: config.revision,
    categories,
    host,
    secure: win.location.protocol === 'https:',
    warn,
  });
  const { decision: stored, voided } = cookie.read();
  const store = createStore<ConsentState, Change>(!bot && stored ? stateFromDecision(stored, categories) : undecidedState(config.revision, categories));
  // Asking again means nothing optional is stored meanwhile: a void decision's cookies (`_ga`,
  // `_ym_uid`…) are cleared as a refusal would clear them, before the banner shows.
  if (voided && !bot) clearOptionalCookies(config, host, store.get(), win);
  const undecided = (): ConsentState => undecidedState(config.revision, categories);
  const adopt = (decision: StoredDecision | null, change: Change): void => store.set(decision ? stateFromDecision(decision, categories) : undecided(), change);

  const gate = createGate(doc, {
    categories,
    // Through the API, so a withdrawal in another tab is seen before anything activates.
    isGranted: (c, service) => api.isGranted(c, service ?? undefined),
    warn,
    onBlockedFrames: (frames) => {
      // Frames whose categories are granted are about to be activated: no placeholder, no UI fetched.
      const denied = frames.filter((frame) => {
        const needed = parseConsentAttribute(frame.getAttribute('data-consent'));
        const service = gatedService(frame) ?? undefined;
        return needed.length === 0 || !everyOf(needed, (c) => api.isGranted(c, service));
      });
      if (!bot && denied.length) void ui.ensure().then((mounted) => mounted?.placeholders(denied));
    },
  });
  // A returning visitor's stored decision reaches Google tags as well, before they run.
  if (config.googleConsentMode && store.get().decided) consentModeUpdate(win, store.get());
  const recorder = createRecorder(env.loadRecorder, warn);
  // The record module words its own warnings: they are printed in turn with the core's.
  const recordWarn = printer('warn');
  // `ui` (below) is asked only at a decision, which comes after start-up.
  connectEffects(store, {
    win, config, gate, lang: () => lang, recorder, clearServices: env.clearServices, warn: recordWarn,
    shown: () => ui.mounted?.shown() ?? null,
  });
  const callbacksReady = connectCallbacks(store, config.callbacks);
  // Consent records earlier pages could not deliver go again (src/signals/consent-record.ts).
  if (config.logEndpoint && !bot && hasOutbox(win)) {
    const endpoint = config.logEndpoint;
    void recorder().then((module) => module?.resendRecords(endpoint, recordWarn));
  }

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
    gpcCategory,
    subscribe: (listener) => store.subscribe((state) => listener(state)),
    notifyShown: (layer) => emit(doc, 'consent:show', { ...cloneState(store.get()), layer }),
    notifyHidden: (layer) => emit(doc, 'consent:hide', { ...cloneState(store.get()), layer }),
    preloadDetails: env.preloadDetails,
  };
  // A layer that shows is about to take a decision: its record code comes along.
  const ui = createUiLoader(doc, uiHost, env.loadUI, env.root, report, () => config.logEndpoint && void recorder());
  // The interface follows the state: a decision (here or in another tab) closes what is open now,
  // not what the site may open right after; a reset in another tab asks again.
  store.subscribe((state, previous, change) => {
    if (state.decided) void ui.mounted?.hide();
    else if (previous.decided && !change.local) void api.showBanner();
  });

  /** Adopts a decision or reset another tab stored since we last looked (the later decision wins). */
  const sync = (): void => {
    if (bot) return;
    const found = cookie.poll(store.get());
    if (found === 'forgotten') adopt(null, { source: 'user', local: false });
    else if (found) adopt(found.decision, { source: 'user', local: false });
  };

  const decide = createDecide({ store, cookie, revision: config.revision, categories, gpcCategory, bot, report, warn });

  const { api, markReady } = createApi({
    doc,
    version: VERSION,
    config,
    store,
    ui,
    categories,
    bot,
    gpcCategory,
    sync,
    decide,
    forget: () => {
      cookie.forget();
      adopt(null, { source: 'user', local: true });
    },
    observe: (root) => gate.observe(root),
    setLanguage(next) {
      lang = resolveLanguage(next, null, [], languages);
      if (lang !== next.toLowerCase().split('-')[0]) warn('noTexts', next, lang);
      return lang;
    },
    report,
    warn,
  });
  (win as unknown as InstanceHolder)[INSTANCE] = api;
  env.publish?.(api);

  // ---- Start ----------------------------------------------------------------------------------
  void gate.update();
  doc.addEventListener('click', (event) => {
    // The composed path: a `data-consent-open` link inside a component's shadow root counts too.
    const target = event.composedPath().find((node) => node instanceof Element && node.hasAttribute('data-consent-open'));
    if (!target) return;
    event.preventDefault();
    void api.showPreferences();
  });
  // Another tab may decide while this one sits in the background: look again when it comes back.
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && sync());
  win.addEventListener('focus', sync);
  markReady();
  emit(doc, 'consent:ready', api.getState());
  callbacksReady(api.getState());
  if (!store.get().decided && !bot) {
    env.preloadUI?.(lang);
    // A decision made while the UI loads (by the site's own code) wins: no banner then.
    void ui.ensure().then((mounted) => (store.get().decided ? undefined : mounted?.showBanner()));
  } else if (config.reopenButton && !bot) {
    void ui.ensure();
  }
  return api;
}

/** Did an earlier page leave consent records to send again? (A look at storage, not the record code.) */
function hasOutbox(win: Window): boolean {
  try {
    return Boolean(win.localStorage.getItem(OUTBOX_KEY));
  } catch {
    return false; // storage blocked: nothing can have been kept
  }
}
