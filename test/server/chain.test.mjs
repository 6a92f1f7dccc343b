// The hash chain: `integrus-consent verify` finds a record edited, deleted, inserted or moved with SQL
// behind the receiver's back (the sqlite3 command-line shell on SQLite, a pg client on PostgreSQL),
// passes an untouched or pruned log, and holds with two receivers writing to one PostgreSQL at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DATABASES, PG_SKIP, freshPgDatabase, post, record, run, serve, server, sql } from './helpers.mjs';

const { openRecordStore } = server;
const received = (iso) => ({ ...record(), receivedAt: iso, ip: '203.0.113.0' });
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A database with five records, in order; resolves with `{ url, records, cleanup }`. */
async function fiveRecords(db) {
  const target = await db.create();
  const store = await openRecordStore(target.url);
  const records = [];
  for (let i = 0; i < 5; i += 1) {
    const r = received(new Date().toISOString());
    await store.add(r);
    records.push(r);
  }
  await store.close();
  return { ...target, records };
}

async function verifyFails(url, id) {
  const result = await run(['verify', '--db', url]);
  assert.equal(result.code, 1, result.out + result.err);
  assert.match(result.err, new RegExp(`The chain is broken at record #\\d+ \\(id ${id}\\)`));
  return result;
}

for (const db of DATABASES) {
  describe(`the record chain on ${db.name}`, { skip: db.skip }, () => {
    it('verify passes an untouched log and prints its head hash, which moves with each record', async () => {
      const target = await fiveRecords(db);
      try {
        const first = await run(['verify', '--db', target.url]);
        assert.equal(first.code, 0, first.err);
        assert.match(first.out, /The chain holds: 5 records/);
        const head = /Head hash: ([0-9a-f]{64})/.exec(first.out)[1];
        const store = await openRecordStore(target.url);
        await store.add(received(new Date().toISOString()));
        const again = await store.verify();
        await store.close();
        assert.equal(again.ok, true);
        assert.notEqual(again.head, head);
      } finally {
        await target.cleanup();
      }
    });

    it('verify finds a record edited with SQL, and names it', async () => {
      const target = await fiveRecords(db);
      try {
        const victim = target.records[2];
        await sql(target.url, `UPDATE consent_records SET method = 'accept-all' WHERE id = '${victim.id}'`);
        await verifyFails(target.url, victim.id);
      } finally {
        await target.cleanup();
      }
    });

    it('verify finds a deleted record (naming the one after it) and an inserted one', async () => {
      const target = await fiveRecords(db);
      try {
        await sql(target.url, `DELETE FROM consent_records WHERE id = '${target.records[1].id}'`);
        await verifyFails(target.url, target.records[2].id);
      } finally {
        await target.cleanup();
      }
      const other = await fiveRecords(db);
      try {
        const forged = record();
        await sql(
          other.url,
          `INSERT INTO consent_records (id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent, hash)
           SELECT '${forged.id}', received_at, ip, ts, rev, 'accept-all', source, granted, denied, policy_url, consent_url, lang, page_url, user_agent, hash
           FROM consent_records WHERE id = '${other.records[4].id}'`,
        );
        await verifyFails(other.url, forged.id);
      } finally {
        await other.cleanup();
      }
    });

    it('verify finds a record moved to another place in the order', async () => {
      const target = await fiveRecords(db);
      try {
        const moved = target.records[1].id;
        await sql(target.url, `UPDATE consent_records SET seq = (SELECT max(seq) + 1 FROM consent_records) WHERE id = '${moved}'`);
        await verifyFails(target.url, target.records[2].id);
      } finally {
        await target.cleanup();
      }
    });

    it('prune keeps the chain verifiable, also when an old record came after newer ones; deleting past it is found', async () => {
      const target = await db.create();
      const store = await openRecordStore(target.url);
      try {
        const rows = [received(daysAgo(400)), received(daysAgo(10)), received(daysAgo(500)), received(daysAgo(1)), received(daysAgo(2))];
        for (const r of rows) await store.add(r);
        assert.equal(await store.prune(365), 2);
        const pruned = await store.verify();
        assert.deepEqual({ ok: pruned.ok, records: pruned.records, pruned: pruned.pruned }, { ok: true, records: 3, pruned: 2 });
        await store.add(received(new Date().toISOString()));
        assert.equal((await store.verify()).ok, true);
        assert.equal(await store.prune(5), 1, 'the 10-day-old record');
        assert.equal((await store.verify()).ok, true);
        await store.close();
        await sql(target.url, `DELETE FROM consent_records WHERE id = '${rows[3].id}'`);
        await verifyFails(target.url, rows[4].id);
      } finally {
        await store.close();
        await target.cleanup();
      }
    });
  });
}

