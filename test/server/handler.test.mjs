// The record handler over real HTTP: mounted in node:http and in Express, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { DATABASES, PG_SKIP, exported, freshPgDatabase, post, record, server } from './helpers.mjs';

const { createRecordHandler, openRecordStore } = server;

/** Serves `handler` at /consent-log in node:http or Express; resolves with `{ url, close() }`. */
async function mount(kind, handler) {
  let http;
  if (kind === 'express') {
    const app = express();
    app.all('/consent-log', handler);
    http = createServer(app);
  } else {
    http = createServer((req, res) => (new URL(req.url, 'http://x').pathname === '/consent-log' ? handler(req, res) : res.writeHead(404).end()));
  }
  await new Promise((done) => http.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${http.address().port}/consent-log`,
    close: () => new Promise((done) => { http.close(done); http.closeAllConnections(); }),
  };
}

/** A raw request: for bodies fetch will not send (chunked past the limit, a lying Content-Length). */
function raw(url, { headers = {}, chunks = [] }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

for (const kind of ['node:http', 'express']) {
  describe(`record handler in ${kind} (SQLite)`, () => {
    let target;
    let store;
    let site;
    const errors = [];
    before(async () => {
      target = await DATABASES[0].create();
      store = await openRecordStore(target.url);
      site = await mount(kind, createRecordHandler({ store, ip: 'full', rateLimit: false, onError: (e) => errors.push(e) }));
    });
    after(async () => {
      await site?.close();
      await store?.close();
      await target?.cleanup();
    });

    it('stores a record and answers 204 once it is committed', async () => {
      const r = record();
      const answer = await post(site.url, r);
      assert.equal(answer.status, 204);
      assert.equal(answer.text, '');
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const [kept] = await store.find(r.id);
      assert.deepEqual({ ...kept, receivedAt: undefined, ip: undefined }, { ...r, receivedAt: undefined, ip: undefined });
      assert.equal(kept.ip, '127.0.0.1');
      assert.ok(Math.abs(Date.parse(kept.receivedAt) - Date.now()) < 10_000, `receivedAt ${kept.receivedAt} is the server's time`);
    });

    it('keeps a record sent twice (a retry) once, answering 204 both times; another record under that id is 409', async () => {
      const r = record();
      assert.equal((await post(site.url, r)).status, 204);
      assert.equal((await post(site.url, r)).status, 204);
      assert.equal((await store.find(r.id)).length, 1);
      assert.equal((await post(site.url, { ...r, method: 'accept-all' })).status, 409);
      assert.equal((await store.find(r.id))[0].method, 'custom');
    });

    it('answers 400 for a body that is not JSON', async () => {
      const answer = await post(site.url, '{"id": "0b5e2f4c-');
      assert.equal(answer.status, 400);
      assert.match(answer.text, /not JSON/);
    });

    it('answers 422 for JSON that is not a record, naming what is wrong, and stores nothing', async () => {
      const before = await store.count();
      const cases = [
        [{ ...record(), granted: ['analytics'] }, /granted/],
        [{ ...record(), id: 'not-a-uuid' }, /\/id must match pattern/],
        [{ ...record(), id: `urn:uuid:${record().id}` }, /\/id must match pattern/],
        [{ ...record(), id: '00000000-0000-0000-0000-000000000000' }, /\/id must match pattern/],
        [{ ...record(), id: '0b5e2f4c-8a1d-11ee-b9d1-0242ac120002' }, /\/id must match pattern/], // v1, not v4
        [{ ...record(), granted: ['necessary', 'analytics'], denied: ['analytics'] }, /"analytics" is also granted/],
        [{ ...record(), method: 'reject-all', granted: ['necessary', 'marketing'], denied: [] }, /reject-all grants only "necessary"/],
        [{ ...record(), ts: 'yesterday' }, /\/ts must match format "date-time"/],
        [{ ...record(), method: 'accept-everything' }, /\/method/],
        [{ ...record(), extra: 1 }, /additional properties/],
        [Object.fromEntries(Object.entries(record()).filter(([k]) => k !== 'userAgent')), /userAgent/],
        [[record()], /must be object/],
        [null, /must be object/],
      ];
      for (const [body, message] of cases) {
        const answer = await post(site.url, JSON.stringify(body));
        assert.equal(answer.status, 422, JSON.stringify(body));
        assert.match(answer.text, message);
      }
      assert.equal(await store.count(), before);
    });

    it('refuses a lone UTF-16 surrogate (422) on every try, so nothing is kept as U+FFFD; a proper pair is kept as sent', async () => {
      const before = await store.count();
      const lone = JSON.stringify(record()).replace('"userAgent":"', '"userAgent":"\\ud800 ');
      for (let i = 0; i < 2; i += 1) {
        const answer = await post(site.url, lone);
        assert.equal(answer.status, 422, 'each retry gets the same answer');
        assert.match(answer.text, /\/userAgent contains a lone UTF-16 surrogate/);
      }
      assert.equal(await store.count(), before);
      const paired = record({ userAgent: 'Agent \u{1F600}' });
      assert.equal((await post(site.url, paired)).status, 204);
      assert.equal((await post(site.url, paired)).status, 204, 'its retry is a duplicate, not a conflict');
      assert.equal((await store.find(paired.id))[0].userAgent, 'Agent \u{1F600}');
    });

    it('keeps `replaces`: a change names the decision it replaces, found from either side; naming itself is 422', async () => {
      const first = record();
      const change = record({ method: 'reject-all', granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'], replaces: first.id.toUpperCase() });
      assert.equal((await post(site.url, first)).status, 204);
      assert.equal((await post(site.url, change)).status, 204);
      const [kept] = await store.find(change.id);
      assert.equal(kept.replaces, first.id, 'kept in lower case');
      assert.deepEqual((await store.replacedBy(first.id)).map((r) => r.id), [change.id]);
      assert.equal((await store.find(first.id))[0].replaces, undefined, 'a first decision replaces nothing');
      const self = record();
      const answer = await post(site.url, { ...self, replaces: self.id });
      assert.equal(answer.status, 422);
      assert.match(answer.text, /\/replaces names the record itself/);
      assert.equal((await post(site.url, { ...record(), replaces: 'urn:uuid:x' })).status, 422);
      assert.equal((await store.verify()).ok, true);
    });

    it('keeps ids in lower case: an upper-case copy of a stored record is the same record (204), found by either spelling', async () => {
      const r = record();
      assert.equal((await post(site.url, r)).status, 204);
      assert.equal((await post(site.url, { ...r, id: r.id.toUpperCase() })).status, 204);
      assert.equal((await store.find(r.id)).length, 1);
      const upper = record({ id: record().id.toUpperCase() });
      assert.equal((await post(site.url, upper)).status, 204);
      const [kept] = await store.find(upper.id.toLowerCase());
      assert.equal(kept.id, upper.id.toLowerCase());
      assert.equal((await post(site.url, { ...r, id: r.id.toUpperCase(), method: 'accept-all' })).status, 409);
    });

    it('answers 413 for a body over 64 KB, declared or streamed', async () => {
      const big = JSON.stringify({ ...record(), userAgent: 'x'.repeat(66_000) });
      assert.equal((await post(site.url, big)).status, 413);
      const chunked = await raw(site.url, { headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, chunks: ['{"a":"', 'x'.repeat(40_000), 'x'.repeat(40_000), '"}'] });
      assert.equal(chunked.status, 413);
      // Just under the limit is read (and refused by the schema, since userAgent is capped).
      const near = JSON.stringify({ ...record(), userAgent: 'x'.repeat(64_000) });
      assert.equal((await post(site.url, near)).status, 422);
    });

    it('answers 415 for another content type', async () => {
      for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', '']) {
        assert.equal((await post(site.url, JSON.stringify(record()), { type })).status, 415, type);
      }
      assert.equal((await post(site.url, record(), { type: 'application/json; charset=utf-8' })).status, 204);
    });

    it('never shows a record over HTTP: every other method is 405', async () => {
      const r = record();
      await post(site.url, r);
      for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const answer = await post(site.url, r, { method });
        assert.equal(answer.status, 405, method);
        assert.ok(!answer.text.includes(r.id), `${method} showed the record`);
        assert.match(answer.headers.get('allow'), /POST/);
      }
    });

    it('answers 503 when the store cannot take the record, and says why on the server', async () => {
      const target2 = await DATABASES[0].create();
      const broken = await openRecordStore(target2.url);
      const failures = [];
      const other = await mount(kind, createRecordHandler({ store: broken, onError: (e) => failures.push(String(e.message)) }));
      try {
        await broken.close();
        const answer = await post(other.url, record());
        assert.equal(answer.status, 503);
        assert.equal(answer.headers.get('retry-after'), '5');
        assert.deepEqual(failures, ['The record store is closed']);
      } finally {
        await other.close();
        await target2.cleanup();
      }
    });
  });
}

