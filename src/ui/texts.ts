/**
 * The UI's texts without i18next: the resources (built-in locales with the site's `texts` overrides
 * merged in), the `Localizer` every component talks to, and the first layer's view of the resources
 * that lets the banner paint before i18next has loaded (issue 17). i18next itself is in `i18n.ts`,
 * which only the second part (`details.ts`) imports.
 *
 * Resources are the built-in locales (`locales/ru.json`, the reference, and `locales/en.json`, which
 * has every key of `ru.json`) with the site's `texts` overrides merged in per language (nested objects
 * or dotted keys). Only the languages in use are fetched: each built-in locale is its own chunk,
 * loaded when the texts for it are asked for or `setLanguage()` asks for it. Whatever the overrides
 * hold, a visitor never sees a raw key: a text missing in the current language comes from its base
 * language (`en` for `en-gb`), then from `ru` (loaded only for a language with no complete built-in
 * locale), and a text missing there too is an empty string.
 */
import type { ReactiveControllerHost } from 'lit';
import { SourceController } from './source-controller.js';
import type { TextOverrides } from '../core/types.js';
import { hasOwn, isUnsafeKey, own } from '../core/util.js';

export type Tree = Record<string, unknown>;

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
export const REFERENCE = 'ru';
const hasBuiltIn = (lang: string): boolean => hasOwn(BUILT_IN, lang);

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `top` laid over `base`, group by group (a new tree; neither is changed). */
export function overlay(base: Tree, top: Tree): Tree {
  const result: Tree = { ...base };
  for (const key of Object.keys(top)) {
    const value = top[key];
    const under = result[key];
    result[key] = isTree(value) && isTree(under) ? overlay(under, value) : value;
  }
  return result;
}

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
export async function loadResources(lang: string, texts: TextOverrides, loaded: (lang: string) => boolean, extras: readonly TextsLoader[] = []): Promise<Array<[string, Tree]>> {
  const missing = languagesFor(lang).filter((l) => !loaded(l));
  return Promise.all(
    missing.map(async (l): Promise<[string, Tree]> => {
      const [builtIn, extra] = await Promise.all([hasBuiltIn(l) ? (BUILT_IN[l] as () => Promise<{ default: Tree }>)() : undefined, extraTexts(l, extras)]);
      return [l, buildResource({ ...builtIn?.default, ...extra }, own(texts, l)).translation];
    }),
  );
}

/** i18next's placeholder (`interpolation.prefix`/`suffix`, its default `{{…}}`, matched as i18next matches it). */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
/** A placeholder that only names a value: no formatting (`{{x, f}}`), no unescaping (`{{- x}}`), no path. */
const PLAIN_NAME = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/;

/**
 * Whether i18next, as `i18n.ts` configures it (`escapeValue: false`, `skipOnVariables` by default),
 * gives `text` back with nothing done but its plain `{{name}}` placeholders filled: no nesting
 * (`$t(…)`), no formatting, no unescape prefix.
 */
export function isPlainText(text: string): boolean {
  return !text.includes('$t(') && [...text.matchAll(PLACEHOLDER)].every((match) => PLAIN_NAME.test(match[1] as string));
}

/** The groups of texts the first layer reads (`banner.*`, `list.*`, `categories.<name>.title`). */
const FIRST_LAYER_GROUPS = ['banner', 'list', 'categories'];

function everyText(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  return !isTree(value) || Object.keys(value).every((key) => everyText(value[key], test));
}

function lookup(tree: Tree | undefined, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split('.')) node = isTree(node) ? own(node, part) : undefined;
  return node;
}

/**
 * The first layer's view of the resources, for the banner's first paint before i18next has loaded:
 * the same merged trees i18next is then given (`loadResources`), read along the chain i18next falls
 * back on (the language, its base language, `ru`), plain `{{name}}` placeholders filled as i18next
 * fills them with `escapeValue: false` (a value is inserted as it is and not read again; a name with
 * no value stays as written; a group of texts where a text was expected is `''`). It never merges,
 * falls back across languages it was not given, switches language or formats: `firstLayerTexts()`
 * gives it only languages with a built-in locale and texts that are plain (`isPlainText`); anything
 * else waits for i18next, which takes over from it (`HandOverLocalizer`) as soon as it has loaded.
 * test/ui/first-layer-texts.test.ts checks that both give the same text for every first-layer key.
 */
class FirstLayerTexts implements Localizer {
  readonly language: string;
  readonly dir = 'ltr' as const;
  readonly #chain: Tree[];
  readonly #own: Tree[];
  readonly #resolved: Tree;

