/**
 * What the visitor has been shown, for the record of a decision (docs/records.md, "What the visitor
 * read"): the interface hands it to the core synchronously (`UiController.shown()`); the record
 * module (consent-record.min.js) takes its SHA-256 and sends it with the record.
 *
 * Only what was on screen, so that the same screen always gives the same digest: the banner's texts
 * (with the list patterns that join its phrases), the categories' texts and recipients and the
 * operator; once the preferences were open, their texts too and the services in use with their
 * declaration (the catalogue's texts of those services only). The texts are the resolved ones, in the
 * language on screen, after the site's `texts` overrides.
 */
import { NECESSARY } from '../core/types.js';
import { hasOwn } from '../core/util.js';
import type { Service } from '../catalogue/catalogue.js';
import type { Layer, UiContext } from './context.js';

type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The content of the record's `shown` digest; `layers` are those shown so far on this page. */
export function shownContent(context: UiContext, layers: ReadonlySet<Layer>, servicesInUse: readonly Service[]): Record<string, unknown> {
  const { host, i18n } = context;
  const preferences = layers.has('preferences');
  const all = i18n.resolved();
  const texts: Tree = {};
  for (const group of ['banner', 'list', 'categories', 'vendors', ...(preferences ? ['preferences'] : [])]) {
    if (hasOwn(all, group)) texts[group] = all[group];
  }
  const services = preferences ? servicesInUse : [];
  const catalogue = all.services;
  if (services.length && isTree(catalogue)) {
    texts.services = Object.fromEntries(services.filter((s) => hasOwn(catalogue, s.id)).map((s) => [s.id, catalogue[s.id]]));
  }
  const { name, address, inn, ogrn, email } = host.config.operator;
  return {
    lang: i18n.language,
    layers: (['banner', 'preferences'] as const).filter((layer) => layers.has(layer)),
    texts,
    operator: { name, address, inn, ogrn, email },
    categories: [NECESSARY, ...host.categories].map((category) => {
      const config = host.config.categories.find((c) => c.name === category);
      return {
        name: category,
        vendors: (config?.vendors ?? []).map(({ id, name: vendor, url }) => ({ id, name: vendor, url })),
        ...(preferences ? { cookies: [...(config?.cookies ?? [])] } : {}),
      };
    }),
    ...(preferences ? { services: services.map(({ id, category, country, cookies, storage }) => ({ id, category, country, cookies, storage })) } : {}),
  };
}
