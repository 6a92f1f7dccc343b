/**
 * What the visitor has been shown, for the record of a decision (docs/records.md, "What the visitor
 * read"). At the decision the interface hands the core, synchronously, a view of its screen
 * (`UiController.shown()`: `ShownView`, plain data); here, in the record module
 * (consent-record.min.js, fetched only with a `logEndpoint`), it becomes the content whose SHA-256 the
 * record carries. Kept out of the interface's first part, which a page without records never needs it in.
 *
 * Only what was on screen, so that the same screen always gives the same digest: the banner's texts
 * (with the list patterns that join its phrases), the categories' texts and recipients and the
 * operator; once the preferences were open, their texts too and the services in use with their
 * declaration (the catalogue's texts of those services only). The texts are the resolved ones, in the
 * language on screen, after the site's `texts` overrides.
 */
import { hasOwn } from '../core/util.js';
import type { Service } from '../catalogue/catalogue.js';
import type { OperatorInfo, Vendor } from '../core/types.js';

type Tree = Record<string, unknown>;

/** The interface's screen at a decision, as plain data (`UiController.shown()`). */
export interface ShownView {
  /** The language on screen. */
  lang: string;
  /** The layers shown so far on this page. */
  layers: ReadonlyArray<'banner' | 'preferences'>;
  /** Every text of that language as resolved (`Localizer.resolved()`). */
  texts: Tree;
  operator: OperatorInfo;
  /** `necessary` then the optional categories, in display order, with their recipients and cookies. */
  categories: ReadonlyArray<{ name: string; vendors: readonly Vendor[]; cookies: readonly string[] }>;
  /** The catalogue services in use on the page. */
  services: readonly Service[];
}

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The content of the record's `shown` digest. */
export function shownContent(view: ShownView): Record<string, unknown> {
  const preferences = view.layers.includes('preferences');
  const all = view.texts;
  const texts: Tree = {};
  for (const group of ['banner', 'list', 'categories', 'vendors', ...(preferences ? ['preferences'] : [])]) {
    if (hasOwn(all, group)) texts[group] = all[group];
  }
  const services = preferences ? view.services : [];
  const catalogue = all.services;
  if (services.length && isTree(catalogue)) {
    texts.services = Object.fromEntries(services.filter((s) => hasOwn(catalogue, s.id)).map((s) => [s.id, catalogue[s.id]]));
  }
  const { name, address, inn, ogrn, email } = view.operator;
  return {
    lang: view.lang,
    layers: (['banner', 'preferences'] as const).filter((layer) => view.layers.includes(layer)),
    texts,
    operator: { name, address, inn, ogrn, email },
    categories: view.categories.map((category) => ({
      name: category.name,
      vendors: category.vendors.map(({ id, name: vendor, url }) => ({ id, name: vendor, url })),
      ...(preferences ? { cookies: [...category.cookies] } : {}),
    })),
    ...(preferences ? { services: services.map(({ id, category, country, cookies, storage }) => ({ id, category, country, cookies, storage })) } : {}),
  };
}
