/**
 * What the site developer is told once the interface is up (docs/contract.md §2, §10): texts the
 * configuration leaves the visitor without, and an operator the site did not name. Each
 * problem is one `console.warn`, once per page; the visitor sees a neutral text instead. Part of the
 * second part of the interface, which loads on every first visit once the banner is painted.
 */
import { NECESSARY } from '../core/types.js';
import type { TextOverrides, UiHost } from '../core/types.js';
import { LOG_PREFIX, hasOwn, isPlainObject } from '../core/util.js';
import type { Localizer } from './texts.js';

type Tree = Readonly<Record<string, unknown>>;

/** The warnings for this configuration in the current language, one message each. */
export function configWarnings(host: UiHost, i18n: Localizer, hostname: string): string[] {
  const warnings: string[] = [];
  const { lang } = host.config;
  if (lang && host.lang !== lang && host.lang !== lang.split('-')[0]) {
    warnings.push(`${LOG_PREFIX} No texts for language "${lang}" (option "lang"); using "${host.lang}". Add them with the "texts" option.`);
  }
  for (const name of host.categories) {
    if (name === NECESSARY) continue;
    const missing = ['title', 'description'].filter((field) => !i18n.t(`categories.${name}.${field}`));
    if (missing.length) {
      warnings.push(
        `${LOG_PREFIX} Category "${name}" has no ${missing.join(' or ')} in "${i18n.language}"; visitors see a neutral text. ` +
          `Give it with texts: { ${i18n.language}: { categories: { ${name}: { title: '…', description: '…' } } } }.`,
      );
    }
  }
  if (!host.config.operator.name) {
    const what = hasOwn(host.options, 'operator') ? 'No "operator.name" configured' : 'No "operator" configured';
    warnings.push(
      `${LOG_PREFIX} ${what} on ${hostname || 'this page'}: the banner names no one ("${i18n.t('banner.operator')}"). ` +
        'Set operator: { name, address, inn, ogrn, email } to the organisation that processes the data on this site.',
    );
  }
  return warnings;
}

/** Groups whose keys are ids (services, vendors): any key may be given. */
const OPEN_GROUPS = ['services', 'vendors'];
/** Where a key is a category name (`categories.chat.title`, `banner.use.chat`): any category may be given. */
const CATEGORY_KEY = /^(categories\.|banner\.(?:purpose|use|recipient)\.)[^.]+/;

/**
 * Keys in `texts` that no text has, e.g. `titel`: one warning each, naming the nearest key of the
 * built-in texts (`reference`), since the site meant to change something and nothing changed.
 */
export function unknownTextWarnings(texts: TextOverrides, reference: Tree): string[] {
  const known: string[] = [];
  const collect = (node: Tree, path: string): void => {
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (isPlainObject(child)) collect(child, `${path}${key}.`);
      else known.push(`${path}${key}`);
    }
  };
  collect(reference, '');
  const given: Array<[string, string]> = [];
  const walk = (node: Tree, lang: string, path: string): void => {
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (isPlainObject(child)) walk(child, lang, `${path}${key}.`);
      else given.push([lang, `${path}${key}`]);
    }
  };
  for (const lang of Object.keys(texts)) walk(texts[lang] ?? {}, lang, '');
  const warnings: string[] = [];
  for (const [lang, path] of given) {
    if (OPEN_GROUPS.includes(path.split('.')[0] as string)) continue;
    // A category of the site's own reads like the built-in `analytics`.
    const probe = path.replace(CATEGORY_KEY, (_, prefix: string) => `${prefix}analytics`);
    if (known.includes(probe)) continue;
    warnings.push(`${LOG_PREFIX} Unknown text "texts.${lang}.${path}" (option "texts"); no text has this key, so nothing changes. Did you mean "${nearest(path, known)}"?`);
  }
  return warnings;
}

/** The known key nearest to `path` by edit distance, over the whole key or its last segments. */
function nearest(path: string, known: readonly string[]): string {
  const depth = path.split('.').length;
  let best = known[0] ?? '';
  let bestDistance = Infinity;
  for (const key of known) {
    const tail = key.split('.').slice(-depth).join('.');
    const distance = Math.min(editDistance(path, key), editDistance(path, tail));
    if (distance < bestDistance) [best, bestDistance] = [key, distance];
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
