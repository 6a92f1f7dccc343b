/**
 * The only file that touches cookies (through js-cookie). Every call survives a `document.cookie`
 * that throws (sandboxed frames, blocked storage) and reports back instead of failing.
 */
import Cookies from 'js-cookie';

export interface CookieWriteOptions {
  domain: string | null;
  maxAgeSeconds: number;
  secure: boolean;
}

/**
 * Every cookie visible to the page, name → raw values in the browser's order, from ONE read of
 * `document.cookie` (each read is a round trip to the browser's cookie store). `null` when reading
 * throws (sandboxed frames, blocked storage). Names are decoded as js-cookie decodes them.
 */
function readJar(doc: Document = document): Map<string, string[]> | null {
  let raw: string;
  try {
    raw = doc.cookie;
  } catch {
    return null;
  }
  const jar = new Map<string, string[]>();
  for (const part of raw ? raw.split('; ') : []) {
    const eq = part.indexOf('=');
    const encoded = (eq === -1 ? part : part.slice(0, eq)).trim();
    if (!encoded) continue;
    let name = encoded;
    try {
      name = decodeURIComponent(encoded);
    } catch {
      /* keep the raw name */
    }
    const values = jar.get(name) ?? [];
    values.push(eq === -1 ? '' : part.slice(eq + 1));
    jar.set(name, values);
  }
  return jar;
}

/** Names of all cookies visible to the page, with a count per name (duplicates exist across domains/paths). */
export function cookieNames(doc: Document = document): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, values] of readJar(doc) ?? []) counts.set(name, values.length);
  return counts;
}

/**
 * Reads one cookie, decoded by js-cookie's converter. Returns `{ value: undefined }` when absent or
 * unreadable, and `duplicated: true` when two cookies share the name (host and parent domain, or two
 * paths): the caller cannot know which is current and treats that as no decision.
 */
export function readCookie(name: string): { value: string | undefined; duplicated: boolean; blocked: boolean } {
  const jar = readJar();
  if (!jar) return { value: undefined, duplicated: false, blocked: true };
  const values = jar.get(name) ?? [];
  let value: string | undefined;
  try {
    value = values[0] === undefined ? undefined : Cookies.converter.read(values[0], name);
  } catch {
    value = undefined; // malformed percent-encoding: no readable value
  }
  return { value, duplicated: values.length > 1, blocked: false };
}

/** Writes a cookie (`path=/`, `SameSite=Lax`, `max-age`), then reads it back. Returns whether it stuck. */
export function writeCookie(name: string, value: string, options: CookieWriteOptions): boolean {
  try {
    const attributes: Cookies.CookieAttributes = { path: '/', sameSite: 'Lax', 'max-age': String(Math.round(options.maxAgeSeconds)) };
    if (options.domain) attributes.domain = options.domain;
    if (options.secure) attributes.secure = true;
    Cookies.set(name, value, attributes);
    return readCookie(name).value === value;
  } catch {
    return false;
  }
}

/**
 * Removes a cookie everywhere the page could have set it: host only, the configured domain and
 * every parent domain of the host (Google Analytics and Yandex Metrica write on the top domain).
 */
export function removeCookie(name: string, host: string, extraDomain: string | null): void {
  const domains = new Set<string | undefined>([undefined, ...parentDomains(host)]);
  if (extraDomain) domains.add(extraDomain);
  for (const domain of domains) {
    try {
      Cookies.remove(name, domain ? { path: '/', domain } : { path: '/' });
    } catch {
      return;
    }
  }
}

/** `www.shop.integrus.ru` → `.www.shop.integrus.ru`, `.shop.integrus.ru`, `.integrus.ru` (not `.ru`). */
export function parentDomains(host: string): string[] {
  if (!host || /^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return [];
  const labels = host.split('.');
  const result: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) result.push(`.${labels.slice(i).join('.')}`);
  return result;
}

/** Does `name` match a cookie pattern (`*` matches any run of characters)? */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

/** Clears every cookie whose name matches one of `patterns`, except those in `keep`. Returns the names cleared. */
export function clearCookies(patterns: readonly string[], host: string, extraDomain: string | null, keep: readonly string[] = []): string[] {
  const cleared: string[] = [];
  if (patterns.length === 0) return cleared;
  for (const name of cookieNames().keys()) {
    if (!keep.includes(name) && patterns.some((p) => matchesPattern(name, p))) {
      removeCookie(name, host, extraDomain);
      cleared.push(name);
    }
  }
  return cleared;
}
