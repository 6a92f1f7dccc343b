/**
 * Texts of the UI: the one file that imports i18next (docs/development.md, "Conventions").
 *
 * Resources are the built-in locales (`locales/ru.json`, the reference, and `locales/en.json`, which
 * has every key of `ru.json`) with the site's `texts` overrides merged in per language (nested objects
 * or dotted keys). Only the languages in use are fetched: each built-in locale is its own chunk,
 * loaded when a localizer for it is created or `setLanguage()` asks for it. Whatever the overrides
 * hold, a visitor never sees a raw key: a text missing in the current language comes from its base
 * language (`en` for `en-gb`), then from `ru` (loaded only for a language with no complete built-in
 * locale), and a text missing there too is an empty string.
 */
import i18next, { type i18n as I18next } from 'i18next';
import type { ReactiveControllerHost } from 'lit';
import { SourceController } from './source-controller.js';
import type { TextOverrides } from '../core/types.js';
import { hasOwn, isUnsafeKey, own } from '../core/util.js';

type Tree = Record<string, unknown>;

/** The UI's view of i18next: translate, switch language, hear about the switch. */
export interface Localizer {
  /** The current language (`ru`, `en`, or one the site added through `texts`). */
  readonly language: string;
  /** Writing direction of the current language, for the `dir` attribute. */
  readonly dir: 'ltr' | 'rtl';
  /** The text for `key` with `{{name}}` placeholders filled in; `fallback` (default `''`) if there is none. */
  t(key: string, vars?: Record<string, string>, fallback?: string): string;
  /** Whether the current language (or its base language) has `key` itself, not through the `ru` fallback. */
  has(key: string): boolean;
  setLanguage(lang: string): Promise<void>;
  /** Calls `listener` after every language switch; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /**
   * Adds texts that come with a later part (the catalogue's, with the preferences): `load(lang)` gives
   * top-level groups for a language (or nothing), now for every language loaded and from then on for
   * each language `setLanguage()` fetches. The site's `texts` overrides keep precedence.
   */
  extend(load: TextsLoader): Promise<void>;
  /**
   * The texts the current language shows, as i18next resolves them: its resources after the site's
   * overrides, over what it falls back on (its base language, `ru`), as one tree (for the record of
   * what was shown).
   */
  resolved(): Tree;
}

/** Extra texts for one language (`{ services: {...} }`), or `undefined` when there are none. */
export type TextsLoader = (lang: string) => Promise<Tree | undefined>;

/** The built-in locales, one chunk each; `en` is complete (a test checks it has every key of `ru`). */
const BUILT_IN: Record<string, () => Promise<{ default: Tree }>> = {
  ru: () => import('../../locales/ru.json'),
  en: () => import('../../locales/en.json'),
};
const REFERENCE = 'ru';
const hasBuiltIn = (lang: string): boolean => hasOwn(BUILT_IN, lang);

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Writes `value` at the dotted `path` of `target`. An override may replace a text with a text and add
 * new keys, but never turn a group of texts into one text (or the reverse): that would hide every
 * built-in text of the group.
 */
function put(target: Tree, path: readonly string[], value: unknown): void {
  if (path.length === 0 || path.some((key) => key === '' || isUnsafeKey(key))) return;
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = own(node, key);
    if (next === undefined) node = node[key] = {};
    else if (isTree(next)) node = next;
    else return;
  }
  const last = path[path.length - 1] as string;
  if (isTree(value)) {
    for (const key of Object.keys(value)) put(node, [last, ...key.split('.')], value[key]);
  } else if (typeof value === 'string' && !isTree(own(node, last))) {
    node[last] = value;
  }
}

/** One language's resource: its built-in texts (if any) with the site's overrides for it merged in. */
export function buildResource(builtIn: Tree | undefined, overrides: unknown): { translation: Tree } {
  const tree = structuredClone(builtIn ?? {});
  if (isTree(overrides)) for (const key of Object.keys(overrides)) put(tree, key.split('.'), overrides[key]);
  return { translation: tree };
}

/**
 * The languages `lang` needs loaded, most specific first: itself, its base language (`en` for
 * `en-gb`), and `ru` when neither has a complete built-in locale to fall back on.
 */
function languagesFor(lang: string): string[] {
  const base = lang.split('-')[0] as string;
  const chain = [...new Set([lang, base])];
  if (!chain.some(hasBuiltIn)) chain.push(REFERENCE);
  return chain;
}

/** The built-in texts `lang` falls back on (its own, its base language's or `ru`), unmerged: the keys a site may override. */
export async function builtInTexts(lang: string): Promise<Tree> {
  const l = languagesFor(lang.toLowerCase()).find(hasBuiltIn) ?? REFERENCE;
  return (await (BUILT_IN[l] as () => Promise<{ default: Tree }>)()).default;
}

/** The extra texts of `lang` from every loader, merged (each loader adds its own top-level groups). */
async function extraTexts(lang: string, loaders: readonly TextsLoader[]): Promise<Tree> {
  return Object.assign({}, ...(await Promise.all(loaders.map((load) => load(lang)))));
}

