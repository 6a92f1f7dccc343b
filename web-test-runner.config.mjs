// @web/test-runner: every test runs in Debian's chromium against real DOM, real cookies and the
// built drop-in (dist/browser/), served with the test pages by the runner's dev server.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, DESKTOP_USER_AGENT, ensureChromium } from './scripts/ensure-chromium.mjs';

/**
 * Test pages: POST /__page with JSON { html, csp } stores a document and answers its id;
 * GET /__page?id=<id> serves it (with that Content-Security-Policy header), so a test can load,
 * reload and navigate a real page of any size. `<!--PAUSE-->` in the document splits it into
 * pieces sent 300 ms apart. GET /any/sub/path/__page?id=<id> serves the same page on a sub-path
 * (for cookies whose `path` is not `/`).
 */
const pages = new Map();
async function pageMiddleware(ctx, next) {
  if (!ctx.path.endsWith('/__page')) return next();
  if (ctx.method === 'POST') {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    const id = String(pages.size + 1);
    pages.set(id, JSON.parse(body));
    ctx.type = 'text/plain';
    ctx.body = id;
    return undefined;
  }
  const page = pages.get(String(ctx.query.id)) ?? { html: String(ctx.query.html ?? '') };
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  if (page.csp) ctx.set('Content-Security-Policy', page.csp);
  const parts = page.html.split('<!--PAUSE-->');
  if (parts.length === 1) {
    ctx.body = page.html;
    return undefined;
  }
  // A page that arrives in pieces, as over a slow network: the parser sees each part, then waits.
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  ctx.body = stream;
  void (async () => {
    for (const [i, part] of parts.entries()) {
      if (i > 0) await new Promise((r) => setTimeout(r, 300));
      stream.write(part);
    }
    stream.end();
  })();
  return undefined;
}

/**
 * GET /__script?name=x[&delay=ms][&cookie=name] answers with a script that records `src:x` in
 * `window.__runs` (and sets that cookie), after the delay: gated `src` scripts with real latency.
 * Each request is counted by name (GET /__hits?name=x).
 */
const hits = new Map();
async function scriptMiddleware(ctx, next) {
  // GET /__hits?name=x: how many requests for /__script?name=x arrived (any initiator: script, image,
  // frame, preload…), so a test sees a request made from any realm, even one that never ran.
  if (ctx.path === '/__hits') {
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = JSON.stringify(hits.get(String(ctx.query.name)) ?? 0);
    return undefined;
  }
  if (ctx.path !== '/__script') return next();
  hits.set(String(ctx.query.name), (hits.get(String(ctx.query.name)) ?? 0) + 1);
  const delay = Math.min(Number(ctx.query.delay) || 0, 3000);
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const name = JSON.stringify(String(ctx.query.name ?? 'script'));
  const cookie = ctx.query.cookie ? `document.cookie = ${JSON.stringify(`${ctx.query.cookie}=1; path=/`)};` : '';
  ctx.type = 'text/javascript';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = `(window.__runs = window.__runs || []).push('src:' + ${name});${cookie}`;
  return undefined;
}

/**
 * A stand-in logEndpoint. POST /__log?bucket=b stores a consent record → 204, once per record id (a
 * second copy is acknowledged, not stored, as the real receiver does); GET /__log?bucket=b lists
 * what is stored; GET /__log?bucket=b&posts counts every POST that arrived.
 * To test retries: `fail=N` answers the first N POSTs of the bucket 503, `status=S` answers every
 * POST S, `delay=ms` answers late.
 */
const records = new Map();
const posts = new Map();
async function logMiddleware(ctx, next) {
  if (ctx.path !== '/__log') return next();
  const bucket = String(ctx.query.bucket ?? 'default');
  if (!records.has(bucket)) records.set(bucket, []);
  if (ctx.method === 'POST') {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    const seen = (posts.get(bucket) ?? 0) + 1;
    posts.set(bucket, seen);
    const delay = Math.min(Number(ctx.query.delay) || 0, 5000);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (ctx.query.status || seen <= Number(ctx.query.fail ?? 0)) {
      ctx.status = Number(ctx.query.status) || 503;
      ctx.body = 'not stored';
      return undefined;
    }
    let id = null;
    try {
      id = JSON.parse(body).id ?? null;
    } catch {
      /* kept as it came */
    }
    const list = records.get(bucket);
    if (id === null || !list.some((r) => r.id === id)) list.push({ id, contentType: ctx.get('content-type'), body });
    ctx.status = 204;
    return undefined;
  }
  ctx.type = 'application/json';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = JSON.stringify('posts' in ctx.query ? posts.get(bucket) ?? 0 : records.get(bucket).map(({ contentType, body }) => ({ contentType, body })));
  return undefined;
}

