import assert from 'node:assert/strict';
import { ALL_RUNS, bannerButton, expectBanner, expectRuns, journey, sleep, until, waitForDecision, watchCsp } from './harness.mjs';

journey('the demo server: a strict CSP with a fresh nonce holds for the whole site, decisions included', async ({ page, context, url }) => {
  const expectNoCspViolation = await watchCsp(context);

  const first = await page.goto(url('/'));
  const headers = first.headers();
  const csp = headers['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce && nonce.length >= 16, `no nonce in the CSP: ${csp}`);
  for (const directive of ["default-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'", "require-trusted-types-for 'script'"]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
  }
  assert.ok(!/unsafe-(inline|eval)/.test(csp), `CSP allows unsafe-*: ${csp}`);
  // What the auto-blocking page adds for the vendors' snippets stays on that page (docs/demo-server.md).
  assert.ok(!/yandex|google|trusted-types[^;]*\bdefault\b/.test(csp), `the home page's CSP allows the vendors: ${csp}`);
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.equal(headers['x-frame-options'], 'SAMEORIGIN');
  assert.match(headers['permissions-policy'], /camera=\(\)/);
  assert.equal(headers['cache-control'], 'no-cache');
  assert.ok(['br', 'gzip'].includes(headers['content-encoding']), `HTML not compressed: ${headers['content-encoding']}`);

  // The page works under it: banner, decision, gated tags (their inline one by its nonce), the video embed.
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();
  await waitForDecision(context);
  await expectRuns(page, ALL_RUNS);
  await page.frameLocator('iframe[data-consent="marketing"]').locator('body').waitFor();
  await expectNoCspViolation(page, 'the home page');

  await page.goto(url('/privacy.html'));
  await sleep(500);
  await expectNoCspViolation(page, 'the policy page');
  const again = (await page.evaluate(() => document.querySelector('script[nonce]')?.nonce)) ?? '';
  assert.ok(again && again !== nonce, 'the nonce must change with every page view');
});

journey('the demo links its separate consent document (152-FZ art. 9): from the banner, the footer and every record', async ({ page, context, url }) => {
  const expectNoCspViolation = await watchCsp(context);
  await page.goto(url('/'));
  await expectBanner(page);
  const link = page.locator('integrus-consent-banner a[href="/consent.html"]');
  assert.equal((await link.innerText()).trim(), 'Согласие на обработку данных');
  assert.equal(await page.locator('footer a[href="/consent.html"]').count(), 1, 'the footer links it too');
  await link.click();
  await page.waitForURL(/\/consent\.html$/);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Согласие на обработку персональных данных');
  const text = await page.locator('main').innerText();
  // What the document must say: operator, data, purposes per category, recipients with their country, term, withdrawal.
  for (const part of ['ООО «ИНТЕГРУС»', 'IP-адрес', 'Аналитика.', 'Реклама.', 'ООО «ЯНДЕКС» (Россия)', 'Google LLC (США)', 'до его отзыва', '365 дней', '180 дней', 'Настройки cookie']) {
    assert.ok(text.includes(part), `the consent document lacks «${part}»`);
  }
  // It is a page of the demo like the others: the banner runs on it, under the same CSP.
  await expectBanner(page);
  await expectNoCspViolation(page, 'the consent document');
  assert.deepEqual(await page.evaluate(() => window.IntegrusConsent.config.consentUrl), '/consent.html');
});

journey('the demo server: dist/browser/ is compressed and cacheable; consent records are never readable over HTTP', async ({ page, context, url, server }) => {
  const script = await context.request.get(url('/dist/browser/consent.min.js'), { headers: { 'Accept-Encoding': 'br, gzip' } });
  assert.equal(script.status(), 200);
  assert.equal(script.headers()['content-encoding'], 'br');
  assert.match(script.headers()['cache-control'], /max-age=\d+/);
  assert.ok(!/no-store/.test(script.headers()['cache-control']));
  const etag = script.headers().etag;
  assert.ok(etag, 'no ETag');
  const revalidated = await context.request.get(url('/dist/browser/consent.min.js'), { headers: { 'If-None-Match': etag } });
  assert.equal(revalidated.status(), 304);
  const gzip = await context.request.get(url('/demo.css'), { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gzip.headers()['content-encoding'], 'gzip');
  const plain = await context.request.get(url('/favicon.svg'), { headers: { 'Accept-Encoding': 'identity' } });
  assert.equal(plain.headers()['content-encoding'], undefined);

  // A record arrives from the page…
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'reject-all').click();
  const { decision } = await waitForDecision(context);
  await until(() => server.store.find(decision.id), (list) => list.length === 1, { message: 'the record in the store' });
  // …and no request shows it: not the endpoint, not the database file.
  for (const method of ['GET', 'HEAD', 'PUT', 'DELETE']) {
    const answer = await context.request.fetch(url('/consent-log'), { method });
    assert.equal(answer.status(), 405, method);
    assert.ok(!(await answer.text()).includes(decision.id), `${method} /consent-log showed the record`);
  }
  // Only the browser folder is in the web root: not the server code, the command or the types.
  for (const path of ['/data/consent-records.db', '/data/', '/server.mjs', '/%2e%2e/package.json',
    '/dist/server.js', '/dist/cli.js', '/dist/types/index.d.ts', '/dist/browser/../server.js', '/dist/browser/%2e%2e/server.js']) {
    const answer = await context.request.get(url(path));
    assert.ok([400, 404].includes(answer.status()), `${path}: ${answer.status()}`);
  }
});
