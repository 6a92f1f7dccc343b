/**
 * The demo site's server: static files and a consent-record sink, no dependencies (Node 20+).
 *
 *   /            → demo/       (the company site, its stand-in vendors and embeds)
 *   /dist/       → dist/       (the built drop-in, exactly as a site deploys it)
 *   /locales/    → locales/
 *   POST /consent-log  stores one consent record (JSON, up to 16 KB) in memory → 204
 *   GET  /consent-log  the records stored so far, as a JSON array
 *
 * `node demo/server.mjs` listens on 127.0.0.1, port $PORT or 8080 (the next free port when 8080 is
 * taken and PORT was not given). End-to-end tests import `startDemoServer` and run it in-process.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)));
const REPO_DIR = resolve(DEMO_DIR, '..');

/** URL prefix → folder it is served from. The first match wins, so `/` goes last. */
const MOUNTS = [
  ['/dist/', join(REPO_DIR, 'dist')],
  ['/locales/', join(REPO_DIR, 'locales')],
  ['/', DEMO_DIR],
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const DEFAULT_PORT = 8080;
const PORT_ATTEMPTS = 20;
const LOG_PATH = '/consent-log';
const LOG_BODY_LIMIT = 16 * 1024;

/**
 * Starts the demo server.
 * `port`: a number (0 picks a free one) is used as given; left out, 8080 or the next free port.
 * `log`: receives the one "listening" line (default `console.log`; pass `false` for silence).
 * Resolves with `{ url, port, close(), consentLog }`; `consentLog` is the live array of records.
 */
export async function startDemoServer({ port, host = '127.0.0.1', log = console.log } = {}) {
  const consentLog = [];
  const server = createServer((req, res) => {
    handle(req, res, consentLog).catch((error) => {
      if (!res.headersSent) send(res, 500, 'Internal server error');
      else res.destroy(error);
    });
  });

  const fixed = port !== undefined && port !== null && port !== '';
  const first = fixed ? Number(port) : DEFAULT_PORT;
  if (!Number.isInteger(first) || first < 0 || first > 65535) throw new RangeError(`Bad port: ${port}`);

  let bound;
  for (let attempt = 0; ; attempt += 1) {
    try {
      bound = await listen(server, first + attempt, host);
      break;
    } catch (error) {
      const retry = !fixed && error.code === 'EADDRINUSE' && attempt + 1 < PORT_ATTEMPTS && first + attempt < 65535;
      if (!retry) throw error;
    }
  }

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
  if (log) log(`Integrus Consent demo: ${url}`);
  return {
    url,
    port: bound,
    consentLog,
    close: () =>
      new Promise((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

function listen(server, port, host) {
  return new Promise((done, fail) => {
    const onError = (error) => {
      server.off('listening', onListening);
      fail(error);
    };
    const onListening = () => {
      server.off('error', onError);
      done(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function handle(req, res, consentLog) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === LOG_PATH) {
    if (req.method === 'POST') return receiveRecord(req, res, consentLog);
    if (req.method === 'GET' || req.method === 'HEAD') {
      return send(res, 200, JSON.stringify(consentLog), CONTENT_TYPES['.json'], req.method === 'HEAD');
    }
    return send(res, 405, 'Method not allowed', undefined, false, { Allow: 'GET, HEAD, POST' });
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method not allowed', undefined, false, { Allow: 'GET, HEAD' });
  }

  const file = await findFile(pathname);
  if (file === null) return send(res, 400, 'Bad request');
  if (file === undefined) return send(res, 404, 'Not found');

  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file.path).on('error', (error) => res.destroy(error)).pipe(res);
}

/**
 * Maps a URL path to a file inside one of the mounts. `null`: a path that can never be served
 * (malformed, NUL byte, climbing out of its folder); `undefined`: nothing there.
 * A folder serves its `index.html`; `/privacy` finds `privacy.html`.
 */
async function findFile(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;

  const [prefix, root] = MOUNTS.find(([p]) => decoded.startsWith(p));
  const rest = decoded.slice(prefix.length);
  if (rest.split(/[\\/]/).some((segment) => segment.startsWith('.') && segment !== '')) return null;

  const target = resolve(root, `./${rest}`);
  if (target !== root && !target.startsWith(root + sep)) return null;

  const candidates = [target];
  if (decoded.endsWith('/')) candidates[0] = join(target, 'index.html');
  else if (!extname(target)) candidates.push(`${target}.html`, join(target, 'index.html'));

  for (const path of candidates) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return { path, size: info.size };
  }
  return undefined;
}

function receiveRecord(req, res, consentLog) {
  const declared = Number(req.headers['content-length']);
  if (declared > LOG_BODY_LIMIT) return send(res, 413, 'Payload too large', undefined, false, { Connection: 'close' });

  return new Promise((done) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= LOG_BODY_LIMIT) chunks.push(chunk);
    });
    req.on('error', () => done());
    req.on('end', () => {
      if (size > LOG_BODY_LIMIT) send(res, 413, 'Payload too large');
      else {
        try {
          consentLog.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          send(res, 204);
        } catch {
          send(res, 400, 'Body must be JSON');
        }
      }
      done();
    });
  });
}

function send(res, status, body = '', type = 'text/plain; charset=utf-8', headOnly = false, headers = {}) {
  const payload = status === 204 ? '' : body;
  res.writeHead(status, {
    ...(payload ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) } : {}),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(headOnly ? undefined : payload);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  startDemoServer({ port: process.env.PORT || undefined }).catch((error) => {
    console.error(`Integrus Consent demo: cannot start: ${error.message}`);
    process.exitCode = 1;
  });
}
