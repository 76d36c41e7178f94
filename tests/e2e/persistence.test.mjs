// Persistence through the real app in headless Chromium with a persistent profile: what is
// saved survives a reload and a page closed right after the change; a bad backup changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot, load, clickItem } from './helpers/app.mjs';
import { dealTitles, loadSampleData, moveDealByKeyboard, notices, readStoredFiles, saveStatus, waitFor, waitSaved } from './helpers/persist.mjs';

test('loading sample data through the top bar, then reloading: the data is kept', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);   // the starter workspace is saved on a first start
  assert.equal((await snapshot(page)).deals.length, 0);

  await clickItem(page, 'Load sample data');
  const deadline = Date.now() + 10_000;
  while ((await snapshot(page)).deals.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  const before = await snapshot(page);
  assert.ok(before.deals.length > 0, 'the sample data did not load');
  await waitSaved(page);
  // Snapshots are stored as Blobs, journal segments as bytes (storage_idbfs.js, asStored); the
  // reload below reads both back.
  const stored = Object.entries(await readStoredFiles(page)).filter(([, f]) => !f.dir);
  const snaps = stored.filter(([k]) => k.endsWith('.snap'));
  assert.ok(snaps.length > 0, `no snapshot stored: ${stored.map(([k]) => k)}`);
  for (const [k, f] of stored) assert.equal(f.stored, k.endsWith('.snap') ? 'blob' : 'bytes', k);

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const after = await snapshot(page);
  assert.deepEqual(dealTitles(after), dealTitles(before));
  assert.equal((await saveStatus(page)).text, 'Saved');
  assert.deepEqual(problems, []);
});

test('a change, then the page closed within 100 ms: kept after reopening', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await clickItem(page, 'Load sample data');
  const deadline = Date.now() + 10_000;
  while ((await snapshot(page)).deals.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  await waitSaved(page);

  const ws = await snapshot(page);
  ws.deals[0].title = 'Renamed just before closing';
  const result = await load(page, ws);
  assert.equal(result.ok, true, JSON.stringify(result));
  await page.waitForTimeout(50);
  await page.close();

  const again = await context.newPage();
  await gotoApp(again, url);
  const titles = dealTitles(await snapshot(again));
  assert.ok(titles.includes('Renamed just before closing'), 'the change made 50 ms before closing was lost');
});

test('importing a bad backup shows its error and changes nothing', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const before = await snapshot(page);
  const error = await page.evaluate(() => window.dealdeck.importWorkspace('{"format":"dealdeck","version":1,"deals":[{"title":5}]}'));
  assert.match(error, /Import refused, nothing changed: /);
  const shown = (await notices(page)).join('\n');
  assert.match(shown, /Import refused/);
  assert.deepEqual(await snapshot(page), before);
  // And after a reload, still the same workspace: nothing was written.
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(await snapshot(page), before);
});

test('a second tab opens read-only and takes over with "Use this tab here" without losing an edit', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const second = await context.newPage();
  await gotoApp(second, url);
  assert.equal((await saveStatus(second)).writer, false);
  assert.match((await saveStatus(second)).text, /Read-only/);

  // An edit in the first tab, then the second takes over: the edit is there.
  await clickItem(page, 'Load sample data');
  const deadline = Date.now() + 10_000;
  while ((await snapshot(page)).deals.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  const edited = await snapshot(page);
  await second.click('#dd-use-this-tab');
  const until = Date.now() + 15_000;
  while (!(await saveStatus(second)).writer && Date.now() < until) await second.waitForTimeout(50);
  assert.equal((await saveStatus(second)).writer, true, 'the second tab did not become the writer');
  assert.deepEqual(dealTitles(await snapshot(second)), dealTitles(edited));
  assert.equal((await saveStatus(page)).writer, false, 'the first tab still writes');
});

