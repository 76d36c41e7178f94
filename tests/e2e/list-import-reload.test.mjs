// A CSV import is all-or-nothing across a reload too (issue #6). The apply runs in slices over
// many frames (core/staged_import.h), with the store half-way through the import between them:
//  * the page reloaded between two slices must come back with the workspace exactly as it was
//    before the import (nothing of the half-applied import saved: no journal entry, no snapshot);
//  * an import that finished and was saved must come back whole after a reload.
// The file has enough rows (30,000: with their Created lines over 50,000 records changed, so the
// app saves a snapshot instead of a journal entry, as for a million-row import) for the apply to
// span many frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, clickItem, clickSettled, waitForItems, snapshot, nextFrame, waitReady, loadSampleFromTopBar } from './helpers/app.mjs';
import { waitSaved } from './helpers/persist.mjs';

const ROWS = 30_000;

function csvFile() {
  const lines = ['Title,Value,Currency,Contacts,Company,Reference'];
  for (let i = 0; i < ROWS; i++) lines.push(`Reload deal ${i},${100 + (i % 900)},USD,Person ${i % 97},Company ${i % 31},RELOAD-${i}`);
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

// Sample data through the top bar, saved, then the import dialog's preview of the file.
async function openPreview(page) {
  await loadSampleFromTopBar(page);
  await waitSaved(page);
  await clickItem(page, 'List');
  await waitForItems(page, (all) => all.some((i) => i.label === 'Import CSV'), { what: 'the list toolbar' });
  const before = await snapshot(page);
  const chooserWait = page.waitForEvent('filechooser');
  await clickItem(page, 'Import CSV');
  await nextFrame(page);
  await (await chooserWait).setFiles({ name: 'reload.csv', mimeType: 'text/csv', buffer: csvFile() });
  await waitForItems(page, (all) => all.some((i) => i.label === 'Map Reference'), { what: 'the mapping step' });
  await clickSettled(page, 'Preview');
  await waitForItems(page, (all) => all.some((i) => i.label === `${ROWS.toLocaleString('en-US')} new deals, 0 updates, 0 bad rows`),
    { what: 'the preview', timeoutMs: 120_000 });
  return before;
}

// The records a workspace holds, by kind, in a form deepEqual compares whole.
function records(ws) {
  const byId = (list) => [...(list ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    deals: byId(ws.deals), contacts: byId(ws.contacts), companies: byId(ws.companies), history: byId(ws.history),
    team: byId(ws.team), pipelines: byId(ws.pipelines), tombstones: byId(ws.tombstones),
  };
}

test('import: a reload between two apply slices leaves the workspace as before the import', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  const before = await openPreview(page);

  // On the first frame that shows the apply under way (some deals imported, not all), the page
  // reloads, from inside that animation frame: the next slice never runs in this page. What the
  // last drawn frame said when the page went away is kept in sessionStorage (it survives the
  // reload), so the test knows the import really was half-applied then.
  await page.evaluate((rows) => {
    const total = rows.toLocaleString('en-US');
    sessionStorage.removeItem('ddReloadAt');
    addEventListener('pagehide', () => {
      const label = window.dealdeck.items().map((i) => i.label).find((l) => /^(Imported|Checked) /.test(l)) ?? 'none';
      sessionStorage.setItem('ddReloadAt', label);
    });
    const tick = () => {
      const m = window.dealdeck.items().map((i) => /^Imported ([\d,]+) of ([\d,]+) deals$/.exec(i.label)).find(Boolean);
      const done = m && m[2] === total ? Number(m[1].replace(/,/g, '')) : 0;
      if (done > 0 && done < rows) location.reload();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, ROWS);
  const reloaded = page.waitForEvent('load', { timeout: 120_000 });
  await clickSettled(page, 'Import');
  await reloaded;
  await waitReady(page);

  const at = await page.evaluate(() => sessionStorage.getItem('ddReloadAt'));
  const m = /^Imported ([\d,]+) of ([\d,]+) deals$/.exec(at ?? '');
  assert.ok(m, `the page went away outside the apply: the last frame said "${at}"`);
  const done = Number(m[1].replace(/,/g, ''));
  assert.ok(done > 0 && done < ROWS, `the page went away with ${done} of ${ROWS} deals applied, not half-way`);
  console.log(`reloaded when the last frame said "${at}"`);

  const after = await snapshot(page);
  assert.equal(after.deals.length, before.deals.length, 'deals after the reload');
  assert.ok(!after.deals.some((d) => (d.external_ref ?? '').startsWith('RELOAD-')), 'an imported deal survived the reload');
  assert.deepEqual(records(after), records(before));
  // And the store is free: an ordinary edit is accepted and saved after the reload.
  await clickItem(page, 'List');
  await waitForItems(page, (all) => all.some((i) => i.label === 'Import CSV'), { what: 'the list after the reload' });
  await waitSaved(page);
  assert.deepEqual(problems, []);
});

test('import: a finished, saved import is all there after a reload', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1400, height: 860 } });
  await gotoApp(page, url);
  const before = await openPreview(page);

  await clickSettled(page, 'Import');
  await waitForItems(page, (all) => !all.some((i) => i.label === 'Import' || /^(Importing|Imported |Checked )/.test(i.label)),
    { what: 'the dialog closed', timeoutMs: 180_000 });
  const imported = await snapshot(page);
  assert.equal(imported.deals.length, before.deals.length + ROWS);
  await waitSaved(page, 60_000);

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const after = await snapshot(page);
  assert.equal(after.deals.length, before.deals.length + ROWS, 'deals after the reload');
  const refs = new Set(after.deals.map((d) => d.external_ref));
  for (let i = 0; i < ROWS; i++) if (!refs.has(`RELOAD-${i}`)) assert.fail(`RELOAD-${i} is missing after the reload`);
  const last = after.deals.find((d) => d.external_ref === `RELOAD-${ROWS - 1}`);
  assert.equal(last.title, `Reload deal ${ROWS - 1}`);
  assert.equal(last.value, (100 + ((ROWS - 1) % 900)) * 100);
  assert.deepEqual(records(after), records(imported));
  assert.deepEqual(problems, []);
});
