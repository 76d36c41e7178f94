// The List view in the browser, through the real mouse and keyboard: sort by clicking a header,
// filter by typing in the search box, Shift-select rows and bulk-move them, export the slice and
// read the downloaded file. Screenshots in light and dark (docs/screenshots/list-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, gotoApp, items, clickItem, clickSettled, waitForItems, snapshot, nextFrame, resultPath, repoRoot } from './helpers/app.mjs';

const ROW_PATH = /##([0-9a-f]{16})$/;   // each row's Selectable: "<title>##<deal id>"

// Rows drawn now, top to bottom: {id, title, y}.
async function rows(page) {
  return (await items(page))
    .filter((i) => ROW_PATH.test(i.path) && i.window.includes('Main'))
    .map((i) => ({ id: i.path.match(ROW_PATH)[1], title: i.label, x: i.x, y: i.y, w: i.w, h: i.h }))
    .sort((a, b) => a.y - b.y);
}

// Table headers and rows allow overlapping items (ImGui's AllowItemOverlap): ImGui hovers them
// only when the previous frame hovered them too. A user's pointer arrives before it clicks; the
// test does the same: move, let a frame draw, then click.
async function hoverClick(page, x, y) {
  await page.mouse.move(x, y);
  await nextFrame(page);
  await page.mouse.click(x, y);
  await nextFrame(page);
}

async function hoverClickItem(page, label) {
  const item = (await items(page)).find((i) => i.label === label);
  assert.ok(item, `no item labelled "${label}"`);
  await hoverClick(page, item.x + item.w / 2, item.y + item.h / 2);
}

async function openListWithSample(page) {
  // The first click can land before the page has focus: click until the store holds deals.
  for (let attempt = 0; attempt < 5 && (await snapshot(page)).deals.length === 0; attempt++) {
    await clickItem(page, 'Load sample data');
    await nextFrame(page);
    if ((await items(page)).some((i) => i.label === 'Replace workspace')) await clickItem(page, 'Replace workspace');
    await nextFrame(page);
  }
  await clickItem(page, 'List');
  await waitForItems(page, (all) => all.some((i) => /^\d[\d,]* deals$/.test(i.label) && i.label !== '0 deals'), { what: 'the list with sample deals' });
}

function baseValue(ws, deal) {
  if (deal.currency === ws.settings.base_currency) return deal.value;
  const rate = (ws.settings.rates || []).find((r) => r.currency === deal.currency);
  return rate ? (deal.value * rate.rate_ppm) / 1e6 : deal.value;
}

