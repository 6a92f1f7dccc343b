/**
 * The words of the core's console messages (`src/core/log.ts`): built as
 * `dist/browser/consent-messages.min.js` and fetched the first time the core has something to say, so that
 * a returning visitor on a correctly configured page never downloads them. The core says a code and
 * the values it names; here they become the message, prefixed `[IntegrusConsent]`. The drop-in's
 * `debug` option is run from here too: a page with a debug flag has something to say.
 */
import { LOG_PREFIX, show } from '../core/util.js';

type Words = (...params: never[]) => string | unknown[];

/** What each option with a simple rule expects (the `invalid` message). */
const EXPECTED: Record<string, string> = {
  policyUrl: 'an http(s) or relative URL',
  consentUrl: 'an http(s) or relative URL',
  logEndpoint: 'an http(s) or relative URL',
  lang: 'a language tag such as "ru" or "en"',
  revision: 'up to 64 letters, digits or . _ : + -',
  layout: '"bar", "box" or "modal"',
  theme: '"auto", "light" or "dark"',
  googleConsentMode: 'true or false',
  respectGpc: 'true or false',
  reopenButton: 'true or false',
  reloadOnWithdraw: 'true or false',
  yandexMetricaIds: 'a list of numeric counter ids',
  bots: 'true, false or a list of user-agent substrings',
};

