// `npm run bench` (after `npm run build`): Integrus Consent's drop-in side by side with
// vanilla-cookieconsent and klaro, and a page without any consent library, in Debian's chromium.
//
//   node bench/run.mjs [--runs=N] [--throttle=1,4] [--network=LATENCY_MS,KBPS] [--quick] [--out=FILE]
//   BENCH_RUNS=N node bench/run.mjs
//
// Every page (bench/pages/*.html) has the same style and content (pages/style.html, pages/content.html), two categories (necessary + analytics), one
// gated inline script and one gated `src` script (bench/assets/tracker.js), each configured the way
// its library documents. A small static server serves every file compressed with gzip -9. Each run is
// a fresh browser context (cold cache, cache disabled over CDP), libraries alternate within a round,
// and the whole set is repeated without and with CPU throttling x4. Prints Markdown tables of median
// (min–max) and the added cost over the baseline page; writes every run and the summary to
// bench/results.json (--quick: N=2, no throttling, writes bench/results/quick.json).
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DESKTOP_USER_AGENT, ensureChromium } from '../scripts/ensure-chromium.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const started = Date.now();

// ---------------------------------------------------------------------------------------------------
// Options

const USAGE = 'Usage: node bench/run.mjs [--runs=N] [--throttle=1,4] [--network=LATENCY_MS,KBPS] [--quick] [--out=FILE]   (BENCH_RUNS=N also sets N)';
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, ...value] = arg.replace(/^--/, '').split('=');
    return [key, value.length ? value.join('=') : true];
  }),
);
for (const key of args.keys()) {
  if (!['runs', 'throttle', 'network', 'quick', 'out', 'help'].includes(key)) {
    console.error(`Unknown option --${key}. ${USAGE}`);
    process.exit(2);
  }
}
if (args.has('help')) {
  console.log(USAGE);
  process.exit(0);
}
const quick = args.has('quick');
const runs = Number(args.get('runs') ?? process.env.BENCH_RUNS ?? (quick ? 2 : 15));
const throttles = String(args.get('throttle') ?? (quick ? '1' : '1,4')).split(',').map(Number);
const out = resolve(ROOT, String(args.get('out') ?? (quick ? 'bench/results/quick.json' : 'bench/results.json')));
// Optional network emulation (off by default: the pages are served from 127.0.0.1, so the default
// figures are CPU-bound). DevTools-style: LATENCY_MS added to every request, KBPS the downlink
// (uplink half of it); e.g. --network=150,1600 for a slow mobile connection.
const network = args.has('network') ? String(args.get('network')).split(',').map(Number) : null;
if (!Number.isInteger(runs) || runs < 1 || throttles.some((rate) => !(rate >= 1))) {
  console.error('--runs must be a positive integer and --throttle a list of rates >= 1 (e.g. 1,4).');
  process.exit(2);
}
if (network && (network.length !== 2 || network.some((v) => !(v > 0)))) {
  console.error('--network takes LATENCY_MS,KBPS, e.g. --network=150,1600.');
  process.exit(2);
}

const LIBRARIES = ['baseline', 'integrus', 'cookieconsent', 'klaro'];
const version = (dir) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).version;
const LABELS = {
  baseline: 'baseline (no library)',
  integrus: `Integrus Consent ${version('.')}`,
  cookieconsent: `vanilla-cookieconsent ${version('node_modules/vanilla-cookieconsent')}`,
  klaro: `klaro ${version('node_modules/klaro')}`,
};
const SCENARIOS = ['first', 'returning'];
const USER_AGENT = DESKTOP_USER_AGENT; // not "HeadlessChrome", which Integrus (rightly) treats as a bot
const RUN_TIMEOUT = 20_000;

// ---------------------------------------------------------------------------------------------------
// Static server: gzip -9 for every response, body bytes counted per page load.

