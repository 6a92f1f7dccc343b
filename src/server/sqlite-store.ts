/// <reference types="node" />
/**
 * SQLite store (`better-sqlite3` 12): one file, no server. WAL journal with `synchronous = FULL`: a
 * commit returns only after the WAL is flushed to disk, so an acknowledged record survives `kill -9`
 * of the process and a power cut (as far as the disk honours `fsync`). docs/records.md, "Durability".
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { GENESIS, chainBatch, chainHash, mergeLinks, verifyChain } from './chain.js';
import type { ChainLink } from './chain.js';
import {
  Batcher, CHAIN_HEAD_SQL, CHAIN_MIGRATION, COLLAPSE_PRUNED_SQL, EXPORT_PAGE, NoDatabaseError, RECORD_COLUMNS, REPLACES_MIGRATION, GPC_MIGRATION, PRUNE_SHOWN_SQL, SERVICES_MIGRATION, SHOWN_MIGRATION, classify, loadDriver, rangeBounds, recordFromRow, servicesColumn, shownColumn, shownVersions,
} from './store.js';
import type { AddResult, ExportRange, RecordRow, RecordStore, ShownVersion, StoredRecord, VerifyResult } from './store.js';

/** Schema migrations, in order; `user_version` says how many ran. */
const MIGRATIONS = [
  `CREATE TABLE consent_records (
     seq          INTEGER PRIMARY KEY,
     id           TEXT NOT NULL UNIQUE,
     received_at  TEXT NOT NULL,
     ip           TEXT,
     ts           TEXT NOT NULL,
     rev          TEXT NOT NULL,
     method       TEXT NOT NULL,
     source       TEXT NOT NULL,
     granted      TEXT NOT NULL,
     denied       TEXT NOT NULL,
     policy_url   TEXT NOT NULL,
     consent_url  TEXT,
     lang         TEXT NOT NULL,
     page_url     TEXT NOT NULL,
     user_agent   TEXT NOT NULL
   );
   CREATE INDEX consent_records_received ON consent_records (received_at, seq);`,
  CHAIN_MIGRATION('INTEGER', 'TEXT'),
  REPLACES_MIGRATION,
  GPC_MIGRATION('INTEGER'),
  SHOWN_MIGRATION('TEXT'),
  SERVICES_MIGRATION('TEXT'),
];

type Row = RecordRow<string, string> & { seq: number };

const COLUMNS = `seq, ${RECORD_COLUMNS.join(', ')}`;
const fromRow = (row: Row): StoredRecord => recordFromRow(row, (v) => JSON.parse(v) as string[], (v) => v);