const MESSAGES: Record<string, Words> = {
  // The drop-in and createConsent() (src/drop-in.ts, src/consent.ts)
  twice: () => 'consent.min.js is included twice; the second copy does nothing.',
  running: () => 'Already running on this page; the second copy does nothing.',
  catalogue: () => '"autoblock" needs consent.autoblock.min.js; consent.min.js ignores it.',
  catalogueFailed: (error: unknown) => `The service catalogue failed to load (${String(error)}).`,
  consentUrl: () => 'No "consentUrl": set data-consent-url to the separate consent document (152-FZ art. 9), or to "false" if there is none.',
  queue: (held: unknown) => `window.IntegrusConsent held ${String(held)}, not a queue of functions; replaced by the API.`,
  crawler: (marker: string) =>
    `This visitor looks like a crawler (the user agent contains "${marker}"): no banner, nothing optional granted. Set \`bots: false\` in IntegrusConsentConfig to show the banner to headless browsers (e.g. in your own end-to-end tests).`,
  noTexts: (asked: string, used: string) => `No texts for language "${asked}"; using "${used}".`,

  // The options (src/core/sources.ts, src/core/config.ts)
  notObject: (value: unknown) => `window.IntegrusConsentConfig must be a plain object, got ${show(value)}; using the defaults.`,
  unknownOption: (key: string) => `Unknown option "${key}" ignored.`,
  unreadableOption: (key: string) => `Option "${key}" could not be read; using the default.`,
  unreadable: (error: unknown) => `The configuration could not be read (${String(error)}); using the defaults.`,
  notCovered: (domain: string, host: string) =>
    `Invalid option "cookie.domain": "${domain}" does not cover this host (${host}). Using the current host only.`,
  invalid: (option: string, value: unknown, fallback: unknown) =>
    `Invalid option "${option}": ${show(value)}; expected ${EXPECTED[option]}. Using the default ${show(fallback)}.`,
  corner: (value: unknown, edge: string) =>
    `Option "position": ${show(value)} is a corner; the bar layout spans the width, so it is placed at the ${edge}.`,
  position: (value: unknown, layout: string, allowed: string[], fallback: unknown) =>
    `Invalid option "position": ${show(value)}; the ${layout} layout takes ${allowed.map((p) => `"${p}"`).join(', ')}. Using ${show(fallback)}.`,
  buttons: (value: unknown) => `Invalid option "buttons": ${show(value)}; expected "inline" or "stacked". Using the default "inline".`,
  notFunction: (option: string, value: unknown) => `Invalid option "${option}": ${show(value)}; expected a function. Ignored.`,
  cookie: (value: unknown) => `Invalid option "cookie": ${show(value)}; expected { name, domain, expiresDays }. Using the defaults.`,
  cookieName: (value: unknown, fallback: string) => `Invalid option "cookie.name": ${show(value)}; expected a cookie name. Using the default ${show(fallback)}.`,
  cookieDomain: (value: unknown) =>
    `Invalid option "cookie.domain": ${show(value)}; expected a domain such as ".example.ru". Using the current host only.`,
  days: (key: string, value: unknown, fallback: number) =>
    `Invalid option "cookie.${key}": ${show(value)}; expected a number of days from 1 to 3650. Using the default ${fallback}.`,
  categories: (value: unknown, fallback: unknown) =>
    `Invalid option "categories": ${show(value)}; expected a list of category names. Using the default ${show(fallback)}.`,
  category: (item: unknown) => `Invalid category in "categories": ${show(item)}; expected a lowercase name such as "analytics". Ignored.`,
  cookies: (name: string, value: unknown) =>
    `Invalid option "categories[${name}].cookies": ${show(value)}; expected cookie names or *-patterns. Using the defaults.`,

  // The consent cookie (src/core/stored-decision.ts)
  ignored: (why: string) => `Stored decision ignored (${why}); asking again.`,
  unreadableCookies: () => 'Cookies cannot be read here; a decision will hold for this page only.',
  twoCookies: (name: string) => `Two "${name}" cookies (host and parent domain); asking again.`,
  blockedCookies: () => 'Cookies are blocked: the decision holds for this page only and the banner will show again on the next one.',

  // The gate (src/gate/gate.ts, src/gate/activate.ts)
  unknownCategory: (name: string, known: string[]) =>
    `Unknown category "${name}" in data-consent (known: ${known.join(', ')}); the element stays blocked.`,
  gating: (error: unknown) => `Gating failed: ${String(error)}`,
  trustedTypes: (policy: string) =>
    `Could not create the Trusted Types policy "${policy}"; add it to your CSP "trusted-types" directive if gated scripts are blocked.`,
  slowScript: (seconds: number, src: string) => `Gated script still loading after ${seconds} s: ${src}; the next ones run now.`,
  scriptFailed: (src: string) => `Gated script failed to load: ${src}`,
  notActivated: (error: unknown) => `Could not activate a gated script (${String(error)}); it stays blocked.`,
  refused: (name: string, value: string) => `Refused data-${name} ${JSON.stringify(value.slice(0, 100))}: only http(s) and relative URLs are loaded.`,

  // The API and what it drives (src/instance/*.ts, src/signals/callbacks.ts)
  setCategories: (choice: unknown) => `setCategories expects an object such as { analytics: true }, got ${String(choice)}; nothing changed.`,
  choiceCategory: (name: string) => `setCategories: unknown category "${name}" ignored.`,
  servicesChoice: (method: string, choice: unknown) =>
    `${method} expects services as an object such as { youtube: true }, got ${String(choice)}; nothing changed.`,
  serviceChoice: (method: string, id: string, value: unknown) =>
    `${method}: service ${JSON.stringify(id)} (${String(value)}) ignored; expected an id such as "youtube" with true or false.`,
  setLanguage: (value: unknown) => `setLanguage expects a language code, got ${String(value)}.`,
  on: (type: unknown) => `on("${String(type)}") expects a function.`,
  observe: (root: unknown) =>
    `observe() expects a ShadowRoot, an Element or this document, got ${root === null || typeof root !== 'object' ? String(root) : Object.prototype.toString.call(root)}; nothing is observed.`,
  push: (value: unknown) => `IntegrusConsent.push expects functions, got ${String(value)}; ignored.`,
  queuedThrew: (error: unknown) => `A function queued on IntegrusConsent threw: ${String(error)}`,
  callbackThrew: (name: string, error: unknown) => [`The "${name}" callback threw:`, error],
  crawlerDecision: () => 'This visitor looks like a crawler (bots option); the decision is ignored.',
  notStored: (error: unknown) =>
    `The decision could not be stored (${String(error)}); it applies to this page only and the banner will ask again on the next one.`,
  noRecords: (error: unknown) => `Consent records cannot be sent (${String(error)}).`,
  noUi: () => 'No interface to show: this build was created without a UI loader.',
  uiFailed: (error: unknown) => `The consent interface failed to load (${String(error)}). Nothing optional is granted.`,
};

/** `debug` (data-debug, docs/contract.md §2): the self-audit once the page and its resources have loaded, so Resource Timing has them all. */
export function debug(win: Window, api: { audit?: () => Promise<unknown> }): void {
  const run = (): void => void setTimeout(() => void api.audit?.().catch((e: unknown) => console.error(`${LOG_PREFIX} The audit failed to load.`, e)), 0);
  if (win.document.readyState === 'complete') run();
  else win.addEventListener('load', run, { once: true });
}

/** The console arguments of message `code`: its words, prefixed, then any value printed as it is. */
export function format(code: string, params: readonly unknown[]): unknown[] {
  const words = (MESSAGES[code] as (...values: readonly unknown[]) => string | unknown[])(...params);
  const [text, ...rest] = typeof words === 'string' ? [words] : words;
  return [`${LOG_PREFIX} ${String(text)}`, ...rest];
}
