/**
 * For the site's server. `readConsentCookie` (Node, Deno, Bun, edge runtimes; no DOM, no
 * dependencies) reads the consent cookie from a `Cookie` header with exactly the checks the browser
 * makes:
 *
 * ```js
 * import { readConsentCookie } from 'integrus-consent/server';
 * const consent = readConsentCookie(req.headers.cookie, { revision: '2025-09-01' });
 * if (consent?.granted.includes('analytics')) { ... }
 * ```
 *
 * The consent-record receiver (Node 20+: `openRecordStore`, `createRecordHandler`, `startReceiver`,
 * `RECORD_SCHEMA`; docs/records.md) loads Ajv, and `better-sqlite3` or `pg` only when a store of that
 * kind is opened.
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

// Consent records (docs/records.md): the receiver, its stores and the record's schema.
export { openRecordStore, DEFAULT_STORE_URL, NoDatabaseError } from './server/store.js';
export type { AddResult, ExportRange, OpenOptions, RecordStore, StoredRecord, VerifyResult } from './server/store.js';
export { createRecordHandler, MAX_RECORD_BYTES } from './server/handler.js';
export type { RecordHandler, RecordHandlerOptions, RecordRequest } from './server/handler.js';
export { startReceiver } from './server/receiver.js';
export type { Receiver, ReceiverOptions } from './server/receiver.js';
export { RECORD_SCHEMA, createRecordValidator } from './server/schema.js';
export type { ConsentRecord, RecordValidator } from './server/schema.js';
export type { IpMode } from './server/client-ip.js';
export type { RateLimitOptions } from './server/rate-limit.js';
