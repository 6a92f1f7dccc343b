/**
 * The options only the interface uses: the operator, each category's recipients (vendors) and text
 * overrides. Validated like the core's options (one clear `console.error`, the default used), but in
 * the UI bundle: a returning visitor who sees no layer never downloads this code.
 */
import type { ConsentConfig, CoreConfig, DeclaredService, OperatorInfo, TextOverrides, Vendor } from '../core/types.js';
import { SERVICE_ID } from '../core/decision.js';
import { LANG } from '../core/language.js';
import { LOG_PREFIX, hasOwn, isPlainObject, isUnsafeKey, own, safeUrl, show } from '../core/util.js';
import type { Reporter } from '../core/util.js';

export const DEFAULT_OPERATOR: OperatorInfo = { name: 'ООО «ИНТЕГРУС»', email: 'sales@integrus.ru' };

/**
 * Hosts where the default operator, ООО «ИНТЕГРУС», is right: its own sites, `integrus.ru` and its
 * subdomains. Anywhere else (local development included) a banner without `operator` names no one
 * (docs/contract.md §2).
 */
export function isOperatorsOwnHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'integrus.ru' || host.endsWith('.integrus.ru');
}

export const DEFAULT_CATEGORY_VENDORS: Record<string, Vendor[]> = {
  analytics: [
    { id: 'yandex-metrica', name: 'Яндекс Метрика (ООО «Яндекс»)', url: 'https://yandex.ru/legal/confidential/' },
    { id: 'google-analytics', name: 'Google Analytics (Google LLC)', url: 'https://policies.google.com/privacy' },
  ],
  personalization: [],
  marketing: [],
};

/**
 * Completes the core's configuration with the interface's options from the raw (merged) options.
 * `hostname` is the page's: the default operator applies only on its own hosts; elsewhere the
 * operator left out is `{ name: '' }`, which the interface shows as "the site operator".
 */
export function resolveUiOptions(
  input: Readonly<Record<string, unknown>>,
  core: Readonly<CoreConfig>,
  report: Reporter,
  hostname: string,
): ConsentConfig {
  const fallback = (): OperatorInfo => (isOperatorsOwnHost(hostname) ? { ...DEFAULT_OPERATOR } : { name: '' });
  const given = (key: string): boolean => hasOwn(input, key) && input[key] !== undefined;
  const list = own(input, 'categories');
  const items: unknown[] = Array.isArray(list) ? list : [];
  const categories = core.categories.map((category) => {
    const item = items.find((i): i is Record<string, unknown> => isPlainObject(i) && own(i, 'name') === category.name);
    const defaults = (own(DEFAULT_CATEGORY_VENDORS, category.name) ?? []).map((v) => ({ ...v }));
    const given = item ? own(item, 'vendors') : undefined;
    const vendors = given !== undefined ? resolveVendors(category.name, given, report, defaults) : defaults;
    const declared = item ? own(item, 'services') : undefined;
    const services = declared !== undefined ? resolveDeclaredServices(category.name, declared, report) : [];
    return { ...category, vendors, services };
  });
  // A service belongs to one category: the first that declares it keeps it.
  const seen = new Set<string>();
  for (const category of categories) {
    category.services = category.services.filter((s) => {
      if (!seen.has(s.id)) return seen.add(s.id);
      report(`${LOG_PREFIX} Service "${s.id}" is declared in more than one category; kept in the first, ignored in "${category.name}".`);
      return false;
    });
  }
  return {
    ...core,
    categories,
    operator: given('operator') ? resolveOperator(input.operator, report, fallback) : fallback(),
    texts: given('texts') ? resolveTexts(input.texts, report) : {},
  };
}

function resolveOperator(value: unknown, report: Reporter, fallback: () => OperatorInfo): OperatorInfo {
  if (!isPlainObject(value)) {
    report(`${LOG_PREFIX} Invalid option "operator": ${show(value)}; expected { name, address, inn, ogrn, email }. Using the default.`);
    return fallback();
  }
  // A site's operator gets only the fields it gives: never the default operator's name or contacts.
  const operator: OperatorInfo = { name: '' };
  const checks: Record<keyof OperatorInfo, RegExp> = {
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    name: /^[^\u0000-\u001f]{1,200}$/,
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    address: /^[^\u0000-\u001f]{1,300}$/,
    inn: /^\d{10}(\d{2})?$/,
    ogrn: /^\d{13}(\d{2})?$/,
    email: /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}$/,
  };
  for (const key of Object.keys(checks) as Array<keyof OperatorInfo>) {
    if (!hasOwn(value, key) || value[key] === undefined) continue;
    const field = value[key];
    if (typeof field === 'string' && checks[key].test(field.trim())) operator[key] = field.trim();
    else report(`${LOG_PREFIX} Invalid option "operator.${key}": ${show(field)}; ${OPERATOR_FORMATS[key]}. Ignored.`);
  }
  return operator;
}

