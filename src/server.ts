/**
 * For the site's server (Node, Deno, Bun, edge runtimes): read the consent cookie from a `Cookie`
 * header with exactly the checks the browser makes. No DOM, no dependencies.
 *
 * ```js
 * import { readConsentCookie } from 'integrus-consent/server';
 * const consent = readConsentCookie(req.headers.cookie, { revision: '2025-09-01' });
 * if (consent?.granted.includes('analytics')) { ... }
 * ```
 */
import { DEFAULT_CATEGORIES } from './core/config.js';
import { decodeCookieValue, parseCookieHeader } from './core/cookie-header.js';
import { parseDecision } from './core/decision.js';
import type { StoredDecision } from './core/decision.js';

export type { StoredDecision } from './core/decision.js';

export interface ReadOptions {
  /** The policy revision the site runs now (`data-revision`); another one means no decision. */
  revision: string;
  /** Cookie name (default `integrus_consent`). */
  name?: string;
  /** Optional categories configured on the site (default analytics, personalization, marketing). */
  categories?: readonly string[];
  /** Oldest decision still valid, in days (default 365). */
  maxAgeDays?: number;
}

/**
 * Returns the visitor's valid decision, or `null` for none: absent, malformed, tampered, another
 * revision, other categories, or the cookie present twice.
 */
export function readConsentCookie(cookieHeader: string | string[] | undefined | null, options: ReadOptions): StoredDecision | null {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  if (typeof header !== 'string' || !header) return null;
  const values = parseCookieHeader(header).get(options.name ?? 'integrus_consent') ?? [];
  // Present twice (host and parent domain, or two paths): which one is current cannot be known.
  if (values.length !== 1) return null;
  const raw = decodeCookieValue(values[0]!);
  if (raw === undefined) return null;
  return parseDecision(raw, {
    revision: options.revision,
    categories: options.categories ?? DEFAULT_CATEGORIES,
    maxAgeDays: options.maxAgeDays ?? 365,
  });
}