/**
 * Vendor stand-ins. Chromium resolves every host but localhost to 127.0.0.1 (`--host-resolver-rules`
 * below), so `http://mc.yandex.ru:<port>/metrika/tag.js` reaches this server: any request whose host
 * is not localhost is counted and answered as what it asked for (a script records `vendor:<t>` in
 * `top.__vendorRuns` and the page's `__runs`; a frame gets a page, an image a GIF). `t` is the test's
 * token, taken from the query. GET /__vendor?t=<token> (on localhost) answers how many requests carried it.
 */
const vendorHits = [];
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
async function vendorMiddleware(ctx, next) {
  if (ctx.path === '/__vendor' && /^(localhost|127\.0\.0\.1)$/.test(ctx.hostname)) {
    const token = String(ctx.query.t ?? '');
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-store');
    const carries = new RegExp(`[?&]t=${token.replace(/[^\w-]/g, '')}(&|$)`);
    ctx.body = JSON.stringify(vendorHits.filter((h) => carries.test(h)).length);
    return undefined;
  }
  if (/^(localhost|127\.0\.0\.1)$/.test(ctx.hostname)) return next();
  vendorHits.push(`${ctx.host}${ctx.url}`);
  const token = JSON.stringify(`${ctx.host}${ctx.url}`.match(/[?&]t=([\w-]+)/)?.[1] ?? ctx.url);
  const dest = ctx.get('sec-fetch-dest');
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Access-Control-Allow-Origin', '*');
  if (dest === 'script' || dest === 'worker' || /\.js($|\?)/.test(ctx.path)) {
    ctx.type = 'text/javascript';
    ctx.body = `try { (top.__vendorRuns = top.__vendorRuns || []).push(${token}); } catch (e) {} (window.__runs = window.__runs || []).push('vendor:' + ${token});`;
  } else if (dest === 'image' || /\/(tr|watch)/.test(ctx.path)) {
    ctx.type = 'image/gif';
    ctx.body = GIF;
  } else {
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>vendor</title><p>vendor stand-in</p>';
  }
  return undefined;
}

/**
 * GET /__slow/<path>: the file at /<path>, answered 500 ms late: a slow network for a drop-in loaded
 * from /__slow/dist/, whose chunks then come from there too (it fetches them from its own folder).
 */
async function slowMiddleware(ctx, next) {
  const path = /^\/__slow(\/.+)$/.exec(ctx.path)?.[1];
  if (!path) return next();
  await new Promise((r) => setTimeout(r, 500));
  ctx.path = path;
  return next();
}

/**
 * A built file held back, as over a slow network, until the test lets it go: GET /__hold?file=f makes
 * every request for /dist/browser/f wait; GET /__release?file=f answers them all and stops holding; GET
 * /__held?file=f says how many are waiting now (JSON). The hold is lifted with the test (release in
 * `afterEach`), so no other test meets it. /__fresh/<token>/dist/browser/f serves /dist/browser/f under a URL no
 * earlier page used, so that the browser's cache cannot answer for a held file.
 */
const holds = new Map();
async function holdMiddleware(ctx, next) {
  const file = String(ctx.query.file ?? '');
  if (ctx.path === '/__hold' || ctx.path === '/__release' || ctx.path === '/__held') {
    if (ctx.path === '/__hold' && !holds.has(file)) holds.set(file, []);
    if (ctx.path === '/__release') {
      for (const release of holds.get(file) ?? []) release();
      holds.delete(file);
    }
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = JSON.stringify(holds.get(file)?.length ?? 0);
    return undefined;
  }
  const fresh = /^\/__fresh\/[\w-]+(\/dist\/.*)$/.exec(ctx.path);
  if (fresh) ctx.path = fresh[1];
  const held = holds.get(ctx.path.replace(/^\/dist\/browser\//, ''));
  if (ctx.path.startsWith('/dist/browser/') && held) await new Promise((resolve) => held.push(resolve));
  return next();
}

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  // Test files share this origin's cookies: one at a time.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  middleware: [vendorMiddleware, pageMiddleware, scriptMiddleware, logMiddleware, slowMiddleware, holdMiddleware],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, json: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname, target: 'es2022' })],
  reporters: [defaultReporter(), countingReporter('test-results/unit.json')],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: ensureChromium(),
        headless: true,
        // A visitor's browser, not a bot (see DESKTOP_USER_AGENT); bot tests set their own agents.
        args: [...CHROMIUM_ARGS, `--user-agent=${DESKTOP_USER_AGENT}`, '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost'],
      },
      // Tests may read back what a copy button put on the clipboard (the consent id in the preferences).
      async createPage({ context }) {
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Browser.grantPermissions', { permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] });
        return page;
      },
    }),
  ],
};