/** What each operator field must be, for the message about a bad one. */
const OPERATOR_FORMATS: Record<keyof OperatorInfo, string> = {
  name: 'expected text of 1 to 200 characters',
  address: 'expected text of 1 to 300 characters',
  inn: 'expected 10 or 12 digits',
  ogrn: 'expected 13 or 15 digits',
  email: 'expected an email address',
};

function resolveVendors(category: string, value: unknown, report: Reporter, fallback: Vendor[]): Vendor[] {
  if (!Array.isArray(value)) {
    report(`${LOG_PREFIX} Invalid option "categories[${category}].vendors": ${show(value)}; expected a list. Using the defaults.`);
    return fallback;
  }
  const vendors: Vendor[] = [];
  for (const v of value) {
    const name = typeof v === 'string' ? v : isPlainObject(v) ? own(v, 'name') : undefined;
    if (typeof name !== 'string' || !name.trim() || name.length > 200) {
      report(`${LOG_PREFIX} Invalid vendor in "categories[${category}].vendors": ${show(v)}; ignored.`);
      continue;
    }
    const vendor: Vendor = { name: name.trim() };
    if (isPlainObject(v)) {
      const id = own(v, 'id');
      const link = own(v, 'url');
      if (typeof id === 'string' && /^[\w-]{1,64}$/.test(id)) vendor.id = id;
      if (link !== undefined) {
        const url = safeUrl(link);
        if (url) vendor.url = url;
        else report(`${LOG_PREFIX} Invalid URL for vendor ${show(vendor.name)}: ${show(link)}; the link is left out.`);
      }
    }
    vendors.push(vendor);
  }
  return vendors;
}

/**
 * The site's own services of a category (`categories[].services`): an id, or `{ id, name, url }`.
 * A bad entry is reported and left out (docs/contract.md §2).
 */
function resolveDeclaredServices(category: string, value: unknown, report: Reporter): DeclaredService[] {
  if (!Array.isArray(value)) {
    report(`${LOG_PREFIX} Invalid option "categories[${category}].services": ${show(value)}; expected a list such as [{ id: "chat", name: "Онлайн-чат" }]. Ignored.`);
    return [];
  }
  const services: DeclaredService[] = [];
  for (const item of value) {
    const id = typeof item === 'string' ? item.trim() : isPlainObject(item) ? own(item, 'id') : undefined;
    const name = isPlainObject(item) ? own(item, 'name') : undefined;
    if (typeof id !== 'string' || !SERVICE_ID.test(id) || (name !== undefined && (typeof name !== 'string' || !name.trim() || name.length > 200))) {
      report(`${LOG_PREFIX} Invalid service in "categories[${category}].services": ${show(item)}; expected an id such as "chat" (lowercase letters, digits, - or _) or { id, name, url }. Ignored.`);
      continue;
    }
    if (services.some((s) => s.id === id)) continue;
    const service: DeclaredService = { id, name: typeof name === 'string' ? name.trim() : id };
    const link = isPlainObject(item) ? own(item, 'url') : undefined;
    if (link !== undefined) {
      const url = safeUrl(link);
      if (url) service.url = url;
      else report(`${LOG_PREFIX} Invalid URL for service ${show(id)}: ${show(link)}; the link is left out.`);
    }
    services.push(service);
  }
  return services;
}

/** Copies text overrides, keeping strings only and dropping prototype keys. */
function resolveTexts(value: unknown, report: Reporter): TextOverrides {
  if (!isPlainObject(value)) {
    report(`${LOG_PREFIX} Invalid option "texts": ${show(value)}; expected { ru: { key: "text" }, en: {...} }. Using the built-in texts.`);
    return {};
  }
  const copy = (node: Record<string, unknown>, path: string, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      if (isUnsafeKey(key)) continue;
      const child = node[key];
      if (typeof child === 'string' && child.length <= 5000) out[key] = child;
      else if (isPlainObject(child) && depth < 6) out[key] = copy(child, `${path}.${key}`, depth + 1);
      else report(`${LOG_PREFIX} Invalid option "${path}.${key}": ${show(child)}; expected text. Ignored.`);
    }
    return out;
  };
  const texts: TextOverrides = {};
  for (const lang of Object.keys(value)) {
    const node = value[lang];
    if (!LANG.test(lang) || !isPlainObject(node)) {
      report(`${LOG_PREFIX} Invalid option "texts.${lang}": ${show(node)}; expected a language code with an object of texts. Ignored.`);
      continue;
    }
    texts[lang.toLowerCase()] = copy(node, `texts.${lang}`, 0);
  }
  return texts;
}
