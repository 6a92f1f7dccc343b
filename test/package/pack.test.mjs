/**
 * The package as an adopter gets it (README "Install"): `npm pack` of the built repository, installed
 * OFFLINE into a blank project (the runtime dependencies come from the npm cache), then used the way
 * the README says: the files of `dist/browser/` deployed under a versioned folder of a static site,
 * the drop-in loaded from there in Debian's chromium (playwright-core), and `npx integrus-consent serve`
 * receiving the record the page sends. Run `npm run build` first (npm test builds first).
 *
 * better-sqlite3 is an optional peer dependency, a native module. An adopter runs
 * `npm install better-sqlite3@12` (built on their machine); here, offline, the repository's own built
 * copy is linked into the blank project instead, after checking what the command says without it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DESKTOP_USER_AGENT, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Where the README says to deploy the browser folder: a new folder per version, cached for a year. */
const DEPLOYED = `/${name}/${version}/`;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(ROOT, 'dist/browser/consent.min.js')) || !existsSync(join(ROOT, 'dist/server.js'))) {
  throw new Error('dist/ is not built: run `npm run build` first');
}

let work;
let packed; // npm pack --json: { filename, files: [{ path }] }
let project; // the blank project the tarball is installed into
let installed; // project/node_modules/integrus-consent

