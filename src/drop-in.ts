/**
 * The script-tag entry (`dist/browser/consent.min.js`): reads the config object and the tag's `data-*`
 * attributes, starts the core, publishes `window.IntegrusConsent`. The interface and the consent-record
 * module are ES modules next to this file, imported only when needed: `consent-ui.min.js` (the first
 * part: banner and lit) with one language's texts (`consent-ui-<lang>.min.js`), which it imports,
 * and `consent-ui-details.min.js` (i18next, preferences, placeholders); `consent-record.min.js` for
 * decisions; `consent-catalogue.min.js` where the site names `services`; `consent-messages.min.js`
 * when there is a console message to print.
 */
import { BUILT_IN_LANGUAGES, createConsent, currentInstance } from './consent.js';
import type { CatalogueModule } from './catalogue/runtime.js';
import { resolveLanguage } from './core/language.js';
import type { AuditModule, IntegrusConsentApi, QueuedCallback, RecordModule, UiModule } from './core/types.js';
import { LOG_PREFIX, isPlainObject, own } from './core/util.js';
import { loadMessages, sayer, useMessages } from './core/log.js';
import type { MessagesModule } from './core/log.js';
import { botMarker } from './signals/bots.js';

declare global {
  interface Window {
    /** The API once the drop-in has run; before that, the page may leave a queue of functions here. */
    IntegrusConsent?: IntegrusConsentApi;
    IntegrusConsentConfig?: unknown;
  }
}

const AUDIT_FILE = 'consent-audit.min.js';
const CATALOGUE_FILE = 'consent-catalogue.min.js';
/** The words of the console messages, fetched when there is something to say (src/core/log.ts). */
const MESSAGES_FILE = 'consent-messages.min.js';
const warn = sayer('warn');
/** Left on `window` by the autoblock drop-in, which carries the catalogue (src/gate/autoblock-start.ts). */
const CATALOGUE = Symbol.for('integrus-consent.catalogue');
/** Languages with a texts chunk of their own (`consent-ui-<lang>.min.js`); others fall back on `ru`. */
const LOCALE_CHUNKS = ['ru', 'en'];

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="consent.min.js"], script[src*="consent.autoblock.min.js"]');
  return scripts[scripts.length - 1] ?? null;
}

