// The heap warmer of web/boot.js (docs/storage.md, "Start-up"): while the page waits for its
// IndexedDB read, the module's heap is grown and touched up to what the previous start needed,
// then freed before main() runs, so that recovery and Store::load reuse pages already faulted in
// instead of paying for fresh memory on the critical path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot } from './helpers/app.mjs';
import { dealTitles, saveStatus, waitSaved } from './helpers/persist.mjs';

// Holds the writer-lock request 3 s: boot.js starts its read transaction only once the lock is
// settled, so the read is certainly still out when dealdeck.wasm is instantiated (a small
// workspace's read would otherwise often end before, and then nothing is warmed, by design).
function slowLock() {
  const locks = navigator.locks;
  const request = locks.request.bind(locks);
  locks.request = (...args) => new Promise((resolve) => setTimeout(resolve, 3000)).then(() => request(...args));
}

const startFigures = (page) => page.evaluate(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {
    heap: window.Module.HEAPU8.length,
    hint: Number(window.localStorage.getItem('dealdeck.start-heap')),
    warmed: window.dealdeck.heapWarmed ?? null,
    warmStart: at('dd-heap-warm-start'),
    warmEnd: at('dd-heap-warm-end'),
    readEnd: at('dd-idb-load-end'),
    mount: at('dd-mount'),
  };
});

test('a start warms the heap the previous start needed while the read is out, frees it before main(), and opens the stored data', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  // 20,000 deals: a heap well past the 16 MB the module starts with (smaller ones warm nothing).
  const loaded = await page.evaluate(() => window.dealdeck.loadSample(20000, 1));
  assert.ok(loaded.ok, JSON.stringify(loaded));
  await page.evaluate(() => window.dealdeck.nextFrame());
  await waitSaved(page, 120_000);
  const stored = await snapshot(page);

  // The start of the empty profile had nothing to go by; this one leaves the hint for the next.
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const unwarmed = await startFigures(page);
  assert.ok(unwarmed.hint > 0, `no heap hint kept: ${JSON.stringify(unwarmed)}`);

  await page.addInitScript(slowLock);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const warmed = await startFigures(page);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(stored));
  assert.equal((await saveStatus(page)).text, 'Saved');

  // All of the hint was touched (the read was held long enough), in 2 MB slices.
  assert.ok(warmed.warmed >= unwarmed.hint && warmed.warmed < unwarmed.hint + (2 << 20), JSON.stringify({ unwarmed, warmed }));
  // Warmed while the read was out, and freed before main() mounted the files.
  assert.ok(warmed.warmStart !== null && warmed.warmEnd !== null && warmed.mount !== null, JSON.stringify(warmed));
  assert.ok(warmed.warmStart < warmed.readEnd && warmed.warmEnd <= warmed.mount, JSON.stringify(warmed));
  // Reused, not added on top: the heap is no bigger than a start without warming needed, give or
  // take one of the module's growth steps (~20 %). Kept, the warmed blocks would double it.
  assert.ok(warmed.heap <= unwarmed.heap * 1.25, JSON.stringify({ unwarmed, warmed }));
  assert.deepEqual(problems, []);
});
