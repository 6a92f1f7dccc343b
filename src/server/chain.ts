/// <reference types="node" />
/**
 * The hash chain that makes the record log tamper-evident (docs/records.md, "A log no one can quietly
 * edit"). Each stored record keeps `hash = SHA-256(previous hash, "\n", its canonical content)`, in
 * arrival order (`seq`); the first record's previous hash is {@link GENESIS}. A pruned record leaves
 * its `seq` and `hash` in `consent_chain_pruned`, so the records after it still verify.
 * Loaded by the stores only (node:crypto), not by `readConsentCookie` users.
 */
import { createHash } from 'node:crypto';
import type { StoredRecord } from './store.js';

/** The previous hash of the first record. */
export const GENESIS = '0'.repeat(64);

/**
 * The record's content as hashed: every field, the receive time as ISO 8601 with milliseconds. Fields
 * added after the chain (`gpc`, `shown`, `services`) go in one trailing object, and only those the record
 * has: a record without them (every record written before schema version 4) hashes exactly as it did
 * then, and one without `services` (every record written before schema version 6) as it did before it.
 */
function canonical(r: StoredRecord): string {
  const fields: unknown[] = [
    r.id, new Date(r.receivedAt).toISOString(), r.ip ?? null, r.ts, r.rev, r.method, r.source,
    r.granted, r.denied, r.policyUrl, r.consentUrl ?? null, r.lang, r.pageUrl, r.userAgent, r.replaces ?? null,
  ];
  const later: Record<string, unknown> = {};
  if (typeof r.gpc === 'boolean') later.gpc = r.gpc;
  // The digest only: it binds the content kept in `consent_shown`.
  if (r.shown !== undefined) later.shown = r.shown;
  if (r.services !== undefined) later.services = services(r.services);
  if (Object.keys(later).length) fields.push(later);
  return JSON.stringify(fields);
}

/**
 * `services` as hashed: `granted` then `denied`, whatever order the browser sent them in or the database
 * gives them back in; anything else a row holds (an edit) follows, so it changes the hash.
 */
function services(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { granted, denied, ...rest } = value as Record<string, unknown>;
  return { granted, denied, ...rest };
}

/** The hash a record gets after `previous`. */
export function chainHash(previous: string, record: StoredRecord): string {
  return createHash('sha256').update(previous).update('\n').update(canonical(record)).digest('hex');
}

/** One place in the chain: a kept record, or a pruned one (its hash only). */
export interface ChainLink {
  seq: number;
  hash: string | null;
  /** null for a pruned record. */
  record: StoredRecord | null;
}

export type VerifyResult =
  | { ok: true; records: number; pruned: number; head: string }
  | { ok: false; records: number; pruned: number; head: string; bad: { seq: number; id: string | null }; reason: string };

/**
 * Walks the chain in `seq` order. `head` is the last hash that verified (on success, the one to
 * anchor elsewhere); `bad` the first link that does not.
 */
export async function verifyChain(links: AsyncIterable<ChainLink>): Promise<VerifyResult> {
  let previous = GENESIS;
  let records = 0;
  let pruned = 0;
  let lastSeq = -Infinity;
  for await (const link of links) {
    const fail = (reason: string): VerifyResult => ({ ok: false, records, pruned, head: previous, bad: { seq: link.seq, id: link.record?.id ?? null }, reason });
    if (link.seq === lastSeq) return fail('is both pruned and kept');
    lastSeq = link.seq;
    if (!link.hash) return fail('has no hash: it was written past the chain (by hand, or by a receiver without it)');
    if (!link.record) {
      pruned += 1;
      previous = link.hash;
      continue;
    }
    if (chainHash(previous, link.record) !== link.hash) {
      return fail('does not match the chain: it was edited, or a record before it was deleted, inserted or moved');
    }
    records += 1;
    previous = link.hash;
  }
  return { ok: true, records, pruned, head: previous };
}

/** Merges the pruned links (few, in memory) into the kept ones (paged), both in `seq` order. */
export async function* mergeLinks(pruned: ChainLink[], kept: AsyncIterable<ChainLink>): AsyncGenerator<ChainLink> {
  let i = 0;
  for await (const link of kept) {
    while (i < pruned.length && pruned[i]!.seq <= link.seq) yield pruned[i++]!;
    yield link;
  }
  while (i < pruned.length) yield pruned[i++]!;
}

/** Hashes a batch after `head`: the hash of each record, in order. */
export function chainBatch(head: string, batch: readonly StoredRecord[]): string[] {
  let previous = head;
  return batch.map((record) => (previous = chainHash(previous, record)));
}
