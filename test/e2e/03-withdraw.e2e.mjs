import assert from 'node:assert/strict';
import {
  ALL_RUNS, bannerButton, categorySwitch, cookieNames, dialogButton, expectBanner, expectDialog,
  expectDialogClosed, expectRuns, footerLink, journey, until, waitForDecision, waitForReady,
} from './harness.mjs';

const ANALYTICS_COOKIES = ['_ym_uid', '_ym_d', '_ga', '_ga_DEMO123'];

const ymStorage = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('_ym')).sort());

journey('withdraw analytics through the footer link «Настройки cookie»: its cookies and storage keys go, consent:change says so, the page reloads', async ({ page, context, server, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();
  const first = await waitForDecision(context);
  await expectRuns(page, ALL_RUNS);
  await until(() => cookieNames(context), (names) => ANALYTICS_COOKIES.every((n) => names.includes(n)), {
    message: `the stand-ins' cookies ${ANALYTICS_COOKIES}`,
  });
  assert.deepEqual(await ymStorage(page), ['_ym12345678_lsid', '_ym_uid'], "the Metrica stand-in's localStorage copies");

  const link = footerLink(page);
  assert.equal((await link.innerText()).trim(), 'Настройки cookie');
  await link.click();
  await expectDialog(page);
  assert.equal(await categorySwitch(page, 'analytics').isChecked(), true, 'the dialog should show the stored choice');
  await categorySwitch(page, 'analytics').uncheck();
  // What this page hears and sets before it reloads, kept where the reloaded page can read it.
  await page.evaluate(() => document.addEventListener('consent:change', (e) => {
    sessionStorage.setItem('e2e-withdrawal', JSON.stringify({ detail: e.detail, disabled: window.disableYaCounter12345678 === true }));
  }));
  const reloaded = page.waitForEvent('load');
  await dialogButton(page, 'save').click();
  // docs/contract.md §2 reloadOnWithdraw: analytics code already ran here, so the page reloads.
  await reloaded;
  await waitForReady(page);
  await expectDialogClosed(page);
  assert.deepEqual(await ymStorage(page), [], 'the storage keys went with the cookies');
  assert.deepEqual(await page.evaluate(() => window.__demoRuns ?? []), [], 'nothing of analytics runs on the reloaded page');

  const second = await waitForDecision(context, first.cookie);
  assert.ok(!second.decision.granted.includes('analytics'));
  assert.ok(second.decision.denied.includes('analytics'));
  const names = await until(() => cookieNames(context), (n) => !ANALYTICS_COOKIES.some((c) => n.includes(c)), {
    message: 'the analytics cookies to be deleted',
  });
  assert.ok(names.includes('integrus_consent'), `the consent cookie went too: ${names}`);

  const withdrawal = JSON.parse((await page.evaluate(() => sessionStorage.getItem('e2e-withdrawal'))) ?? 'null');
  assert.ok(withdrawal, 'no consent:change event');
  assert.ok(withdrawal.detail.changed?.includes('analytics'), `changed: ${JSON.stringify(withdrawal.detail.changed)}`);
  assert.equal(withdrawal.detail.categories.analytics, false);
  assert.equal(withdrawal.detail.categories.marketing, true, 'marketing was not touched');
  // docs/contract.md §5: the configured Yandex Metrica counter is switched off too (before the reload).
  assert.equal(withdrawal.disabled, true);
  assert.equal(await page.evaluate(() => window.IntegrusConsent.isGranted('analytics')), false);

  // docs/contract.md §6: the withdrawal is recorded like the decision was.
  const stored = async () => [...(await server.store.find(first.decision.id)), ...(await server.store.find(second.decision.id))];
  const records = await until(
    stored,
    (list) => list.length >= 2,
    { message: 'a consent record for the decision and one for the withdrawal' },
  );
  assert.deepEqual(records.map((r) => r.method), ['accept-all', 'custom']);
  assert.ok(records[1].denied.includes('analytics'));
});
