/**
 * What the receiver's tests share: records, fresh stores on both databases, and HTTP helpers.
 * The tests run against the built `dist/server.js` (npm test builds first) and real databases: a
 * SQLite file in a temporary folder, and a fresh database on the PostgreSQL server named by
 * $INTEGRUS_CONSENT_TEST_PG (scripts/test.mjs or .ci/run starts one). Without it the PostgreSQL
 * tests are skipped, and say so.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

if (!existsSync(new URL('../../dist/server.js', import.meta.url))) {
  throw new Error('dist/ is not built: run `npm run build` first');
}
export const server = await import('../../dist/server.js');

export const PG_URL = process.env.INTEGRUS_CONSENT_TEST_PG || '';
export const PG_SKIP = PG_URL ? false : 'no PostgreSQL server ($INTEGRUS_CONSENT_TEST_PG is not set and none could be started)';
if (PG_SKIP) console.log(`\n*** PostgreSQL tests SKIPPED: ${PG_SKIP}\n`);

/** A valid record as the browser sends it, with a new id. */
export { sampleRecord as record } from './sample-record.mjs';

/** A temporary folder, removed by `cleanup()`. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'integrus-records-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new, empty PostgreSQL database: `{ url, drop() }`. */
export async function freshPgDatabase() {
  const name = `integrus_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const again = new pg.Client({ connectionString: PG_URL });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

/**
 * Both databases, for `for (const db of DATABASES)`: `db.create()` resolves with
 * `{ url, cleanup() }` for a new empty store URL; `db.skip` is false or the reason.
 */
export const DATABASES = [
  {
    name: 'SQLite',
    skip: false,
    async create() {
      const { dir, cleanup } = tempDir();
      return { url: `sqlite:${join(dir, 'records.db')}`, dir, cleanup: async () => cleanup() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: PG_SKIP,
    async create() {
      const db = await freshPgDatabase();
      return { url: db.url, cleanup: () => db.drop() };
    },
  },
];

/** Runs SQL on the database behind the store's back: the sqlite3 shell for SQLite, a pg client for PostgreSQL. */
export async function sql(url, text) {
  if (url.startsWith('sqlite:')) return void execFileSync('sqlite3', [url.slice('sqlite:'.length), text]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Everything a store exports, as an array. */
export async function exported(store, range) {
  const all = [];
  for await (const r of store.export(range)) all.push(r);
  return all;
}

/** POSTs `body` (an object is sent as JSON) and resolves with `{ status, text, headers }`. */
export async function post(url, body, { type = 'application/json', headers = {}, method = 'POST' } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(type ? { 'Content-Type': type } : {}), ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

export const BIN = fileURLToPath(new URL('../../bin/integrus-consent.mjs', import.meta.url));

/** Runs the command to its end: `{ code, out, err }`. */
export function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Starts `serve` on a free port; resolves once it listens: `{ url, child, output(), exited }`. */
export function serve(db, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
    child.stderr.on('data', (c) => (err += c));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /at POST (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], child, exited, output: () => out + err });
    });
    void exited.then(({ code }) => reject(new Error(`serve exited (${code}) before listening: ${out}${err}`)));
  });
}
