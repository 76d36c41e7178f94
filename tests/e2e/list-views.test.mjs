// Saved views of the list in the browser: filter to open deals, sort by value, hide a column,
// "Save view"; then show everything again, reload the page, and one click on the view's chip
// brings back its rows, sort and columns. The view is a workspace record: it is in the snapshot
// and came back from IndexedDB. Screenshot of the views menu: docs/screenshots/list-saved-views.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, gotoApp, items, clickSettled, waitForItems, snapshot, nextFrame, waitReady, resultPath,
  repoRoot, loadSampleFromTopBar } from './helpers/app.mjs';
import { waitSaved } from './helpers/persist.mjs';

const ROW_PATH = /##([0-9a-f]{16})$/;   // each row's Selectable: "<title>##<deal id>"
const COUNT = /^(\d[\d,]*) deals$/;

const inMain = (all, label) => all.find((i) => i.label === label && i.window.includes('Main'));
const rowIds = (all) => all.filter((i) => ROW_PATH.test(i.path) && i.window.includes('Main'))
  .sort((a, b) => a.y - b.y).map((i) => i.path.match(ROW_PATH)[1]);
const dealCount = (all) => {
  const c = all.find((i) => COUNT.test(i.label));
  return c ? Number(c.label.match(COUNT)[1].replace(/,/g, '')) : -1;
};

// Headers and rows hover only after a frame with the pointer on them: move, draw, click.
async function hoverClick(page, x, y, button = 'left') {
  await page.mouse.move(x, y);
  await nextFrame(page);
  await page.mouse.click(x, y, { button });
  await nextFrame(page);
}

async function openList(page) {
  await clickSettled(page, 'List');
  await waitForItems(page, (all) => inMain(all, 'Title') && dealCount(all) > 0, { what: 'the list with deals' });
}

// A click on the empty toolbar left of Export CSV closes whatever popup is open, as a click outside
// it does (the filters popup opens below its button, over the deal count).
async function clickOutside(page) {
  const exportButton = inMain(await items(page), 'Export CSV');
  await hoverClick(page, exportButton.x - 150, exportButton.y + exportButton.h / 2);
}

// Shows or hides a column through the table's header menu (right-click a header).
async function toggleColumn(page, label) {
  const entry = (all) => all.find((i) => i.label === label && i.window.includes('Popup'));
  for (let attempt = 0; attempt < 4 && !entry(await items(page)); attempt++) {
    const owner = inMain(await items(page), 'Owner');   // as list-prefs.test.mjs does
    await page.mouse.move(owner.x + owner.w / 2, owner.y + owner.h / 2);
    await nextFrame(page);
    await nextFrame(page);
    await hoverClick(page, owner.x + owner.w / 2, owner.y + owner.h / 2, 'right');
    await nextFrame(page);
  }
  let at = null;
  for (let i = 0; i < 20; i++) {   // the menu measures itself over its first frames
    const now = entry(await waitForItems(page, entry, { what: 'the column menu' }));
    if (at && now.x === at.x && now.y === at.y) break;
    at = now;
    await nextFrame(page);
  }
  const shown = !!inMain(await items(page), label);
  await page.mouse.move(at.x + at.w / 2, at.y + at.h / 2);
  await nextFrame(page);
  await hoverClick(page, at.x + at.w / 2, at.y + at.h / 2);
  await waitForItems(page, (all) => !!inMain(all, label) !== shown, { what: `column ${label} toggled` });
  await clickOutside(page);
}

// Unticks statuses in the filter popup, then closes it: fewer of the `all` deals are shown.
async function untickStatuses(page, statuses, all) {
  await clickSettled(page, 'Filters');
  for (const status of statuses) {
    // Each status unticked shows fewer deals; a click lost while the popup settles is repeated.
    const count = dealCount(await items(page));
    for (let attempt = 0; attempt < 3 && dealCount(await items(page)) === count; attempt++) {
      await clickSettled(page, status);
      for (let i = 0; i < 3 && dealCount(await items(page)) === count; i++) await nextFrame(page);
    }
  }
  await clickOutside(page);
  await waitForItems(page, (now) => dealCount(now) > 0 && dealCount(now) < all, { what: 'fewer deals once filtered' });
}

function baseValue(ws, deal) {
  if (deal.currency === ws.settings.base_currency) return deal.value;
  const rate = (ws.settings.rates || []).find((r) => r.currency === deal.currency);
  return rate ? (deal.value * rate.rate_ppm) / 1e6 : deal.value;
}

