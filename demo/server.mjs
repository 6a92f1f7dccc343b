/**
 * The demo site's server, written to be copied: a strict Content-Security-Policy with a fresh nonce
 * per page, the other security headers, compression, caching, and consent records kept in SQLite by
 * the library's own receiver. Node 20+, no framework. docs/demo-server.md explains each choice.
 *
 *   /            → demo/       (the company site, its stand-in vendors and embeds)
 *   /dist/browser/ → dist/browser/ (the built drop-in, exactly as a site deploys it; never the rest of dist/)
 *   /locales/    → locales/
 *   POST /consent-log  one consent record → 204 once committed (createRecordHandler, docs/records.md).
 *                      No method shows the records: read them with `npx integrus-consent export`.
 *
 * `node demo/server.mjs` (or `npm start`) listens on 127.0.0.1, port $PORT or 8080 (the next free port
 * when 8080 is taken and PORT was not given), and keeps records in demo/data/consent-records.db
 * (git-ignored; $CONSENT_DB for another store URL). End-to-end tests import `startDemoServer` and run
 * it in-process.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';

const DEMO_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)));
const REPO_DIR = resolve(DEMO_DIR, '..');

/** Where `npm start` keeps the demo's consent records (git-ignored). */
export const DEFAULT_RECORDS_DB = `sqlite:${join(DEMO_DIR, 'data', 'consent-records.db')}`;

