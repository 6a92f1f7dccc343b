/// <reference types="node" />
/**
 * `createRecordHandler({ store })`: the `(req, res)` function that receives consent records. It mounts
 * in `node:http`, Express and Fastify alike (docs/records.md, "Library"). A `204` is sent only after
 * the record is committed; no record is ever sent back over HTTP.
 *
 * | answer | when |
 * | --- | --- |
 * | 204 | stored, or the same record was stored before (a retry) |
 * | 400 | the body is not JSON |
 * | 405 | any method but POST (and OPTIONS from an allowed origin) |
 * | 409 | another record with this id is stored |
 * | 413 | the body is over `maxBytes` (64 KB) |
 * | 415 | the content type is not `application/json` |
 * | 422 | JSON, but not a record (the JSON Schema, `RECORD_SCHEMA`), or `shown` is not the digest of `shownContent` |
 * | 429 | over the per-visitor rate (`Retry-After`) |
 * | 503 | the store cannot take it now (`Retry-After`); the browser keeps the record and retries |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress, keepAddress, rateKey } from './client-ip.js';
import type { IpMode } from './client-ip.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateLimitOptions } from './rate-limit.js';
import { retentionDays, scheduleRetention } from './retention.js';
import { createRecordValidator } from './schema.js';
import type { RecordStore } from './store.js';

export interface RecordHandlerOptions {
  /** Where records go (`openRecordStore(url)`). */
  store: RecordStore;
  /** How much of the visitor's address is kept (default `truncated`; docs/records.md says why). */
  ip?: IpMode;
  /** Reverse proxies of yours in front of this server: 0 (default) uses the socket's address; n reads `X-Forwarded-For`. */
  trustProxy?: number;
  /** Origins allowed to send records from other sites (CORS), e.g. `https://shop.example`; `*` for any. */
  allowOrigin?: readonly string[];
  /** Per-visitor limit (default 30 at once, 60 a minute); `false` for none (a benchmark, a proxy that limits). */
  rateLimit?: RateLimitOptions | false;
  /** Largest body accepted, in bytes (default 64 KB: a record with what was shown is about 10 KB). */
  maxBytes?: number;
  /** Told about store failures (answered 503); default `console.error`. */
  onError?: (error: unknown) => void;
  /**
   * Keep records this long, then delete them: days (`1460`) or `1460d`, `208w`, `4y`. The store is
   * pruned at once and every 6 hours (docs/records.md, "Retention", recommends 4y and says why).
   * Default: kept until you prune.
   */
  retention?: string | number;
}

/** A request as `node:http` gives it; frameworks that parse bodies themselves may put it in `body`. */
export type RecordRequest = IncomingMessage & { body?: unknown };

export type RecordHandler = (req: RecordRequest, res: ServerResponse) => Promise<void>;

export const MAX_RECORD_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function createRecordHandler(options: RecordHandlerOptions): RecordHandler {
  const { store, ip = 'truncated', trustProxy = 0, allowOrigin = [], maxBytes = MAX_RECORD_BYTES } = options;
  if (!store || typeof store.add !== 'function') throw new TypeError('createRecordHandler: `store` must be a record store (openRecordStore)');
  if (!['full', 'truncated', 'none'].includes(ip)) throw new RangeError(`createRecordHandler: ip must be full, truncated or none, not "${String(ip)}"`);
  // Compiled once, in the background; the first request waits for it.
  const validator = createRecordValidator();
  validator.catch(() => {}); // reported by the first request that needs it
  // node:crypto, imported here rather than at the top: `readConsentCookie` users (browsers too) load this file.
  const shownCheck = import('./shown.js').then((module) => module.createShownCheck());
  shownCheck.catch(() => {});
  const limiter = createRateLimiter(options.rateLimit ?? {});
  const onError = options.onError ?? ((error: unknown) => console.error(`[integrus-consent] The record store failed: ${String((error as Error)?.message ?? error)}`));
  const anyOrigin = allowOrigin.includes('*');
  if (options.retention !== undefined) scheduleRetention(store, retentionDays(options.retention), { onError });

  return async function handleRecord(req, res) {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '';
    const cors: Record<string, string> =
      origin && (anyOrigin || allowOrigin.includes(origin)) ? { 'Access-Control-Allow-Origin': anyOrigin ? '*' : origin, Vary: 'Origin' } : {};
    try {
      if (req.method === 'OPTIONS' && cors['Access-Control-Allow-Origin']) {
        return answer(res, 204, '', {
          ...cors,
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': '86400',
        });
      }
      if (req.method !== 'POST') throw new HttpError(405, 'Only POST', { Allow: cors['Access-Control-Allow-Origin'] ? 'POST, OPTIONS' : 'POST' });

      const address = clientAddress(req, trustProxy);
      const wait = limiter.take(rateKey(address));
      if (wait) throw new HttpError(429, 'Too many records from this address', { 'Retry-After': String(wait) });

      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') throw new HttpError(415, 'Send the record as application/json');

      const parsed = parse(await readBody(req, maxBytes));
      const checked = (await validator)(parsed);
      if (!checked.ok) throw new HttpError(422, `Not a consent record: ${checked.errors.join('; ')}`);
      const mismatch = (await shownCheck)(checked.record);
      if (mismatch) throw new HttpError(422, `Not a consent record: ${mismatch}`);

      let result;
      try {
        result = await store.add({ ...checked.record, receivedAt: new Date().toISOString(), ip: keepAddress(address, ip) });
      } catch (error) {
        onError(error);
        throw new HttpError(503, 'The record store is unavailable; send it again later', { 'Retry-After': '5' });
      }
      if (result === 'conflict') throw new HttpError(409, 'Another record with this id is stored');
      return answer(res, 204, '', cors);
    } catch (error) {
      if (error instanceof HttpError) {
        // A body we stopped reading: close the connection rather than read the rest.
        const close: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
        return answer(res, error.status, error.message, { ...cors, ...error.headers, ...close });
      }
      onError(error);
      return answer(res, 500, 'Internal error', cors);
    }
  };
}

function parse(body: string | object): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not JSON');
  }
}

/** The body as text, or the object a framework already parsed; 413 past `limit` bytes. */
async function readBody(req: RecordRequest, limit: number): Promise<string | object> {
  if (req.body !== undefined && req.body !== null) {
    const body = req.body;
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : null;
    const size = text !== null ? Buffer.byteLength(text) : Buffer.byteLength(JSON.stringify(body) ?? '');
    if (size > limit) throw new HttpError(413, `The body is over ${limit} bytes`);
    return text ?? (body as object);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw new HttpError(413, `The body is over ${limit} bytes`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Answer now (the connection closes after the answer); what still arrives is read and dropped.
      req.off('data', onData);
      req.on('data', () => {});
      reject(new HttpError(413, `The body is over ${limit} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // The visitor's browser went away mid-body: nothing to store, nobody to answer.
    const aborted = (): void => reject(new HttpError(400, 'The request was aborted'));
    req.once('error', aborted);
    req.once('close', () => {
      if (!req.complete) aborted();
    });
  });
}

function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string>): void {
  if (res.headersSent) return void res.end();
  const body = status === 204 ? '' : `${message}\n`;
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(body ? { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    ...headers,
  });
  res.end(body);
}
