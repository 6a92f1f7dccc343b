/// <reference types="node" />
/**
 * PostgreSQL store (`pg`), for sites on several servers: they share one table. A record is
 * acknowledged after its `INSERT` committed (PostgreSQL's default `synchronous_commit = on`: the WAL
 * is flushed before the commit returns). Records that arrive together go in one multi-row `INSERT`.
 */
import type { Pool, PoolClient } from 'pg';
import { GENESIS, chainBatch, mergeLinks, verifyChain } from './chain.js';
import type { ChainLink } from './chain.js';
import {
  Batcher, CHAIN_HEAD_SQL, CHAIN_MIGRATION, COLLAPSE_PRUNED_SQL, EXPORT_PAGE, NoDatabaseError, RECORD_COLUMNS, REPLACES_MIGRATION, GPC_MIGRATION, PRUNE_SHOWN_SQL, SERVICES_MIGRATION, SHOWN_MIGRATION, classify, loadDriver, rangeBounds, recordFromRow, redact, servicesColumn, shownColumn, shownVersions,
} from './store.js';
import type { AddResult, ExportRange, RecordRow, RecordStore, ShownVersion, StoredRecord } from './store.js';

/** Schema migrations, in order; `integrus_consent_schema.version` says how many ran. */
const MIGRATIONS = [
  `CREATE TABLE consent_records (
     seq          BIGSERIAL PRIMARY KEY,
     id           TEXT NOT NULL UNIQUE,
     received_at  TIMESTAMPTZ NOT NULL,
     ip           TEXT,
     ts           TEXT NOT NULL,
     rev          TEXT NOT NULL,
     method       TEXT NOT NULL,
     source       TEXT NOT NULL,
     granted      TEXT[] NOT NULL,
     denied       TEXT[] NOT NULL,
     policy_url   TEXT NOT NULL,
     consent_url  TEXT,
     lang         TEXT NOT NULL,
     page_url     TEXT NOT NULL,
     user_agent   TEXT NOT NULL
   );
   CREATE INDEX consent_records_received ON consent_records (received_at, seq);`,
  CHAIN_MIGRATION('BIGINT', 'TIMESTAMPTZ'),
  REPLACES_MIGRATION,
  GPC_MIGRATION('BOOLEAN'),
  SHOWN_MIGRATION('TIMESTAMPTZ'),
  SERVICES_MIGRATION('JSONB'),
];

/**
 * Every writer of the chain (each batch, in every receiver process on this database) takes this
 * transaction-level advisory lock first: appends to the chain happen one at a time, in `seq` order.
 */
const CHAIN_LOCK = "SELECT pg_advisory_xact_lock(hashtext('integrus_consent_chain'))";

const FIELDS = RECORD_COLUMNS;
const COLUMNS = `seq, ${FIELDS.join(', ')}`;

type Row = RecordRow<string[], Date> & { seq: string };
const fromRow = (row: Row): StoredRecord => recordFromRow(row, (v) => v, (v) => v.toISOString());

const values = (r: StoredRecord): unknown[] => [
  r.id, r.receivedAt, r.ip, r.ts, r.rev, r.method, r.source, r.granted, r.denied, r.policyUrl, r.consentUrl ?? null, r.lang, r.pageUrl, r.userAgent, r.replaces ?? null, typeof r.gpc === 'boolean' ? r.gpc : null, shownColumn(r), servicesColumn(r),
];

