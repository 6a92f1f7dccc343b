// The `integrus-consent` command, run as a visitor's site would: a real process, real signals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, DATABASES, post, record, run, serve, server, tempDir } from './helpers.mjs';

for (const db of DATABASES) {
  describe(`integrus-consent on ${db.name}`, { skip: db.skip }, () => {
    let target;
    before(async () => {
      target = await db.create();
    });
    after(async () => {
      await target?.cleanup();
    });

    it('serve receives records until SIGTERM, then finishes and exits 0; it says how to export', async () => {
      const receiver = await serve(target.url);
      const sent = [record(), record({ method: 'accept-all', granted: ['necessary', 'analytics', 'personalization', 'marketing'], denied: [] })];
      for (const r of sent) assert.equal((await post(receiver.url, r)).status, 204);
      assert.equal((await post(receiver.url, sent[0], { method: 'GET' })).status, 405);
      assert.equal((await fetch(receiver.url.replace('/consent-log', '/'))).status, 404);
      receiver.child.kill('SIGTERM');
      assert.deepEqual(await receiver.exited, { code: 0, signal: null });
      assert.match(receiver.output(), /Export them: integrus-consent export --db /);

      const jsonl = await run(['export', '--db', target.url]);
      assert.equal(jsonl.code, 0, jsonl.err);
      const lines = jsonl.out.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((r) => r.id), sent.map((r) => r.id));
      assert.equal(lines[0].ip, '127.0.0.0', 'the address is truncated by default');
    });

    it('export writes CSV with a header row, quoting, and formulas defused', async () => {
      const store = await server.openRecordStore(target.url);
      const tricky = { ...record({ userAgent: '=HYPERLINK("http://evil")', pageUrl: 'https://integrus.ru/a,b' }), receivedAt: new Date().toISOString(), ip: null };
      await store.add(tricky);
      await store.close();
      const csv = await run(['export', '--db', target.url, '--format', 'csv']);
      assert.equal(csv.code, 0, csv.err);
      const rows = csv.out.split('\r\n');
      assert.equal(rows[0], 'receivedAt,ip,id,ts,rev,method,source,granted,denied,policyUrl,consentUrl,lang,pageUrl,userAgent,gpc,servicesGranted,servicesDenied');
      const row = rows.find((r) => r.includes(tricky.id));
      assert.ok(row.endsWith(`,ru,"https://integrus.ru/a,b","'=HYPERLINK(""http://evil"")",,,`), row);
      assert.ok(row.includes(',necessary analytics,personalization marketing,'), row);
    });

    it('export --since/--until bound the receive time; find shows one decision; prune deletes old records', async () => {
      const store = await server.openRecordStore(target.url);
      const old = { ...record(), receivedAt: '2020-01-15T00:00:00.000Z', ip: '198.51.100.0' };
      await store.add(old);
      await store.close();

      const window = await run(['export', '--db', target.url, '--since', '2020-01-01', '--until', '2020-02-01']);
      assert.deepEqual(window.out.trim().split('\n').map((l) => JSON.parse(l).id), [old.id]);
      const none = await run(['export', '--db', target.url, '--until', '2019-12-31T23:59:59Z']);
      assert.equal(none.out, '');

      const found = await run(['find', '--db', target.url, old.id]);
      assert.equal(found.code, 0, found.err);
      assert.deepEqual(JSON.parse(found.out), old);
      const withdrawal = { ...record({ method: 'reset', granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'], replaces: old.id }), receivedAt: new Date().toISOString(), ip: null };
      const again = await server.openRecordStore(target.url);
      await again.add(withdrawal);
      await again.close();
      const linked = await run(['find', '--db', target.url, old.id]);
      assert.deepEqual(JSON.parse(linked.out), old, 'stdout stays the record as JSON');
      assert.match(linked.err, new RegExp(`Replaced by ${withdrawal.id} \\(reset, `));
      const missing = await run(['find', '--db', target.url, '00000000-0000-4000-8000-000000000000']);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /No record with id 00000000-0000-4000-8000-000000000000/);

      const pruned = await run(['prune', '--db', target.url, '--older-than', '365']);
      assert.equal(pruned.code, 0, pruned.err);
      assert.match(pruned.out, /^Deleted 1 record received before \d{4}-/);
      assert.equal((await run(['find', '--db', target.url, old.id])).code, 1);
      assert.ok((await run(['export', '--db', target.url])).out.trim().split('\n').length >= 3, 'recent records stay');
    });

    it('kill -9 in the middle of a load: after a restart every acknowledged record is there exactly once', { timeout: 60_000 }, async () => {
      const fresh = await db.create();
      try {
        const first = await serve(fresh.url, ['--rate-limit', '0']);
        const records = Array.from({ length: 800 }, () => record());
        const acknowledged = [];
        let next = 0;
        let killed = false;
        const worker = async () => {
          while (next < records.length) {
            const r = records[next++];
            try {
              const answer = await post(first.url, r);
              if (answer.status === 204) acknowledged.push(r.id);
            } catch {
              /* the receiver died mid-request: not acknowledged */
            }
            if (acknowledged.length >= 200 && !killed) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          }
        };
        await Promise.all(Array.from({ length: 25 }, worker));
        assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
        assert.ok(acknowledged.length >= 200 && acknowledged.length < records.length, `acknowledged ${acknowledged.length}`);

        // The browser sends again what got no 2xx, and may send again what did (a lost answer).
        const second = await serve(fresh.url, ['--rate-limit', '0']);
        for (const r of records.slice(0, 300)) assert.equal((await post(second.url, r)).status, 204);
        second.child.kill('SIGTERM');
        await second.exited;

        const lines = (await run(['export', '--db', fresh.url])).out.trim().split('\n').map((l) => JSON.parse(l).id);
        const counts = new Map();
        for (const id of lines) counts.set(id, (counts.get(id) ?? 0) + 1);
        for (const id of acknowledged) assert.equal(counts.get(id), 1, `acknowledged record ${id}`);
        assert.equal(Math.max(...counts.values()), 1, 'a record stored twice');
      } finally {
        await fresh.cleanup();
      }
    });
  });
}

describe('integrus-consent usage', () => {
  it('explains itself and refuses bad arguments with exit code 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /integrus-consent serve +\[--db URL\]/);
    for (const args of [['frobnicate'], ['export', '--format', 'xml'], ['export', '--since', 'yesterday'], ['prune'], ['prune', '--older-than', '-3'], ['serve', '--ip', 'some'], ['find']]) {
      const result = await run(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}${result.err}`);
      assert.ok(result.err.length > 0, args.join(' '));
    }
  });

  it('refuses an empty sqlite: path rather than keep records in memory', async () => {
    for (const db of ['sqlite:', 'sqlite://', '']) {
      const result = await run(['serve', '--db', db, '--port', '0']);
      assert.equal(result.code, 1, `${db}: ${result.out}${result.err}`);
      assert.match(result.err, db ? /"sqlite:" needs a file path/ : /expected a URL/);
      assert.doesNotMatch(result.out, /Receiving/);
    }
  });

  it('export, find and prune on a database that is not there say so, exit 1, and create nothing', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'missing', 'records.db');
      for (const args of [['export'], ['find', record().id], ['prune', '--older-than', '30']]) {
        const result = await run([...args, '--db', `sqlite:${file}`]);
        assert.equal(result.code, 1, args[0]);
        assert.match(result.err, new RegExp(`no database at sqlite:${file}`));
        assert.equal(existsSync(join(dir, 'missing')), false, `${args[0]} created the folder`);
      }
    } finally {
      cleanup();
    }
  });

  it('creates the SQLite file readable by its owner only (0600)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'new', 'records.db');
      const store = await server.openRecordStore(`sqlite:${file}`);
      await store.add({ ...record(), receivedAt: new Date().toISOString(), ip: null });
      for (const f of [file, `${file}-wal`]) assert.equal(statSync(f).mode & 0o777, 0o600, f);
      await store.close();
    } finally {
      cleanup();
    }
  });

  it('export writes control characters as \\uXXXX text, in CSV and JSON alike, so a terminal runs no escape sequence', async () => {
    const target = await DATABASES[0].create();
    try {
      const store = await server.openRecordStore(target.url);
      const evil = { ...record({ userAgent: 'A\u001b]0;pwned\u0007B\u009b31mC\r\nD\u202eE' }), receivedAt: new Date().toISOString(), ip: null };
      await store.add(evil);
      await store.close();
      const csv = await run(['export', '--db', target.url, '--format', 'csv']);
      const row = csv.out.split('\r\n')[1];
      assert.ok(row.endsWith(',A\\u001b]0;pwned\\u0007B\\u009b31mC\\u000d\\u000aD\\u202eE,,,'), row);
      const jsonl = await run(['export', '--db', target.url]);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(jsonl.out.trim(), /[\u0000-\u001f\u007f-\u009f\u202e]/);
      assert.equal(JSON.parse(jsonl.out).userAgent, evil.userAgent, 'the JSON is the same value');
      const found = await run(['find', '--db', target.url, evil.id.toUpperCase()]);
      assert.equal(found.code, 0, found.err);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(found.out, /[\u001b\u009b\u202e]/);
    } finally {
      await target.cleanup();
    }
  });

  it('export | head: the reader going away ends the export quietly (no "write EPIPE")', { timeout: 60_000 }, async () => {
    const target = await DATABASES[0].create();
    try {
      const store = await server.openRecordStore(target.url);
      await Promise.all(Array.from({ length: 3000 }, () => store.add({ ...record(), receivedAt: new Date().toISOString(), ip: null })));
      await store.close();
      const child = spawn(process.execPath, [BIN, 'export', '--db', target.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c) => (err += c));
      const exited = new Promise((done) => child.on('close', (code) => done(code)));
      child.stdout.once('data', () => child.stdout.destroy());
      assert.equal(await exited, 0, err);
      assert.equal(err, '');
    } finally {
      await target.cleanup();
    }
  });

  it('reads the database URL from $INTEGRUS_CONSENT_DB when --db is not given', async () => {
    const target = await DATABASES[0].create();
    try {
      const store = await server.openRecordStore(target.url);
      const r = { ...record(), receivedAt: new Date().toISOString(), ip: null };
      await store.add(r);
      await store.close();
      const found = await run(['find', r.id], { env: { ...process.env, INTEGRUS_CONSENT_DB: target.url } });
      assert.equal(found.code, 0, found.err);
    } finally {
      await target.cleanup();
    }
  });
});
