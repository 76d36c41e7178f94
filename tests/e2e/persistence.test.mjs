// Persistence through the real app in headless Chromium with a persistent profile: what is
// saved survives a reload and a page closed right after the change; a bad backup changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady, snapshot, load, clickItem } from './helpers/app.mjs';

const saveStatus = (page) => page.evaluate(() => window.dealdeck.saveStatus());

async function waitSaved(page, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await saveStatus(page);
    if (last.durable && last.text === 'Saved') return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`not saved in ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

const dealTitles = (ws) => (ws.deals ?? []).map((d) => d.title).sort();

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
  const shown = await page.evaluate(() => [...document.querySelectorAll('.dd-notice')].map((n) => n.textContent).join('\n'));
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

test('a read-only tab follows the writer: its data updates after each save of the other tab', async (t) => {
  const { page, context, url } = await openApp(t);
  await gotoApp(page, url);
  await waitSaved(page);
  const follower = await context.newPage();
  await gotoApp(follower, url);
  assert.equal((await saveStatus(follower)).writer, false);

  await clickItem(page, 'Load sample data');
  const deadline = Date.now() + 10_000;
  while ((await snapshot(page)).deals.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  await waitSaved(page);
  const edited = await snapshot(page);
  edited.deals[0].title = 'Seen by the other tab';
  assert.equal((await load(page, edited)).ok, true);
  await waitSaved(page);

  const until = Date.now() + 15_000;
  let seen = [];
  while (Date.now() < until) {
    seen = dealTitles(await snapshot(follower));
    if (seen.includes('Seen by the other tab')) break;
    await follower.waitForTimeout(100);
  }
  assert.deepEqual(seen, dealTitles(edited), 'the read-only tab did not follow the saved change');
  assert.equal((await saveStatus(follower)).writer, false, 'following must not make the tab a writer');
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
