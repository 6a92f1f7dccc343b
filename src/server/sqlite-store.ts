/// <reference types="node" />
/**
 * SQLite store (`better-sqlite3` 12): one file, no server. WAL journal with `synchronous = FULL`: a
 * commit returns only after the WAL is flushed to disk, so an acknowledged record survives `kill -9`
 * of the process and a power cut (as far as the disk honours `fsync`). docs/records.md, "Durability".
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { Batcher, EXPORT_PAGE, NoDatabaseError, RECORD_COLUMNS, classify, loadDriver, rangeBounds, recordFromRow } from './store.js';
import type { AddResult, ExportRange, RecordRow, RecordStore, StoredRecord } from './store.js';

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

  const insert = db.prepare(
    `INSERT INTO consent_records (id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent)
     VALUES (@id, @receivedAt, @ip, @ts, @rev, @method, @source, @granted, @denied, @policyUrl, @consentUrl, @lang, @pageUrl, @userAgent)
     ON CONFLICT (id) DO NOTHING`,
  );
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM consent_records WHERE id = ? ORDER BY seq`);
  const writeBatch = db.transaction((batch: StoredRecord[]): AddResult[] => {
    const inserted = new Set<string>();
    const existing = new Map<string, StoredRecord>();
    for (const r of batch) {
      const info = insert.run({ ...r, consentUrl: r.consentUrl ?? null, granted: JSON.stringify(r.granted), denied: JSON.stringify(r.denied) });
      if (info.changes === 1) inserted.add(r.id);
      else if (!inserted.has(r.id) && !existing.has(r.id)) {
        const row = byId.get(r.id);
        if (row) existing.set(r.id, fromRow(row));
      }
    }
    return classify(batch, inserted, existing);
  });
  const batcher = new Batcher(async (batch) => writeBatch(batch), 1);
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
      const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
      return db.prepare('DELETE FROM consent_records WHERE received_at < ?').run(cutoff).changes;
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
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
