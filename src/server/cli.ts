/// <reference types="node" />
/**
 * `integrus-consent`: the command installed with the package (bin/integrus-consent.mjs runs `main`).
 * docs/records.md, "The command", is its manual.
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { IpMode } from './client-ip.js';
import { startReceiver } from './receiver.js';
import { retentionDays, scheduleRetention } from './retention.js';
import { shownDigest } from './shown.js';
import { DEFAULT_STORE_URL, openRecordStore } from './store.js';
import type { RecordStore, StoredRecord } from './store.js';

export const USAGE = `integrus-consent: keep proof of consent (152-FZ art. 9 part 3, GDPR art. 7(1))

  integrus-consent serve  [--db URL] [--host 127.0.0.1] [--port 8081] [--path /consent-log]
                          [--allow-origin ORIGIN]… [--ip full|truncated|none] [--trust-proxy N]
                          [--rate-limit PER_MINUTE] [--retention 4y|1460d|1460]
  integrus-consent export [--db URL] [--since ISO] [--until ISO] [--format jsonl|csv]
  integrus-consent find   [--db URL] ID
  integrus-consent prune  [--db URL] --older-than DAYS
  integrus-consent verify [--db URL]

  --db   sqlite:PATH (default ${DEFAULT_STORE_URL}) or postgres://user:password@host:5432/db
         ($INTEGRUS_CONSENT_DB is used when --db is not given)
`;

/** Runs one command; resolves with the exit code. `out`/`err` are the streams to write to. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  // `export | head`: the reader went away. Stop writing, quietly (no "write EPIPE").
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error?.code !== 'EPIPE') err.write(`integrus-consent ${String(command)}: ${error?.message ?? String(error)}\n`);
  });
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, out);
      case 'export':
        return await exportRecords(rest, out);
      case 'find':
        return await find(rest, out, err);
      case 'prune':
        return await prune(rest, out);
      case 'verify':
        return await verify(rest, out, err);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        err.write(`integrus-consent: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    err.write(`integrus-consent ${command}: ${String((error as Error)?.message ?? error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

class UsageError extends Error {}

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function options(args: string[], spec: NonNullable<ParseArgsConfig['options']>, positionals = 0): { values: Values; positionals: string[] } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { db: { type: 'string' }, ...spec }, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  return parsed;
}

// A --db given empty (`--db "$UNSET"`) is refused by openRecordStore rather than replaced by the default.
const storeUrl = (db: unknown): string => (typeof db === 'string' ? db : process.env.INTEGRUS_CONSENT_DB ?? DEFAULT_STORE_URL);

function integer(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(value)}"`);
  return n;
}

function date(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be an ISO 8601 date or time (2025-09-01 or 2025-09-01T10:00:00Z), not "${String(value)}"`);
  return d;
}

/** Opens an existing store for reading: a database that is not there is not created ("no database at …", exit 1). */
async function withStore<T>(db: unknown, run: (store: RecordStore) => Promise<T>): Promise<T> {
  const store = await openRecordStore(storeUrl(db), { create: false });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function serve(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = options(args, {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8081' },
    path: { type: 'string', default: '/consent-log' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    ip: { type: 'string', default: 'truncated' },
    'trust-proxy': { type: 'string', default: '0' },
    'rate-limit': { type: 'string', default: '60' },
    retention: { type: 'string' },
  });
  const ip = String(values.ip) as IpMode;
  if (!['full', 'truncated', 'none'].includes(ip)) throw new UsageError(`--ip must be full, truncated or none, not "${ip}"`);
  const path = String(values.path);
  if (!path.startsWith('/')) throw new UsageError(`--path must start with "/", not "${path}"`);
  const perMinute = integer(values['rate-limit'], 'rate-limit', 0);
  let days: number | undefined;
  try {
    days = values.retention === undefined ? undefined : retentionDays(String(values.retention));
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
  const store = await openRecordStore(storeUrl(values.db));
  const receiver = await startReceiver({
    store,
    host: String(values.host),
    port: integer(values.port, 'port', 0, 65535),
    path,
    ip,
    trustProxy: integer(values['trust-proxy'], 'trust-proxy', 0, 10),
    allowOrigin: values['allow-origin'] as string[],
    rateLimit: perMinute === 0 ? false : { perMinute, burst: Math.min(30, perMinute) },
  });
  out.write(`Receiving consent records at POST ${receiver.url} into ${store.description}\n`);
  const retention =
    days === undefined
      ? undefined
      : scheduleRetention(store, days, {
          onPruned: (n) => void (n && out.write(`Pruned ${n} record${n === 1 ? '' : 's'} received more than ${days} days ago\n`)),
          onError: (error) => process.stderr.write(`integrus-consent serve: pruning failed: ${String((error as Error)?.message ?? error)}\n`),
        });
  if (days !== undefined) out.write(`Keeping records for ${days} days: older ones are pruned now and every 6 hours\n`);
  out.write(`Export them: integrus-consent export --db ${store.kind === 'sqlite' ? store.description : '<the same URL>'} > records.jsonl\n`);
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  out.write(`Stopping (${String(signal[0] ?? 'signal')}): finishing the records in flight…\n`);
  retention?.stop();
  await receiver.close();
  await store.close();
  return 0;
}

/** The CSV columns: the record's fields by name, then the services chosen one by one as two lists (empty when none). */
const CSV_COLUMNS: Array<[string, (r: StoredRecord) => unknown]> = [
  ...(['receivedAt', 'ip', 'id', 'ts', 'rev', 'method', 'source', 'granted', 'denied', 'policyUrl', 'consentUrl', 'lang', 'pageUrl', 'userAgent', 'gpc'] as const)
    .map((name): [string, (r: StoredRecord) => unknown] => [name, (r) => r[name]]),
  ['servicesGranted', (r) => r.services?.granted],
  ['servicesDenied', (r) => r.services?.denied],
];

/**
 * Characters a terminal or an editor acts on rather than shows: C0 and C1 controls (ESC starts a
 * terminal escape sequence, CSI is U+009B), DEL, the line and paragraph separators and the bidi
 * overrides. Exports write each as the text `\uXXXX` (docs/records.md, "Export").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeUnsafe = (text: string, pattern = UNSAFE): string => text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** JSON a terminal shows as it is: JSON.stringify escapes C0 in strings; the rest of UNSAFE is escaped here (the same JSON value). */
const safeJson = (value: unknown, indent?: number): string => escapeUnsafe(JSON.stringify(value, null, indent), /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g);

/** One CSV field (RFC 4180); controls written as `\uXXXX`; a leading = + - @ is escaped so a spreadsheet does not run it as a formula. */
function csvField(value: unknown): string {
  let text = escapeUnsafe(Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if ((out as NodeJS.WritableStream & { destroyed?: boolean }).destroyed) throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  if (!out.write(text)) await once(out, 'drain');
}

async function exportRecords(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = options(args, { since: { type: 'string' }, until: { type: 'string' }, format: { type: 'string', default: 'jsonl' } });
  const format = String(values.format);
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`);
  const range = { since: date(values.since, 'since'), until: date(values.until, 'until') };
  return withStore(values.db, async (store) => {
    if (format === 'csv') await write(out, `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`);
    for await (const record of store.export(range)) {
      await write(out, format === 'csv' ? `${CSV_COLUMNS.map(([, value]) => csvField(value(record))).join(',')}\r\n` : `${safeJson(record)}\n`);
    }
    return 0;
  });
}

async function find(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = options(args, {}, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('find needs the decision id (the `id` in the integrus_consent cookie)');
  return withStore(values.db, async (store) => {
    const records = await store.find(id.toLowerCase());
    if (!records.length) {
      err.write(`No record with id ${id} in ${store.description}\n`);
      return 1;
    }
    for (const record of records) {
      // What the visitor read: the version the record's digest names, as the JSON it was shown as.
      const version = record.shown ? await store.shown(record.shown) : null;
      const content = version && shownDigest(version.content) === version.digest ? (JSON.parse(version.content) as unknown) : undefined;
      await write(out, `${safeJson(content === undefined ? record : { ...record, shownContent: content }, 2)}\n`);
      err.write(`${shownNote(record, version, content !== undefined)}\n`);
    }
    // Its changes and withdrawals (records that name it in `replaces`): said on stderr, stdout stays JSON.
    for (const later of await store.replacedBy(id.toLowerCase())) {
      err.write(`Replaced by ${later.id} (${later.method}, ${later.ts}): integrus-consent find ${later.id}\n`);
    }
    return 0;
  });
}

/** What `find` says (on stderr) about what the visitor was shown. */
function shownNote(record: StoredRecord, version: { receivedAt: string } | null, intact: boolean): string {
  if (record.shown === undefined) return 'What was shown: not recorded (the record comes from a version of the banner that did not send it).';
  if (record.shown === null) return 'What was shown: nothing. No banner or preferences had been shown on that page; the decision came through the JavaScript API.';
  if (!version) return `What was shown: version ${record.shown}, which is not in this database (consent_shown).`;
  if (!intact) return `What was shown: version ${record.shown}, but the text kept for it no longer matches its digest: it was edited.`;
  return `What was shown: "shownContent" above, version ${record.shown} (first received ${version.receivedAt}); its SHA-256 matches the record's "shown".`;
}

async function prune(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = options(args, { 'older-than': { type: 'string' } });
  if (values['older-than'] === undefined) throw new UsageError('prune needs --older-than DAYS');
  const days = integer(values['older-than'], 'older-than', 1);
  return withStore(values.db, async (store) => {
    const removed = await store.prune(days);
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    out.write(`Deleted ${removed} record${removed === 1 ? '' : 's'} received before ${cutoff} from ${store.description}\n`);
    return 0;
  });
}

/** Checks the hash chain: exit 0 and the head hash to anchor elsewhere, or exit 1 naming the first bad record. */
async function verify(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values } = options(args, {});
  return withStore(values.db, async (store) => {
    const result = await store.verify();
    const pruned = result.pruned ? ` (after ${result.pruned} pruned place${result.pruned === 1 ? '' : 's'})` : '';
    if (result.ok) {
      out.write(`The chain holds: ${result.records} record${result.records === 1 ? '' : 's'}${pruned} in ${store.description}\n`);
      out.write(`Head hash: ${result.head}\n`);
      return 0;
    }
    const { seq, id } = result.bad;
    err.write(`The chain is broken at record #${seq}${id ? ` (id ${id})` : ''}: it ${result.reason}.\n`);
    err.write(`${result.records} record${result.records === 1 ? '' : 's'} before it verify${pruned}; the last good hash is ${result.head}\n`);
    return 1;
  });
}
