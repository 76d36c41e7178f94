// History lines read after the first frame (docs/storage.md, "Start-up"; persist_history.h): a
// writer tab's start draws the workspace without the snapshot's history lines, reads them in timer
// tasks between frames, and writes no snapshot before they are in, so that none is ever lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { snapshot, waitReady } from './helpers/app.mjs';
import { appWithSample, history, moveDealByKeyboard, reopened, storageStats, waitFor, waitSaved } from './helpers/persist.mjs';

const lineIds = (ws) => ws.history.map((h) => h.id).sort();

// Runs in the page before the app: at `ready` (in the first frame's callback, before any timer
// task of the page can run, so while the history lines are still pending) does what the URL's hash
// says and keeps what it saw in window.__atReady: #history the store's history as it stands;
// #snapshot asks for the bridge's snapshot(), #export for the backup download, which both need
// every line at once. One script for all: a page keeps every init script it was given.
function atReady() {
  const what = location.hash.slice(1);
  if (!['history', 'snapshot', 'export'].includes(what)) return;
  const poll = setInterval(() => {
    const dd = window.dealdeck;
    if (!dd || !dd.ready) return;
    clearInterval(poll);
    dd.ready.then(() => {
      const history = dd.history();
      if (what === 'history') window.__atReady = history;
      else if (what === 'snapshot') window.__atReady = { state: history.state, lines: dd.snapshot().history.length };
      else { window.__atReady = { state: history.state }; dd.exportWorkspace(); }
    }, () => {});
  }, 1);
}

// Reloads `page` (with atReady added) asking for `what` at ready; what atReady saw. The same page
// each time, which hands its writer lock on (a second page opened while the first closes can find
// the lock still held, open read-only and read every line at start).
async function reloadAsking(page, what) {
  await page.evaluate((h) => { location.hash = h; }, what);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  return waitFor(`the ${what} at ready`, () => page.evaluate(() => window.__atReady));
}

test('a reload draws the workspace first and reads the snapshot\'s history lines after it, every one', async (t) => {
  const { page, problems } = await appWithSample(t, 5_000);
  await page.focus('canvas');
  await moveDealByKeyboard(page);   // a line in the journal, beside the snapshot's
  await waitSaved(page);
  const before = await snapshot(page);
  assert.ok(before.history.length > 5_000, `${before.history.length} history lines`);

  await page.addInitScript(atReady);
  const atReadyHistory = await reloadAsking(page, 'history');
  assert.equal(atReadyHistory.state, 'pending', 'the first frame waited for the history lines');
  assert.ok(atReadyHistory.lines < 10, `${atReadyHistory.lines} lines at the first frame: the journal's only`);

  // They come in by themselves (nothing here asks for them: snapshot() would read the rest at once).
  await waitFor('the history lines', async () => (await history(page)).state === 'complete', { timeoutMs: 30_000 });
  assert.equal((await history(page)).lines, before.history.length);
  const marks = await page.evaluate(() => ['dd-store-loaded', 'dd-history-loaded'].map(
    (n) => performance.getEntriesByName(n)[0]?.startTime ?? null));
  assert.ok(marks[1] !== null && marks[1] > marks[0], `store loaded at ${marks[0]} ms, history at ${marks[1]} ms`);
  assert.deepEqual(lineIds(await snapshot(page)), lineIds(before));
  assert.deepEqual(problems, []);
});

test('an edit made as soon as the app is drawn is applied with every history line, and the next snapshot keeps them all', async (t) => {
  const { page, problems } = await appWithSample(t, 5_000);
  const before = await snapshot(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  // At once: the board has the keyboard, a card moves right (before any snapshot() of this start).
  await page.focus('canvas');
  const { ws: moved } = await moveDealByKeyboard(page, { before });
  const movedIds = new Set(moved.history.map((h) => h.id));
  assert.ok(before.history.every((h) => movedIds.has(h.id)), 'a line of the snapshot was lost');
  assert.ok(moved.history.length > before.history.length, 'the move added its history lines');

  // A compaction now writes the workspace with every line; the next start reads them back.
  const stats = await storageStats(page);
  await page.evaluate(() => window.dealdeck.compactNow());
  await waitFor('the compaction', async () => (await storageStats(page)).compactions > stats.compactions,
    { timeoutMs: 60_000 });
  const after = await reopened(page);
  assert.deepEqual(lineIds(after), lineIds(moved));
  assert.deepEqual(problems, []);
});

test('snapshot() and the backup export asked for while the history lines are pending hold every line', async (t) => {
  const { page, problems } = await appWithSample(t, 3_000);
  const before = await snapshot(page);
  await page.addInitScript(atReady);
  const asked = await reloadAsking(page, 'snapshot');
  assert.equal(asked.state, 'pending');
  assert.equal(asked.lines, before.history.length, 'snapshot() left history lines out');

  const downloaded = page.waitForEvent('download');
  assert.equal((await reloadAsking(page, 'export')).state, 'pending');
  const backup = JSON.parse(fs.readFileSync(await (await downloaded).path(), 'utf8'));
  assert.deepEqual(backup.history.map((h) => h.id).sort(), lineIds(before), 'the backup left history lines out');
  assert.deepEqual(problems, []);
});
