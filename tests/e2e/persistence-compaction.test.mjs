// Compaction in parts (docs/storage.md, "Compaction in parts"): the snapshot of the whole workspace
// is encoded a part per tick, frames running between the parts, and what it wrote is what the
// next start opens. The native tests (test_persist_workspace.cpp) cover the drops and restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot } from './helpers/app.mjs';
import { dealTitles, storedFileNames, waitFor, waitSaved } from './helpers/persist.mjs';

test('a compaction is encoded in parts between frames, and the snapshot it wrote is what a reload opens', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const loaded = await page.evaluate(() => window.dealdeck.loadSample(3000, 3));
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  await page.evaluate(() => window.dealdeck.nextFrame());
  await waitSaved(page, 60_000);
  const before = await snapshot(page);
  const snaps = async () => (await storedFileNames(page)).filter((k) => k.endsWith('.snap'));
  const snapsBefore = await snaps();
  const stats = await page.evaluate(() => window.dealdeck.storageStats());

  // One step of 1,000 records a tick: 3,000 deals and what comes with them are ~14,000 records.
  await page.evaluate(() => window.dealdeck.compactNow(1000));
  await waitFor('the compaction', async () => (await page.evaluate(() => window.dealdeck.storageStats())).compactions > stats.compactions,
    { timeoutMs: 60_000 });
  const parts = (await page.evaluate(() => window.dealdeck.storageStats())).lastCompactionParts;
  assert.ok(parts >= 10, `the workspace was encoded in ${parts} part(s)`);
  await waitSaved(page);
  assert.notDeepEqual(await snaps(), snapsBefore, 'no new snapshot generation was stored');

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const after = await snapshot(page);
  assert.equal(after.deals.length, before.deals.length);
  assert.deepEqual(dealTitles(after), dealTitles(before));
  assert.deepEqual(problems, []);
});