  constructor(lang: string, trees: Map<string, Tree>) {
    this.language = lang;
    const base = lang.split('-')[0] as string;
    const pick = (langs: string[]): Tree[] => [...new Set(langs)].flatMap((l): Tree[] => { const tree = trees.get(l); return tree ? [tree] : []; });
    this.#chain = pick([lang, base, REFERENCE]);
    this.#own = pick([lang, base]);
    // What i18next resolves from the same trees: the language over its base language over `ru`.
    this.#resolved = [...this.#chain].reverse().reduce<Tree>((tree, top) => overlay(tree, top), {});
  }

  resolved(): Tree {
    return this.#resolved;
  }

  t(key: string, vars: Record<string, string> = {}, fallback = ''): string {
    const data: Record<string, string> = { ...vars, defaultValue: fallback };
    const fill = (text: string): string => text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = own(data, name.trim());
      return typeof value === 'string' ? value : whole;
    });
    for (const tree of this.#chain) {
      const value = lookup(tree, key);
      if (typeof value === 'string') return fill(value);
      if (isTree(value)) return '';
    }
    return fill(fallback);
  }

  has(key: string): boolean {
    return this.#own.some((tree) => typeof lookup(tree, key) === 'string');
  }

  setLanguage(): Promise<void> {
    return Promise.reject(new Error('the first layer switches no language; i18next does'));
  }

  extend(): Promise<void> {
    return Promise.reject(new Error('the first layer takes no more texts; i18next does'));
  }

  onChange(): () => void {
    return () => {};
  }
}

/**
 * The first layer's texts for `lang` from `resources` (what `loadResources` gave for it), or `null`
 * when the banner must wait for i18next: a language without a built-in locale of its own or of its
 * base language (its direction and list patterns are i18next's and `Intl`'s to say), or a first-layer
 * text, built-in or the site's, that is more than plain text with `{{name}}` placeholders.
 */
export function firstLayerTexts(lang: string, resources: ReadonlyArray<[string, Tree]>): Localizer | null {
  if (!hasBuiltIn(lang.split('-')[0] as string)) return null;
  const trees = new Map(resources);
  const plain = [...trees.values()].every((tree) => FIRST_LAYER_GROUPS.every((group) => everyText(own(tree, group), isPlainText)));
  return plain ? new FirstLayerTexts(lang, trees) : null;
}

/**
 * The localizer the components hold: the first layer's texts until i18next has loaded (with the second
 * part), i18next from then on, for every text, language switch and added text. Listeners hear the
 * hand-over as a change, so what is on screen is rendered again by i18next.
 */
export class HandOverLocalizer implements Localizer {
  #current: Localizer;
  #unsubscribe: () => void;
  readonly #load: () => Promise<Localizer>;
  #loading: Promise<Localizer> | null = null;
  readonly #listeners = new Set<() => void>();

  /** `load` gives i18next's localizer (the same object as `first` when the first layer had to wait for it). */
  constructor(first: Localizer, load: () => Promise<Localizer>) {
    this.#current = first;
    this.#load = load;
    this.#unsubscribe = first.onChange(() => this.#emit());
  }

  get language(): string {
    return this.#current.language;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#current.dir;
  }

  t(key: string, vars?: Record<string, string>, fallback?: string): string {
    return this.#current.t(key, vars, fallback);
  }

  has(key: string): boolean {
    return this.#current.has(key);
  }

  resolved(): Tree {
    return this.#current.resolved();
  }

  async setLanguage(lang: string): Promise<void> {
    await (await this.i18next()).setLanguage(lang);
  }

  async extend(load: TextsLoader): Promise<void> {
    await (await this.i18next()).extend(load);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Loads i18next once and hands over to it; a failed load is tried again on the next call. */
  i18next(): Promise<Localizer> {
    this.#loading ??= this.#load().then(
      (i18n) => {
        if (i18n !== this.#current) {
          this.#unsubscribe();
          this.#current = i18n;
          this.#unsubscribe = i18n.onChange(() => this.#emit());
          this.#emit();
        }
        return i18n;
      },
      (error: unknown) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Re-renders its host when the language changes (lit's `LocalizeController`, over our localizer). */
export class LocalizeController extends SourceController<Localizer> {
  constructor(host: ReactiveControllerHost, source: () => Localizer | undefined) {
    super(host, source, (localizer, onChange) => localizer.onChange(onChange));
  }
}
