/// <reference types="node" />
/**
 * Where consent records are kept: `openRecordStore(url)` opens SQLite (`sqlite:PATH`, an embedded
 * file) or PostgreSQL (`postgres://…`, for sites on several servers). One schema for both, created or
 * migrated when the store opens. A record is acknowledged only after its transaction committed.
 *
 * Writes are grouped: every record that arrives while the previous write is on disk goes into the
 * next transaction (group commit), so one `fsync` acknowledges many records.
 */
import type { VerifyResult } from './chain.js';
import type { ConsentRecord } from './schema.js';

export type { VerifyResult } from './chain.js';

/**
 * A record as kept: the browser's record plus what the receiver saw. `shownContent` is given to `add()`
 * and kept once per digest (`shown(digest)`), not with each record: `find` and `export` leave it out.
 */
export interface StoredRecord extends ConsentRecord {
  /** When the receiver got it (the server's clock, ISO 8601 UTC). */
  receivedAt: string;
  /** The visitor's address as configured (`ip: full | truncated | none`), or null. */
  ip: string | null;
}

/** One version of what was shown: the JSON text the digest is taken over, and when it first arrived. */
export interface ShownVersion {
  digest: string;
  content: string;
  receivedAt: string;
}

/** `stored`: new; `duplicate`: the same record was stored before (a retry); `conflict`: another record has this id. */
export type AddResult = 'stored' | 'duplicate' | 'conflict';

export interface ExportRange {
  /** Records received at or after this time. */
  since?: Date;
  /** Records received before this time. */
  until?: Date;
}

export interface RecordStore {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /** The store's URL without its password, for messages. */
  readonly description: string;
  /** Resolves once the record is committed (durable); rejects when the store cannot take it. */
  add(record: StoredRecord): Promise<AddResult>;
  /** Every record with this decision id (the cookie's `id`). */
  find(id: string): Promise<StoredRecord[]>;
  /** What was shown under this digest (the record's `shown`), kept once; null when it is not kept. */
  shown(digest: string): Promise<ShownVersion | null>;
  /** The records that name `id` in `replaces` (its changes and withdrawals), oldest first. */
  replacedBy(id: string): Promise<StoredRecord[]>;
  /** Records in the range, oldest first (by receive time), read page by page. */
  export(range?: ExportRange): AsyncGenerator<StoredRecord>;
  /**
   * Deletes records received more than `days` days ago; resolves with how many went. Each leaves its
   * place in the chain (`seq`, `hash`) so `verify()` still passes.
   */
  prune(days: number): Promise<number>;
  /** Checks the hash chain over every record in arrival order (docs/records.md, "A log no one can quietly edit"). */
  verify(): Promise<VerifyResult>;
  /** How many records are kept. */
  count(): Promise<number>;
  /** Writes what is pending, then closes the database. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /**
   * `false` for reading (`export`, `find`, `prune`): a database that does not exist is not created
   * (nor its folders); opening fails with {@link NoDatabaseError} instead. Default `true`.
   */
  create?: boolean;
}

/** Thrown by `openRecordStore(url, { create: false })` when there is no database at `url`. */
export class NoDatabaseError extends Error {
  constructor(where: string) {
    super(`no database at ${where}`);
    this.name = 'NoDatabaseError';
  }
}

/** The default store of the CLI: a file next to where it runs. */
export const DEFAULT_STORE_URL = 'sqlite:./consent-records.db';

/**
 * Opens a store: `sqlite:PATH` (`sqlite::memory:` for tests) or `postgres://user:pass@host/db`
 * (`postgresql://` too). Creates or migrates the schema before it resolves.
 * Throws a clear error for another scheme, or when the driver (`better-sqlite3`, `pg`) is not installed.
 */
export async function openRecordStore(url: string = DEFAULT_STORE_URL, options: OpenOptions = {}): Promise<RecordStore> {
  if (typeof url !== 'string' || !url) throw new TypeError('openRecordStore: expected a URL such as sqlite:./consent-records.db or postgres://…');
  const create = options.create ?? true;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    // An empty path (an unset variable in `sqlite:$DIR/…`) would be an in-memory database whose records vanish.
    if (!path.trim()) throw new TypeError('openRecordStore: "sqlite:" needs a file path (sqlite:./consent-records.db), or sqlite::memory: for a test');
    const { openSqliteStore } = await import('./sqlite-store.js');
    return openSqliteStore(path, create);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(url, options.poolSize ?? 10, create);
  }
  throw new TypeError(`openRecordStore: unsupported database URL "${redact(url)}"; use sqlite:PATH or postgres://…`);
}

/** Loads an optional driver, or says how to install it. */
export async function loadDriver<T>(name: string, load: () => Promise<T>, install: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(`The ${name} driver is not installed: run \`npm install --save-exact ${install}\``);
    }
    throw error;
  }
}

