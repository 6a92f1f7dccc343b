// What the visitor read (docs/records.md, "What the visitor read"): the receiver checks that a record's
// `shown` is the SHA-256 of its `shownContent`, keeps each distinct content once (table consent_shown),
// and `integrus-consent find` prints the texts that visitor saw. On SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASES, post, record, run, server, sql } from './helpers.mjs';

const { openRecordStore, startReceiver } = server;

/** What the interface sends (src/signals/shown.ts), with a title of our choosing. */
const content = (title) =>
  JSON.stringify({
    lang: 'ru',
    layers: ['banner'],
    texts: { banner: { title, acceptAll: 'Принять все', rejectAll: 'Отклонить все' } },
    operator: { name: 'ООО «ИНТЕГРУС»' },
    categories: [{ name: 'necessary', vendors: [] }, { name: 'analytics', vendors: [{ id: 'yandex-metrica', name: 'Яндекс Метрика' }] }],
  });
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const shown = (title, patch = {}) => {
  const shownContent = content(title);
  return record({ shown: sha256(shownContent), shownContent, ...patch });
};

/** How many versions the database keeps, read behind the store's back. */
async function versions(url) {
  if (url.startsWith('sqlite:')) {
    const raw = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      return raw.prepare('SELECT digest, content FROM consent_shown ORDER BY digest').all();
    } finally {
      raw.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT digest, content FROM consent_shown ORDER BY digest')).rows;
  } finally {
    await client.end();
  }
}

async function receiving(db, run) {
  const target = await db.create();
  const store = await openRecordStore(target.url);
  const receiver = await startReceiver({ store, port: 0, rateLimit: false });
  try {
    await run(receiver.url, store, target.url);
  } finally {
    await receiver.close();
    await store.close();
    await target.cleanup();
  }
}

