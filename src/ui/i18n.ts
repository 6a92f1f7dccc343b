/**
 * Texts of the UI: the one file that imports i18next (docs/development.md, "Conventions").
 *
 * Resources are the built-in locales (`locales/ru.json`, the reference, and `locales/en.json`) with the
 * site's `texts` overrides merged in per language (nested objects or dotted keys). Whatever the
 * overrides hold, a visitor never sees a raw key: a text missing in the current language comes from
 * `ru`, and a text missing there too is an empty string.
 */
import i18next, { type i18n as I18next } from 'i18next';
import type { ReactiveControllerHost } from 'lit';
import { SourceController } from './source-controller.js';
import type { TextOverrides } from '../core/types.js';
import { own } from '../core/util.js';
import ru from '../../locales/ru.json';
import en from '../../locales/en.json';

type Tree = Record<string, unknown>;

/** The UI's view of i18next: translate, switch language, hear about the switch. */
export interface Localizer {
  /** The current language (`ru`, `en`, or one the site added through `texts`). */
  readonly language: string;
  /** Writing direction of the current language, for the `dir` attribute. */
  readonly dir: 'ltr' | 'rtl';
  /** The text for `key` with `{{name}}` placeholders filled in; `fallback` (default `''`) if there is none. */
  t(key: string, vars?: Record<string, string>, fallback?: string): string;
  setLanguage(lang: string): Promise<void>;
  /** Calls `listener` after every language switch; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

const BUILT_IN: Record<string, Tree> = { ru, en };
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Writes `value` at the dotted `path` of `target`. An override may replace a text with a text and add
 * new keys, but never turn a group of texts into one text (or the reverse): that would hide every
 * built-in text of the group.
 */
function put(target: Tree, path: readonly string[], value: unknown): void {
  if (path.length === 0 || path.some((key) => key === '' || UNSAFE_KEYS.has(key))) return;
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

/** Built-in texts with the site's overrides merged in, one resource bundle per language. */
export function buildResources(texts: TextOverrides = {}): Record<string, { translation: Tree }> {
  const resources: Record<string, { translation: Tree }> = {};
  const languages = new Set([...Object.keys(BUILT_IN), ...Object.keys(texts)]);
  for (const lang of languages) {
    // Own keys only: `Object.prototype.ru = {…}` on the page must not become the Russian texts.
    const tree = structuredClone(own(BUILT_IN, lang) ?? {});
    const overrides = own(texts, lang);
    if (isTree(overrides)) for (const key of Object.keys(overrides)) put(tree, key.split('.'), overrides[key]);
    resources[lang] = { translation: tree };
  }
  return resources;
}

class I18nextLocalizer implements Localizer {
  readonly #i18n: I18next;

  constructor(texts: TextOverrides | undefined, lang: string) {
    this.#i18n = i18next.createInstance();
    // With `resources` given, `init` runs synchronously.
    void this.#i18n.init({
      resources: buildResources(texts),
      lng: lang || 'ru',
      fallbackLng: 'ru',
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

  async setLanguage(lang: string): Promise<void> {
    await this.#i18n.changeLanguage(lang);
  }

  onChange(listener: () => void): () => void {
    const handler = (): void => listener();
    this.#i18n.on('languageChanged', handler);
    return () => this.#i18n.off('languageChanged', handler);
  }
}

/** A localizer for `lang` over the built-in locales and the site's `texts` overrides. */
export function createLocalizer(texts: TextOverrides | undefined, lang: string): Localizer {
  return new I18nextLocalizer(texts, lang);
}

/** Re-renders its host when the language changes (lit's `LocalizeController`, over our localizer). */
export class LocalizeController extends SourceController<Localizer> {
  constructor(host: ReactiveControllerHost, source: () => Localizer | undefined) {
    super(host, source, (localizer, onChange) => localizer.onChange(onChange));
  }
}