/** The URL without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/** The fields the browser sent, in schema order: equal for a retry of the same record. */
export function sameRecord(a: ConsentRecord, b: ConsentRecord): boolean {
  return (
    a.id === b.id && a.ts === b.ts && a.rev === b.rev && a.method === b.method && a.source === b.source &&
    a.policyUrl === b.policyUrl && (a.consentUrl ?? null) === (b.consentUrl ?? null) && a.lang === b.lang &&
    a.pageUrl === b.pageUrl && a.userAgent === b.userAgent && (a.replaces ?? null) === (b.replaces ?? null) && (a.gpc ?? null) === (b.gpc ?? null) && a.shown === b.shown &&
    JSON.stringify(a.granted) === JSON.stringify(b.granted) && JSON.stringify(a.denied) === JSON.stringify(b.denied) &&
    servicesColumn(a) === servicesColumn(b)
  );
}

/** Decides, in batch order, what happened to each record of a batch, given which ids are new. */
export function classify(batch: readonly StoredRecord[], inserted: Set<string>, existing: Map<string, StoredRecord>): AddResult[] {
  const claimed = new Set<string>();
  return batch.map((record) => {
    if (inserted.has(record.id) && !claimed.has(record.id)) {
      claimed.add(record.id);
      existing.set(record.id, record);
      return 'stored';
    }
    const kept = existing.get(record.id);
    return kept && sameRecord(kept, record) ? 'duplicate' : 'conflict';
  });
}

/** `since`/`until` as ISO strings (the stores compare receive times as such). */
export function rangeBounds(range: ExportRange = {}): { since: string | null; until: string | null } {
  const iso = (d: Date | undefined, name: string): string | null => {
    if (d === undefined) return null;
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`export: "${name}" is not a valid date`);
    return d.toISOString();
  };
  return { since: iso(range.since, 'since'), until: iso(range.until, 'until') };
}

export const EXPORT_PAGE = 1000;

/** Schema version 2: the hash chain (both databases; the SQL differs in types only). */
export const CHAIN_MIGRATION = (seq: string, time: string): string =>
  `ALTER TABLE consent_records ADD COLUMN hash TEXT;
   CREATE TABLE consent_chain_pruned (seq ${seq} PRIMARY KEY, hash TEXT NOT NULL, received_at ${time} NOT NULL, pruned_at ${time} NOT NULL);`;

/** Schema version 3: `replaces`, indexed for `replacedBy`. */
export const REPLACES_MIGRATION = `ALTER TABLE consent_records ADD COLUMN replaces TEXT;
   CREATE INDEX consent_records_replaces ON consent_records (replaces);`;

/** Schema version 4: `gpc` (null in the records of earlier versions, which did not keep it). */
export const GPC_MIGRATION = (type: string): string => `ALTER TABLE consent_records ADD COLUMN gpc ${type};`;

/**
 * Schema version 5: what was shown, the digest in each record (`''` for "no layer was shown", null for
 * records of earlier versions) and each distinct content once in `consent_shown`.
 */
export const SHOWN_MIGRATION = (time: string): string =>
  `ALTER TABLE consent_records ADD COLUMN shown TEXT;
   CREATE INDEX consent_records_shown ON consent_records (shown);
   CREATE TABLE consent_shown (digest TEXT PRIMARY KEY, content TEXT NOT NULL, received_at ${time} NOT NULL);`;

/**
 * Schema version 6: the services chosen one by one, as JSON `{"granted":[…],"denied":[…]}` (`TEXT` on
 * SQLite, `JSONB` on PostgreSQL); null when the record has none and in the records of earlier versions.
 */
export const SERVICES_MIGRATION = (type: string): string => `ALTER TABLE consent_records ADD COLUMN services ${type};`;

/** After a prune: the versions no kept record names. */
export const PRUNE_SHOWN_SQL = 'DELETE FROM consent_shown WHERE NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.shown = consent_shown.digest)';

/** The `shown` column's value: the digest, `''` for null (nothing shown), null when the record has no `shown`. */
export const shownColumn = (r: StoredRecord): string | null => (r.shown === undefined ? null : r.shown ?? '');

/**
 * The `services` column's value: the JSON text of `{ granted, denied }` (in that order, whatever the
 * order the browser sent), or null when the record has none.
 */
export const servicesColumn = (r: ConsentRecord): string | null =>
  r.services ? JSON.stringify({ granted: r.services.granted, denied: r.services.denied }) : null;

/**
 * The `services` column back into the record's field: SQLite gives the JSON text, PostgreSQL (`JSONB`)
 * the parsed value. A value that is not JSON (edited by hand) is returned as it is, so the chain, which
 * hashes it, reports the record instead of failing to read it.
 */
