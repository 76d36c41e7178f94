// A compaction asked for while a start still reads the snapshot's history lines (docs/storage.md,
// Start-up) waits for them: a snapshot of the workspace without them would lose them for good.
// A file of its own: 20,000 deals take a while, and node --test gives each file 180 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitReady } from './helpers/app.mjs';
import { appWithSample, history, storageStats, waitFor, waitSaved } from './helpers/persist.mjs';

// Runs in the page before the app: a compaction asked for as soon as the app has loaded the
// workspace without its history lines (between main() and the first frame; at the latest in the
// first frame's callback), to be made whole in its first tick (one part of a million records),
// before the page has read the lines.
function compactWhilePending() {
  let asked = false;
  const ask = (dd) => {
    if (asked || dd.history().state !== 'pending') return;
    asked = true;
    window.__compactionAsked = true;
    dd.compactNow(1_000_000);
  };
  const poll = setInterval(() => {
    const dd = window.dealdeck;
    if (!dd || !dd.ready) return;
    if (dd.history && dd.compactNow) ask(dd);
    if (asked) clearInterval(poll);
  }, 1);
  const wait = setInterval(() => {
    const dd = window.dealdeck;
    if (!dd || !dd.ready) return;
    clearInterval(wait);
    dd.ready.then(() => { clearInterval(poll); ask(dd); }, () => {});
  }, 1);
}

test('a compaction asked for before the history lines are read waits for them: its snapshot keeps every line', async (t) => {
  // ~38,000 lines: more than the first batch reads, should the compaction come only after it.
  const { page, problems } = await appWithSample(t, 20_000);
  const before = await history(page);   // complete: the workspace was made in this page
  assert.equal(before.state, 'complete');
  await page.addInitScript(compactWhilePending);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.ok(await page.evaluate(() => window.__compactionAsked), 'no compaction was asked for while the lines were pending');
  // A reload's stats start at 0: the one compaction asked for.
  await waitFor('the compaction', async () => (await storageStats(page)).compactions > 0, { timeoutMs: 60_000 });
  assert.equal((await history(page)).state, 'complete', 'the compaction ran before the lines were read');
  // The next start reads what that compaction wrote: every line (counted, not fetched: the
  // workspace's JSON at 20,000 deals would take the test seconds a time).
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await waitFor('the history lines', async () => (await history(page)).state === 'complete', { timeoutMs: 30_000 });
  assert.equal((await history(page)).lines, before.lines);
  assert.deepEqual(problems, []);
});