test('list views: saved through the UI, kept across a reload, restored with one click (rows, sort, columns)', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  await loadSampleFromTopBar(page);
  await openList(page);
  const all = dealCount(await items(page));

  // Open deals only, by value (largest first), without the Company column.
  await untickStatuses(page, ['Won', 'Lost', 'Abandoned'], all);
  const before = rowIds(await items(page));
  // A click lost while the closed popup settles (seen once in CI, under load) is repeated; one
  // that landed re-sorts the rows within a frame or two, so it is never clicked twice (a second
  // click would turn the order round).
  const sorted = async () => rowIds(await items(page))[0] !== before[0];
  for (let attempt = 0; attempt < 3 && !(await sorted()); attempt++) {
    await hoverClick(page, ...(({ x, y, w, h }) => [x + w / 2, y + h / 2])(inMain(await items(page), 'Value')));
    for (let i = 0; i < 3 && !(await sorted()); i++) await nextFrame(page);
  }
  await waitForItems(page, (now) => rowIds(now)[0] !== before[0], { what: 'rows sorted by value' });
  await toggleColumn(page, 'Company');
  await waitForItems(page, (now) => !inMain(now, 'Company'), { what: 'the Company column hidden' });
  const saved = await items(page);
  const openCount = dealCount(saved);
  const openRows = rowIds(saved).slice(0, 12);
  const headers = ['Title', 'Value', 'Stage', 'Owner', 'Company'].filter((h) => inMain(saved, h));
  assert.ok(!headers.includes('Company'));

  await clickSettled(page, 'Save view');
  await waitForItems(page, (x) => x.some((i) => i.label === 'View name'), { what: 'the name field' });
  for (let i = 0; i < 3; i++) await nextFrame(page);   // the field takes the keyboard focus as the popup appears
  for (const key of 'Open by value') {   // one key per frame, as a person types
    await page.keyboard.type(key);
    await nextFrame(page);
  }
  await clickSettled(page, 'Save');
  await waitForItems(page, (now) => now.some((i) => i.label === 'Open by value'), { what: 'the view chip' });
  let ws = await snapshot(page);
  assert.equal(ws.saved_views?.length, 1, 'the view is a workspace record');
  assert.equal(ws.saved_views[0].name, 'Open by value');
  assert.deepEqual(ws.saved_views[0].filters.statuses, ['open']);
  assert.equal(ws.saved_views[0].sort[0].column, 'value');

  // Show everything again: All deals, Company back, sorted by title.
  await clickSettled(page, 'Views');
  await clickSettled(page, 'All deals');
  await waitForItems(page, (now) => dealCount(now) === all, { what: 'every deal again' });
  await toggleColumn(page, 'Company');
  await waitForItems(page, (now) => inMain(now, 'Company'), { what: 'the Company column shown' });

  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await openList(page);
  let now = await items(page);
  assert.equal(dealCount(now), all, 'after the reload the list shows every deal');
  assert.ok(inMain(now, 'Company'), 'and the Company column (the device layout)');

  // One click on the chip.
  await clickSettled(page, 'Open by value');
  now = await waitForItems(page, (x) => dealCount(x) === openCount && !inMain(x, 'Company'), { what: 'the view restored' });
  assert.deepEqual(rowIds(now).slice(0, openRows.length), openRows, 'the same rows in the same order');
  for (const h of headers) assert.ok(inMain(now, h), `column ${h} shown`);
  ws = await snapshot(page);
  const byId = new Map(ws.deals.map((d) => [d.id, d]));
  const shown = rowIds(now).map((id) => byId.get(id));
  assert.ok(shown.every((d) => d.status === 'open'), 'only open deals');
  for (let i = 1; i < shown.length; i++) assert.ok(baseValue(ws, shown[i - 1]) >= baseValue(ws, shown[i]) - 1, 'largest value first');
  await nextFrame(page);   // the button is drawn before the chips: it names the view from the next frame
  const views = (await items(page)).find((i) => i.label === 'Views');
  assert.equal(views.path, 'Views##Open by value', 'the menu button names the view, not modified');

  // The views menu, open, for the docs.
  await clickSettled(page, 'Views');
  await waitForItems(page, (x) => x.some((i) => i.label === 'All deals' && i.window.includes('Popup')), { what: 'the views menu' });
  await nextFrame(page);
  const shot = resultPath('list-saved-views.png');
  await page.screenshot({ path: shot });
  fs.copyFileSync(shot, path.join(repoRoot, 'docs/screenshots/list-saved-views.png'));
  assert.deepEqual(problems, []);
});

// Types into the focused field, one key per frame as a person types.
async function typeSlowly(page, text) {
  for (const key of text) {
    await page.keyboard.type(key);
    await nextFrame(page);
  }
}

// "Save view" with a name and who sees it ("Only me" is the default).
async function saveView(page, name, { shared = false, shot = null } = {}) {
  await clickSettled(page, 'Save view');
  await waitForItems(page, (x) => x.some((i) => i.label === 'View name'), { what: 'the name field' });
  for (let i = 0; i < 3; i++) await nextFrame(page);   // the field takes the keyboard focus as the popup appears
  await typeSlowly(page, name);
  if (shared) await clickSettled(page, 'Shared');
  if (shot) {   // the save form with its Only me / Shared choice, for the docs
    await nextFrame(page);
    const file = resultPath(shot);
    await page.screenshot({ path: file });
    fs.copyFileSync(file, path.join(repoRoot, 'docs/screenshots', shot));
  }
  await clickSettled(page, 'Save');
  await waitForItems(page, (now) => now.some((i) => i.label === name && !i.window.includes('Popup')), { what: `the chip of ${name}` });
}

