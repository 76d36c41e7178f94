// The page hidden or closed while a sync is still in flight (docs/storage.md, "Commit"): the newest
// edits must reach IndexedDB beside that sync (DDSync.writeNow in storage_idbfs.js), since a closing
// page never starts the sync queued behind it.
//
// How a sync is held in flight, deterministically: an init script wraps IndexedDB's
// IDBIndex.openKeyCursor, which a normal sync uses to read the stored set (names and timestamps)
// before it writes (DDSync.readStored). Once the test turns the hold on, that read's result is
// never delivered to the app, so the sync waits for ever, as a sync does whose read is slow under
// load. The page-hiding write does not read the stored set (it must start its transaction before
// the handler returns), so it is not held; nothing else in IndexedDB is changed.
// With `busy` on as well, the held read also keeps its readonly transaction open, as a cursor
// walk still under way does (one small request after another in it): every readwrite transaction
// created after it waits, the page-hiding write included, unless that write aborts the read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, nextFrame, snapshot } from './helpers/app.mjs';
import { loadSampleData, moveDealByKeyboard, waitFor } from './helpers/persist.mjs';

function holdStoredSetReads() {
  const hold = (window.__ddHold = { on: false, busy: false, held: 0 });
  const openKeyCursor = IDBIndex.prototype.openKeyCursor;
  IDBIndex.prototype.openKeyCursor = function (...args) {
    const request = openKeyCursor.apply(this, args);
    if (hold.on) {
      hold.held++;
      if (hold.busy) {
        const store = this.objectStore;
        const keepBusy = () => { try { store.count().onsuccess = keepBusy; } catch (e) { /* the transaction ended */ } };
        request.addEventListener('success', keepBusy);
      }
      // The app's handler is kept from the request: the read completes in IndexedDB, unseen.
      Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => null, set: () => {} });
    }
    return request;
  };
}

const stats = (page) => page.evaluate(() => window.dealdeck.storageStats());
const stages = (ws) => Object.fromEntries(ws.deals.map((d) => [d.id, d.stage]));

// Sample data saved, then the hold turned on and one edit made: its sync starts and stays in flight.
async function editWithSyncHeld(t, { busy = false } = {}) {
  const { page, context, url } = await openApp(t);
  await context.addInitScript(holdStoredSetReads);
  await gotoApp(page, url);
  await loadSampleData(page);
  await page.evaluate((b) => { window.__ddHold.on = true; window.__ddHold.busy = b; }, busy);
  // Keyboard focus only: a click on the board would land on a card, and a click opens the deal.
  await page.focus('canvas');
  await nextFrame(page);
  // A key sent in the frame the canvas got focus may be missed (seen once in five runs): one more try.
  await moveDealByKeyboard(page).catch(() => moveDealByKeyboard(page));
  await waitFor('the first edit\'s sync to be held in flight', () => page.evaluate(() => window.__ddHold.held > 0));
  const s = await page.evaluate(() => window.dealdeck.saveStatus());
  assert.equal(s.durable, false, 'the held sync completed: the hold did not work');
  return { page, context, url, edited: await snapshot(page) };
}

// One more edit by the keyboard, quickly: the next card selected (not a change), then moved one stage
// right, and in the same evaluate the workspace and the sync requests so far. The journal flushes
// 400 ms after an edit; this returns well before that on a machine that is not overloaded. `moved`
// is false when the key moved no card (the key may land a frame late: up to three frames are read).
async function quickMove(page) {
  const before = stages(await snapshot(page));
  await page.keyboard.press('ArrowDown');
  await nextFrame(page);
  await page.keyboard.press('Shift+ArrowRight');
  for (let frame = 0; frame < 3; frame++) {
    await nextFrame(page);
    const now = await page.evaluate(() => ({ ws: window.dealdeck.snapshot(), requested: window.dealdeck.storageStats().requested }));
    now.moved = now.ws.deals.some((d) => before[d.id] !== d.stage);
    if (now.moved) return now;
  }
  return { moved: false };
}

async function reopen(context, url) {
  const again = await context.newPage();
  await gotoApp(again, url);
  return snapshot(again);
}

test('page closed while a sync is in flight, the newest edit not yet flushed: every edit kept after reopening', async (t) => {
  const { page, context, url } = await editWithSyncHeld(t);
  // The newest edit must still be in the journal's buffer at the close, so that the page-hide flush
  // writes it beside the held sync. On a slow frame the flush may come first: then move another card.
  let last = null;
  for (let attempt = 0; attempt < 5 && !last; attempt++) {
    const requested = (await stats(page)).requested;
    const move = await quickMove(page);
    if (move.moved && move.requested === requested) last = move;
  }
  assert.ok(last, 'every edit was flushed before the page could be closed (machine too slow for this test?)');
  await page.close();

  const ws = await reopen(context, url);
  assert.deepEqual(stages(ws), stages(last.ws), 'edits made before closing were lost');
});

test('page closed while a sync is in flight, the newest edit flushed and queued behind it: every edit kept after reopening', async (t) => {
  const { page, context, url } = await editWithSyncHeld(t);
  const requested = (await stats(page)).requested;
  let last = { moved: false };
  for (let attempt = 0; attempt < 3 && !last.moved; attempt++) last = await quickMove(page);
  assert.ok(last.moved, 'the keyboard moved no card');
  // Its segment is in MEMFS and its sync queued behind the held one; nothing is buffered at the close.
  await waitFor('the second edit to be flushed', async () => (await stats(page)).requested > requested);
  const s = await stats(page);
  assert.ok(s.durable < s.requested, 'the queued sync ran: the hold did not work');
  await page.close();

  const ws = await reopen(context, url);
  assert.deepEqual(stages(ws), stages(last.ws), 'edits made before closing were lost');
});

test('page closed while a sync is still reading the stored set, its transaction open: the edit kept after reopening', async (t) => {
  // Seen in CI as "a change, then the page closed within 100 ms" losing the change: the sync of the
  // change was reading when the page closed, and the page-hiding write waited behind that read.
  const { page, context, url, edited } = await editWithSyncHeld(t, { busy: true });
  await page.close();

  const ws = await reopen(context, url);
  assert.deepEqual(stages(ws), stages(edited), 'the edit whose sync was reading at the close was lost');
});
