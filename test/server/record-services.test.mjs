// The consent record's service choices (docs/contract.md §6): optional in RECORD_SCHEMA, lists of ids,
// a service never both granted and denied; records without them (earlier versions) stay valid.
// Both stores keep them (schema version 6, column `services`): the receiver stores them, export and
// find show them, the chain covers them; a database of schema version 5, written as the code of that
// version wrote it, migrates when it is opened and still verifies.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASES, exported, post, run, server, sql } from './helpers.mjs';
import { sampleRecord } from './sample-record.mjs';

const { openRecordStore, startReceiver } = server;

describe('record schema: services', () => {
  it('takes a record with the services chosen one by one, and one without them', async () => {
    const validate = await server.createRecordValidator();
    const record = sampleRecord({ services: { granted: ['youtube'], denied: ['yandex-direct'] } });
    const result = validate(record);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.record.services, { granted: ['youtube'], denied: ['yandex-direct'] });
    assert.equal(validate(sampleRecord()).ok, true);
  });

  it('refuses a service both granted and denied, a bad id, a missing list or an extra key', async () => {
    const validate = await server.createRecordValidator();
    const refused = [
      [{ granted: ['youtube'], denied: ['youtube'] }, /\/services\/denied "youtube" is also granted/],
      [{ granted: ['YouTube'], denied: [] }, /\/services\/granted\/0/],
      [{ granted: ['youtube'] }, /\/services/],
      [{ granted: [], denied: [], all: true }, /\/services/],
    ];
    for (const [services, message] of refused) {
      const result = validate(sampleRecord({ services }));
      assert.equal(result.ok, false, JSON.stringify(services));
      assert.match(result.errors.join(' '), message);
    }
  });
});

const received = (patch = {}) => ({ ...sampleRecord(patch), receivedAt: new Date().toISOString(), ip: '203.0.113.0' });

/** The schema of version 5, as the migrations of that version built it (types per database). */
const V5_SQL = (seq, time, list, bool) => [
  `CREATE TABLE consent_records (seq ${seq} PRIMARY KEY, id TEXT NOT NULL UNIQUE, received_at ${time} NOT NULL, ip TEXT,
     ts TEXT NOT NULL, rev TEXT NOT NULL, method TEXT NOT NULL, source TEXT NOT NULL, granted ${list} NOT NULL, denied ${list} NOT NULL,
     policy_url TEXT NOT NULL, consent_url TEXT, lang TEXT NOT NULL, page_url TEXT NOT NULL, user_agent TEXT NOT NULL);
   CREATE INDEX consent_records_received ON consent_records (received_at, seq);`,
  `ALTER TABLE consent_records ADD COLUMN hash TEXT;
   CREATE TABLE consent_chain_pruned (seq ${seq === 'BIGSERIAL' ? 'BIGINT' : seq} PRIMARY KEY, hash TEXT NOT NULL, received_at ${time} NOT NULL, pruned_at ${time} NOT NULL);`,
  `ALTER TABLE consent_records ADD COLUMN replaces TEXT;
   CREATE INDEX consent_records_replaces ON consent_records (replaces);`,
  `ALTER TABLE consent_records ADD COLUMN gpc ${bool};`,
  `ALTER TABLE consent_records ADD COLUMN shown TEXT;
   CREATE INDEX consent_records_shown ON consent_records (shown);
   CREATE TABLE consent_shown (digest TEXT PRIMARY KEY, content TEXT NOT NULL, received_at ${time} NOT NULL);`,
];

/** The chain hash of schema version 5, written out here so that a change to the chain's code cannot hide a break. */
function v5Hash(previous, r) {
  const fields = [
    r.id, new Date(r.receivedAt).toISOString(), r.ip ?? null, r.ts, r.rev, r.method, r.source,
    r.granted, r.denied, r.policyUrl, r.consentUrl ?? null, r.lang, r.pageUrl, r.userAgent, r.replaces ?? null,
  ];
  const later = {};
  if (typeof r.gpc === 'boolean') later.gpc = r.gpc;
  if (r.shown !== undefined) later.shown = r.shown;
  if (Object.keys(later).length) fields.push(later);
  return createHash('sha256').update(previous).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Writes a version-5 database at `url` holding `records`, chained as version 5 chained them. Their
 * `services`, if any, are dropped, as version 5 dropped them.
 */
async function writeV5(url, records, versions) {
  let previous = '0'.repeat(64);
  const rows = records.map((r, i) => ({ ...r, seq: i + 1, hash: (previous = v5Hash(previous, r)) }));
  const columns = 'seq, hash, id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent, replaces, gpc, shown';
  const values = (r, list, bool) => [
    r.seq, r.hash, r.id, r.receivedAt, r.ip, r.ts, r.rev, r.method, r.source, list(r.granted), list(r.denied), r.policyUrl, r.consentUrl,
    r.lang, r.pageUrl, r.userAgent, r.replaces ?? null, typeof r.gpc === 'boolean' ? bool(r.gpc) : null, r.shown === undefined ? null : r.shown ?? '',
  ];
  const placeholders = (marker) => Array.from({ length: 19 }, (_, i) => marker(i + 1)).join(', ');
  if (url.startsWith('sqlite:')) {
    const raw = new Database(url.slice('sqlite:'.length));
    for (const text of V5_SQL('INTEGER', 'TEXT', 'TEXT', 'INTEGER')) raw.exec(text);
    const put = raw.prepare(`INSERT INTO consent_records (${columns}) VALUES (${placeholders(() => '?')})`);
    for (const r of rows) put.run(...values(r, JSON.stringify, Number));
    const keep = raw.prepare('INSERT INTO consent_shown (digest, content, received_at) VALUES (?, ?, ?)');
    for (const v of versions) keep.run(v.digest, v.content, v.receivedAt);
    raw.pragma('user_version = 5');
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const text of V5_SQL('BIGSERIAL', 'TIMESTAMPTZ', 'TEXT[]', 'BOOLEAN')) await client.query(text);
    for (const r of rows) await client.query(`INSERT INTO consent_records (${columns}) VALUES (${placeholders((n) => `$${n}`)})`, values(r, (l) => l, (b) => b));
    for (const v of versions) await client.query('INSERT INTO consent_shown (digest, content, received_at) VALUES ($1, $2, $3)', [v.digest, v.content, v.receivedAt]);
    await client.query("SELECT setval('consent_records_seq_seq', $1)", [rows.length]);
    await client.query('CREATE TABLE integrus_consent_schema (version INTEGER NOT NULL); INSERT INTO integrus_consent_schema (version) VALUES (5)');
  } finally {
    await client.end();
  }
}