test('list: header click sorts, search filters, Shift-selected rows bulk-move, export downloads the slice', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  await openListWithSample(page);

  // Sort by value: numbers start descending.
  let ws = await snapshot(page);
  const byId = new Map(ws.deals.map((d) => [d.id, d]));
  const firstRow = (await rows(page))[0].id;
  await hoverClickItem(page, 'Value');
  await waitForItems(page, (all) => {
    const r = all.filter((i) => ROW_PATH.test(i.path));
    return r.length > 0 && r.sort((a, b) => a.y - b.y)[0].path.match(ROW_PATH)[1] !== firstRow;
  }, { what: 'rows in a new order' });
  const sorted = await rows(page);
  assert.ok(sorted.length >= 10, `only ${sorted.length} rows drawn`);
  for (let i = 1; i < sorted.length; i++) {
    const a = baseValue(ws, byId.get(sorted[i - 1].id)), b = baseValue(ws, byId.get(sorted[i].id));
    assert.ok(a >= b - 1, `row ${i} (${b}) is worth more than row ${i - 1} (${a}) after sorting by value`);
  }
  await page.screenshot({ path: resultPath('list-light.png') });

  // Search: type part of a title in the top bar's box; every row shown contains it.
  const needle = sorted[0].title.slice(0, 6);
  await clickItem(page, 'Search');
  await page.keyboard.type(needle);
  const lower = needle.toLowerCase();
  const names = new Map([...ws.contacts, ...ws.companies].map((r) => [r.id, r.name.toLowerCase()]));
  const matches = (id) => {
    const d = byId.get(id);
    const texts = [d.title, d.external_ref || '', ...(d.contacts || []).map((c) => names.get(c) || ''), names.get(d.company) || ''];
    return texts.some((x) => x.toLowerCase().includes(lower));
  };
  const totalBefore = ws.deals.length;
  await waitForItems(page, (all) => {
    const r = all.filter((i) => ROW_PATH.test(i.path)).map((i) => i.path.match(ROW_PATH)[1]);
    return r.length > 0 && r.every(matches) && all.some((i) => /^\d[\d,]* deals?$/.test(i.label) && i.label !== `${totalBefore} deals`);
  }, { what: 'only matching rows and a smaller count' });
  const shown = await rows(page);
  assert.ok(shown.length >= 1, 'the search shows no rows');
  assert.ok(shown.some((r) => r.id === sorted[0].id), `"${sorted[0].title}" is not among the search results`);
  for (const r of shown) assert.ok(matches(r.id), `row "${r.title}" does not contain "${needle}"`);
  // Clear the search again (select all + delete in the box).

  // Select row 0, then the 3 rows below it with Shift-click... see the "Shift-click" test below
  // (a known gap in the browser); here: click row 0 and Ctrl-free "Select all" after a search.
  // (Backspace/Shift do not reach the app through the input layer yet: the search stays on.)
  const list = await rows(page);
  await hoverClick(page, list[0].x + 30, list[0].y + list[0].h / 2);
  await waitForItems(page, (all) => all.some((i) => i.label.startsWith('1 selected')), { what: 'row 0 selected' });
  const allLabel = (await items(page)).find((i) => i.label.startsWith('Select all'));
  const chosen = (await rows(page)).map((r) => r.id);
  if (allLabel) await hoverClickItem(page, allLabel.label);
  // "Select all" selects every row of the slice, also those scrolled out of view: as many as
  // the count says (the rows drawn, `chosen`, are among them).
  const countItem = (await items(page)).find((i) => /^\d[\d,]* deals?$/.test(i.label));
  const sliceSize = Number(countItem.label.split(' ')[0].replace(/,/g, ''));
  await waitForItems(page, (all) => all.some((i) => i.label.startsWith(`${sliceSize} selected`)), { what: `${sliceSize} rows selected` });
  const target = ws.pipelines[0].stages[1];
  await hoverClickItem(page, 'Move to stage');
  await waitForItems(page, (all) => all.some((i) => i.label === target.name), { what: 'the stage menu' });
  await hoverClickItem(page, target.name);   // a popup entry reacts only when hovered a frame before
  await nextFrame(page);
  ws = await snapshot(page);
  for (const id of chosen) assert.equal(ws.deals.find((d) => d.id === id).stage, target.id, `deal ${id} did not move`);

  // Export: the browser downloads the slice with the visible columns.
  const downloadPromise = page.waitForEvent('download');
  await clickItem(page, 'Export CSV');
  const download = await downloadPromise;
  assert.match(download.suggestedFilename(), /^deals-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = resultPath('list-export.csv');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.startsWith('\uFEFFTitle,'), `unexpected start: ${JSON.stringify(text.slice(0, 40))}`);
  const lines = text.split('\r\n').filter((l) => l.length);
  // The whole slice, also the rows scrolled out of view (`chosen` holds only the ones drawn).
  assert.equal(lines.length - 1, sliceSize, 'one line per row of the searched slice plus the header');
  assert.deepEqual(problems, []);
});

test('list: dark theme screenshot', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 }, colorScheme: 'dark' });
  await gotoApp(page, url);
  await openListWithSample(page);
  const firstRow = (await rows(page))[0].id;
  await hoverClickItem(page, 'Value');
  // The header's click sorts on its release frame: shoot once the rows show the new order.
  await waitForItems(page, (all) => {
    const r = all.filter((i) => ROW_PATH.test(i.path)).sort((a, b) => a.y - b.y);
    return r.length > 0 && r[0].path.match(ROW_PATH)[1] !== firstRow;
  }, { what: 'rows sorted by value' });
  await page.screenshot({ path: resultPath('list-dark.png') });
  assert.deepEqual(problems, []);
});

