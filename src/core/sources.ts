/**
 * Where a page's options come from (docs/contract.md §2): the site's `window.IntegrusConsentConfig`
 * object and the drop-in tag's `data-*` attributes (attributes win), merged, then validated by
 * `config.ts`. Unknown and prototype keys are dropped with a message; nothing here throws.
 */
import { resolveConfig } from './config.js';
import type { CoreConfig } from './types.js';
import { hasOwn, isPlainObject, isUnsafeKey, own } from './util.js';
import type { Say as Reporter } from './log.js';

/** `data-*` attributes (as `dataset` keys) and the option each one sets. */
const ATTRIBUTES: Record<string, string> = {
  policyUrl: 'policyUrl',
  consentUrl: 'consentUrl',
  lang: 'lang',
  revision: 'revision',
  cookieName: 'cookie.name',
  cookieDomain: 'cookie.domain',
  categories: 'categories',
  layout: 'layout',
  position: 'position',
  buttons: 'buttons',
  theme: 'theme',
  logEndpoint: 'logEndpoint',
  googleConsentMode: 'googleConsentMode',
  respectGpc: 'respectGpc',
  reopenButton: 'reopenButton',
  reloadOnWithdraw: 'reloadOnWithdraw',
  yandexMetricaIds: 'yandexMetricaIds',
  services: 'services',
  autoblock: 'autoblock',
  debug: 'debug',
};

const KNOWN_OPTIONS = new Set([
  'policyUrl', 'consentUrl', 'operator', 'lang', 'revision', 'cookie', 'categories', 'layout', 'theme',
  'logEndpoint', 'googleConsentMode', 'respectGpc', 'yandexMetricaIds', 'reopenButton', 'reloadOnWithdraw', 'bots', 'texts',
  // Read by the drop-ins (drop-in.ts, gate/autoblock-start.ts) and the catalogue (src/catalogue/).
  'services', 'autoblock', 'debug',
  // Placement of the first layer, and the site's callbacks (config/resolvePlacement, resolveCallbacks).
  'position', 'buttons', 'onFirstConsent', 'onConsent', 'onChange',
]);

/**
 * Merges the config object with the script tag's `data-*` attributes (attributes win).
 * `attributes` is the script element's `dataset` (or any string map).
 */
export function mergeSources(
  object: unknown,
  attributes: Record<string, string | undefined>,
  report: Reporter,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  if (object !== undefined && object !== null) {
    if (!isPlainObject(object)) {
      report('notObject', object);
    } else {
      for (const key of Object.keys(object)) {
        if (isUnsafeKey(key)) continue;
        if (!KNOWN_OPTIONS.has(key)) {
          report('unknownOption', key);
          continue;
        }
        let value: unknown;
        try {
          value = object[key];
        } catch {
          report('unreadableOption', key);
          continue;
        }
        merged[key] = key === 'cookie' && isPlainObject(value) ? { ...value } : value;
      }
    }
  }
  for (const [attr, option] of Object.entries(ATTRIBUTES)) {
    if (!hasOwn(attributes, attr) || attributes[attr] === undefined) continue;
    const [key, sub] = option.split('.') as [string, string | undefined];
    if (sub === undefined) merged[key] = attributes[attr];
    else merged[key] = { ...(isPlainObject(own(merged, key)) ? own(merged, key) as object : {}), [sub]: attributes[attr] };
  }
  return merged;
}

/**
 * The configuration of one page: the site's object merged with the script tag's attributes, validated.
 * A config object whose getters throw gets the defaults; a cookie domain that does not cover `host`
 * falls back to the host. Never throws.
 */
export function loadConfig(
  options: unknown,
  attributes: Record<string, string | undefined>,
  host: string,
  report: Reporter,
): { config: CoreConfig; merged: Record<string, unknown> } {
  let merged: Record<string, unknown> = {};
  let config: CoreConfig;
  try {
    merged = mergeSources(options, attributes, report);
    config = resolveConfig(merged, report);
  } catch (error) {
    // Getters or proxies that throw in the site's config object: the defaults, and the page goes on.
    report('unreadable', error);
    config = resolveConfig({}, report);
  }
  const domain = config.cookie.domain;
  if (domain && !`.${host}`.endsWith(domain.replace(/^\.?/, '.'))) {
    report('notCovered', domain, host);
    config.cookie.domain = null;
  }
  return { config, merged };
}