function servicesFromColumn(value: unknown): ConsentRecord['services'] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value;
    }
  }
  // `granted` first, as sent and as hashed (JSONB keeps object keys in an order of its own).
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed as ConsentRecord['services'];
  const { granted, denied, ...rest } = parsed as Record<string, unknown>;
  return { granted, denied, ...rest } as ConsentRecord['services'];
}

/** The versions a batch brings, once each: `[digest, content, receivedAt]`. */
export function shownVersions(batch: readonly StoredRecord[]): Array<[string, string, string]> {
  const found = new Map<string, [string, string, string]>();
  for (const r of batch) if (r.shown && r.shownContent !== undefined && !found.has(r.shown)) found.set(r.shown, [r.shown, r.shownContent, r.receivedAt]);
  return [...found.values()];
}

/** How the last link of the chain is read: the newest kept record or the newest pruned one. */
export const CHAIN_HEAD_SQL = `SELECT seq, hash FROM (
    SELECT seq, hash FROM (SELECT seq, hash FROM consent_records ORDER BY seq DESC LIMIT 1) kept
    UNION ALL
    SELECT seq, hash FROM (SELECT seq, hash FROM consent_chain_pruned ORDER BY seq DESC LIMIT 1) gone
  ) head ORDER BY seq DESC LIMIT 1`;

/**
 * After a prune, pruned links before the first kept record are one link: the newest of them is the
 * chain's base, the older ones are dropped.
 */
export const COLLAPSE_PRUNED_SQL = `DELETE FROM consent_chain_pruned WHERE seq < (
    SELECT max(seq) FROM consent_chain_pruned
    WHERE seq < coalesce((SELECT min(seq) FROM consent_records), (SELECT max(seq) + 1 FROM consent_chain_pruned)))`;

/** The columns of `consent_records` besides `seq`, in insert order (the same on both databases). */
export const RECORD_COLUMNS = [
  'id', 'received_at', 'ip', 'ts', 'rev', 'method', 'source', 'granted', 'denied', 'policy_url', 'consent_url', 'lang', 'page_url', 'user_agent', 'replaces', 'gpc', 'shown', 'services',
] as const;

/**
 * A row as a driver returns it: the lists, the receive time, `gpc` (SQLite: 0/1) and `services` (SQLite:
 * JSON text; PostgreSQL: parsed) in the database's own types.
 */
export type RecordRow<List, Time> = { seq: number | string; granted: List; denied: List; received_at: Time } & Record<
  'id' | 'ts' | 'rev' | 'method' | 'source' | 'policy_url' | 'lang' | 'page_url' | 'user_agent',
  string
> & { ip: string | null; consent_url: string | null; replaces: string | null; gpc: boolean | number | null; shown: string | null; services: unknown };

/** A row back into a record; `list` and `time` decode the database's types. */
export function recordFromRow<List, Time>(row: RecordRow<List, Time>, list: (v: List) => string[], time: (v: Time) => string): StoredRecord {
  return {
    id: row.id,
    ts: row.ts,
    rev: row.rev,
    granted: list(row.granted),
    denied: list(row.denied),
    method: row.method as StoredRecord['method'],
    source: row.source as StoredRecord['source'],
    policyUrl: row.policy_url,
    consentUrl: row.consent_url,
    lang: row.lang,
    pageUrl: row.page_url,
    userAgent: row.user_agent,
    receivedAt: time(row.received_at),
    ip: row.ip,
    ...(row.replaces ? { replaces: row.replaces } : {}),
    ...(row.gpc === null || row.gpc === undefined ? {} : { gpc: Boolean(row.gpc) }),
    ...(row.shown === null || row.shown === undefined ? {} : { shown: row.shown || null }),
    ...(row.services === null || row.services === undefined ? {} : { services: servicesFromColumn(row.services) }),
  };
}

interface Pending {
  record: StoredRecord;
  resolve: (result: AddResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: `add()` queues a record; the queue is written by `write(batch)` (one transaction)
 * on the next turn of the event loop, at most `parallel` batches at a time. Each caller's promise
 * settles with its own record's result once that transaction committed (or failed).
 */
export class Batcher {
  private queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly write: (batch: StoredRecord[]) => Promise<AddResult[]>,
    private readonly parallel = 1,
    private readonly maxBatch = 500,
  ) {}

  add(record: StoredRecord): Promise<AddResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or being written. */
  drain(): Promise<void> {
    if (!this.queue.length && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.parallel || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running >= this.parallel || !this.queue.length) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running += 1;
    try {
      const results = await this.write(batch.map((p) => p.record));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.running -= 1;
      this.schedule();
      if (!this.queue.length && !this.running) for (const done of this.idle.splice(0)) done();
    }
  }
}