/** URL prefix → folder it is served from. The first match wins, so `/` goes last. */
const MOUNTS = [
  ['/dist/browser/', join(REPO_DIR, 'dist', 'browser')],
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
/** Worth compressing: text. PNG and ICO are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.json', '.map', '.css', '.svg', '.txt', '.ts']);

const DEFAULT_PORT = 8080;
const PORT_ATTEMPTS = 20;
const LOG_PATH = '/consent-log';

/**
 * Headers every answer carries. The CSP itself is per page (its nonce): see `pagePolicy`.
 * - Referrer-Policy: other sites learn the origin, never the path (which may name a product or a search).
 * - X-Frame-Options for old browsers; `frame-ancestors` in the CSP is the rule today.
 * - Permissions-Policy: nothing on this site needs the camera, the microphone, location, payment or
 *   USB, nor may an embed ask; Topics is off. Fullscreen stays for the video embed (same origin).
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'SAMEORIGIN',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), fullscreen=(self)',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The page's Content-Security-Policy: scripts only from this origin or carrying this response's
 * nonce, no inline styles (the library uses constructable stylesheets), no plugins, no <base>
 * tricks, framed only by this site, and Trusted Types for the DOM sinks (the library's policies are
 * `integrus-consent` and `lit-html`). A page that needs more gets it in PAGE_SOURCES, for that page
 * only (docs/demo-server.md).
 */
function pagePolicy(nonce, page) {
  const extra = PAGE_SOURCES[page] ?? {};
  const directive = (name, ...sources) => [name, ...sources, ...(extra[name] ?? [])].join(' ');
  return [
    directive('default-src', "'self'"),
    directive('script-src', "'self'", `'nonce-${nonce}'`),
    directive('style-src', "'self'"),
    directive('img-src', "'self'", 'data:'),
    directive('connect-src', "'self'"),
    directive('frame-src', "'self'"),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "require-trusted-types-for 'script'",
    directive('trusted-types', 'integrus-consent', 'lit-html'),
  ].join('; ');
}

/**
 * Sources one page adds to the policy above, by its file in demo/. Only what that page needs:
 *
 * - autoblock.html carries Yandex Metrica's and Google's snippets exactly as published, so it allows
 *   what they load and where they send hits (the vendors' hosts, as in docs/security.md's recipe),
 *   and the `default` Trusted Types policy that the page defines for them: Metrica's snippet assigns
 *   a plain string to a script's `src`, which Trusted Types refuses without a `default` policy.
 *   That policy (in the page) passes only script URLs on these same hosts.
 */
const PAGE_SOURCES = {
  'autoblock.html': {
    'script-src': ['https://mc.yandex.ru', 'https://www.googletagmanager.com'],
    'img-src': ['https://mc.yandex.ru', 'https://*.google-analytics.com', 'https://*.googletagmanager.com'],
    'connect-src': ['https://mc.yandex.ru', 'https://*.google-analytics.com', 'https://*.analytics.google.com', 'https://*.googletagmanager.com'],
    'trusted-types': ['default'],
  },
};

/**
 * How long a browser may reuse a file. HTML: `no-cache` — always asked again, so every page view gets
 * a fresh nonce, yet the page may enter the back/forward cache (`no-store` would forbid that).
 * Everything else (dist/browser/, locales/, CSS, scripts, images): an hour, then revalidated by ETag. With
 * a versioned folder (`/integrus-consent/0.1.0/`, README "Deploy") a site would say `max-age=31536000, immutable`.
 * `fresh` (`npm run dev`): everything `no-cache`, so a rebuilt file is fetched on the next reload.
 */
const cachePolicy = (ext, fresh = false) => (fresh || ext === '.html' ? 'no-cache' : 'public, max-age=3600');

/**
 * Starts the demo server.
 * - `port`: a number (0 picks a free one) is used as given; left out, 8080 or the next free port.
 * - `log`: receives the start-up lines (default `console.log`; pass `false` for silence).
 * - `records`: options of the consent-record receiver: `db` (store URL, default DEFAULT_RECORDS_DB),
 *   and any of createRecordHandler's (`ip`, `rateLimit`, …).
 * - `fresh`: every answer `Cache-Control: no-cache` (development: `npm run dev` rebuilds dist/ as you edit).
 * Resolves with `{ url, port, store, close() }`; `store` is the open record store (RecordStore).
 */
export async function startDemoServer({ port, host = '127.0.0.1', log = console.log, records = {}, fresh = false } = {}) {
  let library;
  try {
    library = await import(pathToFileURL(join(REPO_DIR, 'dist', 'server.js')).href);
  } catch (error) {
    throw new Error(`dist/server.js cannot be loaded (run \`npm run build\` first): ${error.message}`);
  }
  const { db = DEFAULT_RECORDS_DB, ...handlerOptions } = records;
  const store = await library.openRecordStore(db);
  const receiveRecord = library.createRecordHandler({ store, ...handlerOptions });

  const server = createServer((req, res) => {
    handle(req, res, receiveRecord, fresh).catch((error) => {
      if (!res.headersSent) send(res, 500, 'Internal server error');
      else res.destroy(error);
    });
  });

  const fixed = port !== undefined && port !== null && port !== '';
  const first = fixed ? Number(port) : DEFAULT_PORT;
  if (!Number.isInteger(first) || first < 0 || first > 65535) throw new RangeError(`Bad port: ${port}`);

  let bound;
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        bound = await listen(server, first + attempt, host);
        break;
      } catch (error) {
        const retry = !fixed && error.code === 'EADDRINUSE' && attempt + 1 < PORT_ATTEMPTS && first + attempt < 65535;
        if (!retry) throw error;
      }
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
  if (log) {
    const where = store.kind === 'sqlite' ? `sqlite:${relative(process.cwd(), store.description.slice('sqlite:'.length)) || '.'}` : '<the same URL>';
    log(`Integrus Consent demo: ${url}`);
    log(`Consent records: POST ${url}${LOG_PATH.slice(1)} → ${store.description}`);
    log(`Export them:     npx integrus-consent export --db ${where} [--format csv]`);
  }
  return {
    url,
    port: bound,
    store,
    close: () =>
      new Promise((done, fail) => {
        server.close((error) => (error ? fail(error) : store.close().then(done, fail)));
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

async function handle(req, res, receiveRecord, fresh) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');

  // POST only; every other method is 405 there: records are never readable over HTTP.
  if (pathname === LOG_PATH) return receiveRecord(req, res);

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method not allowed', undefined, false, { Allow: 'GET, HEAD' });
  }

  const file = await findFile(pathname);
  if (file === null) return send(res, 400, 'Bad request');
  if (file === undefined) return send(res, 404, 'Not found');

  const ext = extname(file.path).toLowerCase();
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': cachePolicy(ext, fresh),
  };
  const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(req.headers['accept-encoding']) : null;
  if (COMPRESSIBLE.has(ext)) headers.Vary = 'Accept-Encoding';

  if (ext === '.html') {
    // A new nonce for every answer, on every <script> of these trusted, static pages (gated
    // `type="text/plain"` ones too: the library copies it to the script it activates).
    const nonce = randomBytes(16).toString('base64');
    const html = (await readFile(file.path, 'utf8')).replace(/<script\b/gi, `<script nonce="${nonce}"`);
    headers['Content-Security-Policy'] = pagePolicy(nonce, relative(DEMO_DIR, file.path).split(sep).join('/'));
    return sendBody(res, req.method === 'HEAD', headers, Buffer.from(html), encoding, false);
  }

  // Static files: an ETag from size and time, so a revalidation costs a 304.
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  headers.ETag = etag;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  if (encoding) {
    return sendBody(res, req.method === 'HEAD', headers, await compressedFile(file, encoding), encoding, true);
  }
  res.writeHead(200, { ...headers, 'Content-Length': file.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file.path).on('error', (error) => res.destroy(error)).pipe(res);
}

/** `br` when the browser takes it, else `gzip`, else none. (q-values of 0 mean "not this one".) */
function pickEncoding(header = '') {
  const accepted = new Map(
    String(header).split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return [name, q ? Number(q[1]) : 1];
    }),
  );
  for (const name of ['br', 'gzip']) if ((accepted.get(name) ?? accepted.get('*') ?? 0) > 0) return name;
  return null;
}

