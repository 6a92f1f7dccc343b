import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  ALL_RUNS, bannerButton, consentState, DEMO_REVISION, expectBanner, expectRuns, journey, OPTIONAL, sleep, until,
  USER_AGENT, waitForDecision,
} from './harness.mjs';

const FIELDS = ['id', 'ts', 'rev', 'granted', 'denied', 'method', 'source', 'gpc', 'policyUrl', 'consentUrl', 'lang', 'pageUrl', 'userAgent', 'shown'];

journey('requests: only the demo origin is contacted; one consent record is posted, after the decision only', async ({ page, context, server, url, requests }) => {
  const origin = new URL(server.url).origin;
  const logPosts = () => requests.filter((r) => new URL(r.url()).pathname === '/consent-log');

  await page.goto(url('/'));
  await expectBanner(page);
  await sleep(1_000);

  const before = requests.map((r) => `${r.method()} ${r.url()}`);
  assert.deepEqual(before.filter((r) => !r.includes(` ${origin}/`)), [], 'requests to other origins before a decision');
  assert.deepEqual(logPosts().map((r) => r.method()), [], 'a consent record was sent before any decision');

  await bannerButton(page, 'accept-all').click();
  const { decision } = await waitForDecision(context);
  await until(() => logPosts().length, (n) => n >= 1, { message: 'the POST to /consent-log' });
  await expectRuns(page, ALL_RUNS);
  await sleep(500);

  assert.deepEqual(logPosts().map((r) => r.method()), ['POST'], 'requests to /consent-log after accept all');
  const all = requests.map((r) => `${r.method()} ${r.url()}`);
  assert.deepEqual(all.filter((r) => !r.includes(` ${origin}/`)), [], 'requests to other origins');

  // What the server stored for this visitor (the log is shared by the whole run: pick ours by id).
  const state = await consentState(page);
  assert.equal(state.consentId, decision.id, 'cookie id and getState().consentId differ');
  const records = await until(() => server.store.find(decision.id), (list) => list.length > 0, {
    message: 'the server to store the record',
  });
  assert.equal(records.length, 1, `records stored for ${decision.id}: ${JSON.stringify(records)}`);
  const [{ receivedAt, ip, ...record }] = records;
  assert.deepEqual(Object.keys(record).sort(), [...FIELDS].sort(), 'record fields (docs/contract.md §6)');
  // The receiver's own additions: its clock, and the address truncated (the default).
  assert.ok(Math.abs(Date.parse(receivedAt) - Date.now()) < 60_000, `receivedAt ${receivedAt}`);
  assert.equal(ip, '127.0.0.0');
  assert.equal(record.ts, decision.ts);
  assert.ok(!Number.isNaN(Date.parse(record.ts)));
  assert.equal(record.rev, DEMO_REVISION);
  assert.equal(record.method, 'accept-all');
  assert.equal(record.source, 'user');
  assert.deepEqual([...record.granted].sort(), ['necessary', ...OPTIONAL].sort());
  assert.deepEqual(record.denied, []);
  assert.equal(record.policyUrl, '/privacy.html');
  assert.equal(record.consentUrl, '/consent.html', 'the demo links its separate consent document');
  assert.equal(record.lang, 'ru');
  assert.equal(record.pageUrl, page.url());
  assert.equal(record.userAgent, USER_AGENT);

  // The request the page made carried the same record.
  const body = logPosts()[0].postData();
  // A first decision replaces nothing: sent as `replaces: null`, kept without it. What was shown is
  // kept once, by its digest: the texts the banner showed, in Russian.
  assert.match(record.shown, /^[0-9a-f]{64}$/);
  const version = await server.store.shown(record.shown);
  assert.equal(createHash('sha256').update(version.content).digest('hex'), record.shown);
  assert.deepEqual(JSON.parse(version.content).layers, ['banner']);
  assert.equal(JSON.parse(version.content).lang, 'ru');
  if (body) assert.deepEqual(JSON.parse(body), { ...record, replaces: null, shownContent: version.content });
});
