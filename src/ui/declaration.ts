/**
 * The cookie declaration of the preferences (docs/contract.md §7): per category, the catalogue
 * services this page uses (those the site names in `services` and those auto-blocking found) and the
 * category's own cookie patterns that no such service declares (the site's cookies). Part of the second
 * part of the interface, with the catalogue's data; the catalogue's texts come per language through
 * `catalogueTexts` (one chunk per language, see `i18n.ts`'s `extend`).
 */
import { serviceById } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { currentCatalogue } from '../catalogue/runtime.js';
import { matchesPattern } from '../core/cookie-pattern.js';
import type { CategoryConfig } from '../core/types.js';
import { LOG_PREFIX, isPlainObject, own } from '../core/util.js';
import type { TextsLoader } from './texts.js';

/** What one category declares: its services in use and the site's own cookie patterns. */
export interface CategoryDeclaration {
  services: Service[];
  siteCookies: string[];
}

/** The catalogue's texts, one chunk per language (`texts.<lang>.json`), under the key `services`. */
const TEXTS: Record<string, () => Promise<{ default: Record<string, unknown> }>> = {
  ru: () => import('../catalogue/texts.ru.json'),
  en: () => import('../catalogue/texts.en.json'),
};

/**
 * The loader of the catalogue's texts for `win`'s page: `{ services: { <id>: { name, provider, … } } }`
 * for a language, fetched only where the catalogue is in use (`services` named, or the autoblock drop-in).
 */
export function catalogueTexts(win: Window | null): TextsLoader {
  return async (lang) => {
    const load = own(TEXTS, lang);
    if (!load || !win || !currentCatalogue(win)) return undefined;
    try {
      return { services: (await load()).default };
    } catch (error) {
      // The declaration then names services by id; the preferences themselves still work.
      console.error(`${LOG_PREFIX} The service catalogue's texts failed to load (${String(error)}).`);
      return undefined;
    }
  };
}

/**
 * The catalogue services in use on `win`'s page, by id from this part's own copy of the catalogue:
 * those the site named, then those auto-blocking found. Empty where neither drop-in left the catalogue.
 */
export function servicesInUse(win: Window | null): Service[] {
  const runtime = win ? currentCatalogue(win) : undefined;
  const ids = new Set([...(runtime?.named ?? []).map((s) => s.id), ...(runtime?.blocker?.found ?? [])]);
  return [...ids].map(serviceById).filter((s): s is Service => s !== undefined);
}

/** Did the site give `cookies` for `category` itself (the default lists name vendors it may not use)? */
function cookiesGiven(options: Readonly<Record<string, unknown>>, category: string): boolean {
  const list = own(options, 'categories');
  return Array.isArray(list) && list.some((item) => isPlainObject(item) && own(item, 'name') === category && own(item, 'cookies') !== undefined);
}

/**
 * What `category` declares: the services in use that belong to it, and the patterns of its `cookies`
 * option (when the site gave one) that none of them declares, either way round (`_ym*` covers `_ym_uid`).
 */
export function categoryDeclaration(category: CategoryConfig, services: readonly Service[], options: Readonly<Record<string, unknown>>): CategoryDeclaration {
  const inCategory = services.filter((s) => s.category === category.name);
  const names = inCategory.flatMap((s) => s.cookies.map((c) => c.name));
  const covered = (pattern: string): boolean => names.some((name) => matchesPattern(name, pattern) || matchesPattern(pattern, name));
  const siteCookies = cookiesGiven(options, category.name) ? category.cookies.filter((p) => !covered(p)) : [];
  return { services: inCategory, siteCookies };
}

/** `365d`, `30m`, `12h`, `session` as the visitor reads it in `lang` ("365 дней", "30 minutes"). */
export function lifetime(maxAge: string, lang: string, session: string): string {
  const match = /^(\d+)([mhd])$/.exec(maxAge);
  if (!match) return session;
  const unit = { m: 'minute', h: 'hour', d: 'day' }[match[2] as 'm' | 'h' | 'd'];
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(Number(match[1]));
  } catch {
    return maxAge;
  }
}
