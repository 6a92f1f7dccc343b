// `npm run bench:records` (after `npm run build`): the consent-record receiver under load, and
// killed under load. Everything runs on this machine's loopback; every load is bounded in time.
//
//   node bench/records.mjs [--duration=10] [--connections=50] [--only=sqlite|postgres]
//
// For each store (SQLite in a temporary folder; PostgreSQL in a fresh database of the server named by
// $INTEGRUS_CONSENT_TEST_PG, or of a throw-away cluster started by scripts/pg-cluster.sh):
//   load   `integrus-consent serve` in its own process, autocannon with N connections for D seconds,
//          every request a new record. Records/s (204s per second), p50/p99 latency, errors, the
//          count in the store (every 204 once; at most the requests still in flight when the time
//          was up besides), and the receiver's CPU time per 1000 records (what a free core could do).
//   fault  the same load; `kill -9` of the receiver halfway; a restart; every acknowledged record
//          must be in the store exactly once.
// Each record carries what was shown (about 4 KB, one version), as the browser sends it; BENCH_PLAIN=1
// sends records without it (as before records said what was shown), for comparison.
// Prints Markdown tables and writes bench/results/records.json.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { sampleRecord } from '../test/server/sample-record.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'integrus-consent.mjs');
const { openRecordStore } = await import(join(ROOT, 'dist', 'server.js'));

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const DURATION = Number(args.duration ?? 10);
const CONNECTIONS = Number(args.connections ?? 50);
if (!(DURATION > 0 && DURATION <= 60) || !(CONNECTIONS > 0 && CONNECTIONS <= 500)) {
  console.error('Usage: node bench/records.mjs [--duration=1..60] [--connections=1..500] [--only=sqlite|postgres]');
  process.exit(2);
}

// Records as the browser sends them after a decision in the banner: with what was shown (the banner's
// texts from locales/ru.json, the categories; about 4 KB), one version for all, as on one site.
const RU = JSON.parse(readFileSync(join(ROOT, 'locales', 'ru.json'), 'utf8'));
const SHOWN_CONTENT = JSON.stringify({
  lang: 'ru',
  layers: ['banner'],
  texts: { banner: RU.banner, list: RU.list, categories: RU.categories, vendors: RU.vendors },
  operator: { name: 'ООО «ИНТЕГРУС»' },
  categories: ['necessary', 'analytics', 'personalization', 'marketing'].map((name) => ({ name, vendors: [] })),
});
const SHOWN = createHash('sha256').update(SHOWN_CONTENT, 'utf8').digest('hex');
const record = () => (process.env.BENCH_PLAIN ? sampleRecord() : sampleRecord({ gpc: false, shown: SHOWN, shownContent: SHOWN_CONTENT }));

/** `integrus-consent serve` on a free port, rate limit off (one address sends everything here). */
function serve(db) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /at POST (http:\/\/\S+)/.exec(out);
      if (m) resolveStart({ url: m[1], child, exited });
    });
    void exited.then(() => reject(new Error(`the receiver exited before listening: ${out}`)));
  });
}

/** autocannon against `url`; resolves with its result, the ids it got a 204 for, and how many it sent. */
async function load(url, { onTick } = {}) {
  const acknowledged = [];
  let sent = 0;
  let answered = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 5,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest(request, context) {
          const r = record();
          context.id = r.id;
          sent += 1;
          return { ...request, body: JSON.stringify(r) };
        },
        onResponse(status, _body, context) {
          answered += 1;
          if (status === 204) acknowledged.push(context.id);
        },
      },
    ],
  });
  const started = Date.now();
  const ticker = onTick ? setInterval(() => onTick(Date.now() - started), 100) : null;
  const result = await instance;
  if (ticker) clearInterval(ticker);
  // Requests still on their way when the time was up: the receiver may have stored them, unanswered.
  return { result, acknowledged, inFlight: sent - answered };
}

/** CPU time (user + system) a process used so far, in ms (Linux /proc). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** How many times each id is in the store. */
async function countIds(db) {
  const store = await openRecordStore(db);
  try {
    const counts = new Map();
    for await (const r of store.export()) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    return counts;
  } finally {
    await store.close();
  }
}