describe('record handler options', () => {
  let target;
  let store;
  before(async () => {
    target = await DATABASES[0].create();
    store = await openRecordStore(target.url);
  });
  after(async () => {
    await store?.close();
    await target?.cleanup();
  });

  it('limits the rate per address: 429 with Retry-After past the burst, others unaffected', async () => {
    const site = await mount('node:http', createRecordHandler({ store, trustProxy: 1, rateLimit: { burst: 3, perMinute: 6 } }));
    try {
      const from = (ip) => ({ headers: { 'X-Forwarded-For': ip } });
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await post(site.url, record(), from('198.51.100.7'))).status);
      assert.deepEqual(statuses, [204, 204, 204, 429, 429]);
      const limited = await post(site.url, record(), from('198.51.100.7'));
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.equal((await post(site.url, record(), from('198.51.100.8'))).status, 204, 'another visitor');
      // One IPv6 host holds a whole /64: it is one visitor.
      for (let i = 0; i < 3; i += 1) assert.equal((await post(site.url, record(), from(`2001:db8:1:2::${i + 1}`))).status, 204);
      assert.equal((await post(site.url, record(), from('2001:db8:1:2:ffff::9'))).status, 429);
    } finally {
      await site.close();
    }
  });

  it('keeps the address as configured: full, truncated (the default) or none; behind n proxies reads X-Forwarded-For', async () => {
    const cases = [
      [{ ip: 'full', trustProxy: 1 }, '203.0.113.77', '203.0.113.77'],
      [{ trustProxy: 1 }, '203.0.113.77', '203.0.113.0'],
      [{ trustProxy: 1 }, '2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
      [{ trustProxy: 1 }, '::ffff:192.0.2.129', '192.0.2.0'],
      [{ ip: 'none', trustProxy: 1 }, '203.0.113.77', null],
      // Not behind a proxy: a forged header is ignored.
      [{ ip: 'full' }, '203.0.113.77', '127.0.0.1'],
      // Two proxies of ours: the address the first one saw, whatever the visitor put in front.
      [{ ip: 'full', trustProxy: 2 }, '6.6.6.6, 203.0.113.5, 10.0.0.2', '203.0.113.5'],
      // An IPv6 zone names an interface of the machine that saw the address, not the visitor: dropped.
      [{ ip: 'full', trustProxy: 1 }, '2001:db8::1%anything', '2001:db8::1'],
      [{ ip: 'full', trustProxy: 1 }, 'fe80::1%eth0', 'fe80::1'],
      [{ trustProxy: 1 }, '2001:db8:85a3::1%<script>', '2001:db8:85a3::'],
    ];
    for (const [options, forwarded, expected] of cases) {
      const site = await mount('node:http', createRecordHandler({ store, ...options }));
      try {
        const r = record();
        assert.equal((await post(site.url, r, { headers: { 'X-Forwarded-For': forwarded } })).status, 204);
        assert.equal((await store.find(r.id))[0].ip, expected, `${JSON.stringify(options)} ${forwarded}`);
      } finally {
        await site.close();
      }
    }
  });

  it('answers a CORS preflight from an allowed origin only, and marks its answers', async () => {
    const site = await mount('node:http', createRecordHandler({ store, allowOrigin: ['https://shop.example'] }));
    try {
      const preflight = await post(site.url, undefined, { method: 'OPTIONS', type: '', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' } });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
      assert.match(preflight.headers.get('access-control-allow-headers'), /Content-Type/);
      const stranger = await post(site.url, undefined, { method: 'OPTIONS', type: '', headers: { Origin: 'https://evil.example' } });
      assert.equal(stranger.status, 405);
      assert.equal(stranger.headers.get('access-control-allow-origin'), null);
      const sent = await post(site.url, record(), { headers: { Origin: 'https://shop.example' } });
      assert.equal(sent.status, 204);
      assert.equal(sent.headers.get('access-control-allow-origin'), 'https://shop.example');
    } finally {
      await site.close();
    }
  });

  it('takes a body a framework already parsed (express.json()), with the same checks', async () => {
    const app = express();
    app.post('/consent-log', express.json({ limit: '64kb' }), createRecordHandler({ store }));
    const http = createServer(app);
    await new Promise((done) => http.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${http.address().port}/consent-log`;
    try {
      const r = record();
      assert.equal((await post(url, r)).status, 204);
      assert.equal((await store.find(r.id)).length, 1);
      assert.equal((await post(url, { ...record(), method: 'nope' })).status, 422);
    } finally {
      await new Promise((done) => { http.close(done); http.closeAllConnections(); });
    }
  });

  it('refuses bad options at once', () => {
    assert.throws(() => createRecordHandler({}), /store/);
    assert.throws(() => createRecordHandler({ store, ip: 'partial' }), /ip must be full, truncated or none/);
    assert.throws(() => createRecordHandler({ store, rateLimit: { perMinute: 0 } }), /perMinute/);
  });
});

describe('record handler on PostgreSQL', { skip: PG_SKIP }, () => {
  it('stores, dedups, and answers 503 while the database is gone', async () => {
    const db = await freshPgDatabase();
    const store = await openRecordStore(db.url, { poolSize: 4 });
    const failures = [];
    const site = await mount('express', createRecordHandler({ store, rateLimit: false, onError: (e) => failures.push(e) }));
    try {
      const records = Array.from({ length: 50 }, () => record());
      const answers = await Promise.all([...records, ...records.slice(0, 10)].map((r) => post(site.url, r)));
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([204]));
      assert.equal((await exported(store)).length, 50);
      await db.drop();
      const answer = await post(site.url, record());
      assert.equal(answer.status, 503);
      assert.ok(failures.length >= 1);
    } finally {
      await site.close();
      await store.close().catch(() => {});
      await db.drop().catch(() => {});
    }
  });
});
