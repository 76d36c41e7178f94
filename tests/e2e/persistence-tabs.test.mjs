// Tabs and the writer lock (docs/storage.md, "Several tabs"): when the writer tab closes, a
// read-only tab becomes the writer by itself; "Use this tab here" gives the lock to the tab that
// asked. (persistence.test.mjs has the take-over and the following of the writer.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot } from './helpers/app.mjs';
import { dealTitles, loadSampleData, moveDealByKeyboard, saveStatus, waitFor, waitSaved } from './helpers/persist.mjs';

const waitWriter = (page, what) => waitFor(what, async () => (await saveStatus(page)).writer === true, { timeoutMs: 15_000 });

test('when the writer tab closes, a read-only tab becomes the writer by itself and its edits are saved', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  const stored = await loadSampleData(page);
  const second = await context.newPage();
  await gotoApp(second, url);
  assert.equal((await saveStatus(second)).writer, false);

  await page.close();
  await waitWriter(second, 'the remaining tab to become the writer');
  assert.equal(await second.evaluate(() => getComputedStyle(document.getElementById('dd-readonly')).display), 'none',
    'the read-only overlay is still shown');
  assert.deepEqual(dealTitles(await snapshot(second)), dealTitles(stored));

  // An edit made by the user in that tab is saved: it is there after a reload.
  await second.focus('canvas');
  const move = await moveDealByKeyboard(second);
  await waitSaved(second);
  await second.reload({ waitUntil: 'load' });
  await waitReady(second);
  assert.equal((await snapshot(second)).deals.find((d) => d.id === move.id)?.stage, move.to);
});

test('"Use this tab here" gives the lock to the tab that asked, not to another read-only tab that waited longer', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const waitedLonger = await context.newPage();
  await gotoApp(waitedLonger, url);
  const asker = await context.newPage();
  await gotoApp(asker, url);
  assert.equal((await saveStatus(waitedLonger)).writer, false);
  assert.equal((await saveStatus(asker)).writer, false);

  await asker.click('#dd-use-this-tab');
  await waitWriter(asker, 'the tab that asked to become the writer');
  assert.equal((await saveStatus(waitedLonger)).writer, false, 'the lock went to the tab that did not ask');
  assert.equal((await saveStatus(page)).writer, false, 'the first tab still writes');
  // A few seconds later (past the 3 s after which a request takes the lock by force) nothing moved.
  await asker.waitForTimeout(3500);
  assert.equal((await saveStatus(asker)).writer, true);
  assert.equal((await saveStatus(waitedLonger)).writer, false);
});