const MOUNTS = {
  '/pages/': join(BENCH, 'pages'),
  '/assets/': join(BENCH, 'assets'),
  '/dist/browser/': join(ROOT, 'dist', 'browser'),
  '/vendor/cookieconsent/': join(ROOT, 'node_modules/vanilla-cookieconsent/dist'),
  '/vendor/klaro/': join(ROOT, 'node_modules/klaro/dist'),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const files = new Map(); // path -> { body, raw, gz, type } (read once, so every run serves the same bytes)
function fileFor(pathname) {
  if (files.has(pathname)) return files.get(pathname);
  let entry = null;
  for (const [prefix, dir] of Object.entries(MOUNTS)) {
    if (!pathname.startsWith(prefix)) continue;
    const full = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
    if (relative(dir, full).startsWith('..')) break;
    try {
      let raw = readFileSync(full);
      // The pages share their style and body (pages/style.html, pages/content.html), put where a page
      // says <!-- style --> and <!-- content -->: they differ only in the consent library.
      if (prefix === '/pages/' && full.endsWith('.html')) {
        raw = Buffer.from(raw.toString('utf8').replace(/<!-- (style|content) -->\n?/g, (_, part) => readFileSync(join(dir, `${part}.html`), 'utf8')));
      }
      entry = { body: raw, raw: raw.length, gz: gzipSync(raw, { level: 9 }), type: TYPES[extname(full)] ?? 'application/octet-stream' };
    } catch {
      entry = null;
    }
    break;
  }
  files.set(pathname, entry);
  return entry;
}

let bucket = null; // requests of the page load in progress (runs are strictly sequential)
const strays = [];
const server = createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url, 'http://x');
  let file = fileFor(pathname);
  // ?lang=ru: the same page with <html lang="ru"> (each library then picks its Russian texts).
  const lang = searchParams.get('lang');
  if (file && lang && /^[a-z]{2}$/.test(lang) && pathname.endsWith('.html')) {
    const raw = Buffer.from(file.body.toString('utf8').replace('<html lang="en">', `<html lang="${lang}">`));
    file = { ...file, body: raw, raw: raw.length, gz: gzipSync(raw, { level: 9 }) };
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  let body;
  if (!file) {
    body = Buffer.from('not found');
    res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  } else {
    body = gzip ? file.gz : file.body;
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      Vary: 'Accept-Encoding',
    });
  }
  const record = { path: pathname, status: file ? 200 : 404, bytes: body.length, raw: file?.raw ?? 0 };
  (bucket ?? strays).push(record);
  res.end(req.method === 'HEAD' ? undefined : body);
});

// ---------------------------------------------------------------------------------------------------
// In-page probe (added to every page before its own scripts run): the same for every library.