/** `create: false` opens only a file that exists (a read never creates a database or its folders). */
export async function openSqliteStore(path: string, create = true): Promise<RecordStore> {
  const { default: Database } = await loadDriver('SQLite', () => import('better-sqlite3'), 'better-sqlite3@12');
  const memory = path === ':memory:';
  const file = memory ? ':memory:' : resolve(path);
  if (!memory && !create && !existsSync(file)) throw new NoDatabaseError(`sqlite:${file}`);
  if (!memory && create && !existsSync(file)) {
    // Readable by its owner only (0600); SQLite gives its -wal and -shm files the same mode.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  const db: SqliteDatabase = new Database(file, { fileMustExist: !memory });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  // `seq` is given explicitly (the chain's next place), so a pruned place is never reused.
  const insert = db.prepare(
    `INSERT INTO consent_records (seq, hash, id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent, replaces, gpc, shown, services)
     VALUES (@seq, @hash, @id, @receivedAt, @ip, @ts, @rev, @method, @source, @granted, @denied, @policyUrl, @consentUrl, @lang, @pageUrl, @userAgent, @replaces, @gpc, @shown, @services)
     ON CONFLICT (id) DO NOTHING`,
  );
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM consent_records WHERE id = ? ORDER BY seq`);
  const chainHead = db.prepare<[], { seq: number; hash: string | null }>(CHAIN_HEAD_SQL);
  const insertShown = db.prepare('INSERT INTO consent_shown (digest, content, received_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING');
  const shownByDigest = db.prepare<[string], { digest: string; content: string; received_at: string }>('SELECT digest, content, received_at FROM consent_shown WHERE digest = ?');
  const writeBatch = db.transaction((batch: StoredRecord[]): AddResult[] => {
    const inserted = new Set<string>();
    const existing = new Map<string, StoredRecord>();
    const head = chainHead.get();
    let seq = head?.seq ?? 0;
    let previous = head ? head.hash ?? '' : GENESIS;
    for (const r of batch) {
      const hash = chainHash(previous, r);
      const info = insert.run({ ...r, seq: seq + 1, hash, consentUrl: r.consentUrl ?? null, replaces: r.replaces ?? null, gpc: typeof r.gpc === 'boolean' ? Number(r.gpc) : null, shown: shownColumn(r), services: servicesColumn(r), granted: JSON.stringify(r.granted), denied: JSON.stringify(r.denied) });
      if (info.changes === 1) {
        inserted.add(r.id);
        seq += 1;
        previous = hash;
      } else if (!inserted.has(r.id) && !existing.has(r.id)) {
        const row = byId.get(r.id);
        if (row) existing.set(r.id, fromRow(row));
      }
    }
    for (const version of shownVersions(batch.filter((r) => inserted.has(r.id)))) insertShown.run(...version);
    return classify(batch, inserted, existing);
  });
  const batcher = new Batcher(async (batch) => writeBatch.immediate(batch), 1);
  const pruneBefore = db.transaction((cutoff: string): number => {
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO consent_chain_pruned (seq, hash, received_at, pruned_at)
       SELECT seq, coalesce(hash, ''), received_at, ? FROM consent_records WHERE received_at < ?`,
    ).run(now, cutoff);
    const removed = db.prepare('DELETE FROM consent_records WHERE received_at < ?').run(cutoff).changes;
    db.prepare(COLLAPSE_PRUNED_SQL).run();
    db.prepare(PRUNE_SHOWN_SQL).run();
    return removed;
  });
  /** Walks the chain: the pruned links (few) in memory, the kept ones page by page. */
  async function verifySnapshot(): Promise<VerifyResult> {
    const pruned = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM consent_chain_pruned ORDER BY seq').all();
    const page = db.prepare<[number], Row & { hash: string | null }>(`SELECT ${COLUMNS}, hash FROM consent_records WHERE seq > ? ORDER BY seq LIMIT ${EXPORT_PAGE}`);
    async function* kept(): AsyncGenerator<ChainLink> {
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = page.all(after);
        for (const row of rows) yield { seq: row.seq, hash: row.hash, record: fromRow(row) };
        if (rows.length < EXPORT_PAGE) return;
        after = rows[rows.length - 1]!.seq;
      }
    }
    return verifyChain(mergeLinks(pruned.map((p) => ({ seq: p.seq, hash: p.hash, record: null })), kept()));
  }
  let closed = false;

  return {
    kind: 'sqlite',
    description: `sqlite:${file}`,
    add(record) {
      if (closed) return Promise.reject(new Error('The record store is closed'));
      return batcher.add(record);
    },
    async find(id) {
      return byId.all(id).map(fromRow);
    },
    async shown(digest): Promise<ShownVersion | null> {
      const row = shownByDigest.get(digest);
      return row ? { digest: row.digest, content: row.content, receivedAt: row.received_at } : null;
    },
    async replacedBy(id) {
      return db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM consent_records WHERE replaces = ? ORDER BY seq`).all(id).map(fromRow);
    },
    async *export(range?: ExportRange) {
      const { since, until } = rangeBounds(range);
      const page = db.prepare<[string, string, number, string | null, string | null, string | null, string | null], Row>(
        `SELECT ${COLUMNS} FROM consent_records
         WHERE (received_at > ? OR (received_at = ? AND seq > ?))
           AND (? IS NULL OR received_at >= ?) AND (? IS NULL OR received_at < ?)
         ORDER BY received_at, seq LIMIT ${EXPORT_PAGE}`,
      );
      let after = { at: '', seq: -1 };
      for (;;) {
        const rows = page.all(after.at, after.at, after.seq, since, since, until, until);
        for (const row of rows) yield fromRow(row);
        if (rows.length < EXPORT_PAGE) return;
        const last = rows[rows.length - 1]!;
        after = { at: last.received_at, seq: last.seq };
      }
    },
    async prune(days) {
      if (closed) throw new Error('The record store is closed');
      const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
      return pruneBefore.immediate(cutoff);
    },
    async verify() {
      // One read transaction: a snapshot while `serve` goes on writing in another process. Nothing
      // else runs on this connection meanwhile: the walk below waits on no I/O.
      db.exec('BEGIN');
      try {
        return await verifySnapshot();
      } finally {
        db.exec('COMMIT');
      }
    },
    async count() {
      return (db.prepare('SELECT count(*) AS n FROM consent_records').get() as { n: number }).n;
    },
    async close() {
      if (closed) return;
      closed = true;
      await batcher.drain();
      db.close();
    },
  };
}

function migrate(db: SqliteDatabase): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      throw new Error(`The consent records database has schema version ${version}, newer than this version of integrus-consent knows (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v += 1) db.exec(MIGRATIONS[v]!);
    if (version === 1) chainExisting(db);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/**
 * A database from before the chain: its records are chained as they stand, in arrival order, when it
 * is upgraded (the chain then shows edits made after the upgrade, not before).
 */
function chainExisting(db: SqliteDatabase): void {
  const page = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM consent_records WHERE seq > ? ORDER BY seq LIMIT ${EXPORT_PAGE}`);
  const update = db.prepare('UPDATE consent_records SET hash = ? WHERE seq = ?');
  let previous = GENESIS;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(after);
    const hashes = chainBatch(previous, rows.map(fromRow));
    rows.forEach((row, i) => update.run(hashes[i], row.seq));
    if (rows.length) previous = hashes[hashes.length - 1]!;
    if (rows.length < EXPORT_PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}