for (const db of DATABASES) {
  describe(`what was shown, on ${db.name}`, { skip: db.skip }, () => {
    it('keeps each distinct version once, however many records carry it', async () => {
      await receiving(db, async (url, store, dbUrl) => {
        const same = [shown('Мы используем файлы cookie'), shown('Мы используем файлы cookie'), shown('Мы используем файлы cookie')];
        const other = shown('Мы используем cookie и похожие технологии');
        for (const r of [...same, other]) assert.equal((await post(url, r)).status, 204);
        // Sent at once, too (one batch): still once.
        const burst = Array.from({ length: 20 }, () => shown('Мы используем файлы cookie'));
        assert.deepEqual(new Set(await Promise.all(burst.map(async (r) => (await post(url, r)).status))), new Set([204]));
        const kept = await versions(dbUrl);
        assert.deepEqual(kept.map((v) => v.digest), [same[0].shown, other.shown].sort());
        for (const v of kept) assert.equal(sha256(v.content), v.digest);
        // The record keeps the digest, not the content; the store gives the content by digest.
        const [found] = await store.find(same[1].id);
        assert.equal(found.shown, same[1].shown);
        assert.equal('shownContent' in found, false);
        assert.equal((await store.shown(other.shown)).content, other.shownContent);
        assert.equal(await store.shown('0'.repeat(64)), null);
        // A retry of the same record is the same record; another digest under its id is not.
        assert.equal((await post(url, same[0])).status, 204);
        const forged = shown('Другой текст', { id: same[0].id, ts: same[0].ts });
        assert.equal((await post(url, forged)).status, 409);
        assert.equal((await versions(dbUrl)).length, 2, 'a refused record leaves no version behind');
        assert.equal((await store.verify()).ok, true);
      });
    });

    it('refuses a digest that does not match its content, and either one without the other (422)', async () => {
      await receiving(db, async (url, store, dbUrl) => {
        const good = shown('Мы используем файлы cookie');
        // Accepted first: the receiver then knows this version, and still checks every later record of it.
        assert.equal((await post(url, good)).status, 204);
        const cases = [
          { ...good, id: record().id, shownContent: content('Мы используем файлы cookie!') },
          { ...good, shown: sha256('something else') },
          { ...good, shownContent: undefined },
          { ...good, shown: null },
          { ...good, shown: sha256('[1]'), shownContent: '[1]' },
          { ...good, shown: sha256('{'), shownContent: '{' },
        ];
        for (const bad of cases) {
          const answer = await post(url, bad);
          assert.equal(answer.status, 422, JSON.stringify(bad).slice(0, 200));
          assert.match(answer.text, /shown/);
        }
        assert.equal(await store.count(), 1);
        assert.deepEqual((await versions(dbUrl)).map((v) => v.content), [good.shownContent]);
        // Nothing shown (a decision through the API) and a record of an earlier version are both fine.
        assert.equal((await post(url, record({ shown: null }))).status, 204);
        assert.equal((await post(url, record())).status, 204);
      });
    });

    it('find prints the texts the visitor read, says when nothing was shown, and verify covers the digest', async () => {
      const target = await db.create();
      try {
        const store = await openRecordStore(target.url);
        const read = shown('Мы используем файлы cookie');
        const api = record({ shown: null });
        const old = record();
        for (const r of [read, api, old]) await store.add({ ...r, receivedAt: new Date().toISOString(), ip: null });
        await store.close();

        const found = await run(['find', '--db', target.url, read.id]);
        assert.equal(found.code, 0, found.err);
        const printed = JSON.parse(found.out);
        assert.equal(printed.shown, read.shown);
        assert.deepEqual(printed.shownContent, JSON.parse(read.shownContent));
        assert.equal(printed.shownContent.texts.banner.title, 'Мы используем файлы cookie');
        assert.match(found.err, new RegExp(`What was shown: "shownContent" above, version ${read.shown} \\(first received [^)]+\\); its SHA-256 matches`));

        const none = await run(['find', '--db', target.url, api.id]);
        assert.equal(none.code, 0, none.err);
        assert.equal(JSON.parse(none.out).shown, null);
        assert.match(none.err, /What was shown: nothing\. No banner or preferences had been shown/);
        const before = await run(['find', '--db', target.url, old.id]);
        assert.equal('shown' in JSON.parse(before.out), false);
        assert.match(before.err, /What was shown: not recorded/);

        assert.equal((await run(['verify', '--db', target.url])).code, 0);
        // The kept text edited behind the receiver's back: find says so instead of printing it as read.
        await sql(target.url, `UPDATE consent_shown SET content = replace(content, 'файлы cookie', 'cookie')`);
        const edited = await run(['find', '--db', target.url, read.id]);
        assert.equal('shownContent' in JSON.parse(edited.out), false);
        assert.match(edited.err, /no longer matches its digest: it was edited/);
        // The digest itself is in the chain: changing it breaks verify.
        await sql(target.url, `UPDATE consent_records SET shown = '${'a'.repeat(64)}' WHERE id = '${read.id}'`);
        const broken = await run(['verify', '--db', target.url]);
        assert.equal(broken.code, 1, broken.out);
        assert.match(broken.err, new RegExp(`\\(id ${read.id}\\)`));
      } finally {
        await target.cleanup();
      }
    });

    it('prune drops the versions no kept record names', async () => {
      const target = await db.create();
      try {
        const store = await openRecordStore(target.url);
        const old = shown('Старый текст');
        const kept = shown('Новый текст');
        await store.add({ ...old, receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(), ip: null });
        await store.add({ ...kept, receivedAt: new Date().toISOString(), ip: null });
        assert.equal(await store.prune(30), 1);
        assert.equal(await store.shown(old.shown), null);
        assert.equal((await store.shown(kept.shown)).content, kept.shownContent);
        assert.equal((await store.verify()).ok, true);
        await store.close();
      } finally {
        await target.cleanup();
      }
    });
  });
}
