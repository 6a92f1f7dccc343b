/**
 * The service catalogue (`services.json`, reviewed data): which hosts belong to which known service,
 * its category and the cookies it sets. Blocking (`gate/autoblock.ts`), cookie removal on withdrawal,
 * the self-audit and the interface's cookie declaration all read it from here. Texts (name, provider,
 * policy link, description, cookie purposes) live per language in `texts.<lang>.json` and travel with
 * the interface, never with the core. Contract: docs/catalogue.md.
 */
import data from './services.json';
import { LOG_PREFIX, show } from '../core/util.js';
import type { Reporter } from '../core/util.js';

/**
 * A cookie a service sets: a name or a `*`-pattern, how long it lives (`30m`, `1d`, `session`, or
 * `unknown` when the vendor's documentation does not say).
 */
export interface ServiceCookie {
  name: string;
  maxAge: string;
  /** Set on the vendor's own domain: listed for the visitor, but the site cannot remove it. */
  thirdParty?: boolean;
}

/** One known service: the language-neutral part of the catalogue. */
export interface Service {
  id: string;
  /** A default category, or `necessary` (always on: declared, never held back). */
  category: string;
  /** ISO 3166-1 alpha-2 code of the country where the recipient (the provider) is. */
  country: string;
  /** `host`, `*.host` (the host and its subdomains) or `host/path-prefix` (prefix of path + query). */
  hosts: string[];
  cookies: ServiceCookie[];
  /** `localStorage` / `sessionStorage` keys (names or `*`-patterns) its code writes on the site's origin. */
  storage: string[];
}

/**
 * Where an entry's facts were checked (`sources.json`, keyed by service id; reviewed data that never
 * ships, so the bundles carry no provenance text).
 */
export interface ServiceProvenance {
  /** The vendor's own pages each fact was checked against. */
  sources: string[];
  /** Which facts those pages do not give, and where the entry's values come from instead. */
  unverified?: string;
}

/** A service's texts in one language (`texts.<lang>.json`). */
export interface ServiceTexts {
  name: string;
  provider: string;
  policyUrl: string;
  description: string;
  /** Purpose of each cookie, keyed by the cookie's `name` in `services.json`. */
  cookies: Record<string, string>;
}

export const SERVICES: readonly Service[] = data.services as Service[];

/**
 * A host as the catalogue compares it: lower case, without the trailing dot(s) of a fully qualified
 * name (`mc.yandex.ru.`) and without a leading `www.` (vendors answer on both).
 */
function bareHost(host: string): string {
  let h = host.toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h.startsWith('www.') ? h.slice(4) : h;
}

/** Does the (bare) host and path match one pattern? Returns the pattern's specificity, or 0. */
function patternScore(pattern: string, host: string, path: string): number {
  const slash = pattern.indexOf('/');
  const hostPart = bareHost(slash === -1 ? pattern : pattern.slice(0, slash));
  const prefix = slash === -1 ? '' : pattern.slice(slash).toLowerCase();
  const hostOk = hostPart.startsWith('*.')
    ? host === hostPart.slice(2) || host.endsWith(hostPart.slice(1))
    : host === hostPart;
  if (!hostOk || !path.startsWith(prefix)) return 0;
  return pattern.length;
}

/**
 * The known service `url` belongs to (the most specific pattern wins: `gtag/js?id=AW-` is Google Ads,
 * any other `gtag/js` is Google Analytics), or `null`. Relative URLs resolve against `base`. Survives
 * what a server treats as the same address: case, a trailing dot, a missing or extra `www.`,
 * credentials, protocol-relative URLs, runs of slashes in the path (`//gtag/js`). Plain loops: a page
 * that replaced `Array.prototype` methods before the drop-in cannot change the answer.
 */
export function serviceForUrl(url: string, base: string): Service | null {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = bareHost(parsed.hostname);
  const path = (parsed.pathname.replace(/\/{2,}/g, '/') + parsed.search).toLowerCase();
  let best: Service | null = null;
  let bestScore = 0;
  for (let i = 0; i < SERVICES.length; i += 1) {
    const service = SERVICES[i] as Service;
    for (let j = 0; j < service.hosts.length; j += 1) {
      const score = patternScore(service.hosts[j] as string, host, path);
      if (score > bestScore) [best, bestScore] = [service, score];
    }
  }
  return best;
}

export function serviceById(id: string): Service | undefined {
  return SERVICES.find((s) => s.id === id);
}

/** Cookie names and patterns the site can remove for these services (first-party ones only). */
export function removableCookies(services: readonly Service[]): string[] {
  return services.flatMap((s) => s.cookies.filter((c) => !c.thirdParty).map((c) => c.name));
}

/** Storage keys (names and patterns) withdrawal removes for these services. */
export function removableStorage(services: readonly Service[]): string[] {
  return services.flatMap((s) => s.storage);
}

/**
 * Validates the `services` option (a list or a comma/space separated string of catalogue ids).
 * Unknown ids are reported once each, naming the known ones, and skipped.
 */
export function resolveServices(value: unknown, report: Reporter): Service[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : null;
  if (!list) {
    report(`${LOG_PREFIX} Invalid option "services": ${show(value)}; expected a list of service ids such as ["yandex-metrica"]. Ignored.`);
    return [];
  }
  const result: Service[] = [];
  for (const id of list) {
    const service = typeof id === 'string' ? serviceById(id.trim()) : undefined;
    if (!service) {
      report(`${LOG_PREFIX} Unknown service ${show(id)} in "services" (known: ${SERVICES.map((s) => s.id).join(', ')}); ignored.`);
    } else if (!result.includes(service)) {
      result.push(service);
    }
  }
  return result;
}