/** Runs npm to its end; fails the test with npm's own output if it fails. */
function npm(args, cwd) {
  const result = spawnSync(NPM, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'integrus-pack-'));
  // --ignore-scripts: dist/ is built already; "prepack" would build it again.
  [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT));
  project = join(work, 'site');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'blank-site', version: '1.0.0', private: true }));
  npm(['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], project);
  installed = join(project, 'node_modules', name);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the browser folder, the Node entries, the types and the command; no sources, tests or demo', () => {
  const files = packed.files.map((f) => f.path);
  for (const file of ['dist/browser/consent.min.js', 'dist/browser/consent.autoblock.min.js', 'dist/browser/consent-ui.min.js',
    'dist/browser/consent-messages.min.js', 'dist/browser/consent-catalogue.min.js',
    'dist/consent.js', 'dist/server.js', 'dist/cli.js', 'dist/types/index.d.ts', 'dist/types/server.d.ts',
    'bin/integrus-consent.mjs', 'locales/ru.json', 'custom-elements.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    assert.ok(files.includes(file), `${file} is not in the tarball`);
  }
  const outside = files.filter((f) => /^(src|test|demo|bench|scripts|node_modules)\//.test(f) || f.startsWith('docs/screenshots/'));
  assert.deepEqual(outside, [], 'the tarball carries files an adopter does not need');
  // The folder to deploy: the drop-in's files and their maps, nothing for the server.
  const browser = files.filter((f) => f.startsWith('dist/browser/'));
  assert.deepEqual(browser.filter((f) => !/^dist\/browser\/[\w.-]+\.min\.js(\.map)?$/.test(f)), [], 'dist/browser/ holds more than the drop-in');
});

test('installed offline into a blank project: the exports, the types and the bin resolve', () => {
  const probe = `
    const m = await import('${name}');
    const s = await import('${name}/server');
    console.log(JSON.stringify({
      createConsent: typeof m.createConsent,
      readConsentCookie: typeof s.readConsentCookie,
      createRecordHandler: typeof s.createRecordHandler,
      dropIn: import.meta.resolve('${name}/browser/consent.min.js'),
    }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: project, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const seen = JSON.parse(result.stdout);
  assert.deepEqual({ ...seen, dropIn: fileURLToPath(seen.dropIn) }, {
    createConsent: 'function',
    readConsentCookie: 'function',
    createRecordHandler: 'function',
    dropIn: join(installed, 'dist/browser/consent.min.js'),
  });
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const entry of ['.', './server']) assert.ok(existsSync(join(installed, manifest.exports[entry].types)), `types of "${entry}" are missing`);
  assert.ok(existsSync(join(project, 'node_modules/.bin/integrus-consent')), 'the integrus-consent command is not installed');
});

/** Starts `npx integrus-consent serve` in the project; resolves once it listens: `{ url, stop() }`. */
function startReceiver(args) {
  return new Promise((resolveStart, reject) => {
    // Its own process group, so that stop() reaches the command under npx too.
    const child = spawn(NPM, ['exec', '--offline', '--', 'integrus-consent', 'serve', ...args], { cwd: project, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let running = true;
    const exited = new Promise((done) => child.on('close', () => done((running = false))));
    const stop = async () => {
      if (running) process.kill(-child.pid, 'SIGTERM');
      await exited;
      return output;
    };
    const collect = (chunk) => {
      output += chunk;
      const listening = /at POST (http:\/\/\S+)/.exec(output);
      if (listening) resolveStart({ url: listening[1], stop });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(() => reject(new Error(`integrus-consent serve exited before listening:\n${output}`)));
  });
}

/**
 * A static site: `html` at `/` (set it once the receiver's address is known), the installed
 * `dist/browser/` under DEPLOYED with the README's long-cache header; every request path is logged.
 */
async function startSite() {
  const folder = join(installed, 'dist', 'browser');
  const site = { html: '', requests: [] };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://site').pathname);
    site.requests.push(path);
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(site.html);
      return;
    }
    const file = path.startsWith(DEPLOYED) ? resolve(folder, path.slice(DEPLOYED.length)) : null;
    if (!file || !file.startsWith(folder + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/json';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  site.origin = `http://127.0.0.1:${server.address().port}`;
  site.close = () => new Promise((done) => server.close(done));
  return site;
}

test('the drop-in from the installed dist/browser/ shows the banner and its record reaches `npx integrus-consent serve`', async () => {
  const db = `sqlite:${join(work, 'records.db')}`;

  // Without the optional driver the command says what to install, and stops.
  const missing = spawnSync(NPM, ['exec', '--offline', '--', 'integrus-consent', 'serve', '--db', db, '--port', '0'], { cwd: project, encoding: 'utf8' });
  assert.equal(missing.status, 1, `${missing.stdout}${missing.stderr}`);
  assert.match(missing.stderr, /The SQLite driver is not installed: run `npm install --save-exact better-sqlite3@12`/);

  // What `npm install better-sqlite3@12` would build on the adopter's machine: the repository's own build.
  const driver = dirname(createRequire(join(ROOT, 'package.json')).resolve('better-sqlite3/package.json'));
  symlinkSync(driver, join(project, 'node_modules', 'better-sqlite3'), 'dir');

  const site = await startSite();
  let receiver;
  let browser;
  try {
    receiver = await startReceiver(['--db', db, '--port', '0', '--allow-origin', site.origin, '--rate-limit', '0']);
    site.html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>A site</title><link rel="icon" href="data:,">
      <script>window.IntegrusConsentConfig = { operator: { name: 'ООО «Пример»', inn: '7700000000' } };</script>
      <script src="${DEPLOYED}consent.min.js" defer data-policy-url="/privacy" data-revision="2026-01-01"
              data-log-endpoint="${receiver.url}"></script></head><body><h1>A site</h1></body></html>`;
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ userAgent: DESKTOP_USER_AGENT })).newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${site.origin}/`);
    const accept = page.locator('integrus-consent-banner [data-action="accept-all"]');
    await accept.waitFor({ state: 'visible' });
    // Every file came from the deployed folder, found from the drop-in's own src.
    assert.deepEqual(site.requests.filter((p) => p !== '/' && !p.startsWith(DEPLOYED)), [], 'a file was fetched from outside the deployed folder');
    assert.ok(site.requests.includes(`${DEPLOYED}consent-ui.min.js`), 'the interface was not fetched from the deployed folder');

    const answered = page.waitForResponse((r) => r.url() === receiver.url && r.request().method() === 'POST');
    await accept.click();
    const response = await answered;
    assert.equal(response.status(), 204, 'the receiver did not store the record');
    const { id } = response.request().postDataJSON();
    assert.deepEqual(errors, []);
    assert.match(await receiver.stop(), /Stopping \(SIGTERM\)/);

    const found = spawnSync(NPM, ['exec', '--offline', '--', 'integrus-consent', 'find', '--db', db, id], { cwd: project, encoding: 'utf8' });
    assert.equal(found.status, 0, found.stderr);
    const record = JSON.parse(found.stdout);
    assert.equal(record.id, id);
    assert.deepEqual([...record.granted].sort(), ['analytics', 'marketing', 'necessary', 'personalization']);
  } finally {
    await browser?.close();
    await receiver?.stop();
    await site.close();
  }
});
