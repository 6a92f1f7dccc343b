import assert from 'node:assert/strict';
import {
  bannerButton, demoRuns, expectBanner, journey, QUIET_MS, sleep, videoFrame, videoPlaceholder, waitForReady,
} from './harness.mjs';

journey('first visit: the banner offers three equal choices and nothing optional has happened', async ({ page, context, url }) => {
  await page.goto(url('/'));
  await expectBanner(page);
  await waitForReady(page);

  // Accept all, reject all and choose: equal prominence, so equal size.
  const boxes = [];
  for (const action of ['accept-all', 'reject-all', 'open-preferences']) {
    const box = await bannerButton(page, action).boundingBox();
    assert.ok(box, `the ${action} button has no box`);
    boxes.push({ action, width: Math.round(box.width), height: Math.round(box.height) });
  }
  for (const box of boxes.slice(1)) {
    assert.ok(Math.abs(box.width - boxes[0].width) <= 1 && Math.abs(box.height - boxes[0].height) <= 1,
      `buttons differ in size: ${JSON.stringify(boxes)}`);
  }

  await sleep(QUIET_MS);
  assert.deepEqual(await demoRuns(page), [], 'gated tags ran before any decision');
  assert.deepEqual(await context.cookies(), [], 'cookies were written before any decision');

  // The marketing video: no src, hidden behind a placeholder of its size that names the category.
  assert.equal(await videoFrame(page).getAttribute('src'), null, 'the gated iframe has a src');
  await videoPlaceholder(page).waitFor({ state: 'visible' });
  assert.equal(await videoFrame(page).isVisible(), false, 'the blocked iframe is on screen');
  const size = await videoFrame(page).evaluate((f) => [Number(f.getAttribute('width')), Number(f.getAttribute('height'))]);
  const box = await videoPlaceholder(page).boundingBox();
  assert.deepEqual([Math.round(box.width), Math.round(box.height)], size, 'the placeholder has the iframe\'s size');
  await videoPlaceholder(page).getByText(/Реклам/).first().waitFor({ state: 'visible' }); // names the category
  await videoPlaceholder(page).locator('[data-action="allow-category"]').waitFor({ state: 'visible' });
  await videoPlaceholder(page).locator('[data-action="open-preferences"]').waitFor({ state: 'visible' });
});