/** The schema version the database says it has, read behind the store's back. */
async function schemaVersion(url) {
  if (url.startsWith('sqlite:')) {
    const raw = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      return raw.pragma('user_version', { simple: true });
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT version FROM integrus_consent_schema')).rows[0].version;
  } finally {
    await client.end();
  }
}

/** An object's keys in order: `services` comes back as `{ granted, denied }` from both databases. */
const keys = (value) => Object.keys(value);

for (const db of DATABASES) {
  describe(`services kept on ${db.name}`, { skip: db.skip }, () => {
    it('a record with services posted to the receiver is stored, found and exported (JSON Lines and CSV)', async () => {
      const target = await db.create();
      try {
        const store = await openRecordStore(target.url);
        const receiver = await startReceiver({ store, port: 0, rateLimit: false });
        // As a placeholder's button sends it, and one sent with its lists in the other order.
        const youtube = sampleRecord({ services: { granted: ['youtube'], denied: [] } });
        const both = sampleRecord({ services: { denied: ['yandex-direct', 'vk-ads'], granted: ['youtube', 'rutube'] } });
        const none = sampleRecord();
        try {
          for (const r of [youtube, both, none]) assert.equal((await post(receiver.url, r)).status, 204);
          // A retry is the same record; another choice of services under its id is not.
          assert.equal((await post(receiver.url, both)).status, 204);
          assert.equal((await post(receiver.url, { ...both, services: { granted: ['youtube'], denied: ['yandex-direct', 'vk-ads', 'rutube'] } })).status, 409);
          assert.equal((await post(receiver.url, { ...youtube, services: undefined })).status, 409);
          assert.equal((await post(receiver.url, { ...none, services: { granted: ['youtube'], denied: [] } })).status, 409);
        } finally {
          await receiver.close();
        }
        const [kept] = await store.find(both.id);
        assert.deepEqual(kept.services, { granted: ['youtube', 'rutube'], denied: ['yandex-direct', 'vk-ads'] });
        assert.deepEqual(keys(kept.services), ['granted', 'denied']);
        assert.deepEqual((await store.find(youtube.id))[0].services, { granted: ['youtube'], denied: [] });
        assert.equal('services' in (await store.find(none.id))[0], false);
        assert.deepEqual((await exported(store)).map((r) => r.services), [youtube.services, { granted: ['youtube', 'rutube'], denied: ['yandex-direct', 'vk-ads'] }, undefined]);
        await store.close();

        const found = await run(['find', '--db', target.url, both.id]);
        assert.equal(found.code, 0, found.err);
        assert.deepEqual(JSON.parse(found.out).services, { granted: ['youtube', 'rutube'], denied: ['yandex-direct', 'vk-ads'] });
        const jsonl = await run(['export', '--db', target.url]);
        assert.equal(jsonl.code, 0, jsonl.err);
        const lines = jsonl.out.trim().split('\n').map((line) => JSON.parse(line));
        assert.deepEqual(lines.map((r) => r.id), [youtube.id, both.id, none.id]);
        assert.deepEqual(lines.map((r) => r.services), [youtube.services, { granted: ['youtube', 'rutube'], denied: ['yandex-direct', 'vk-ads'] }, undefined]);
        const csv = await run(['export', '--db', target.url, '--format', 'csv']);
        assert.equal(csv.code, 0, csv.err);
        const [header, ...rows] = csv.out.trim().split('\r\n');
        assert.match(header, /,gpc,servicesGranted,servicesDenied$/);
        assert.deepEqual(rows.map((row) => row.split(',').slice(-2)), [['youtube', ''], ['youtube rutube', 'yandex-direct vk-ads'], ['', '']]);

        const verified = await run(['verify', '--db', target.url]);
        assert.equal(verified.code, 0, verified.err);
        assert.match(verified.out, /The chain holds: 3 records/);
      } finally {
        await target.cleanup();
      }
    });

    it('verify finds a stored services value edited, removed or added behind the store', async () => {
      const sqlite = db.name === 'SQLite';
      const edits = [
        // The visitor's refusal of one service turned into a grant.
        (r) => `UPDATE consent_records SET services = '{"granted":["youtube","yandex-direct"],"denied":[]}' WHERE id = '${r.id}'`,
        (r) => `UPDATE consent_records SET services = NULL WHERE id = '${r.id}'`,
        (r) => `UPDATE consent_records SET services = '{"granted":["youtube"],"denied":["yandex-direct"],"note":1}' WHERE id = '${r.id}'`,
        (r) => `UPDATE consent_records SET services = '[]' WHERE id = '${r.id}'`,
        ...(sqlite ? [(r) => `UPDATE consent_records SET services = 'not json' WHERE id = '${r.id}'`] : []),
      ];
      for (const edit of edits) {
        const target = await db.create();
        try {
          const store = await openRecordStore(target.url);
          const first = received();
          const chosen = received({ services: { granted: ['youtube'], denied: ['yandex-direct'] } });
          const last = received();
          for (const r of [first, chosen, last]) assert.equal(await store.add(r), 'stored');
          assert.equal((await store.verify()).ok, true);
          await store.close();
          assert.equal((await run(['verify', '--db', target.url])).code, 0);

          await sql(target.url, edit(chosen));
          const broken = await run(['verify', '--db', target.url]);
          assert.equal(broken.code, 1, `${edit(chosen)}: ${broken.out}`);
          assert.match(broken.err, new RegExp(`broken at record #2 \\(id ${chosen.id}\\)`), edit(chosen));
        } finally {
          await target.cleanup();
        }
      }

      // Services given to a record that had none.
      const target = await db.create();
      try {
        const store = await openRecordStore(target.url);
        const plain = received();
        assert.equal(await store.add(plain), 'stored');
        await store.close();
        await sql(target.url, `UPDATE consent_records SET services = '{"granted":["youtube"],"denied":[]}' WHERE id = '${plain.id}'`);
        const broken = await run(['verify', '--db', target.url]);
        assert.equal(broken.code, 1, broken.out);
        assert.match(broken.err, new RegExp(`broken at record #1 \\(id ${plain.id}\\)`));
      } finally {
        await target.cleanup();
      }
    });

    it('a database of schema version 5 migrates when opened; its records, old and new, verify', async () => {
      const target = await db.create();
      try {
        const content = JSON.stringify({ lang: 'ru', layers: ['banner'], texts: { banner: { title: 'Мы используем файлы cookie' } } });
        const digest = createHash('sha256').update(content).digest('hex');
        const old = [
          received({ gpc: true, shown: digest }),
          received({ gpc: false, shown: null }),
          // Sent with services to a receiver of version 5, which did not keep them.
          received({ gpc: false, services: { granted: ['youtube'], denied: [] } }),
          received(),
        ];
        old[3].replaces = old[0].id;
        await writeV5(target.url, old, [{ digest, content, receivedAt: old[0].receivedAt }]);

        const store = await openRecordStore(target.url);
        assert.equal(await schemaVersion(target.url), 6);
        // Nothing lost, nothing made up: each old record reads back as version 5 kept it.
        const keptOfThird = { ...old[2] };
        delete keptOfThird.services;
        for (const [r, expected] of [[old[0], old[0]], [old[1], old[1]], [old[2], keptOfThird], [old[3], old[3]]]) {
          assert.deepEqual(await store.find(r.id), [expected]);
        }
        assert.equal((await store.shown(digest)).content, content);
        const fresh = received({ gpc: false, services: { granted: ['youtube'], denied: ['yandex-direct'] } });
        assert.equal(await store.add(fresh), 'stored');
        assert.deepEqual(await store.find(fresh.id), [fresh]);
        const result = await store.verify();
        await store.close();
        assert.equal(result.ok, true, JSON.stringify(result));
        assert.equal(result.records, 5);

        const cli = await run(['verify', '--db', target.url]);
        assert.equal(cli.code, 0, cli.err);
        assert.match(cli.out, /The chain holds: 5 records/);
        // Opened again: already version 6, nothing runs twice.
        await (await openRecordStore(target.url)).close();
        assert.equal(await schemaVersion(target.url), 6);

        // The new record's services are in the chain; the old records stay verifiable beside them.
        await sql(target.url, `UPDATE consent_records SET services = '{"granted":["youtube","yandex-direct"],"denied":[]}' WHERE id = '${fresh.id}'`);
        const broken = await run(['verify', '--db', target.url]);
        assert.equal(broken.code, 1, broken.out);
        assert.match(broken.err, new RegExp(`broken at record #5 \\(id ${fresh.id}\\)`));
        assert.match(broken.err, /4 records before it verify/);
      } finally {
        await target.cleanup();
      }
    });
  });
}
