import assert from 'node:assert/strict';
import {
  ALL_RUNS, categorySwitch, consentCookie, deepActive, demoEvents, describeFocus, expectBanner, expectDialog,
  expectDialogClosed, expectRuns, footerLink, journey, pressUntil, QUIET_MS, sleep, waitForDecision,
} from './harness.mjs';

const BANNER = 'integrus-consent-banner';
const DIALOG = 'integrus-consent-preferences';

journey('keyboard only: Tab to «choose», pick analytics with Space, save; Esc closes the reopened dialog without deciding', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);

  // From the top of the page, Tab walks into the banner and through its buttons to «choose».
  const path = await pressUntil(page, 'Tab', (f) => f.host === BANNER && f.action === 'open-preferences', 120);
  const actions = path.filter((f) => f?.host === BANNER && f.action).map((f) => f.action);
  assert.deepEqual(actions, ['accept-all', 'reject-all', 'open-preferences'], `focus went: ${path.map(describeFocus).join(' → ')}`);

  await page.keyboard.press('Enter');
  await expectDialog(page);
  const start = await deepActive(page);
  assert.equal(start?.host, DIALOG, `focus did not move into the dialog: ${describeFocus(start)}`);

  // Tab to the analytics switch, Space toggles it; focus never leaves the modal dialog.
  const toSwitch = await pressUntil(page, 'Tab', (f) => f.name === 'analytics', 10);
  assert.ok(toSwitch.every((f) => f?.host === DIALOG), `focus left the dialog: ${toSwitch.map(describeFocus).join(' → ')}`);
  await page.keyboard.press('Space');
  assert.equal(await categorySwitch(page, 'analytics').isChecked(), true, 'Space did not switch analytics on');

  const toSave = await pressUntil(page, 'Tab', (f) => f.action === 'save', 20);
  assert.ok(toSave.every((f) => f?.host === DIALOG), `focus left the dialog: ${toSave.map(describeFocus).join(' → ')}`);
  await page.keyboard.press('Enter');

  const { cookie, decision } = await waitForDecision(context);
  assert.deepEqual(decision.granted, ['necessary', 'analytics']);
  assert.equal(decision.method, 'custom');
  await expectDialogClosed(page);
  await expectRuns(page, ALL_RUNS);

  // Reopen from the footer link with the keyboard, then Esc: closed, nothing decided, focus back on the link.
  await footerLink(page).focus();
  assert.equal((await deepActive(page))?.consentOpen, true, 'the footer link did not take focus');
  const changesBefore = (await demoEvents(page, 'consent:change')).length;
  const eventsBefore = (await demoEvents(page)).length;
  await page.keyboard.press('Enter');
  await expectDialog(page);
  assert.equal(await categorySwitch(page, 'analytics').isChecked(), true, 'the dialog should show the stored choice');
  await page.keyboard.press('Escape');
  await expectDialogClosed(page);
  await sleep(QUIET_MS);

  const focus = await deepActive(page);
  assert.equal(focus?.consentOpen, true, `focus did not return to the footer link: ${describeFocus(focus)}`);
  assert.equal((await consentCookie(context))?.value, cookie.value, 'Esc changed the stored decision');
  assert.equal((await demoEvents(page, 'consent:change')).length, changesBefore, 'Esc fired consent:change');
  // What the reopening and Esc announced, and nothing else: the dialog showed, then hid.
  const events = await demoEvents(page);
  const layers = (list) => list.filter((e) => e.type !== 'consent:change').map((e) => `${e.type} ${e.detail.layer ?? ''}`.trim());
  assert.deepEqual(layers(events.slice(eventsBefore)), ['consent:show preferences', 'consent:hide preferences'], `consent events, all: ${layers(events).join(' → ')}`);
});
