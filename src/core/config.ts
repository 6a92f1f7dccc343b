/**
 * Configuration of the core: defaults and validation option by option (where the options come from
 * is `sources.ts`).
 * The options only the interface uses (operator, vendors, texts) are validated by `ui/options.ts`,
 * which the UI bundle imports, so a returning visitor's core does not carry that code.
 * A bad value is reported once (naming the option and the value) and replaced by its default;
 * nothing here throws, whatever the page passes in.
 */
import type { CategoryConfig, ConsentCallback, ConsentCallbacks, CoreConfig, Position } from './types.js';
import { NECESSARY } from './types.js';
import { LANG } from './language.js';
import { hasOwn, isPlainObject, own, safeUrl } from './util.js';
import type { Say as Reporter } from './log.js';

export const DEFAULT_CATEGORY_COOKIES: Record<string, string[]> = {
  analytics: [
    '_ga', '_ga_*', '_gid', '_gat', '_gat_*', '__utma', '__utmb', '__utmc', '__utmt', '__utmz',
    '_ym*', 'yandexuid', 'yuidss', 'ymex', 'yabs-sid',
  ],
  personalization: [],
  marketing: ['_gcl_*', '_fbp', '_fbc', '_ttp', '_uetsid', '_uetvid', 'tmr_*', '_pin_unauth'],
};

export const DEFAULT_CATEGORIES = ['analytics', 'personalization', 'marketing'];

export function defaultConfig(): CoreConfig {
  return {
    policyUrl: '/privacy',
    consentUrl: null,
    lang: null,
    revision: '1',
    cookie: { name: 'integrus_consent', domain: null, expiresDays: 365, rejectedExpiresDays: 180 },
    categories: DEFAULT_CATEGORIES.map(defaultCategory),
    layout: 'bar',
    position: 'bottom',
    buttons: 'inline',
    callbacks: { onFirstConsent: null, onConsent: null, onChange: null, categories: {} },
    theme: 'auto',
    logEndpoint: null,
    googleConsentMode: false,
    respectGpc: true,
    yandexMetricaIds: [],
    reopenButton: false,
    reloadOnWithdraw: true,
    bots: true,
  };
}

function defaultCategory(name: string): CategoryConfig {
  return { name, cookies: [...(own(DEFAULT_CATEGORY_COOKIES, name) ?? [])] };
}

export const CATEGORY_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
/**
 * No `%`: the name is written and read exactly as given (js-cookie leaves every other character here
 * as it is), and only that exact name counts as the consent cookie, in the browser and on the server.
 */
const COOKIE_NAME = /^[A-Za-z0-9!#$&'*+\-.^_`|~]{1,64}$/;
const COOKIE_PATTERN = /^[A-Za-z0-9!#$%&'+\-.^_`|~*]{1,64}$/;
const DOMAIN = /^\.?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const REVISION = /^[\w.:+-]{1,64}$/;

function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === '' || v === 'true' || v === '1' || v === 'yes') return true;
    if (v === 'false' || v === '0' || v === 'no') return false;
  }
  return undefined;
}

function parseList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return undefined;
}


/** Validates every option of `input` against the defaults. Never throws. */
export function resolveConfig(input: Record<string, unknown>, report: Reporter): CoreConfig {
  const config = defaultConfig();
  // What each option expects is worded with the message (src/signals/messages.ts).
  const invalid = (option: string, value: unknown, fallback: unknown): void => report('invalid', option, value, fallback);
  const given = (key: string): boolean => hasOwn(input, key) && input[key] !== undefined;

  if (given('policyUrl')) {
    const url = safeUrl(input.policyUrl);
    if (url) config.policyUrl = url;
    else invalid('policyUrl', input.policyUrl, config.policyUrl);
  }
  // `false` (or "false" from data-consent-url): the site says it has no consent document to link.
  if (given('consentUrl') && input.consentUrl !== null && input.consentUrl !== '' && input.consentUrl !== false && input.consentUrl !== 'false') {
    const url = safeUrl(input.consentUrl);
    if (url) config.consentUrl = url;
    else invalid('consentUrl', input.consentUrl, null);
  }
  if (given('logEndpoint') && input.logEndpoint !== null && input.logEndpoint !== '') {
    const url = safeUrl(input.logEndpoint);
    if (url) config.logEndpoint = url;
    else invalid('logEndpoint', input.logEndpoint, null);
  }
  if (given('lang') && input.lang !== null && input.lang !== '') {
    if (typeof input.lang === 'string' && LANG.test(input.lang.trim())) config.lang = input.lang.trim().toLowerCase();
    else invalid('lang', input.lang, null);
  }
  if (given('revision')) {
    const rev = typeof input.revision === 'number' && Number.isFinite(input.revision) ? String(input.revision) : input.revision;
    if (typeof rev === 'string' && REVISION.test(rev.trim())) config.revision = rev.trim();
    else invalid('revision', input.revision, config.revision);
  }
  if (given('cookie')) resolveCookie(input.cookie, config, report);
  if (given('categories')) config.categories = resolveCategories(input.categories, report);
  if (given('layout')) {
    const layout = typeof input.layout === 'string' ? input.layout.trim() : input.layout;
    if (layout === 'bar' || layout === 'box' || layout === 'modal') config.layout = layout;
    else invalid('layout', input.layout, config.layout);
  }
  resolvePlacement(input, config, report);
  config.callbacks = resolveCallbacks(input, report);
  if (given('theme')) {
    if (input.theme === 'auto' || input.theme === 'light' || input.theme === 'dark') config.theme = input.theme;
    else invalid('theme', input.theme, config.theme);
  }
  for (const key of ['googleConsentMode', 'respectGpc', 'reopenButton', 'reloadOnWithdraw'] as const) {
    if (!given(key)) continue;
    const value = parseBoolean(input[key]);
    if (value === undefined) invalid(key, input[key], config[key]);
    else config[key] = value;
  }
  if (given('yandexMetricaIds')) {
    const list = parseList(input.yandexMetricaIds);
    const ids = list?.map((id) => (typeof id === 'number' ? String(id) : id));
    if (ids && ids.every((id): id is string => typeof id === 'string' && /^\d{1,12}$/.test(id))) config.yandexMetricaIds = ids;
    else invalid('yandexMetricaIds', input.yandexMetricaIds, []);
  }
  if (given('bots')) {
    const b = input.bots;
    if (typeof b === 'boolean') config.bots = b;
    else if (Array.isArray(b) && b.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 100)) config.bots = [...(b as string[])];
    else invalid('bots', b, true);
  }
  return config;
}