/**
 * Loads the resources `lang` needs that `loaded` does not have yet: built-in chunk, extra texts,
 * then the site's overrides.
 */
async function loadResources(lang: string, texts: TextOverrides, loaded: (lang: string) => boolean, extras: readonly TextsLoader[] = []): Promise<Array<[string, Tree]>> {
  const missing = languagesFor(lang).filter((l) => !loaded(l));
  return Promise.all(
    missing.map(async (l): Promise<[string, Tree]> => {
      const [builtIn, extra] = await Promise.all([hasBuiltIn(l) ? (BUILT_IN[l] as () => Promise<{ default: Tree }>)() : undefined, extraTexts(l, extras)]);
      return [l, buildResource({ ...builtIn?.default, ...extra }, own(texts, l)).translation];
    }),
  );
}

/** `top` laid over `base`, group by group (a new tree; neither is changed). */
function overlay(base: Tree, top: Tree): Tree {
  const result: Tree = { ...base };
  for (const key of Object.keys(top)) {
    const value = top[key];
    const under = result[key];
    result[key] = isTree(value) && isTree(under) ? overlay(under, value) : value;
  }
  return result;
}

class I18nextLocalizer implements Localizer {
  readonly #i18n: I18next;
  readonly #texts: TextOverrides;
  readonly #extras: TextsLoader[] = [];

  /** `resources`: the languages `lang` needs, already loaded (see `createLocalizer`). */
  constructor(texts: TextOverrides, lang: string, resources: Array<[string, Tree]>) {
    this.#texts = texts;
    this.#i18n = i18next.createInstance();
    // With `resources` given, `init` runs synchronously.
    void this.#i18n.init({
      resources: Object.fromEntries(resources.map(([l, translation]) => [l, { translation }])),
      lng: lang,
      fallbackLng: REFERENCE,
      // The core lowercases language codes (`texts['en-gb']`); i18next would look for `en-GB`.
      lowerCaseLng: true,
      // Keys never name a namespace; a vendor id with a colon is still one key.
      nsSeparator: false,
      initAsync: false,
      returnNull: false,
      // lit escapes every binding; escaping here too would show `&lt;` to the visitor.
      interpolation: { escapeValue: false },
      // A missing key or a group of texts where one text was expected: never show the key.
      parseMissingKeyHandler: (_key: string, defaultValue?: string) => defaultValue ?? '',
      returnedObjectHandler: () => '',
    });
  }

  get language(): string {
    return this.#i18n.language;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#i18n.dir(this.#i18n.language);
  }

  t(key: string, vars: Record<string, string> = {}, fallback = ''): string {
    const text: unknown = this.#i18n.t(key, { ...vars, defaultValue: fallback });
    return typeof text === 'string' ? text : fallback;
  }

  has(key: string): boolean {
    const lang = this.#i18n.language;
    return [...new Set([lang, lang.split('-')[0] as string])].some((l) => typeof this.#i18n.getResource(l, 'translation', key) === 'string');
  }

  /** Fetches the texts of `lang` (and what it falls back on) if they are not loaded yet, then switches. */
  async setLanguage(lang: string): Promise<void> {
    const next = lang.toLowerCase();
    const added = await loadResources(next, this.#texts, (l) => this.#i18n.hasResourceBundle(l, 'translation'), this.#extras);
    for (const [l, tree] of added) this.#i18n.addResourceBundle(l, 'translation', tree);
    await this.#i18n.changeLanguage(next);
  }

  async extend(load: TextsLoader): Promise<void> {
    this.#extras.push(load);
    const loaded = Object.keys(this.#i18n.store.data);
    const added = await Promise.all(loaded.map(async (l) => [l, await load(l)] as const));
    // Deep, without overwriting: a site's override of one of these texts is already in place.
    for (const [l, tree] of added) if (tree) this.#i18n.addResourceBundle(l, 'translation', tree, true, false);
  }

  resolved(): Tree {
    const lang = this.#i18n.language;
    const chain = [...new Set([REFERENCE, lang.split('-')[0] as string, lang])].filter((l) => this.#i18n.hasResourceBundle(l, 'translation'));
    return chain.reduce<Tree>((tree, l) => overlay(tree, this.#i18n.getResourceBundle(l, 'translation') as Tree), {});
  }

  onChange(listener: () => void): () => void {
    const handler = (): void => listener();
    this.#i18n.on('languageChanged', handler);
    return () => this.#i18n.off('languageChanged', handler);
  }
}

/**
 * A localizer for `lang` over the built-in locales and the site's `texts` overrides; resolves once
 * the texts of `lang` (only those) are loaded.
 */
export async function createLocalizer(texts: TextOverrides | undefined, lang: string): Promise<Localizer> {
  const language = (lang || REFERENCE).toLowerCase();
  const resources = await loadResources(language, texts ?? {}, () => false);
  return new I18nextLocalizer(texts ?? {}, language, resources);
}

/** Re-renders its host when the language changes (lit's `LocalizeController`, over our localizer). */
export class LocalizeController extends SourceController<Localizer> {
  constructor(host: ReactiveControllerHost, source: () => Localizer | undefined) {
    super(host, source, (localizer, onChange) => localizer.onChange(onChange));
  }
}
