// Does Chromium's preload scanner fetch a tag of a known service before auto-blocking can hold it back?
// Serves a page with dist/browser/consent.autoblock.min.js first in <head> (delayed by 0-1000 ms, as over a
// slow network, or inlined), then the vendors' published snippets: gtag.js (a parser-inserted
// <script async src>), Yandex Metrica (tag.js inserted by a script) and a visible <img> pixel.
// Prints, per variant, in how many of N page loads each was requested and whether gtag.js ran.
//
//   npm run build && node bench/preload-scanner.mjs [N=10]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DESKTOP_USER_AGENT, ensureChromium } from '../scripts/ensure-chromium.mjs';

const RUNS = Number(process.argv[2] ?? 10);
const DROP_IN = readFileSync(new URL('../dist/browser/consent.autoblock.min.js', import.meta.url), 'utf8');
const SNIPPETS = `
<script>(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();
for (var j = 0; j < document.scripts.length; j++) {if (document.scripts[j].src === r) { return; }}
k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym"); ym(1, "init", {});</script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-X');</script>
</head><body><p>page</p><img src="https://mc.yandex.ru/watch/1" alt=""></body></html>`;
const page = (head) => `<!doctype html><html><head>${head}${SNIPPETS}`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/consent.autoblock.min.js') {
    await new Promise((r) => setTimeout(r, Number(url.searchParams.get('delay'))));
    res.setHeader('content-type', 'text/javascript');
    return res.end(DROP_IN);
  }
  res.setHeader('content-type', 'text/html');
  if (url.pathname === '/inline') return res.end(page(`<script data-bots="false">${DROP_IN.replace(/<\/script/g, '<\\/script')}</script>`));
  return res.end(page(`<script src="/consent.autoblock.min.js?delay=${url.searchParams.get('delay')}" data-bots="false"></script>`));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

const variants = [['drop-in, 0 ms', '/page?delay=0'], ['drop-in, 50 ms', '/page?delay=50'], ['drop-in, 300 ms', '/page?delay=300'], ['drop-in, 1000 ms', '/page?delay=1000'], ['drop-in inlined', '/inline']];
console.log(`Chromium's preload scanner vs auto-blocking, ${RUNS} page loads per variant (requests seen / loads)\n`);
console.log(`${'variant'.padEnd(18)}  ${'gtag.js'.padStart(8)}  ${'tag.js'.padStart(8)}  ${'<img>'.padStart(8)}  ${'gtag ran'.padStart(8)}`);
for (const [label, path] of variants) {
  const count = { gtag: 0, tag: 0, img: 0, ran: 0 };
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext({ userAgent: DESKTOP_USER_AGENT });
    await context.route((u) => u.hostname !== '127.0.0.1', (route) => {
      const u = route.request().url();
      if (u.includes('/gtag/js')) count.gtag += 1;
      else if (u.includes('/metrika/tag.js')) count.tag += 1;
      else if (u.includes('/watch/')) count.img += 1;
      const js = u.includes('.js');
      return route.fulfill({ status: 200, contentType: js ? 'text/javascript' : 'image/gif', body: js ? 'window.__ran = (window.__ran || 0) + 1' : '' });
    });
    const tab = await context.newPage();
    await tab.goto(origin + path);
    await tab.waitForTimeout(300);
    if (await tab.evaluate(() => globalThis.__ran > 0)) count.ran += 1;
    await context.close();
  }
  const cell = (n) => `${n}/${RUNS}`.padStart(8);
  console.log(`${label.padEnd(18)}  ${cell(count.gtag)}  ${cell(count.tag)}  ${cell(count.img)}  ${cell(count.ran)}`);
}
await browser.close();
server.close();
