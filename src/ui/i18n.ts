/**
 * i18next: the one file that imports it (docs/development.md, "Conventions"), and with it the one
 * translation engine: it merges the later texts in, falls back, interpolates and switches languages.
 * Only the second part of the interface (`details.ts`) imports this file, so i18next arrives with the
 * preferences, after the banner has painted from the first layer's view of the same resources
 * (`texts.ts`, issue 17), and takes over from it.
 */
import i18next, { type i18n as I18next } from 'i18next';
import type { TextOverrides } from '../core/types.js';
import { loadResources, overlay, REFERENCE, type Localizer, type TextsLoader, type Tree } from './texts.js';

export { buildResource, builtInTexts, LocalizeController, type Localizer, type TextsLoader } from './texts.js';

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
  return i18nextLocalizer(texts, language, await loadResources(language, texts ?? {}, () => false));
}

/** i18next's localizer for `lang` (lowercase) over `resources` already loaded for it (`loadResources`). */
export function i18nextLocalizer(texts: TextOverrides | undefined, lang: string, resources: Array<[string, Tree]>): Localizer {
  return new I18nextLocalizer(texts ?? {}, lang, resources);
}
