/**
 * The only file that touches cookies (through js-cookie). Every call survives a `document.cookie`
 * that throws (sandboxed frames, blocked storage) and reports back instead of failing.
 */
// First: the core's minified output then keeps the size it had when the matcher lived here (30 946 B, 11 538 B gzip).
import { matchesPattern } from './cookie-pattern.js';
import Cookies from 'js-cookie';
import { decodeCookieValue, parseCookieHeader } from './cookie-header.js';

export interface CookieWriteOptions {
  domain: string | null;
  maxAgeSeconds: number;
  secure: boolean;
}

/**
 * Every cookie visible to the page, name → raw values in the browser's order, from ONE read of
 * `document.cookie` (each read is a round trip to the browser's cookie store). `null` when reading
 * throws (sandboxed frames, blocked storage). Parsed exactly as the server parses a `Cookie` header
 * (`cookie-header.ts`): exact names only.
 */
function readJar(doc: Document = document): Map<string, string[]> | null {
  let raw: string;
  try {
    raw = doc.cookie;
  } catch {
    return null;
  }
  return parseCookieHeader(raw);
}

/** Names of all cookies visible to the page, with a count per name (duplicates exist across domains/paths). */
export function cookieNames(doc: Document = document): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, values] of readJar(doc) ?? []) counts.set(name, values.length);
  return counts;
}

/**
 * Reads one cookie, decoded as the server decodes it (`decodeCookieValue`). Returns `{ value: undefined }` when absent or
 * unreadable, and `duplicated: true` when two cookies share the name (host and parent domain, or two
 * paths): the caller cannot know which is current and treats that as no decision.
 */
export function readCookie(name: string): { value: string | undefined; duplicated: boolean; blocked: boolean } {
  const jar = readJar();
  if (!jar) return { value: undefined, duplicated: false, blocked: true };
  const values = jar.get(name) ?? [];
  // Not `values[0]`: an index past the end would read a polluted `Object.prototype[0]`.
  const first = values.length > 0 ? values[0] : undefined;
  // Malformed percent-encoding: no readable value.
  const value = first === undefined ? undefined : decodeCookieValue(first);
  return { value, duplicated: values.length > 1, blocked: false };
}

/**
 * Writes a cookie (`path=/`, `SameSite=Lax`, `max-age`), then reads it back. Returns whether it stuck.
 * The value is encoded by js-cookie's converter; the attributes are written here, not by
 * `Cookies.set`, which copies attributes with `for…in` and so picks up whatever a page added to
 * `Object.prototype` (and throws on an object there). The name is validated and written verbatim.
 */
export function writeCookie(name: string, value: string, options: CookieWriteOptions): boolean {
  try {
    let cookie = `${name}=${Cookies.converter.write(value, name)}; path=/; max-age=${Math.round(options.maxAgeSeconds)}; SameSite=Lax`;
    if (options.domain) cookie += `; domain=${options.domain}`;
    if (options.secure) cookie += '; secure';
    document.cookie = cookie;
    return readCookie(name).value === value;
  } catch {
    return false;
  }
}

/**
 * Removes a cookie everywhere the page could have set it: host only, the configured domain and
 * every parent domain of the host (Google Analytics and Yandex Metrica write on the top domain), each
 * on `/` and on every ancestor of the current path (a tag on `/shop/item` may write `path=/shop`).
 * The name is written back exactly as read (js-cookie would re-encode it).
 */
export function removeCookie(name: string, host: string, extraDomain: string | null, pathname = currentPath()): void {
  const domains = new Set<string | undefined>([undefined, ...parentDomains(host)]);
  if (extraDomain) domains.add(extraDomain);
  const secure = typeof location !== 'undefined' && location.protocol === 'https:' ? '; secure' : '';
  for (const path of ancestorPaths(pathname)) {
    for (const domain of domains) {
      try {
        document.cookie = `${name}=; max-age=0; path=${path}${domain ? `; domain=${domain}` : ''}${secure}`;
      } catch {
        return;
      }
    }
  }
}

function currentPath(): string {
  return typeof location === 'undefined' ? '/' : location.pathname;
}

/**
 * The paths a cookie visible on `pathname` can have: `/shop/item` → `/`, `/shop`, `/shop/`,
 * `/shop/item`, `/shop/item/` (a cookie's path is matched as written, with or without the slash).
 */
export function ancestorPaths(pathname: string): string[] {
  const paths = new Set<string>(['/']);
  let prefix = '';
  for (const segment of pathname.split('/').slice(1, 16)) {
    if (!segment) continue;
    prefix += `/${segment}`;
    paths.add(prefix);
    paths.add(`${prefix}/`);
  }
  return [...paths];
}

/** `www.shop.integrus.ru` → `.www.shop.integrus.ru`, `.shop.integrus.ru`, `.integrus.ru` (not `.ru`). */
export function parentDomains(host: string): string[] {
  if (!host || /^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return [];
  const labels = host.split('.');
  const result: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) result.push(`.${labels.slice(i).join('.')}`);
  return result;
}


/** Clears every cookie whose name matches one of `patterns`, except those in `keep`. Returns the names cleared. */
export function clearCookies(
  patterns: readonly string[], host: string, extraDomain: string | null, keep: readonly string[] = [], pathname = currentPath(),
): string[] {
  const cleared: string[] = [];
  if (patterns.length === 0) return cleared;
  for (const name of cookieNames().keys()) {
    if (!keep.includes(name) && patterns.some((p) => matchesPattern(name, p))) {
      removeCookie(name, host, extraDomain, pathname);
      cleared.push(name);
    }
  }
  return cleared;
}