/** `create: false`: a database without the records table is not given one (NoDatabaseError). */
export async function openPostgresStore(url: string, poolSize: number, create = true): Promise<RecordStore> {
  const { default: pg } = await loadDriver('PostgreSQL', () => import('pg'), 'pg@8');
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.warn(`[integrus-consent] PostgreSQL connection lost: ${error.message}`));
  try {
    if (!create) {
      const found = await pool.query<{ t: string | null }>("SELECT to_regclass('consent_records')::text AS t");
      if (!found.rows[0]?.t) throw new NoDatabaseError(redact(url));
    }
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  /** Runs `work` in one transaction holding the chain lock. */
  async function underChainLock<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(CHAIN_LOCK);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  // Under the lock no one else inserts: the ids already kept are known before the INSERT, so only new
  // records are chained, and the multi-row INSERT takes `seq` values in the order of its rows.
  const writeBatch = (batch: StoredRecord[]): Promise<AddResult[]> =>
    underChainLock(async (client) => {
      const ids = [...new Set(batch.map((r) => r.id))];
      const kept = await client.query<Row>(`SELECT ${COLUMNS} FROM consent_records WHERE id = ANY($1)`, [ids]);
      const existing = new Map<string, StoredRecord>(kept.rows.map((row) => [row.id, fromRow(row)]));
      const fresh: StoredRecord[] = [];
      const seen = new Set<string>(existing.keys());
      for (const r of batch) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        fresh.push(r);
      }
      if (fresh.length) {
        const head = await client.query<{ hash: string | null }>(CHAIN_HEAD_SQL);
        const hashes = chainBatch(head.rows.length ? head.rows[0]!.hash ?? '' : GENESIS, fresh);
        const params: unknown[] = [];
        const rows = fresh.map((r, i) => {
          const first = params.length;
          params.push(...values(r), hashes[i]);
          return `(${[...FIELDS, 'hash'].map((_, j) => `$${first + j + 1}`).join(', ')})`;
        });
        await client.query(`INSERT INTO consent_records (${FIELDS.join(', ')}, hash) VALUES ${rows.join(', ')}`, params);
        const versions = shownVersions(fresh);
        if (versions.length) {
          await client.query(
            `INSERT INTO consent_shown (digest, content, received_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) ON CONFLICT (digest) DO NOTHING`,
            [versions.map((v) => v[0]), versions.map((v) => v[1]), versions.map((v) => v[2])],
          );
        }
      }
      return classify(batch, new Set(fresh.map((r) => r.id)), existing);
    });

  const batcher = new Batcher(writeBatch, Math.max(1, poolSize - 1));
  let closed = false;

  return {
    kind: 'postgres',
    description: redact(url),
    add(record) {
      if (closed) return Promise.reject(new Error('The record store is closed'));
      return batcher.add(record);
    },
    async find(id) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM consent_records WHERE id = $1 ORDER BY seq`, [id]);
      return result.rows.map(fromRow);
    },
    async shown(digest): Promise<ShownVersion | null> {
      const result = await pool.query<{ digest: string; content: string; received_at: Date }>('SELECT digest, content, received_at FROM consent_shown WHERE digest = $1', [digest]);
      const row = result.rows[0];
      return row ? { digest: row.digest, content: row.content, receivedAt: row.received_at.toISOString() } : null;
    },
    async replacedBy(id) {
      const result = await pool.query<Row>(`SELECT ${COLUMNS} FROM consent_records WHERE replaces = $1 ORDER BY seq`, [id]);
      return result.rows.map(fromRow);
    },
    async *export(range?: ExportRange) {
      const { since, until } = rangeBounds(range);
      let after: { at: Date | null; seq: string } = { at: null, seq: '0' };
      for (;;) {
        const result = await pool.query<Row>(
          `SELECT ${COLUMNS} FROM consent_records
           WHERE ($1::timestamptz IS NULL OR (received_at, seq) > ($1::timestamptz, $2::bigint))
             AND ($3::timestamptz IS NULL OR received_at >= $3) AND ($4::timestamptz IS NULL OR received_at < $4)
           ORDER BY received_at, seq LIMIT ${EXPORT_PAGE}`,
          [after.at, after.seq, since, until],
        );
        for (const row of result.rows) yield fromRow(row);
        if (result.rows.length < EXPORT_PAGE) return;
        const last = result.rows[result.rows.length - 1]!;
        after = { at: last.received_at, seq: last.seq };
      }
    },
    async prune(days) {
      if (closed) throw new Error('The record store is closed');
      return underChainLock(async (client) => {
        const cutoff = new Date(Date.now() - days * 86_400_000);
        await client.query(
          `INSERT INTO consent_chain_pruned (seq, hash, received_at, pruned_at)
           SELECT seq, coalesce(hash, ''), received_at, now() FROM consent_records WHERE received_at < $1`,
          [cutoff],
        );
        const result = await client.query('DELETE FROM consent_records WHERE received_at < $1', [cutoff]);
        await client.query(COLLAPSE_PRUNED_SQL);
        await client.query(PRUNE_SHOWN_SQL);
        return result.rowCount ?? 0;
      });
    },
    async verify() {
      // One snapshot (REPEATABLE READ) while receivers go on writing; the pruned links are few.
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const pruned = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM consent_chain_pruned ORDER BY seq');
        async function* kept(): AsyncGenerator<ChainLink> {
          let after = '-1';
          for (;;) {
            const page = await client.query<Row & { hash: string | null }>(
              `SELECT ${COLUMNS}, hash FROM consent_records WHERE seq > $1 ORDER BY seq LIMIT ${EXPORT_PAGE}`,
              [after],
            );
            for (const row of page.rows) yield { seq: Number(row.seq), hash: row.hash, record: fromRow(row) };
            if (page.rows.length < EXPORT_PAGE) return;
            after = page.rows[page.rows.length - 1]!.seq;
          }
        }
        return await verifyChain(mergeLinks(pruned.rows.map((p) => ({ seq: Number(p.seq), hash: p.hash, record: null })), kept()));
      } finally {
        await client.query('COMMIT').catch(() => {});
        client.release();
      }
    },
    async count() {
      const result = await pool.query<{ n: string }>('SELECT count(*) AS n FROM consent_records');
      return Number(result.rows[0]!.n);
    },
    async close() {
      if (closed) return;
      closed = true;
      await batcher.drain();
      await pool.end();
    },
  };
}

/** Runs the missing migrations in one transaction; an advisory lock keeps two servers from racing. */
async function migrate(pool: Pool): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('integrus_consent_schema'))");
    await client.query('CREATE TABLE IF NOT EXISTS integrus_consent_schema (version INTEGER NOT NULL)');
    const found = await client.query<{ version: number }>('SELECT version FROM integrus_consent_schema');
    const version = found.rows[0]?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(`The consent records database has schema version ${version}, newer than this version of integrus-consent knows (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v += 1) await client.query(MIGRATIONS[v]!);
    if (version === 1) await chainExisting(client);
    if (!found.rows.length) await client.query('INSERT INTO integrus_consent_schema (version) VALUES ($1)', [MIGRATIONS.length]);
    else await client.query('UPDATE integrus_consent_schema SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A database from before the chain: its records are chained as they stand, in arrival order, when it
 * is upgraded (inside the migration's transaction and lock).
 */
async function chainExisting(client: PoolClient): Promise<void> {
  await client.query(CHAIN_LOCK);
  let previous = GENESIS;
  let after = '-1';
  for (;;) {
    const page = await client.query<Row>(`SELECT ${COLUMNS} FROM consent_records WHERE seq > $1 ORDER BY seq LIMIT ${EXPORT_PAGE}`, [after]);
    const hashes = chainBatch(previous, page.rows.map(fromRow));
    if (page.rows.length) {
      await client.query('UPDATE consent_records AS r SET hash = v.hash FROM unnest($1::bigint[], $2::text[]) AS v(seq, hash) WHERE r.seq = v.seq', [
        page.rows.map((row) => row.seq), hashes,
      ]);
      previous = hashes[hashes.length - 1]!;
    }
    if (page.rows.length < EXPORT_PAGE) return;
    after = page.rows[page.rows.length - 1]!.seq;
  }
}
