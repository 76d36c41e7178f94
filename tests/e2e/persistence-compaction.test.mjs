// Compaction in parts (docs/storage.md, "Compaction in parts"): the snapshot of the whole workspace
// is encoded a part per tick, frames running between the parts, and what it wrote is what the
// next start opens. The native tests (test_persist_workspace.cpp) cover the drops and restarts;
// here, also the web side's fallback after 20 restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextFrame, snapshot } from './helpers/app.mjs';
import { appWithSample, dealTitles, reopened, storageStats, storedFileNames, waitFor, waitSaved } from './helpers/persist.mjs';

test('a compaction is encoded in parts between frames, and the snapshot it wrote is what a reload opens', async (t) => {
  const { page, problems } = await appWithSample(t, 3000);
  const before = await snapshot(page);
  const snaps = async () => (await storedFileNames(page)).filter((k) => k.endsWith('.snap'));
  const snapsBefore = await snaps();
  const stats = await storageStats(page);

  // One step of 1,000 records a tick: 3,000 deals and what comes with them are ~14,000 records.
  await page.evaluate(() => window.dealdeck.compactNow(1000));
  await waitFor('the compaction', async () => (await storageStats(page)).compactions > stats.compactions,
    { timeoutMs: 60_000 });
  const parts = (await storageStats(page)).lastCompactionParts;
  assert.ok(parts >= 10, `the workspace was encoded in ${parts} part(s)`);
  await waitSaved(page);
  assert.notDeepEqual(await snaps(), snapsBefore, 'no new snapshot generation was stored');

  const after = await reopened(page);
  assert.equal(after.deals.length, before.deals.length);
  assert.deepEqual(dealTitles(after), dealTitles(before));
  assert.deepEqual(problems, []);
});

// Edits that never pause long enough for a compaction in parts to finish: each drops the part-made
// snapshot (its records may be older than the edit) and the compaction starts over. After 20 such
// restarts the next one is made in one go (persistence_web.cpp, kCompactionMaxRestarts), so the
// journal cannot grow for ever under a steady stream of edits.
test('a compaction restarted by 20 edits in a row is then made in one go, and a reload opens every edit', async (t) => {
  const { page, problems } = await appWithSample(t, 300);
  const stats = () => storageStats(page);
  const compactionsBefore = (await stats()).compactions;

  // The board holds the keyboard and a card is selected (keyboard only: a click would open a card).
  await page.focus('canvas');
  await page.keyboard.press('ArrowDown');
  await nextFrame(page);

  // One record a part, one part a tick: ~1,400 records take as many ticks (>5 s: timers run at
  // most every 4 ms), far longer than the half second from one edit to the next.
  await page.evaluate(() => window.dealdeck.compactNow(1));
  await nextFrame(page);   // its first part is taken (a tick at 0 ms): the first edit is a restart
  let ws = await snapshot(page);
  const stageOf = (w, id) => w.deals.find((d) => d.id === id)?.stage;
  let moved = null;
  for (let edit = 1; edit <= 20; ++edit) {
    assert.equal((await stats()).compactions, compactionsBefore, `a compaction finished before edit ${edit}`);
    // Right, then back left: the selected card goes to and fro between its stage and the next.
    // Shift is held over frames (ImGui 1.86 reads keys once a frame).
    await page.keyboard.down('Shift');
    await nextFrame(page);
    await page.keyboard.press(edit % 2 ? 'ArrowRight' : 'ArrowLeft');
    await nextFrame(page);
    await page.keyboard.up('Shift');
    const before = ws;
    ws = await waitFor(`edit ${edit}`, async () => {
      const now = await snapshot(page);
      return now.deals.some((d) => stageOf(before, d.id) !== d.stage) ? now : null;
    }, { timeoutMs: 10_000 });
    const changed = ws.deals.filter((d) => stageOf(before, d.id) !== d.stage).map((d) => d.id);
    assert.equal(changed.length, 1, `edit ${edit} moved ${changed.length} deals`);
    if (moved) assert.equal(changed[0], moved, 'the selected card changed');
    moved = changed[0];
    // Flushed: the compaction takes its next part after the flush, and the next edit drops it.
    await waitSaved(page);
  }
  await waitFor('the compaction in one go', async () => (await stats()).compactions > compactionsBefore, { timeoutMs: 30_000 });
  assert.equal((await stats()).lastCompactionParts, 1, 'the compaction after 20 restarts was not made in one go');

  const after = await reopened(page);
  assert.equal(after.deals.length, ws.deals.length);
  assert.deepEqual(Object.fromEntries(after.deals.map((d) => [d.id, d.stage])),
                   Object.fromEntries(ws.deals.map((d) => [d.id, d.stage])), 'an edit was lost');
  assert.deepEqual(problems, []);
});

// A hidden page's timers are throttled by the browser (a tick a second, later a tick a minute), and
// nobody waits for its frames: a compaction under way when the page is hidden is finished in one
// tick. Headless pages are never hidden, so the test makes document.visibilityState say so and
// sends the event, as the browser does when the tab goes to the background.
test('a compaction under way when the page is hidden is finished in its next tick, not a part a tick', async (t) => {
  const { page, problems } = await appWithSample(t, 3000);
  const before = await snapshot(page);
  const stats = () => storageStats(page);
  const compactionsBefore = (await stats()).compactions;

  // One record a part, one part a tick: ~14,000 ticks (about a minute) while the page is visible.
  await page.evaluate(() => window.dealdeck.compactNow(1));
  await nextFrame(page);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await waitFor('the compaction', async () => (await stats()).compactions > compactionsBefore, { timeoutMs: 20_000 });
  // The ticks before the hide took a part each (tens of them, more on a loaded machine); then one.
  const parts = (await stats()).lastCompactionParts;
  assert.ok(parts < 1000, `the hidden page still compacted a part a tick (${parts} parts)`);

  await page.evaluate(() => {
    delete document.visibilityState;   // the prototype's getters again
    delete document.hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const after = await reopened(page);
  assert.deepEqual(dealTitles(after), dealTitles(before));
  assert.deepEqual(problems, []);
});