test('a read-only tab follows the writer: only the journal tail after an edit, everything after a new snapshot', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const follower = await context.newPage();
  await gotoApp(follower, url);
  assert.equal((await saveStatus(follower)).writer, false);
  const follows = () => follower.evaluate(() => window.dealdeck.storageStats().follows);
  const stages = (ws) => Object.fromEntries((ws.deals ?? []).map((d) => [d.id, d.stage]));

  // Sample data replaces the workspace: a new snapshot, which the follower reloads whole.
  await page.bringToFront();
  const sample = await loadSampleData(page);
  await waitFor('the follower to show the sample', async () => dealTitles(await snapshot(follower)).length === sample.deals.length,
    { timeoutMs: 30_000 });
  const afterSample = await follows();
  assert.ok(afterSample.full >= 1, `a new snapshot must be followed by a full reload: ${JSON.stringify(afterSample)}`);

  // Edits through the board, each saved as a small journal segment: the follower applies just those.
  await page.bringToFront();
  // Keyboard focus only: a click on the board would land on a card, and a click opens the deal.
  await page.focus('canvas');
  for (let n = 0; n < 2; n++) {
    const move = await moveDealByKeyboard(page);
    await waitSaved(page);
    await waitFor(`the follower to show move ${n + 1}`,
      async () => (await snapshot(follower)).deals.find((d) => d.id === move.id)?.stage === move.to, { timeoutMs: 30_000 });
  }
  const afterEdits = await follows();
  assert.ok(afterEdits.tail >= 1, `the edits were not followed by the journal tail: ${JSON.stringify(afterEdits)}`);
  assert.equal(afterEdits.full, afterSample.full, 'an edit made the follower reload everything');
  const writerNow = await snapshot(page);
  const followerNow = await snapshot(follower);
  assert.deepEqual(stages(followerNow), stages(writerNow));
  assert.equal(followerNow.history.length, writerNow.history.length, 'the moves\' history lines did not follow');

  // A whole workspace loaded again: a new snapshot generation, followed by a full reload.
  const edited = structuredClone(writerNow);
  edited.deals[0].title = 'Seen by the other tab';
  assert.equal((await load(page, edited)).ok, true);
  await waitSaved(page);
  await waitFor('the follower to show the reloaded workspace',
    async () => dealTitles(await snapshot(follower)).includes('Seen by the other tab'), { timeoutMs: 30_000 });
  assert.deepEqual(dealTitles(await snapshot(follower)), dealTitles(edited));
  assert.ok((await follows()).full > afterSample.full, 'after a new snapshot the follower must reload everything');
  assert.equal((await saveStatus(follower)).writer, false, 'following must not make the tab a writer');
});

// The page's visibility as the browser would report it when the tab is put in the background or
// shown again (Playwright keeps every headless page visible): the property and the event.
const setVisibility = (page, state) => page.evaluate((v) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => v === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}, state);

test('a hidden read-only tab does not follow every save; shown again, it catches up at once', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await loadSampleData(page);
  await waitSaved(page);
  const follower = await context.newPage();
  await gotoApp(follower, url);
  assert.equal((await saveStatus(follower)).writer, false);
  const follows = () => follower.evaluate(() => window.dealdeck.storageStats().follows);
  const before = await follows();

  await setVisibility(follower, 'hidden');
  await page.bringToFront();
  await page.focus('canvas');
  const moves = [];
  for (let n = 0; n < 2; n++) {
    moves.push(await moveDealByKeyboard(page));
    await waitSaved(page);
  }
  await waitFor('the hidden tab to note the saves', async () => (await follows()).whenShown === true, { timeoutMs: 10_000 });
  await page.waitForTimeout(500);   // time for a follow that should not happen
  const hidden = await follows();
  assert.equal(hidden.tail + hidden.full, before.tail + before.full, `a hidden tab followed: ${JSON.stringify(hidden)}`);
  const stale = await snapshot(follower);
  assert.notEqual(stale.deals.find((d) => d.id === moves[1].id)?.stage, moves[1].to, 'the hidden tab shows the last move already');

  const stages = (ws) => JSON.stringify(ws.deals.map((d) => [d.id, d.stage]).sort());
  const writerStages = stages(await snapshot(page));
  await setVisibility(follower, 'visible');
  await waitFor('the shown tab to catch up', async () => stages(await snapshot(follower)) === writerStages, { timeoutMs: 30_000 });
  const shown = await follows();
  assert.equal(shown.tail + shown.full, hidden.tail + hidden.full + 1, `one follow for both saves: ${JSON.stringify(shown)}`);
  assert.equal(shown.whenShown, false);
});

test('storage full: the top bar says so, the change stays in the tab, and is saved once space is back', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const ws = await snapshot(page);
  // The browser refuses every write as over quota (what a full disk looks like to IndexedDB).
  await page.evaluate(() => {
    window.__realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  ws.settings.name = 'Renamed while the disk is full';
  assert.equal((await load(page, ws)).ok, true);
  const until = Date.now() + 10_000;
  let status;
  while (Date.now() < until) {
    status = await saveStatus(page);
    if (status.isError) break;
    await page.waitForTimeout(50);
  }
  assert.equal(status.isError, true, JSON.stringify(status));
  assert.match(status.text, /Storage full: changes are kept in this tab only/);
  assert.equal((await snapshot(page)).settings.name, 'Renamed while the disk is full');

  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
  await waitSaved(page, 40_000);   // retried with a growing delay
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.equal((await snapshot(page)).settings.name, 'Renamed while the disk is full');
});

test('importing a backup through the Import backup button and the file picker replaces the workspace', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  await clickItem(page, 'Load sample data');
  const deadline = Date.now() + 10_000;
  while ((await snapshot(page)).deals.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  const backup = await snapshot(page);
  backup.deals.forEach((d, i) => { d.title = `Imported ${i}`; });

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#dd-backup button:has-text("Import backup")')]);
  await chooser.setFiles({ name: 'dealdeck-backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  const until = Date.now() + 10_000;
  while (!dealTitles(await snapshot(page)).includes('Imported 0') && Date.now() < until) await page.waitForTimeout(50);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(backup));
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(backup));
});