/** Static files are compressed once, at the best level, and kept until they change. */
const compressedCache = new Map();
async function compressedFile(file, encoding) {
  const key = `${encoding}:${file.path}`;
  const cached = compressedCache.get(key);
  if (cached && cached.mtimeMs === file.mtimeMs && cached.size === file.size) return cached.body;
  const raw = await readFile(file.path);
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzipSync(raw, { level: 9 });
  compressedCache.set(key, { mtimeMs: file.mtimeMs, size: file.size, body });
  return body;
}

/**
 * Sends `body`; `ready` says it is already encoded as `encoding`. A page (different every time: its
 * nonce) is compressed as it goes out, at a fast level.
 */
function sendBody(res, headOnly, headers, body, encoding, ready) {
  if (!encoding) {
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    return res.end(headOnly ? undefined : body);
  }
  if (ready) {
    res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
    return res.end(headOnly ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'Content-Encoding': encoding });
  if (headOnly) return res.end();
  const stream = encoding === 'br' ? createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }) : createGzip({ level: 6 });
  stream.on('error', (error) => res.destroy(error));
  stream.pipe(res);
  stream.end(body);
}

/**
 * Maps a URL path to a file inside one of the mounts. `null`: a path that can never be served
 * (malformed, NUL byte, climbing out of its folder, a dot-folder such as data/.. or .git);
 * `undefined`: nothing there. A folder serves its `index.html`; `/privacy` finds `privacy.html`.
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
  // The consent records and the server's own code are not files of the site.
  if (prefix === '/' && /^(data|server\.mjs)([\\/]|$)/.test(rest)) return undefined;

  const target = resolve(root, `./${rest}`);
  if (target !== root && !target.startsWith(root + sep)) return null;

  const candidates = [target];
  if (decoded.endsWith('/')) candidates[0] = join(target, 'index.html');
  else if (!extname(target)) candidates.push(`${target}.html`, join(target, 'index.html'));

  for (const path of candidates) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return { path, size: info.size, mtimeMs: info.mtimeMs };
  }
  return undefined;
}

function send(res, status, body = '', type = 'text/plain; charset=utf-8', headOnly = false, headers = {}) {
  const payload = status === 204 ? '' : body;
  res.writeHead(status, {
    ...(payload ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) } : {}),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(headOnly ? undefined : payload);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const stop = (demo) => async () => {
    await demo.close().catch(() => {});
    process.exit(0);
  };
  startDemoServer({ port: process.env.PORT || undefined, records: { db: process.env.CONSENT_DB || DEFAULT_RECORDS_DB } }).then(
    (demo) => {
      process.once('SIGINT', stop(demo));
      process.once('SIGTERM', stop(demo));
    },
    (error) => {
      console.error(`Integrus Consent demo: cannot start: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