describe('the record chain on a database from before it', () => {
  it('chains the records of an old SQLite database when it is opened, then verifies', async () => {
    const target = await DATABASES[0].create();
    try {
      const file = target.url.slice('sqlite:'.length);
      const raw = new Database(file);
      raw.exec(`CREATE TABLE consent_records (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, received_at TEXT NOT NULL, ip TEXT,
        ts TEXT NOT NULL, rev TEXT NOT NULL, method TEXT NOT NULL, source TEXT NOT NULL, granted TEXT NOT NULL, denied TEXT NOT NULL,
        policy_url TEXT NOT NULL, consent_url TEXT, lang TEXT NOT NULL, page_url TEXT NOT NULL, user_agent TEXT NOT NULL);
        CREATE INDEX consent_records_received ON consent_records (received_at, seq);`);
      const insert = raw.prepare(`INSERT INTO consent_records (id, received_at, ip, ts, rev, method, source, granted, denied, policy_url, consent_url, lang, page_url, user_agent)
        VALUES (@id, @receivedAt, @ip, @ts, @rev, @method, @source, @granted, @denied, @policyUrl, @consentUrl, @lang, @pageUrl, @userAgent)`);
      const old = Array.from({ length: 3 }, () => received(new Date().toISOString()));
      for (const r of old) insert.run({ ...r, granted: JSON.stringify(r.granted), denied: JSON.stringify(r.denied) });
      raw.pragma('user_version = 1');
      raw.close();
      const result = await run(['verify', '--db', target.url]);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /The chain holds: 3 records/);
    } finally {
      await target.cleanup();
    }
  });
});

describe('the record chain with two receivers on one PostgreSQL', { skip: PG_SKIP }, () => {
  it('stays one valid chain while both write at once', { timeout: 120_000 }, async () => {
    const database = await freshPgDatabase();
    const receivers = [];
    try {
      // Schema first, so the two do not both create it (they would still be serialised by its lock).
      await (await openRecordStore(database.url)).close();
      receivers.push(await serve(database.url, ['--rate-limit', '0']), await serve(database.url, ['--rate-limit', '0']));
      const records = Array.from({ length: 600 }, () => record());
      let next = 0;
      const worker = async (i) => {
        while (next < records.length) assert.equal((await post(receivers[i % 2].url, records[next++])).status, 204);
      };
      await Promise.all(Array.from({ length: 20 }, (_, i) => worker(i)));
      const result = await run(['verify', '--db', database.url]);
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /The chain holds: 600 records/);
    } finally {
      for (const r of receivers) {
        r.child.kill('SIGTERM');
        await r.exited;
      }
      await database.drop();
    }
  });
});

describe('retention', () => {
  it('serve --retention 1y prunes what is older at once (and on a schedule); verify still passes', { timeout: 60_000 }, async () => {
    const target = await DATABASES[0].create();
    let receiver;
    try {
      const store = await openRecordStore(target.url);
      const old = received(daysAgo(400));
      const recent = received(daysAgo(30));
      for (const r of [old, recent]) await store.add(r);
      await store.close();
      receiver = await serve(target.url, ['--retention', '1y']);
      await new Promise((resolve) => {
        const check = () => /Pruned 1 record received more than 365 days ago/.test(receiver.output()) && resolve();
        receiver.child.stdout.on('data', check);
        check();
      });
      assert.equal((await post(receiver.url, record())).status, 204);
      const verified = await run(['verify', '--db', target.url]);
      assert.equal(verified.code, 0, verified.err);
      assert.match(verified.out, /2 records \(after 1 pruned place\)/);
      assert.equal((await run(['find', '--db', target.url, old.id])).code, 1);
      assert.equal((await run(['find', '--db', target.url, recent.id])).code, 0);
    } finally {
      receiver?.child.kill('SIGTERM');
      await receiver?.exited;
      await target.cleanup();
    }
  });

  it('the handler option prunes too, and bad values are refused at once', async () => {
    const target = await DATABASES[0].create();
    const store = await openRecordStore(target.url);
    try {
      const old = received(daysAgo(2000));
      await store.add(old);
      assert.throws(() => server.createRecordHandler({ store, retention: '3 months' }), /retention must be a whole number of days/);
      assert.throws(() => server.createRecordHandler({ store, retention: 0 }), /retention must be/);
      server.createRecordHandler({ store, retention: '4y' });
      while ((await store.find(old.id)).length) await new Promise((resolve) => setImmediate(resolve));
      assert.equal((await store.verify()).ok, true);
    } finally {
      await store.close();
      await target.cleanup();
    }
  });
});