function probe({ lib, scenario }) {
  if (window.top !== window) return;
  // The library's "accept all" button in its first layer (the baseline looks for an element that
  // never exists, so it pays the same polling cost).
  const find = {
    baseline: () => document.getElementById('no-consent-banner'),
    integrus: () => document.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('[data-action="accept-all"]') ?? null,
    cookieconsent: () => document.querySelector('#cc-main .cm__btn[data-role="all"]'),
    klaro: () => document.querySelector('.klaro .cookie-notice .cm-btn-success'),
  }[lib];
  const state = { visible: null, opaque: null, gated: null, longTasks: [], cls: 0, shifts: 0, lcp: null, loaded: false };
  window.__bench = state;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* entry type not supported by this browser: no long tasks recorded */ }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        state.cls += entry.value;
        state.shifts += 1;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch { /* entry type not supported by this browser: no layout shifts recorded */ }
  // The largest contentful paint so far, and whether its element is the library's first layer
  // (walking out of shadow roots): does the banner become the page's LCP element?
  const LAYERS = { integrus: 'integrus-consent-banner', cookieconsent: '#cc-main', klaro: '.klaro' };
  const inLayer = (element) => {
    for (let node = element; node; ) {
      if (LAYERS[lib] && node.matches?.(LAYERS[lib])) return true;
      const root = node.parentElement ? null : node.getRootNode();
      node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return false;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const element = entry.element;
        state.lcp = { time: entry.startTime, size: entry.size, tag: element?.localName ?? null, banner: element ? inLayer(element) : null };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch { /* entry type not supported by this browser: no LCP recorded */ }

  // Effective opacity of a rendered, in-viewport, non-zero box (0 when not shown), walking the flat
  // tree through shadow roots.
  const shown = (element) => {
    if (!element || !element.isConnected) return 0;
    const box = element.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return 0;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return 0;
    if (!element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return 0;
    let opacity = 1;
    for (let node = element; node; ) {
      opacity *= Number(getComputedStyle(node).opacity);
      const root = node.parentElement ? null : node.getRootNode();
      node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return opacity;
  };
  const gatedRan = () => {
    const inline = performance.getEntriesByName('gated-inline')[0];
    const src = performance.getEntriesByName('gated-src')[0];
    return inline && src ? Math.max(inline.startTime, src.startTime) : null;
  };

  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  // Done when the page has loaded and: first visit, the banner is fully shown (baseline: at once);
  // returning visit, both gated scripts have run. Then two idle periods, so work the library does
  // right after showing is counted too.
  const ready = () => {
    if (!state.loaded) return false;
    if (scenario === 'returning') return state.gated !== null;
    // (a banner that never becomes fully opaque counts as shown one second after it appeared)
    // (the baseline: once it has painted, so its FCP, TBT and LCP exist to compare with)
    if (lib === 'baseline') return performance.getEntriesByName('first-contentful-paint').length > 0;
    return state.opaque !== null || (state.visible !== null && performance.now() - state.visible > 1000);
  };
  const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
  const settle = async () => {
    await idle();
    await new Promise(requestAnimationFrame);
    await idle();
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const navigation = performance.getEntriesByType('navigation')[0];
    finish({
      visible: state.visible,
      fetchedAtVisible: state.fetchedAtVisible ?? null,
      opaque: state.opaque,
      gated: state.gated,
      gatedInline: performance.getEntriesByName('gated-inline')[0]?.startTime ?? null,
      gatedSrc: performance.getEntriesByName('gated-src')[0]?.startTime ?? null,
      inlineRuns: window.benchInlineRuns ?? 0,
      srcRuns: window.benchTrackerRuns ?? 0,
      bannerShownAtEnd: shown(find()) > 0,
      fcp: paint ? paint.startTime : null,
      domContentLoaded: navigation?.domContentLoadedEventStart ?? null,
      load: navigation?.loadEventStart ?? null,
      longTasks: state.longTasks.slice(),
      cls: state.cls,
      shifts: state.shifts,
      lcp: state.lcp,
      end: performance.now(),
    });
  };
  let settling = false;
  const tick = () => {
    const now = performance.now();
    if (scenario === 'first' && state.opaque === null) {
      const opacity = shown(find());
      if (opacity > 0 && state.visible === null) {
        state.visible = now;
        // What the page had fetched when the banner became usable (its accept-all button visible).
        // Resource Timing lists a file once it has arrived, so a file asked for just before this frame
        // and arrived by now counts too: ours preloads its second part only once the banner's entrance
        // animation is over, after this point.
        state.fetchedAtVisible = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      }
      if (opacity >= 0.99) state.opaque = now;
    }
    if (state.gated === null) state.gated = gatedRan();
    if (!settling && ready()) {
      settling = true;
      settle();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('load', () => (state.loaded = true), { once: true });
  window.__benchDone = finished;
}

// ---------------------------------------------------------------------------------------------------
// One page load

const ACCEPT = {
  integrus: 'integrus-consent-banner [data-action="accept-all"]', // playwright CSS pierces open shadow roots
  cookieconsent: '#cc-main .cm__btn[data-role="all"]',
  klaro: '.klaro .cookie-notice .cm-btn-success',
};

async function load(browser, { lib, scenario, throttle, cookies, accept = false }) {
  const context = await browser.newContext({ userAgent: USER_AGENT, viewport: { width: 1280, height: 800 } });
  try {
    if (cookies?.length) await context.addCookies(cookies);
    await context.addInitScript(probe, { lib, scenario });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error.message ?? error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    if (network && !accept) {
      const [latency, kbps] = network;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency,
        downloadThroughput: (kbps * 1000) / 8,
        uploadThroughput: (kbps * 1000) / 16,
      });
    }
    let wire = 0;
    cdp.on('Network.loadingFinished', (event) => (wire += event.encodedDataLength));

    bucket = [];
    await page.goto(`${origin}/pages/${lib}.html`, { waitUntil: 'commit', timeout: RUN_TIMEOUT });
    let timer;
    const waitDone = async () => {
      // `commit` may still see the initial about:blank; evaluate again in the committed document.
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await page.evaluate(() => window.__benchDone);
        } catch (error) {
          if (attempt >= 3 || !/context was destroyed|navigation/i.test(String(error.message))) throw error;
        }
      }
    };
    const result = await Promise.race([
      waitDone(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${RUN_TIMEOUT} ms`)), RUN_TIMEOUT))),
    ])
      .catch(async (error) => {
        const where = await page
          .evaluate(() => JSON.stringify({ url: location.href, readyState: document.readyState, probe: window.__bench ?? null }))
          .catch((e) => `(page state unavailable: ${e.message})`);
        throw new Error(`${error.message}; page: ${where}`);
      })
      .finally(() => clearTimeout(timer));
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
    const requests = bucket;
    const wireBytes = wire;
    bucket = null;

    let stored = null;
    if (accept) {
      await page.locator(ACCEPT[lib]).click({ timeout: RUN_TIMEOUT });
      await page.waitForFunction(() => window.benchInlineRuns === 1 && window.benchTrackerRuns === 1, null, { timeout: RUN_TIMEOUT });
      stored = await context.cookies();
    }
    // The library's own files (ours in /dist/browser/, the others' in /vendor/), and of those the ones fetched
    // by the time the banner was usable.
    const library = requests.filter((r) => /^\/(dist|vendor)\//.test(r.path));
    const usable = result.fetchedAtVisible ? library.filter((r) => result.fetchedAtVisible.includes(r.path)) : [];
    return {
      ...result,
      libraryBytes: library.reduce((sum, r) => sum + r.bytes, 0),
      usableBytes: usable.reduce((sum, r) => sum + r.bytes, 0),
      bytes: requests.reduce((sum, r) => sum + r.bytes, 0),
      rawBytes: requests.reduce((sum, r) => sum + r.raw, 0),
      requests: requests.length,
      files: requests.map((r) => `${r.path} ${r.status} ${r.bytes}`),
      wireBytes,
      scriptMs: metric('ScriptDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      layoutMs: metric('LayoutDuration') * 1000,
      styleMs: metric('RecalcStyleDuration') * 1000,
      errors,
      cookies: stored,
    };
  } finally {
    bucket = null;
    await context.close();
  }
}

// Derived figures of one run, and its sanity problems (empty when the run behaved as it should).
function figures(run, lib, scenario) {
  const blocking = run.longTasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  const f = {
    bytes: run.bytes,
    requests: run.requests,
    fcp: run.fcp,
    visible: run.visible,
    opaque: run.opaque,
    gated: run.gated,
    scriptMs: run.scriptMs,
    libraryBytes: run.libraryBytes,
    usableBytes: scenario === 'first' ? run.usableBytes : null,
    longTasks: run.longTasks.length,
    longTaskMs: run.longTasks.reduce((sum, [, duration]) => sum + duration, 0),
    longestTaskMs: run.longTasks.reduce((max, [, duration]) => Math.max(max, duration), 0),
    blockingMs: blocking,
    // Lighthouse's total blocking time: the part beyond 50 ms of every task after first contentful
    // paint (a task that straddles it counts from FCP), here up to the measurement point.
    tbtMs: run.fcp === null ? null : run.longTasks.reduce((sum, [start, duration]) => sum + Math.max(0, start + duration - Math.max(start, run.fcp) - 50), 0),
    lcp: run.lcp?.time ?? null,
    // 1 when the LCP element is the library's first layer, 0 when it is the page's own content.
    bannerLcp: run.lcp?.banner === null || run.lcp?.banner === undefined ? null : Number(run.lcp.banner),
    cls: run.cls,
  };
  const problems = [];
  if (scenario === 'first') {
    if (lib !== 'baseline' && (run.inlineRuns || run.srcRuns)) problems.push('a gated script ran before any decision');
    if (lib !== 'baseline' && run.visible === null) problems.push('banner never visible');
    if (lib === 'baseline' && (run.inlineRuns !== 1 || run.srcRuns !== 1)) problems.push('baseline scripts did not run once');
  } else {
    if (run.inlineRuns !== 1 || run.srcRuns !== 1) problems.push(`gated scripts ran ${run.inlineRuns}/${run.srcRuns} times, expected 1/1`);
    if (run.bannerShownAtEnd) problems.push('banner shown on a returning visit');
  }
  if (run.errors.length) problems.push(`page errors: ${run.errors.join(' | ')}`);
  return { f, problems };
}

// ---------------------------------------------------------------------------------------------------
// Statistics and tables

const median = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const stats = (values) => {
  const clean = values.filter((v) => v !== null && Number.isFinite(v));
  if (!clean.length) return null;
  return { median: median(clean), min: Math.min(...clean), max: Math.max(...clean), n: clean.length };
};

const FORMAT = {
  bytes: (v) => `${(v / 1024).toFixed(1)} KB`,
  delta: { bytes: (v) => `${v >= 0 ? '+' : '−'}${(Math.abs(v) / 1024).toFixed(1)} KB` },
  requests: (v) => `${Math.round(v)}`,
  ms: (v) => `${Math.round(v)}`,
  ms1: (v) => (v < 10 ? v.toFixed(1) : `${Math.round(v)}`),
  count: (v) => (Number.isInteger(v) ? `${v}` : v.toFixed(1)),
  cls: (v) => v.toFixed(3),
};
/** The table's columns; the two scenarios differ only in their timing column. */
const columnsWith = (timing, ...extra) => [
  ['bytes', 'transfer (gzip)', FORMAT.bytes],
  ['libraryBytes', 'library (gzip)', FORMAT.bytes],
  ...extra,
  ['requests', 'requests', FORMAT.requests],
  ['fcp', 'FCP ms', FORMAT.ms],
  timing,
  ['scriptMs', 'script ms', FORMAT.ms1],
  ['longTasks', 'long tasks', FORMAT.count],
  ['longTaskMs', 'long-task ms', FORMAT.ms],
  ['blockingMs', 'blocking ms', FORMAT.ms],
  ['cls', 'CLS', FORMAT.cls],
];
const COLUMNS = {
  first: columnsWith(['visible', 'banner visible ms', FORMAT.ms], ['usableBytes', 'library until usable', FORMAT.bytes]),
  returning: columnsWith(['gated', 'gated scripts ran ms', FORMAT.ms]),
};

function cell(s, format) {
  if (!s) return '—';
  const m = format(s.median);
  const lo = format(s.min);
  const hi = format(s.max);
  return lo === hi ? m : `${m} (${lo}–${hi})`;
}
function signed(v, format) {
  if (v === null) return '—';
  const text = format(Math.abs(v));
  if (text.replace(/[^1-9]/g, '') === '') return text.replace(/^/, '±');
  return `${v >= 0 ? '+' : '−'}${text}`;
}
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Main

const chromiumPath = ensureChromium();
const loadBefore = os.loadavg()[0];
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    ...CHROMIUM_ARGS,
    // navigator.webdriver stays false, as in a visitor's browser: vanilla-cookieconsent (hideFromBots,
    // on by default) shows nothing to a browser that says it is automated. Same for every page.
    '--disable-blink-features=AutomationControlled',
  ],
});
const browserVersion = browser.version();
console.log(
  `Benchmark: ${runs} run(s) per library, scenario and throttling (${throttles.map((t) => `${t}x`).join(', ')})${network ? `, network ${network[0]} ms + ${network[1]} kbit/s` : ', no network emulation'}; chromium ${browserVersion}; ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`.trim(),
);

// Warm-up: one unmeasured load of each page (browser and disk caches of this machine), and the
// library's own "accepted everything" cookie, obtained by clicking its accept-all button once.
// A run that throws (a timeout on a starved machine, say) is tried once more; the first error is kept.
async function attempt(options, note) {
  try {
    return await load(browser, options);
  } catch (error) {
    console.warn(`  ! ${note}: ${error.message}; trying once more`);
    return { ...(await load(browser, options)), retriedAfter: error.message };
  }
}

const consentCookies = {};
await attempt({ lib: 'baseline', scenario: 'first', throttle: 1 }, 'warm-up baseline');
for (const lib of LIBRARIES.slice(1)) {
  const warm = await attempt({ lib, scenario: 'first', throttle: 1, accept: true }, `warm-up ${lib}`);
  consentCookies[lib] = warm.cookies;
  const names = warm.cookies.map((c) => c.name).join(', ') || 'none';
  console.log(`  warm-up ${lib}: accepted, cookies: ${names}`);
  if (!warm.cookies.length) {
    console.error(`No cookie stored by ${lib} after accepting: the returning visit cannot be measured.`);
    process.exit(1);
  }
}

strays.length = 0; // requests after the warm-up clicks; from here on a stray is a late request
const raw = [];
let done = 0;
const total = throttles.length * runs * SCENARIOS.length * LIBRARIES.length;
for (const throttle of throttles) {
  for (let round = 1; round <= runs; round += 1) {
    for (const scenario of SCENARIOS) {
      for (const lib of LIBRARIES) {
        const entry = { throttle, round, scenario, lib };
        try {
          const run = await attempt(
            { lib, scenario, throttle, cookies: scenario === 'returning' ? consentCookies[lib] : undefined },
            `${throttle}x round ${round} ${scenario} ${lib}`,
          );
          const { f, problems } = figures(run, lib, scenario);
          delete run.cookies;
          Object.assign(entry, { figures: f, problems, run });
        } catch (error) {
          Object.assign(entry, { figures: null, problems: [`run failed: ${error.message}`] });
        }
        if (entry.problems.length) console.warn(`  ! ${throttle}x round ${round} ${scenario} ${lib}: ${entry.problems.join('; ')}`);
        raw.push(entry);
        done += 1;
      }
    }
    process.stdout.write(`\r  ${done}/${total} page loads (${Math.round((Date.now() - started) / 1000)} s)`);
  }
}
process.stdout.write('\n');

// Footprint: the share of a 390×844 phone the first layer covers, in Russian and English (a size, not
// a timing: one load each). Ours: the banner's region in its shadow root; cookieconsent: its modal.
const LAYER = {
  integrus: () => document.querySelector('integrus-consent-banner')?.shadowRoot?.querySelector('[part="banner"]'),
  cookieconsent: () => document.querySelector('#cc-main .cm'),
};
const footprint = {};
for (const lib of Object.keys(LAYER)) {
  footprint[lib] = {};
  for (const lang of ['ru', 'en']) {
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      bucket = []; // not counted anywhere: a size, not a transfer
      await page.goto(`${origin}/pages/${lib}.html?lang=${lang}`);
      await page.locator(ACCEPT[lib]).waitFor({ state: 'visible', timeout: RUN_TIMEOUT });
      await page.waitForTimeout(800); // past the entrance animations
      footprint[lib][lang] = await page.evaluate(`(${LAYER[lib].toString()})()?.getBoundingClientRect().toJSON()`);
      const r = footprint[lib][lang];
      const w = Math.max(0, Math.min(r.right, 390) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, 844) - Math.max(r.top, 0));
      footprint[lib][lang] = { share: (w * h) / (390 * 844), height: h, width: w };
    } catch (error) {
      footprint[lib][lang] = { share: null, error: error.message };
    } finally {
      await context.close();
      bucket = null;
    }
  }
}
await browser.close();
server.close();

// Summary: per throttling x scenario x library, median (min–max) of every figure over the runs that
// behaved, and the added cost over baseline as the median of per-round differences.
const summary = {};
const output = [];
for (const throttle of throttles) {
  for (const scenario of SCENARIOS) {
    const key = `${scenario}@${throttle}x`;
    summary[key] = {};
    const good = (lib) => raw.filter((r) => r.throttle === throttle && r.scenario === scenario && r.lib === lib && r.figures && !r.problems.length);
    for (const lib of LIBRARIES) {
      const runsOk = good(lib);
      const s = { runs: runsOk.length, failed: runs - runsOk.length };
      for (const name of Object.keys(runsOk[0]?.figures ?? {})) s[name] = stats(runsOk.map((r) => r.figures[name]));
      s.files = runsOk[0]?.run.files ?? [];
      s.deltaVsBaseline = {};
      if (lib !== 'baseline') {
        const base = new Map(good('baseline').map((r) => [r.round, r.figures]));
        for (const name of [...COLUMNS[scenario].map(([n]) => n), 'tbtMs']) {
          const diffs = runsOk
            .filter((r) => base.has(r.round) && r.figures[name] !== null && base.get(r.round)[name] !== null)
            .map((r) => r.figures[name] - base.get(r.round)[name]);
          s.deltaVsBaseline[name] = diffs.length ? median(diffs) : null;
        }
      }
      summary[key][lib] = s;
    }

    const title = `${scenario === 'first' ? 'First visit (no decision stored: the banner shows)' : 'Returning visit (analytics accepted earlier: no banner, gated scripts run)'}, CPU ${throttle === 1 ? 'unthrottled' : `throttled ${throttle}x`}${network ? `, network ${network[0]} ms + ${network[1]} kbit/s` : ''}`;
    const columns = COLUMNS[scenario];
    const rows = LIBRARIES.map((lib) => {
      const s = summary[key][lib];
      const cells = columns.map(([name, , format]) =>
        lib === 'baseline' && name === 'visible' ? 'n/a' : cell(s[name], format),
      );
      return [`${LABELS[lib]}${s.failed ? ` (${s.runs}/${runs} ok)` : ''}`, ...cells];
    });
    output.push(`### ${title}\n\nmedian (min–max) of ${runs} run(s)\n\n${table(['', ...columns.map(([, label]) => label)], rows)}`);

    const deltaColumns = columns.filter(([name]) => name !== 'visible');
    const deltaRows = LIBRARIES.slice(1).map((lib) => [
      LABELS[lib],
      ...deltaColumns.map(([name, , format]) =>
        signed(summary[key][lib].deltaVsBaseline[name], name === 'bytes' ? FORMAT.bytes : format),
      ),
    ]);
    output.push(
      `Added over the baseline page (median of per-round differences)\n\n${table(['', ...deltaColumns.map(([, label]) => label)], deltaRows)}`,
    );
  }
}

// The view a site owner gets from Lighthouse: total blocking time the library adds (the median of
// per-round differences over the page without a library), LCP, and whether the banner is the LCP element.
for (const throttle of throttles) {
  const key = `first@${throttle}x`;
  const lcpShare = (lib) => {
    const flags = raw.filter((r) => r.throttle === throttle && r.scenario === 'first' && r.lib === lib && r.figures && !r.problems.length).map((r) => r.figures.bannerLcp);
    const known = flags.filter((v) => v !== null);
    return known.length ? `${known.filter(Boolean).length} of ${known.length} runs` : '—';
  };
  const rows = LIBRARIES.slice(1).map((lib) => [
    LABELS[lib],
    cell(summary[key][lib].tbtMs, FORMAT.ms),
    signed(summary[key][lib].deltaVsBaseline.tbtMs, FORMAT.ms),
    cell(summary[key][lib].lcp, FORMAT.ms),
    lcpShare(lib),
  ]);
  output.push(
    `### Lighthouse-style view, first visit, CPU ${throttle === 1 ? 'unthrottled' : `throttled ${throttle}x`}\n\n${table(
      ['', 'TBT ms (from FCP)', 'TBT added over baseline', 'LCP ms', 'banner is the LCP element'],
      rows,
    )}`,
  );
}

// What was measured: every file of each library's first and returning visit, gzip -9 bytes.
const measured = LIBRARIES.map((lib) => {
  const list = (scenario) => {
    const files = (summary[`${scenario}@${throttles[0]}x`][lib].files ?? []).map((f) => f.split(' '));
    const total = files.reduce((sum, [, , bytes]) => sum + Number(bytes), 0);
    return `${files.map(([path, , bytes]) => `${path.split('/').pop()} ${bytes}`).join(' + ')} = ${total}`;
  };
  return `- ${LABELS[lib]}: first visit ${list('first')}; returning visit ${list('returning')}`;
});
output.unshift(`Files served, gzip -9 bytes:\n\n${measured.join('\n')}`);

const percent = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
output.push(
  `### First layer footprint at 390×844 (share of the viewport covered; height)\n\n${table(
    ['', 'ru', 'en'],
    Object.keys(LAYER).map((lib) => [
      LABELS[lib],
      ...['ru', 'en'].map((lang) => `${percent(footprint[lib][lang].share)} (${Math.round(footprint[lib][lang].height ?? 0)} px)`),
    ]),
  )}`,
);

// One line: every budget of issue 17 as a ratio (figure / budget; 1.00 or less is met).
const at = (throttle, scenario, lib, name) => summary[`${scenario}@${throttle}x`]?.[lib]?.[name]?.median ?? null;
const ratio = (value, budget) => (value === null || budget === null || budget === 0 ? null : value / budget);
const slow = throttles.includes(4) ? 4 : throttles.at(-1);
// Issue 17's budgets (the bench page is English; the Russian page's bytes are `npm run build`'s figure,
// the ru texts chunk being 0.7 KB larger).
const budgets = [
  ['first visit until usable ≤ 30 KB', ratio(at(1, 'first', 'integrus', 'usableBytes'), 30 * 1024)],
  ['returning ≤ 10 KB', ratio(at(1, 'returning', 'integrus', 'libraryBytes'), 10 * 1024)],
  ['visible 1x ≤ 1.0 cc', ratio(at(1, 'first', 'integrus', 'visible'), at(1, 'first', 'cookieconsent', 'visible'))],
  [`visible ${slow}x ≤ 1.0 cc`, ratio(at(slow, 'first', 'integrus', 'visible'), at(slow, 'first', 'cookieconsent', 'visible'))],
  [`script ${slow}x ≤ 2.0 cc`, ratio(at(slow, 'first', 'integrus', 'scriptMs'), 2 * (at(slow, 'first', 'cookieconsent', 'scriptMs') ?? NaN))],
  [`long tasks ${slow}x ≤ cc`, ratio(at(slow, 'first', 'integrus', 'longTaskMs'), at(slow, 'first', 'cookieconsent', 'longTaskMs'))],
  ['longest task 1x ≤ 50 ms', ratio(at(1, 'first', 'integrus', 'longestTaskMs'), 50)],
  ['returning gated 1x ≤ cc', ratio(at(1, 'returning', 'integrus', 'gated'), at(1, 'returning', 'cookieconsent', 'gated'))],
  [`returning gated ${slow}x ≤ cc`, ratio(at(slow, 'returning', 'integrus', 'gated'), at(slow, 'returning', 'cookieconsent', 'gated'))],
  ['footprint ru ≤ 26 %', ratio(footprint.integrus.ru.share, 0.26)],
];
const cls = Math.max(at(1, 'first', 'integrus', 'cls') ?? 0, at(slow, 'first', 'integrus', 'cls') ?? 0);
const ratioLine = `Budgets (figure / budget, ≤ 1.00 met): ${budgets
  .map(([name, r]) => `${name} ${r === null || !Number.isFinite(r) ? '—' : r.toFixed(2)}${r !== null && r > 1 ? ' ✗' : ''}`)
  .join('; ')}; CLS ${cls.toFixed(3)}${cls > 0 ? ' ✗' : ''}`;

const seconds = (Date.now() - started) / 1000;
const loadAfter = os.loadavg()[0];
const problems = raw.filter((r) => r.problems.length).length;
console.log(`\n${output.join('\n\n')}\n`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      chromium: browserVersion,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverage: { before: loadBefore, after: loadAfter },
      runs,
      throttles,
      network: network ? { latencyMs: network[0], kbps: network[1] } : null,
      seconds,
      libraries: LABELS,
      cookies: Object.fromEntries(Object.entries(consentCookies).map(([lib, cs]) => [lib, cs.map((c) => ({ name: c.name, value: c.value }))])),
      strayRequests: strays,
      summary,
      footprint,
      budgets: Object.fromEntries(budgets),
      raw,
    },
    null,
    1,
  )}\n`,
);
if (strays.length) console.warn(`${strays.length} request(s) arrived after their page's measurement point (not counted): ${[...new Set(strays.map((r) => r.path))].join(', ')}`);
console.log(`${problems ? `${problems} run(s) had problems (left out of the figures; see ${relative(ROOT, out)}). ` : ''}Wrote ${relative(ROOT, out)}. Total time ${seconds.toFixed(0)} s.`);
if (loadAfter > os.cpus().length) {
  console.warn(`Note: load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)} on ${os.cpus().length} CPU(s): other processes were busy, timings are noisier than usual.`);
}
console.log(ratioLine);
// A run with a problem (a timeout, a gated script running before consent, a banner on a returning
// visit, a page error) means the benchmark or a library is broken: fail, so a CI smoke notices.
process.exit(problems ? 1 : 0);
