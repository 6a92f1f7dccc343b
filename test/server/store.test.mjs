// The record stores (openRecordStore): the same behaviour on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASES, exported, record, server } from './helpers.mjs';

const { openRecordStore } = server;
const received = (iso, patch = {}) => ({ ...record(patch), receivedAt: iso, ip: '203.0.113.0' });
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString();

for (const db of DATABASES) {
  describe(`record store on ${db.name}`, { skip: db.skip }, () => {
    let target;
    let store;
    before(async () => {
      target = await db.create();
      store = await openRecordStore(target.url);
    });
    after(async () => {
      await store?.close();
      await target?.cleanup();
    });

    it('keeps a record with its receive time and address, and finds it by the decision id', async () => {
      const r = received(new Date().toISOString());
      assert.equal(await store.add(r), 'stored');
      assert.deepEqual(await store.find(r.id), [r]);
      assert.deepEqual(await store.find('00000000-0000-4000-8000-000000000000'), []);
    });

    it('keeps the same record sent twice once, and refuses another record under a stored id', async () => {
      const r = received(new Date().toISOString());
      const before = await store.count();
      assert.deepEqual(await Promise.all([store.add(r), store.add({ ...r })]), ['stored', 'duplicate']);
      // A retry arrives later, maybe from another address: still the same record.
      assert.equal(await store.add({ ...r, receivedAt: new Date().toISOString(), ip: null }), 'duplicate');
      assert.equal(await store.add({ ...r, granted: ['necessary', 'analytics', 'marketing'], denied: ['personalization'] }), 'conflict');
      assert.equal(await store.count(), before + 1);
      assert.deepEqual((await store.find(r.id)).map((x) => x.granted), [r.granted]);
    });

    it('commits 300 records that arrive at once, each exactly once', async () => {
      const before = await store.count();
      const batch = Array.from({ length: 300 }, () => received(new Date().toISOString()));
      const results = await Promise.all(batch.map((r) => store.add(r)));
      assert.deepEqual(new Set(results), new Set(['stored']));
      assert.equal(await store.count(), before + 300);
      for (const r of [batch[0], batch[150], batch[299]]) assert.deepEqual(await store.find(r.id), [r]);
    });

    it('exports oldest first by receive time, page by page, within since/until', async () => {
      const fresh = await db.create();
      const s = await openRecordStore(fresh.url);
      try {
        const times = [3, 1, 2].map((d) => daysAgo(d));
        const [c, a, b] = times.map((t) => received(t));
        for (const r of [c, a, b]) await s.add(r);
        assert.deepEqual((await exported(s)).map((r) => r.id), [c.id, b.id, a.id]);
        assert.deepEqual((await exported(s, { since: new Date(daysAgo(2.5)) })).map((r) => r.id), [b.id, a.id]);
        assert.deepEqual((await exported(s, { until: new Date(daysAgo(1.5)) })).map((r) => r.id), [c.id, b.id]);
        assert.deepEqual((await exported(s, { since: new Date(b.receivedAt), until: new Date(a.receivedAt) })).map((r) => r.id), [b.id]);
        await assert.rejects(s.export({ since: new Date('nope') }).next(), /"since" is not a valid date/);

        // More than one page (1000 rows): every record once, in order, even with equal receive times.
        const now = new Date().toISOString();
        const many = Array.from({ length: 2_345 }, (_, i) => received(i % 2 ? now : daysAgo(0.5)));
        await Promise.all(many.map((r) => s.add(r)));
        const all = await exported(s);
        assert.equal(all.length, 2_348);
        assert.equal(new Set(all.map((r) => r.id)).size, 2_348);
        const order = all.map((r) => r.receivedAt);
        assert.deepEqual(order, [...order].sort());
      } finally {
        await s.close();
        await fresh.cleanup();
      }
    });

    it('prunes records received more than N days ago, and only those', async () => {
      const old = received(daysAgo(400));
      const recent = received(daysAgo(10));
      await store.add(old);
      await store.add(recent);
      const before = await store.count();
      assert.equal(await store.prune(365), 1);
      assert.deepEqual(await store.find(old.id), []);
      assert.equal((await store.find(recent.id)).length, 1);
      assert.equal(await store.count(), before - 1);
    });

    it('creates its schema on first open; reopening keeps the records', async () => {
      const r = received(new Date().toISOString());
      await store.add(r);
      const again = await openRecordStore(target.url);
      try {
        assert.deepEqual(await again.find(r.id), [r]);
      } finally {
        await again.close();
      }
    });

    it('refuses a database whose schema is newer than it knows, with a clear message', async () => {
      const fresh = await db.create();
      try {
        await (await openRecordStore(fresh.url)).close();
        if (db.name === 'SQLite') {
          const raw = new Database(fresh.url.slice('sqlite:'.length));
          raw.pragma('user_version = 99');
          raw.close();
        } else {
          const client = new pg.Client({ connectionString: fresh.url });
          await client.connect();
          await client.query('UPDATE integrus_consent_schema SET version = 99');
          await client.end();
        }
        await assert.rejects(openRecordStore(fresh.url), /schema version 99, newer than this version of integrus-consent knows/);
      } finally {
        await fresh.cleanup();
      }
    });

    it('refuses records after close', async () => {
      const fresh = await db.create();
      const s = await openRecordStore(fresh.url);
      await s.close();
      await assert.rejects(s.add(received(new Date().toISOString())), /closed/);
      await fresh.cleanup();
    });
  });
}

describe('openRecordStore', () => {
  it('SQLite runs in WAL mode (what a concurrent reader sees on disk)', async () => {
    const target = await DATABASES[0].create();
    const store = await openRecordStore(target.url);
    try {
      const reader = new Database(target.url.slice('sqlite:'.length), { readonly: true });
      assert.equal(reader.pragma('journal_mode', { simple: true }), 'wal');
      reader.close();
    } finally {
      await store.close();
      await target.cleanup();
    }
  });

  it('names the URLs it understands when given another', async () => {
    await assert.rejects(openRecordStore('mysql://root@localhost/db'), /unsupported database URL "mysql:\/\/root@localhost\/db"; use sqlite:PATH or postgres:\/\//);
    await assert.rejects(openRecordStore('postgres://u:secret@host/db'.replace('postgres', 'mongodb')), (e) => !e.message.includes('secret'));
  });
});
