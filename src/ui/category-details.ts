/**
 * What the preferences show under a category besides its switch: who receives the data (recipients)
 * and, collapsed, its cookie declaration. Lit templates over the catalogue data of `declaration.ts`;
 * the texts come through `t` (the component's localizer), so a language switch re-renders them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Service } from '../catalogue/catalogue.js';
import { NECESSARY } from '../core/types.js';
import type { UiHost, Vendor } from '../core/types.js';
import { isPlainObject, own, safeUrl } from '../core/util.js';
import { OUTBOX_KEY } from '../signals/consent-record.js';
import { countryName } from './abroad.js';
import { categoryDeclaration, lifetime, servicesInUse } from './declaration.js';

export interface DetailsContext {
  host: UiHost;
  /** The component's texts: `t(key, vars)`, never a raw key. */
  t(key: string, vars?: Record<string, string>): string;
  lang: string;
}

/** Did the site give `vendors` for `category` itself? Then those are its recipients, whatever the catalogue says. */
function vendorsGiven(options: Readonly<Record<string, unknown>>, category: string): boolean {
  const list = own(options, 'categories');
  return Array.isArray(list) && list.some((item) => isPlainObject(item) && own(item, 'name') === category && own(item, 'vendors') !== undefined);
}

/** The catalogue services in use on this page that belong to `category`. */
function servicesOf(ctx: DetailsContext, category: string): Service[] {
  return servicesInUse(ctx.host.root.ownerDocument.defaultView).filter((s) => s.category === category);
}

/** A service with its own switch under its category: its id and the name the visitor reads. */
export interface SwitchableService {
  id: string;
  label: string;
}

/**
 * The services of `category` that get their own switch (docs/contract.md §3): the catalogue services
 * in use in it (named in `services` or found by auto-blocking), then the ones the site declares
 * (`categories[].services`), each once. Their names come from the texts (`services.<id>.name`),
 * else the declared name, else the id.
 */
export function switchableServices(ctx: DetailsContext, category: string): SwitchableService[] {
  const declared = ctx.host.config.categories.find((c) => c.name === category)?.services ?? [];
  const ids = [...new Set([...servicesOf(ctx, category).map((s) => s.id), ...declared.map((s) => s.id)])];
  return ids.map((id) => ({ id, label: ctx.t(`services.${id}.name`) || declared.find((s) => s.id === id)?.name || id }));
}

/**
 * Who receives the category's data: the site's own `vendors` when it gave them; else, where the
 * catalogue knows the services in use, their providers (with their policies); else the defaults.
 */
export function recipients(ctx: DetailsContext, name: string): TemplateResult | typeof nothing {
  const { host, t } = ctx;
  const vendors: Vendor[] = host.config.categories.find((c) => c.name === name)?.vendors ?? [];
  const services = vendorsGiven(host.options, name) ? [] : servicesOf(ctx, name);
  const items = services.length
    ? [...new Map(services.map((s) => {
        const provider = t(`services.${s.id}.provider`) || t(`services.${s.id}.name`) || s.id;
        return [provider, { label: provider, url: safeUrl(t(`services.${s.id}.policyUrl`)) }] as const;
      })).values()]
    : vendors.map((vendor) => ({ label: (vendor.id && t(`vendors.${vendor.id}`)) || vendor.name, url: vendor.url ? safeUrl(vendor.url) : null }));
  if (!items.length) return nothing;
  return html`<div class="recipients">
    <p class="recipients-title" id="recipients-${name}">${t('preferences.recipients')}</p>
    <ul aria-labelledby="recipients-${name}">
      ${items.map(({ label, url }) => html`<li>${url ? html`<a href=${url}>${label}</a>` : label}</li>`)}
    </ul>
  </div>`;
}

/** `365d` as the visitor reads it; `unknown` says the provider does not state it; '' is "—". */
function lifetimeText(ctx: DetailsContext, maxAge: string): string {
  if (!maxAge) return '—';
  if (maxAge === 'unknown') return ctx.t('preferences.declaration.unknownLifetime') || '—';
  return lifetime(maxAge, ctx.lang, ctx.t('preferences.declaration.session'));
}

