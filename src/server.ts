/**
 * For the site's server. `readConsentCookie` (Node, Deno, Bun, edge runtimes; no DOM, no
 * dependencies) reads the consent cookie from a `Cookie` header with exactly the checks the browser
 * makes:
 *
 * ```js
 * import { readConsentCookie } from 'integrus-consent/server';
 * const consent = readConsentCookie(req.headers.cookie, {
 *   revision: '2025-09-01',                                // the site's data-revision
 *   categories: ['analytics', 'personalization', 'marketing'], // the site's optional categories
 * });
 * if (consent?.granted.includes('analytics')) { ... }
 * // A service the visitor may have chosen on its own (a YouTube placeholder's button):
 * if (isGranted(consent, 'marketing', 'youtube')) { ... }
 * ```
 *
 * The consent-record receiver (Node 20+: `openRecordStore`, `createRecordHandler`, `startReceiver`,
 * `RECORD_SCHEMA`; docs/records.md) loads Ajv, and `better-sqlite3` or `pg` only when a store of that
 * kind is opened.
 */
import { DEFAULT_CATEGORIES } from './core/config.js';
import { decodeCookieValue, parseCookieHeader } from './core/cookie-header.js';
import { parseDecision } from './core/decision.js';
import { NECESSARY } from './core/types.js';
import { LOG_PREFIX } from './core/util.js';
import type { StoredDecision } from './core/decision.js';

export type { ServiceChoices, StoredDecision } from './core/decision.js';

export interface ReadOptions {
  /** The policy revision the site runs now (`data-revision`); another one means no decision. */
  revision: string;
  /** Cookie name (default `integrus_consent`). */
  name?: string;
  /**
   * The optional categories configured on the site, as in its `categories` option (the library's
   * default is `['analytics', 'personalization', 'marketing']`). Required: a cookie listing other
   * categories reads as no decision, so a wrong guess would silently read every cookie as none.
   */
  categories: readonly string[];
  /** Oldest decision still valid, in days (default 365). */
  maxAgeDays?: number;
}

/**
 * Returns the visitor's valid decision, or `null` for none: absent, malformed, tampered, another
 * revision, other categories, or the cookie present twice.
 */
export function readConsentCookie(cookieHeader: string | string[] | undefined | null, options: ReadOptions): StoredDecision | null {
  checkReadOptions(options);
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  if (typeof header !== 'string' || !header) return null;
  const values = parseCookieHeader(header).get(options.name ?? 'integrus_consent') ?? [];
  // Present twice (host and parent domain, or two paths): which one is current cannot be known.
  if (values.length !== 1) return null;
  const raw = decodeCookieValue(values[0]!);
  if (raw === undefined) return null;
  return parseDecision(raw, {
    revision: options.revision,
    categories: options.categories,
    maxAgeDays: options.maxAgeDays ?? 365,
  });
}

/**
 * Does `decision` (from `readConsentCookie`) grant `category`, or with `service` that service of it?
 * A service the visitor chose on its own (`decision.services`) has that choice; any other follows its
 * category, as in the browser (docs/contract.md §4). `null` (no decision) grants only `necessary`.
 */
export function isGranted(decision: StoredDecision | null, category: string, service?: string): boolean {
  if (category === NECESSARY) return true;
  if (!decision) return false;
  if (service && decision.services) {
    if (decision.services.granted.includes(service)) return true;
    if (decision.services.denied.includes(service)) return false;
  }
  return decision.granted.includes(category);
}

const USAGE = "readConsentCookie(cookieHeader, { revision: '2025-09-01', categories: ['analytics', 'personalization', 'marketing'] })";

/** A mistake in the options is the developer's, on every request: thrown at once, naming what is wrong. */
function checkReadOptions(options: unknown): asserts options is ReadOptions {
  const fail = (what: string): never => {
    throw new TypeError(`${LOG_PREFIX} readConsentCookie: ${what}. Call it as ${USAGE}, with the site's own values.`);
  };
  if (options === null || typeof options !== 'object') return fail('the options are missing (revision and categories are required)');
  const { revision, categories, name, maxAgeDays } = options as Record<string, unknown>;
  if (typeof revision !== 'string' || !revision) {
    fail(`"revision" is ${revision === undefined ? 'missing' : `not a non-empty string (${String(revision)})`}: give the site's data-revision`);
  }
  if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string' && c && c !== NECESSARY)) {
    fail(
      `"categories" is ${categories === undefined ? 'missing' : `not a list of optional category names (${String(categories)})`}: ` +
        `give the site's categories option, or ${JSON.stringify(DEFAULT_CATEGORIES)} if it sets none`,
    );
  }
  if (name !== undefined && (typeof name !== 'string' || !name)) fail(`"name" is not a cookie name (${String(name)})`);
  if (maxAgeDays !== undefined && !(typeof maxAgeDays === 'number' && maxAgeDays > 0)) fail(`"maxAgeDays" is not a positive number (${String(maxAgeDays)})`);
}

// Consent records (docs/records.md): the receiver, its stores and the record's schema.
export { openRecordStore, DEFAULT_STORE_URL, NoDatabaseError } from './server/store.js';
export type { AddResult, ExportRange, OpenOptions, RecordStore, ShownVersion, StoredRecord, VerifyResult } from './server/store.js';
export { createRecordHandler, MAX_RECORD_BYTES } from './server/handler.js';
export type { RecordHandler, RecordHandlerOptions, RecordRequest } from './server/handler.js';
export { startReceiver } from './server/receiver.js';
export type { Receiver, ReceiverOptions } from './server/receiver.js';
export { RECORD_SCHEMA, createRecordValidator } from './server/schema.js';
export type { ConsentRecord, RecordValidator } from './server/schema.js';
export type { IpMode } from './server/client-ip.js';
export type { RateLimitOptions } from './server/rate-limit.js';
