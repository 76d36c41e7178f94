// The list's column layout is the person's, per device: hidden through the header's context menu,
// it stays hidden after a reload (localStorage, platform/web/prefs_web.cpp), with the data intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, items, clickItem, waitForItems, snapshot, nextFrame, waitReady } from './helpers/app.mjs';

async function hoverClick(page, x, y, button = 'left') {
  await page.mouse.move(x, y);
  await nextFrame(page);
  await page.mouse.click(x, y, { button });
  await nextFrame(page);
}

const header = (all, label) => all.find((i) => i.label === label && i.window.includes('Main'));

async function openList(page) {
  await clickItem(page, 'List');
  await waitForItems(page, (all) => header(all, 'Title') && all.some((i) => /^\d[\d,]* deals$/.test(i.label) && i.label !== '0 deals'), { what: 'the list with deals' });
}

test('list: a hidden column stays hidden after a reload', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  for (let attempt = 0; attempt < 5 && (await snapshot(page)).deals.length === 0; attempt++) {
    await clickItem(page, 'Load sample data');
    await nextFrame(page);
    if ((await items(page)).some((i) => i.label === 'Replace workspace')) await clickItem(page, 'Replace workspace');
    await nextFrame(page);
  }
  await openList(page);
  const owner = header(await items(page), 'Owner');
  assert.ok(header(await items(page), 'Company'), 'the Company column is shown at first');

  // Right-click a header: ImGui's table menu lists every column with a check mark.
  await hoverClick(page, owner.x + owner.w / 2, owner.y + owner.h / 2, 'right');
  // The menu measures itself over its first frames: click its entry once it stands still.
  const menuEntry = (all) => all.find((i) => i.label === 'Company' && i.window.includes('Popup'));
  let entry = null;
  for (let i = 0; i < 20; i++) {
    const now = menuEntry(await waitForItems(page, menuEntry, { what: 'the column menu' }));
    if (entry && now.x === entry.x && now.y === entry.y) break;
    entry = now;
    await nextFrame(page);
  }
  await hoverClick(page, entry.x + entry.w / 2, entry.y + entry.h / 2);
  await waitForItems(page, (all) => !all.some((i) => i.label === 'Company' && i.window.includes('Main')), { what: 'the Company column hidden' });
  // The menu stays open for more toggles: a click elsewhere (on the row count) closes it.
  const count = (await items(page)).find((i) => /^\d[\d,]* deals$/.test(i.label));
  await hoverClick(page, count.x + count.w / 2, count.y + count.h / 2);
  await waitForItems(page, (all) => !all.some((i) => i.label === 'Company'), { what: 'the menu closed' });
  const stored = await page.evaluate(() => window.localStorage.getItem('dealdeck.prefs'));
  assert.ok(stored, 'the layout was saved to localStorage');
  const company = JSON.parse(stored).list_columns.find((c) => c.column === 'company');
  assert.equal(company.visible, false);
  const deals = (await snapshot(page)).deals.length;

  // One navigation only: a second one (gotoApp) right after the reload aborted its wasm and data requests.
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await openList(page);
  const all = await items(page);
  assert.ok(header(all, 'Owner'), 'Owner is still shown');
  assert.equal(header(all, 'Company'), undefined, 'Company came back after the reload');
  assert.equal((await snapshot(page)).deals.length, deals);
  assert.deepEqual(problems, []);
});