test('list: Shift-click selects a range, Ctrl-click toggles a row, the selection bulk-moves', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  await openListWithSample(page);
  const list = await rows(page);
  assert.ok(list.length >= 6, `only ${list.length} rows drawn`);
  const at = (r) => [r.x + 30, r.y + r.h / 2];

  await hoverClick(page, ...at(list[0]));
  await waitForItems(page, (all) => all.some((i) => i.label.startsWith('1 selected')), { what: 'row 0 selected' });
  // Shift held across the click, as a person holds it: its own frame before the pointer moves.
  await page.keyboard.down('Shift');
  await nextFrame(page);
  await hoverClick(page, ...at(list[4]));
  await page.keyboard.up('Shift');
  await nextFrame(page);
  await waitForItems(page, (all) => all.some((i) => i.label.startsWith('5 selected')), { what: 'rows 0 to 4 selected' });
  // Ctrl-click takes row 2 out again.
  await page.keyboard.down('Control');
  await nextFrame(page);
  await hoverClick(page, ...at(list[2]));
  await page.keyboard.up('Control');
  await nextFrame(page);
  await waitForItems(page, (all) => all.some((i) => i.label.startsWith('4 selected')), { what: 'row 2 toggled off' });

  const chosen = [0, 1, 3, 4].map((i) => list[i].id);
  let ws = await snapshot(page);
  const target = ws.pipelines[0].stages[1];
  const untouched = ws.deals.find((d) => d.id === list[2].id);
  await hoverClickItem(page, 'Move to stage');
  await waitForItems(page, (all) => all.some((i) => i.label === target.name), { what: 'the stage menu' });
  await hoverClickItem(page, target.name);
  await nextFrame(page);
  ws = await snapshot(page);
  for (const id of chosen) assert.equal(ws.deals.find((d) => d.id === id).stage, target.id, `deal ${id} did not move`);
  assert.equal(ws.deals.find((d) => d.id === list[2].id).stage, untouched.stage, 'the Ctrl-clicked row moved too');
  assert.deepEqual(problems, []);
});

test('list: the filters popup fits an 800 px window; a value range filters, a bad date is named and filters nothing', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1280, height: 800 } });
  await gotoApp(page, url);
  await openListWithSample(page);
  const ws = await snapshot(page);
  const countLabel = async () => (await items(page)).find((i) => /^\d[\d,]* deals$/.test(i.label)).label;
  const all = await countLabel();
  assert.equal(all, `${ws.deals.length} deals`);

  await hoverClickItem(page, 'Filters');
  await clickSettled(page, 'Minimum value');
  await page.keyboard.type('20,000');
  const atLeast = ws.deals.filter((d) => baseValue(ws, d) >= 2_000_000).length;
  assert.ok(atLeast > 0 && atLeast < ws.deals.length, 'the sample has deals on both sides of 20,000');
  await waitForItems(page, (now) => now.some((i) => i.label === `${atLeast} deals`), { what: `${atLeast} deals of 20,000 or more` });

  // February 30th: named under the dates, and the close range filters nothing (the count stays).
  await clickSettled(page, 'Close from');
  await page.keyboard.type('2026-02-30');
  await waitForItems(page, (now) => now.some((i) => i.label.startsWith('Error Close from')), { what: 'the date error' });
  assert.equal(await countLabel(), `${atLeast} deals`);

  // Everything in the popup is inside the window: nothing needs scrolling to reach Clear filters.
  const popup = (await items(page)).filter((i) => i.window.includes('Popup'));
  const clear = popup.find((i) => i.label === 'Clear filters');
  assert.ok(clear, 'Clear filters is in the popup');
  for (const i of popup) assert.ok(i.y >= 0 && i.y + i.h <= 800, `"${i.label}" is outside the window (y ${i.y}, h ${i.h})`);
  await page.screenshot({ path: resultPath('list-filters.png') });

  await hoverClick(page, clear.x + clear.w / 2, clear.y + clear.h / 2);
  await waitForItems(page, (now) => now.some((i) => i.label === all), { what: 'every deal again' });
  assert.deepEqual(problems, []);
});