const viewsButton = async (page) => (await items(page)).find((i) => i.label === 'Views')?.path;

// Who uses this device, as a person switches: People > Team and permissions > You are.
async function becomeMember(page, name) {
  await clickSettled(page, 'People');
  const entry = (all) => all.find((i) => i.label.endsWith('Team and permissions') && i.window.includes('Popup'));
  const row = entry(await waitForItems(page, entry, { what: 'the people menu' }));
  await hoverClick(page, row.x + row.w / 2, row.y + row.h / 2);
  await clickSettled(page, 'Current user');
  await clickSettled(page, `Be ${name}`);
  await waitForItems(page, (all) => all.some((i) => i.label === `Current user: ${name}`), { what: `${name} as the current user` });
}

test('list views: the view chosen last is shown again after a reload; a viewer sees shared views only and keeps her own private', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  await loadSampleFromTopBar(page);
  await openList(page);
  const all = dealCount(await items(page));

  // Two views of the admin (the sample's current user): "Won deals" private, "Team open" shared.
  await untickStatuses(page, ['Open', 'Lost', 'Abandoned'], all);
  const wonCount = dealCount(await items(page));
  await saveView(page, 'Won deals');
  await clickSettled(page, 'Views');
  await clickSettled(page, 'All deals');
  await waitForItems(page, (now) => dealCount(now) === all, { what: 'every deal again' });
  await clickOutside(page);
  await saveView(page, 'Team open', { shared: true, shot: 'list-saved-views-save.png' });
  let ws = await snapshot(page);
  assert.deepEqual(ws.saved_views.map((v) => [v.name, v.shared ?? true]), [['Won deals', false], ['Team open', true]]);

  // Chosen last: "Won deals" (its chip). After a reload the list shows it without a click.
  await clickSettled(page, 'Won deals');
  await waitForItems(page, (now) => dealCount(now) === wonCount, { what: 'the won deals' });
  await nextFrame(page);
  assert.equal(await viewsButton(page), 'Views##Won deals');
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await openList(page);
  await waitForItems(page, (now) => dealCount(now) === wonCount, { what: 'the remembered view after the reload' });
  await nextFrame(page);
  assert.equal(await viewsButton(page), 'Views##Won deals', 'the remembered view is the chosen one (chip marked)');
  const shot = resultPath('list-saved-views-reload.png');
  await page.screenshot({ path: shot });
  fs.copyFileSync(shot, path.join(repoRoot, 'docs/screenshots/list-saved-views-reload.png'));

  // Deleted meanwhile (here through the workspace as another tab would, then a reload): All deals.
  ws = await snapshot(page);
  ws.saved_views = ws.saved_views.filter((v) => v.name !== 'Won deals');
  await page.evaluate((text) => window.dealdeck.load(text), JSON.stringify(ws));
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await openList(page);
  await nextFrame(page);
  assert.equal(dealCount(await items(page)), all, 'every deal: the remembered view is gone');
  assert.equal(await viewsButton(page), 'Views##All deals');
  assert.ok((await items(page)).some((i) => i.label === 'Team open'), 'the other view is still there');

  // Nora is a viewer: she sees the team's view, cannot delete it, and her own view stays private.
  ws = await snapshot(page);
  const nora = ws.team.find((m) => m.name === 'Nora Lind');
  assert.equal(nora.role, 'viewer');
  await becomeMember(page, 'Nora Lind');
  await openList(page);
  await clickSettled(page, 'Views');
  await waitForItems(page, (x) => x.some((i) => i.label === 'Shared: Team open'), { what: 'the shared marker' });
  await clickSettled(page, 'Delete view Team open');   // drawn disabled: nothing happens
  for (let i = 0; i < 3; i++) await nextFrame(page);
  assert.equal((await snapshot(page)).saved_views.length, 1, 'a viewer cannot delete a shared view');
  await clickOutside(page);
  await saveView(page, 'Nora watches', { shared: true });   // "Shared" is disabled for viewers
  ws = await snapshot(page);
  const hers = ws.saved_views.find((v) => v.name === 'Nora watches');
  assert.equal(hers.owner, nora.id);
  assert.equal(hers.shared, false, 'saved private: viewers cannot share');
  await clickSettled(page, 'Views');
  await waitForItems(page, (x) => x.some((i) => i.label === 'Only me: Nora watches'), { what: 'her private marker' });
  await nextFrame(page);
  const menuShot = resultPath('list-saved-views-viewer.png');
  await page.screenshot({ path: menuShot });
  fs.copyFileSync(menuShot, path.join(repoRoot, 'docs/screenshots/list-saved-views-viewer.png'));
  assert.deepEqual(problems, []);
});