async function loadRun(db) {
  const receiver = await serve(db);
  const cpuBefore = cpuMs(receiver.child.pid);
  const { result, acknowledged, inFlight } = await load(receiver.url);
  const cpu = cpuMs(receiver.child.pid) - cpuBefore;
  receiver.child.kill('SIGTERM');
  await receiver.exited;
  const counts = await countIds(db);
  const inStore = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    recordsPerSecond: Math.round(acknowledged.length / DURATION),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    acknowledged: acknowledged.length,
    inFlight,
    inStore,
    // Every 204 is in the store once; besides them only requests that were in flight at the stop.
    consistent: inStore >= acknowledged.length && inStore <= acknowledged.length + inFlight,
    lost: acknowledged.filter((id) => counts.get(id) !== 1).length,
    receiverCpuMsPer1000: Math.round((cpu / Math.max(1, acknowledged.length)) * 1000),
  };
}

async function faultRun(db) {
  let receiver = await serve(db);
  let killedAt = null;
  const { acknowledged } = await load(receiver.url, {
    onTick: (elapsed) => {
      if (killedAt === null && elapsed >= (DURATION * 1000) / 2) {
        killedAt = elapsed;
        receiver.child.kill('SIGKILL');
      }
    },
  });
  const death = await receiver.exited;
  receiver = await serve(db); // the restart: opens (and checks) the same store
  receiver.child.kill('SIGTERM');
  await receiver.exited;
  const counts = await countIds(db);
  return {
    killedAfterMs: killedAt,
    signal: death.signal,
    acknowledged: acknowledged.length,
    present: acknowledged.filter((id) => counts.has(id)).length,
    duplicates: [...counts.values()].filter((n) => n > 1).length,
    lost: acknowledged.filter((id) => !counts.has(id)).length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Stores

const cleanups = [];
const stores = [];
if (!args.only || args.only === 'sqlite') {
  stores.push({
    name: 'SQLite',
    async create() {
      const dir = mkdtempSync(join(os.tmpdir(), 'integrus-bench-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return `sqlite:${join(dir, 'records.db')}`;
    },
  });
}
if (!args.only || args.only === 'postgres') {
  let base = process.env.INTEGRUS_CONSENT_TEST_PG;
  if (!base) {
    const started = spawnSync('bash', [join(ROOT, 'scripts', 'pg-cluster.sh'), 'start'], { encoding: 'utf8' });
    const vars = Object.fromEntries([...started.stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    if (started.status === 0) {
      base = vars.INTEGRUS_CONSENT_TEST_PG;
      cleanups.push(() => spawnSync('bash', [join(ROOT, 'scripts', 'pg-cluster.sh'), 'stop', vars.INTEGRUS_CONSENT_PG_DIR]));
    } else {
      console.log(`PostgreSQL could not be started, so it is left out: ${started.stderr.trim()}`);
    }
  }
  if (base) {
    stores.push({
      name: 'PostgreSQL',
      async create() {
        const name = `integrus_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = new URL(base);
        url.pathname = `/${name}`;
        cleanups.push(async () => {
          const again = new pg.Client({ connectionString: base });
          await again.connect();
          await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await again.end();
        });
        return url.href;
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Run

const results = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() }, duration: DURATION, connections: CONNECTIONS, load: {}, fault: {} };
try {
  for (const store of stores) {
    console.error(`${store.name}: load, ${CONNECTIONS} connections for ${DURATION} s…`);
    results.load[store.name] = await loadRun(await store.create());
    console.error(`${store.name}: kill -9 halfway through the same load…`);
    results.fault[store.name] = await faultRun(await store.create());
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

const lines = [
  `Consent-record receiver, ${CONNECTIONS} connections for ${DURATION} s (${results.machine.cpus} cores, ${results.machine.cpu}; Node ${process.version}; load average before: ${results.machine.loadavg.map((l) => l.toFixed(1)).join(' ')})`,
  '',
  '| store | records/s | p50 latency | p99 latency | errors | 204s | in the store | in flight at the stop | lost | receiver CPU per 1000 records |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...Object.entries(results.load).map(([name, r]) =>
    `| ${name} | ${r.recordsPerSecond} | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${r.acknowledged} | ${r.inStore} | ${r.inFlight} | ${r.lost} | ${r.receiverCpuMsPer1000} ms |`),
  '',
  '| store | kill -9 after | acknowledged before the kill | present after restart | stored twice | lost |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...Object.entries(results.fault).map(([name, r]) => `| ${name} | ${(r.killedAfterMs / 1000).toFixed(1)} s | ${r.acknowledged} | ${r.present} | ${r.duplicates} | ${r.lost} |`),
];
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'records.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = Object.values(results.load).some((r) => r.lost || !r.consistent) || Object.values(results.fault).some((r) => r.lost || r.duplicates);
process.exitCode = failed ? 1 : 0;