/** Positions each layout accepts; the first is its default. */
const POSITIONS: Record<CoreConfig['layout'], readonly Position[]> = {
  bar: ['bottom', 'top'],
  box: ['bottom-right', 'bottom-left', 'top-right', 'top-left'],
  modal: ['center'],
};

/** `position` for the layout (a bar given a corner keeps its edge: `top-left` → `top`), and `buttons`. */
function resolvePlacement(input: Record<string, unknown>, config: CoreConfig, report: Reporter): void {
  const allowed = POSITIONS[config.layout];
  const fallback = allowed[0] as Position;
  config.position = fallback;
  const raw = own(input, 'position');
  if (raw !== undefined && raw !== null && raw !== '') {
    const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    const edge = typeof value === 'string' ? value.split('-')[0] : undefined;
    if (allowed.includes(value as Position)) config.position = value as Position;
    else if (config.layout === 'bar' && (edge === 'top' || edge === 'bottom')) {
      config.position = edge;
      report('corner', raw, edge);
    } else {
      report('position', raw, config.layout, allowed, fallback);
    }
  }
  const buttons = own(input, 'buttons');
  if (buttons !== undefined && buttons !== null && buttons !== '') {
    const value = typeof buttons === 'string' ? buttons.trim().toLowerCase() : buttons;
    if (value === 'inline' || value === 'stacked') config.buttons = value;
    else report('buttons', buttons);
  }
}

/** The site's callbacks: functions, read own-key only; anything else is reported and left out. */
function resolveCallbacks(input: Record<string, unknown>, report: Reporter): ConsentCallbacks {
  const fn = (option: string, value: unknown): ConsentCallback | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'function') return value as ConsentCallback;
    report('notFunction', option, value);
    return null;
  };
  const callbacks: ConsentCallbacks = {
    onFirstConsent: fn('onFirstConsent', own(input, 'onFirstConsent')),
    onConsent: fn('onConsent', own(input, 'onConsent')),
    onChange: fn('onChange', own(input, 'onChange')),
    categories: {},
  };
  const list = own(input, 'categories');
  if (!Array.isArray(list)) return callbacks;
  for (const item of list) {
    if (!isPlainObject(item)) continue;
    const name = own(item, 'name');
    if (typeof name !== 'string' || !CATEGORY_NAME.test(name) || name === NECESSARY) continue;
    const onAccept = fn(`categories[${name}].onAccept`, own(item, 'onAccept'));
    const onReject = fn(`categories[${name}].onReject`, own(item, 'onReject'));
    if (onAccept || onReject) callbacks.categories[name] = { onAccept, onReject };
  }
  return callbacks;
}

function resolveCookie(value: unknown, config: CoreConfig, report: Reporter): void {
  if (!isPlainObject(value)) {
    report('cookie', value);
    return;
  }
  const c = config.cookie;
  const name = own(value, 'name');
  const domain = own(value, 'domain');
  if (name !== undefined) {
    if (typeof name === 'string' && COOKIE_NAME.test(name)) c.name = name;
    else report('cookieName', name, c.name);
  }
  if (domain !== undefined && domain !== null && domain !== '') {
    if (typeof domain === 'string' && DOMAIN.test(domain) && domain.includes('.', 1)) c.domain = domain.toLowerCase();
    else report('cookieDomain', domain);
  }
  for (const key of ['expiresDays', 'rejectedExpiresDays'] as const) {
    const given = own(value, key);
    if (given === undefined) continue;
    const days = typeof given === 'string' ? Number(given) : given;
    if (typeof days === 'number' && Number.isFinite(days) && days > 0 && days <= 3650) c[key] = days;
    else report('days', key, given, c[key]);
  }
  c.rejectedExpiresDays = Math.min(c.rejectedExpiresDays, c.expiresDays);
}

export function resolveCategories(value: unknown, report: Reporter): CategoryConfig[] {
  const list = parseList(value);
  if (!list) {
    report('categories', value, DEFAULT_CATEGORIES);
    return DEFAULT_CATEGORIES.map(defaultCategory);
  }
  const result: CategoryConfig[] = [];
  for (const item of list) {
    const name = typeof item === 'string' ? item.trim() : isPlainObject(item) ? own(item, 'name') : undefined;
    if (typeof name !== 'string' || !CATEGORY_NAME.test(name)) {
      report('category', item);
      continue;
    }
    if (name === NECESSARY || result.some((c) => c.name === name)) continue;
    const category = defaultCategory(name);
    const cookies = isPlainObject(item) ? own(item, 'cookies') : undefined;
    if (cookies !== undefined) {
      // A pattern must name something: a bare "*" would delete every cookie of the site.
      if (Array.isArray(cookies) && cookies.every((p) => typeof p === 'string' && COOKIE_PATTERN.test(p) && /[^*]/.test(p))) {
        category.cookies = [...(cookies as string[])];
      } else {
        report('cookies', name, cookies);
      }
    }
    result.push(category);
  }
  return result;
}
