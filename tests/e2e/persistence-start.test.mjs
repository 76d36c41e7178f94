// Start-up reads the stored files while dealdeck.wasm loads (web/boot.js, docs/storage.md
// "Start-up"): the read begins before the module is fetched, the data shown is the stored data,
// and files another tab saved after that early read (before this tab got the writer lock) are
// not lost: the tab reads the stored set again once it holds the lock. A tab that held the writer
// lock before its early read (boot.js asks for it first) reads the stored set only once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot, load } from './helpers/app.mjs';
import { dealTitles, loadSampleData, saveStatus, waitFor, waitSaved } from './helpers/persist.mjs';

const marks = (page) => page.evaluate(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return { readStart: at('dd-idb-load-start'), readEnd: at('dd-idb-load-end'), mount: at('dd-mount'), mounted: at('dd-mounted') };
});

test('a reload reads the stored files before the module asks for them, and shows them', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const stored = await loadSampleData(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(stored));
  assert.equal((await saveStatus(page)).text, 'Saved');
  const m = await marks(page);
  assert.ok(m.readStart !== null && m.readEnd !== null && m.mount !== null, `marks missing: ${JSON.stringify(m)}`);
  // The page began the read before main() asked for the files, and the module took them from it.
  assert.ok(m.readStart < m.mount && m.mount <= m.mounted, JSON.stringify(m));
  assert.deepEqual(problems, []);
});

// Holds the module before main() (an Emscripten run dependency) until the test calls __release():
// the window between boot.js's early read and the writer lock, made as long as the test needs.
function holdModule() {
  let held;
  Object.defineProperty(window, 'Module', {
    configurable: true,
    get() { return held; },
    set(m) {
      held = m;
      if (!m || m.__held) return;
      m.__held = true;
      m.preRun = [(mod) => {
        mod.addRunDependency('e2e-hold');
        window.__release = () => mod.removeRunDependency('e2e-hold');
      }];
    },
  });
}

test('files saved by another tab after the early read are the ones this tab opens and writes on', async (t) => {
  const { page: first, context, url } = await openApp(t);
  await gotoApp(first, url);
  const before = await loadSampleData(first);

  // A second tab starts: boot.js reads the stored files, the module is held before main().
  const second = await context.newPage();
  await second.addInitScript(holdModule);
  await second.goto(url, { waitUntil: 'load' });
  await waitFor('the early read in the second tab', async () => (await marks(second)).readEnd !== null);
  await waitFor('the held module', () => second.evaluate(() => typeof window.__release === 'function'));

  // Meanwhile the first tab saves a change (a new snapshot generation) and closes: lock released.
  const changed = structuredClone(before);
  changed.deals[0].title = 'Saved after the early read';
  assert.equal((await load(first, changed)).ok, true);
  await waitSaved(first);
  await first.close();
  // The browser lets go of a closed page's Web Locks a moment after page.close() returns (its
  // document is torn down on the renderer's thread, which the second tab may be busy with).
  await waitFor('the closed tab to let go of the writer lock', () =>
    second.evaluate(async () => (await navigator.locks.query()).held.length === 0));

  await second.evaluate(() => window.__release());
  await waitReady(second);
  const opened = await snapshot(second);
  assert.ok(dealTitles(opened).includes('Saved after the early read'), 'the second tab showed the files of its early read');
  assert.equal((await saveStatus(second)).writer, true);

  // And it saves on top of them without being stopped as a stale tab.
  opened.deals[1].title = 'Written by the second tab';
  assert.equal((await load(second, opened)).ok, true);
  const status = await waitSaved(second);
  assert.equal(status.isError, false);
  const third = await context.newPage();
  await gotoApp(third, url);
  const titles = dealTitles(await snapshot(third));
  assert.ok(titles.includes('Saved after the early read') && titles.includes('Written by the second tab'));
});

test('a first start with nothing stored: the early read finds no database and creates none; the app saves as before', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  assert.equal((await marks(page)).readEnd, null);   // nothing was read ahead
  const stored = await loadSampleData(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(stored));
  assert.deepEqual(problems, []);
});

// Counts the stored-set reads (IDBFS.getRemoteSet walks the 'timestamp' index with openKeyCursor)
// and when the first one happened, relative to `dealdeck.ready`.
function countStoredSetReads() {
  const seen = (window.__ddSetReads = { count: 0, beforeReady: 0 });
  const openKeyCursor = IDBIndex.prototype.openKeyCursor;
  IDBIndex.prototype.openKeyCursor = function (...args) {
    seen.count++;
    if (!window.__ddReady) seen.beforeReady++;
    return openKeyCursor.apply(this, args);
  };
  const poll = setInterval(() => {
    if (!window.dealdeck || !window.dealdeck.ready) return;
    clearInterval(poll);
    window.dealdeck.ready.then(() => { window.__ddReady = true; });
  }, 1);
}

test('a tab that got the writer lock before its early read opens without reading the stored set again', async (t) => {
  const { page: first, context, url } = await openApp(t);
  await gotoApp(first, url);
  const stored = await loadSampleData(first);
  // A new page after the first one closed (a reload could ask for the lock before the unloading
  // document has let go of it: then the tab falls back to asking again and re-checking, correctly).
  await first.close();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(countStoredSetReads);
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(stored));
  assert.equal((await saveStatus(page)).writer, true);
  // boot.js read the files holding the lock: no re-check of the stored set before recovery.
  assert.equal((await page.evaluate(() => window.__ddSetReads)).beforeReady, 0);

  // It still saves, and its fence still works: the first sync reads the stored set and finds it
  // as the early read left it (not "another tab").
  const changed = structuredClone(stored);
  changed.deals[0].title = 'Saved by the tab that read under the lock';
  assert.equal((await load(page, changed)).ok, true);
  const status = await waitSaved(page);
  assert.equal(status.isError, false);
  assert.ok((await page.evaluate(() => window.__ddSetReads)).count >= 1);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.ok(dealTitles(await snapshot(page)).includes('Saved by the tab that read under the lock'));
  assert.deepEqual(problems, []);
});
