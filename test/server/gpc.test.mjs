// `gpc` is kept (schema version 4): both stores keep it, export and find show it, the chain covers it;
// a database of schema version 3, written as the code of that version wrote it, migrates when it is
// opened and still verifies (its records, which have no `gpc`, hash exactly as before).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASES, exported, record, run, server, sql } from './helpers.mjs';

const { openRecordStore } = server;
const received = (patch = {}) => ({ ...record(patch), receivedAt: new Date().toISOString(), ip: '203.0.113.0' });

/** The schema of version 3, as the migrations of that version built it (types per database). */
const V3_SQL = (seq, time, list) => [
  `CREATE TABLE consent_records (seq ${seq} PRIMARY KEY, id TEXT NOT NULL UNIQUE, received_at ${time} NOT NULL, ip TEXT,
     ts TEXT NOT NULL, rev TEXT NOT NULL, method TEXT NOT NULL, source TEXT NOT NULL, granted ${list} NOT NULL, denied ${list} NOT NULL,
     policy_url TEXT NOT NULL, consent_url TEXT, lang TEXT NOT NULL, page_url TEXT NOT NULL, user_agent TEXT NOT NULL);
   CREATE INDEX consent_records_received ON consent_records (received_at, seq);`,
  `ALTER TABLE consent_records ADD COLUMN hash TEXT;
   CREATE TABLE consent_chain_pruned (seq ${seq === 'BIGSERIAL' ? 'BIGINT' : seq} PRIMARY KEY, hash TEXT NOT NULL, received_at ${time} NOT NULL, pruned_at ${time} NOT NULL);`,
  `ALTER TABLE consent_records ADD COLUMN replaces TEXT;
   CREATE INDEX consent_records_replaces ON consent_records (replaces);`,
];

/** The chain hash of schema version 3, written out here so that a change to the chain's code cannot hide a break. */
function v3Hash(previous, r) {
  const canonical = JSON.stringify([
    r.id, new Date(r.receivedAt).toISOString(), r.ip ?? null, r.ts, r.rev, r.method, r.source,
    r.granted, r.denied, r.policyUrl, r.consentUrl ?? null, r.lang, r.pageUrl, r.userAgent, r.replaces ?? null,
  ]);
  return createHash('sha256').update(previous).update('\n').update(canonical).digest('hex');
}

/** Writes a version-3 database at `url` holding `records`, chained as version 3 chained them. */
async function writeV3(url, records) {
  let previous = '0'.repeat(64);
  const rows = records.map((r, i) => ({ ...r, seq: i + 1, hash: (previous = v3Hash(previous, r)) }));
  const insert = `INSERT INTO consent_records (seq, hash, id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent, replaces)`;
  if (url.startsWith('sqlite:')) {
    const raw = new Database(url.slice('sqlite:'.length));
    for (const sql of V3_SQL('INTEGER', 'TEXT', 'TEXT')) raw.exec(sql);
    const put = raw.prepare(`${insert} VALUES (@seq, @hash, @id, @receivedAt, @ip, @ts, @rev, @method, @source, @granted, @denied, @policyUrl, @consentUrl, @lang, @pageUrl, @userAgent, @replaces)`);
    for (const r of rows) put.run({ ...r, replaces: r.replaces ?? null, granted: JSON.stringify(r.granted), denied: JSON.stringify(r.denied) });
    raw.pragma('user_version = 3');
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of V3_SQL('BIGSERIAL', 'TIMESTAMPTZ', 'TEXT[]')) await client.query(sql);
    for (const r of rows) {
      await client.query(`${insert} VALUES (${Array.from({ length: 17 }, (_, i) => `$${i + 1}`).join(', ')})`, [
        r.seq, r.hash, r.id, r.receivedAt, r.ip, r.ts, r.rev, r.method, r.source, r.granted, r.denied, r.policyUrl, r.consentUrl, r.lang, r.pageUrl, r.userAgent, r.replaces ?? null,
      ]);
    }
    await client.query("SELECT setval('consent_records_seq_seq', $1)", [rows.length]);
    await client.query('CREATE TABLE integrus_consent_schema (version INTEGER NOT NULL); INSERT INTO integrus_consent_schema (version) VALUES (3)');
  } finally {
    await client.end();
  }
}

for (const db of DATABASES) {
  describe(`gpc on ${db.name}`, { skip: db.skip }, () => {
    it('is kept, found, exported (JSON and CSV) and covered by the chain', async () => {
      const target = await db.create();
      try {
        const store = await openRecordStore(target.url);
        const on = received({ gpc: true, source: 'gpc', granted: ['necessary'], denied: ['marketing'], method: 'accept-all' });
        const off = received({ gpc: false });
        const before = received();
        delete before.gpc; // a record of an earlier browser version
        for (const r of [on, off, before]) assert.equal(await store.add(r), 'stored');
        assert.deepEqual(await store.find(on.id), [on]);
        assert.deepEqual(await store.find(off.id), [off]);
        assert.equal('gpc' in (await store.find(before.id))[0], false);
        assert.deepEqual((await exported(store)).map((r) => r.gpc), [true, false, undefined]);
        // A retry that says otherwise about GPC is another record.
        assert.equal(await store.add({ ...off, gpc: true }), 'conflict');
        assert.equal(await store.add({ ...off }), 'duplicate');
        await store.close();

        const found = await run(['find', '--db', target.url, on.id]);
        assert.equal(found.code, 0, found.err);
        assert.equal(JSON.parse(found.out).gpc, true);
        const csv = await run(['export', '--db', target.url, '--format', 'csv']);
        const [header, ...lines] = csv.out.trim().split('\r\n');
        // gpc, then the services chosen one by one (none here); counted from the end: user agents hold commas.
        assert.match(header, /,gpc,servicesGranted,servicesDenied$/);
        assert.deepEqual(lines.map((line) => line.split(',').slice(-3)), [['true', '', ''], ['false', '', ''], ['', '', '']]);

        assert.equal((await run(['verify', '--db', target.url])).code, 0);
        await sql(target.url, `UPDATE consent_records SET gpc = ${db.name === 'SQLite' ? '0' : 'false'} WHERE id = '${on.id}'`);
        const broken = await run(['verify', '--db', target.url]);
        assert.equal(broken.code, 1, broken.out);
        assert.match(broken.err, new RegExp(`broken at record #1 \\(id ${on.id}\\)`));
      } finally {
        await target.cleanup();
      }
    });

    it('a database of schema version 3 migrates when opened and still verifies, old records and new', async () => {
      const target = await db.create();
      try {
        const old = [received(), received(), received()];
        old[2].replaces = old[0].id;
        for (const r of old) delete r.gpc;
        await writeV3(target.url, old);

        const store = await openRecordStore(target.url);
        const fresh = received({ gpc: true });
        assert.equal(await store.add(fresh), 'stored');
        assert.deepEqual(await store.find(old[1].id), [old[1]]);
        assert.deepEqual(await store.find(fresh.id), [fresh]);
        const result = await store.verify();
        await store.close();
        assert.equal(result.ok, true, JSON.stringify(result));
        assert.equal(result.records, 4);

        const cli = await run(['verify', '--db', target.url]);
        assert.equal(cli.code, 0, cli.err);
        assert.match(cli.out, /The chain holds: 4 records/);
      } finally {
        await target.cleanup();
      }
    });
  });
}