/** One row of the declaration: the cookie, storage key (or pattern), what it is for, how long it lives. */
function cookieRow(ctx: DetailsContext, name: string, purpose: string, maxAge: string, lifetimeOverride?: string): TemplateResult {
  return html`<tr>
    <th scope="row"><code>${name}</code></th>
    <td>${purpose}</td>
    <td>${lifetimeOverride ?? lifetimeText(ctx, maxAge)}</td>
  </tr>`;
}

/**
 * What `necessary` declares of the library itself: the consent cookie with both its lifetimes (after
 * a decision, after rejecting all) and, with a `logEndpoint`, the outbox of undelivered records.
 */
function ownRows(ctx: DetailsContext): TemplateResult[] {
  const { host, t, lang } = ctx;
  const { cookie } = host.config;
  const days = (n: number): string => lifetime(`${n}d`, lang, '');
  const both = !cookie || cookie.rejectedExpiresDays === cookie.expiresDays
    ? days(cookie?.expiresDays)
    : t('preferences.declaration.consentLifetime', { accepted: days(cookie.expiresDays), rejected: days(cookie.rejectedExpiresDays) });
  return [
    ...(cookie ? [cookieRow(ctx, cookie.name, t('preferences.declaration.consentCookie'), '', both)] : []),
    ...(host.config.logEndpoint ? [cookieRow(ctx, OUTBOX_KEY, t('preferences.declaration.outbox'), '', t('preferences.declaration.outboxLifetime'))] : []),
  ];
}

/** The cookies of one service or of the site, as a table captioned by whose they are. */
function cookieTable(ctx: DetailsContext, caption: string, rows: TemplateResult[]): TemplateResult {
  const head = (key: string): TemplateResult => html`<th scope="col">${ctx.t(`preferences.declaration.${key}`)}</th>`;
  return html`<table>
    <caption>${caption}</caption>
    <thead><tr>${head('cookie')}${head('purpose')}${head('lifetime')}</tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

function service(ctx: DetailsContext, entry: Service): TemplateResult {
  const { t } = ctx;
  const key = `services.${entry.id}`;
  const name = t(`${key}.name`) || entry.id;
  const providerName = t(`${key}.provider`);
  const provider = providerName && (t('preferences.declaration.country', { provider: providerName, country: countryName(entry.country, ctx.lang) }) || providerName);
  const policy = safeUrl(t(`${key}.policyUrl`));
  const description = t(`${key}.description`);
  return html`<li class="service">
    ${entry.cookies.length ? cookieTable(ctx, name, entry.cookies.map((c) => cookieRow(ctx, c.name, t(`${key}.cookies.${c.name}`), c.maxAge))) : html`<p class="service-name">${name}</p>`}
    <p class="service-about">
      ${entry.storage.length ? html`${t('preferences.declaration.storage', { keys: entry.storage.join(', ') })}` : nothing}
      ${provider ? html`${t('preferences.declaration.provider', { provider })}.` : nothing} ${description}
      ${policy ? html`<a href=${policy}>${t('preferences.declaration.policy')}</a>` : nothing}
    </p>
  </li>`;
}

/**
 * The category's cookie declaration, collapsed: a native `<details>` (its `<summary>` is reached by
 * Tab and toggled by Enter or Space, its state announced by screen readers). Left out when the
 * category has nothing to declare. `necessary` declares the consent cookie itself.
 */
export function declaration(ctx: DetailsContext, name: string): TemplateResult | typeof nothing {
  const { host, t } = ctx;
  const library = name === NECESSARY ? ownRows(ctx) : [];
  const category = host.config.categories.find((c) => c.name === name);
  const { services, siteCookies } = category
    ? categoryDeclaration(category, servicesInUse(host.root.ownerDocument.defaultView), host.options)
    : { services: [], siteCookies: [] };
  const site = [
    ...library,
    ...siteCookies.map((pattern) => cookieRow(ctx, pattern, t('preferences.declaration.siteCookie'), '')),
  ];
  const count = site.length + services.reduce((n, s) => n + Math.max(1, s.cookies.length + s.storage.length), 0);
  if (!count) return nothing;
  return html`<details part="declaration" class="declaration">
    <summary part="declaration-summary">${t('preferences.declaration.summary', { count: String(count) })}</summary>
    <ul class="services">
      ${services.map((entry) => service(ctx, entry))}
      ${site.length ? html`<li class="service">${cookieTable(ctx, t('preferences.declaration.site'), site)}</li>` : nothing}
    </ul>
  </details>`;
}