function start(): void {
  const script = ownScript();
  const url = (file: string): string => new URL(file, script?.src || document.baseURI).href;
  useMessages(() => import(/* @vite-ignore */ url(MESSAGES_FILE)) as Promise<MessagesModule>);
  if (currentInstance(window)) {
    warn('twice');
    return;
  }
  const attributes = script ? { ...script.dataset } : {};
  const config = window.IntegrusConsentConfig;
  const option = (key: 'services' | 'autoblock' | 'debug' | 'consentUrl'): unknown =>
    attributes[key] ?? (config && typeof config === 'object' ? own(config as Record<string, unknown>, key) : undefined);
  // The catalogue for `services` (src/catalogue/chunk.ts), unless the autoblock drop-in carries it:
  // with the interface (the first layer names the countries abroad) and at a withdrawal.
  const services = CATALOGUE in window ? undefined : option('services');
  let catalogue: Promise<ReturnType<CatalogueModule['useCatalogue']> | void> | undefined;
  const loadCatalogue = (): NonNullable<typeof catalogue> =>
    (catalogue ??= (import(/* @vite-ignore */ url(CATALOGUE_FILE)) as Promise<CatalogueModule>)
      .then((m) => m.useCatalogue(window, services))
      .catch((e: unknown) => {
        catalogue = undefined; // asked again next time
        sayer('error')('catalogueFailed', e);
      }));
  const preloaded = new Set<string>();
  /** `<link rel="modulepreload">` for each of `files` not asked for yet: fetched and parsed, not run. */
  const preload = (files: string[]): void => {
    for (const file of files) {
      const href = url(file);
      if (preloaded.has(href)) continue;
      preloaded.add(href);
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = href;
      // Under a CSP with nonces the preload needs the nonce our own tag was allowed with.
      if (script?.nonce) link.nonce = script.nonce;
      (document.head ?? document.documentElement).append(link);
    }
  };
  const preloadUI = (lang: string): void => {
    const base = lang.split('-')[0] as string;
    const texts = LOCALE_CHUNKS.includes(base) ? base : 'ru';
    preload(['consent-ui.min.js', `consent-ui-${texts}.min.js`, ...(services ? [CATALOGUE_FILE] : [])]);
  };
  // The first thing on a first visit: the interface's files are requested before the configuration is
  // validated and the page scanned, so their round trip overlaps that work (issue 17).
  const early = firstVisitLanguage(attributes, config);
  if (early) preloadUI(early);
  if (option('autoblock') && !(CATALOGUE in window)) {
    warn('catalogue');
  }
  // Functions the page queued before this script ran (docs/contract.md §4), run once the API is ready.
  const queued: unknown = own(window as unknown as Record<string, unknown>, 'IntegrusConsent');
  const api = createConsent(config, {
    attributes,
    loadUI: () => Promise.all([import(/* @vite-ignore */ url('consent-ui.min.js')) as Promise<UiModule>, services && loadCatalogue()]).then(([m]) => m),
    loadRecorder: () => import(/* @vite-ignore */ url('consent-record.min.js')) as Promise<RecordModule>,
    // Start fetching the first part and its texts now, in parallel, not after the page has parsed
    // (at once if the early guess below missed: a stored decision that turned out void or stale).
    preloadUI,
    // The second part on idle after the banner is painted: on the visitor's device when they choose,
    // but run only then (issue 17: its ~60 ms at 4× CPU no longer follow every first paint).
    preloadDetails: () => preload(['consent-ui-details.min.js']),
    // Reads `api` once the catalogue is there, after createConsent() has returned.
    clearServices: services ? () => loadCatalogue().then((clear) => clear?.(api)) : undefined,
    publish: (instance) => {
      // The self-audit, fetched when called (src/signals/audit.ts).
      instance.audit = () =>
        Promise.all([import(/* @vite-ignore */ url(AUDIT_FILE)) as Promise<AuditModule>, services && loadCatalogue()]).then(([m]) => m.runAudit(window, instance));
      // Before consent:ready, so its listeners can already call window.IntegrusConsent.
      window.IntegrusConsent = instance;
    },
  });
  // 152-FZ art. 9 (from 2025-09-01): the consent is a document of its own, which the banner links.
  const consentUrl = option('consentUrl');
  if (!api.config.consentUrl && consentUrl !== false && consentUrl !== 'false') {
    warn('consentUrl');
  }
  if (Array.isArray(queued)) api.push(...(queued as QueuedCallback[]));
  else if (queued !== undefined && queued !== api) {
    warn('queue', queued);
  }
  const debug = option('debug');
  // data-debug: the messages' chunk runs the audit once the page has loaded (src/signals/messages.ts).
  if (debug !== undefined && debug !== false && !/^(false|0|no)$/i.test(String(debug))) void loadMessages().then((m) => m.debug(window, api));
}

/**
 * A guess, before any validation, of whether this visit will show the banner: no consent cookie under
 * the configured name and no crawler. Returns the language to preload texts for, or `null`. A wrong
 * guess costs one preload at most (a returning visitor's cookie always exists, so never for them);
 * createConsent() decides for real and preloads then if the guess missed.
 */
function firstVisitLanguage(attributes: Record<string, string | undefined>, config: unknown): string | null {
  try {
    const object = isPlainObject(config) ? config : {};
    const cookie = own(object, 'cookie');
    const name = attributes.cookieName ?? (isPlainObject(cookie) ? own(cookie, 'name') : undefined) ?? 'integrus_consent';
    if (typeof name !== 'string' || document.cookie.split('; ').some((pair) => pair.startsWith(`${name}=`))) return null;
    if (own(object, 'bots') !== false && botMarker(navigator.userAgent) !== null) return null;
    const lang = attributes.lang ?? own(object, 'lang');
    const texts = own(object, 'texts');
    const languages = [...BUILT_IN_LANGUAGES, ...(isPlainObject(texts) ? Object.keys(texts).map((l) => l.toLowerCase()) : [])];
    return resolveLanguage(typeof lang === 'string' ? lang : null, document.documentElement.getAttribute('lang'), navigator.languages ?? [], languages);
  } catch {
    return null; // a hostile config object: createConsent() reports it and preloads if needed
  }
}

try {
  start();
} catch (error) {
  // Never break the host page; without a running core nothing optional is granted.
  console.error(`${LOG_PREFIX} Failed to start; nothing optional will run.`, error);
}
