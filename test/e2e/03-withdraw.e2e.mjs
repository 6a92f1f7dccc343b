import assert from 'node:assert/strict';
import {
  ALL_RUNS, bannerButton, categorySwitch, cookieNames, dialogButton, demoEvents, expectBanner, expectDialog,
  expectDialogClosed, expectRuns, footerLink, journey, until, waitForDecision,
} from './harness.mjs';

const ANALYTICS_COOKIES = ['_ym_uid', '_ym_d', '_ga', '_ga_DEMO123'];

journey('withdraw analytics through the footer link «Настройки cookie»: its cookies go, consent:change says so', async ({ page, context, server, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await bannerButton(page, 'accept-all').click();
  const first = await waitForDecision(context);
  await expectRuns(page, ALL_RUNS);
  await until(() => cookieNames(context), (names) => ANALYTICS_COOKIES.every((n) => names.includes(n)), {
    message: `the stand-ins' cookies ${ANALYTICS_COOKIES}`,
  });

  const link = footerLink(page);
  assert.equal((await link.innerText()).trim(), 'Настройки cookie');
  await link.click();
  await expectDialog(page);
  assert.equal(await categorySwitch(page, 'analytics').isChecked(), true, 'the dialog should show the stored choice');
  await categorySwitch(page, 'analytics').uncheck();
  await dialogButton(page, 'save').click();
  await expectDialogClosed(page);

  const second = await waitForDecision(context, first.cookie);
  assert.ok(!second.decision.granted.includes('analytics'));
  assert.ok(second.decision.denied.includes('analytics'));
  const names = await until(() => cookieNames(context), (n) => !ANALYTICS_COOKIES.some((c) => n.includes(c)), {
    message: 'the analytics cookies to be deleted',
  });
  assert.ok(names.includes('integrus_consent'), `the consent cookie went too: ${names}`);

  const changes = await demoEvents(page, 'consent:change');
  const withdrawal = changes.at(-1);
  assert.ok(withdrawal, 'no consent:change event');
  assert.ok(withdrawal.detail.changed?.includes('analytics'), `changed: ${JSON.stringify(withdrawal.detail.changed)}`);
  assert.equal(withdrawal.detail.categories.analytics, false);
  assert.equal(withdrawal.detail.categories.marketing, true, 'marketing was not touched');
  // docs/contract.md §5: the configured Yandex Metrica counter is switched off too.
  assert.equal(await page.evaluate(() => window.disableYaCounter12345678), true);
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
