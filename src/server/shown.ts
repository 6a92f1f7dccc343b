/// <reference types="node" />
/**
 * What the visitor was shown (docs/records.md, "What the visitor read"): a record carries `shown`, the
 * SHA-256 (hex) of `shownContent`, the exact JSON text of the texts, categories and recipients on the
 * screen at the decision. The receiver checks the pair and keeps each distinct content once, keyed by
 * its digest (table `consent_shown`); the record row keeps the digest, which the hash chain covers.
 */
import { createHash } from 'node:crypto';
import type { ConsentRecord } from './schema.js';

/** The digest the browser computes (`crypto.subtle`, SHA-256 over the UTF-8 text), as lower-case hex. */
export function shownDigest(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Why `shown` and `shownContent` do not go together, or null when they do (or neither is there). */
export function shownMismatch(record: ConsentRecord): string | null {
  const { shown, shownContent } = record;
  if (typeof shown !== 'string') return shownContent === undefined ? null : '/shownContent is sent without its digest "shown"';
  if (typeof shownContent !== 'string') return '/shown names a version whose content "shownContent" is not sent';
  if (shownDigest(shownContent) !== shown) return '/shown is not the SHA-256 of shownContent';
  let parsed: unknown;
  try {
    parsed = JSON.parse(shownContent);
  } catch {
    return '/shownContent is not JSON';
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : '/shownContent is not a JSON object';
}

/**
 * `shownMismatch` with a memory of the versions it passed (the last `size`): most records carry a
 * version seen moments before, and comparing the text with the one that passed is much cheaper than
 * hashing and parsing it again.
 */
export function createShownCheck(size = 64): (record: ConsentRecord) => string | null {
  const passed = new Map<string, string>();
  return (record) => {
    const { shown, shownContent } = record;
    if (typeof shown === 'string' && typeof shownContent === 'string' && passed.get(shown) === shownContent) return null;
    const mismatch = shownMismatch(record);
    if (!mismatch && typeof shown === 'string' && typeof shownContent === 'string') {
      if (passed.size >= size) passed.delete(passed.keys().next().value as string);
      passed.set(shown, shownContent);
    }
    return mismatch;
  };
}
