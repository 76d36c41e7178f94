// The app loads cleanly, the bridge answers per its contract, and a screenshot is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, gotoApp, items, snapshot, frameStats, frames, resultPath } from './helpers/app.mjs';

test('the page loads with no console error and draws the top bar', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const all = await items(page);
  assert.ok(all.length > 0, 'the bridge lists no items after the first frame');
  for (const label of ['Board', 'List', 'Forecast']) {
    assert.ok(all.some((i) => i.label === label), `no top-bar button "${label}" among: ${all.map((i) => i.label).join(' | ')}`);
  }
  for (const i of all) {
    assert.ok(Number.isFinite(i.x) && Number.isFinite(i.y) && i.w >= 0 && i.h >= 0, `bad rectangle for ${JSON.stringify(i)}`);
  }
  assert.ok((await frames(page)) >= 1, 'ready resolved before any frame was drawn');
  const stats = await frameStats(page);
  assert.ok(stats.count >= 1 && stats.max >= stats.avg && stats.avg >= 0, `odd frame stats ${JSON.stringify(stats)}`);
  assert.deepEqual(problems, [], 'the page reported errors while loading');
});

test('snapshot() returns the workspace JSON and load() refuses garbage with an error', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const snap = await snapshot(page);
  assert.equal(snap.format, 'dealdeck');
  assert.equal(snap.version, 1);
  const refused = await page.evaluate(() => window.dealdeck.load({ format: 'not-dealdeck' }));
  assert.equal(refused.ok, false, 'load() accepted a document of another format');
  assert.equal(typeof refused.error, 'string');
  assert.ok(refused.error.length > 0, 'load() refused without saying why');
  // Loading back our own snapshot is accepted and leaves the same workspace.
  const reloaded = await page.evaluate((s) => window.dealdeck.load(s), snap);
  assert.deepEqual(reloaded, { ok: true });
  assert.deepEqual(await snapshot(page), snap);
  assert.deepEqual(problems, []);
});

for (const scheme of ['light', 'dark']) {
  test(`a screenshot of the shell is written (${scheme} colour scheme)`, async (t) => {
    const { page, url } = await openApp(t, { colorScheme: scheme });
    await gotoApp(page, url);
    const file = resultPath(`shell-${scheme}.png`);
    fs.rmSync(file, { force: true });
    await page.screenshot({ path: file });
    // A blank 1280x800 canvas compresses to a few KB of PNG; a drawn UI with text does not.
    const bytes = fs.statSync(file).size;
    console.log(`screenshot ${file}: ${bytes} bytes`);
    assert.ok(bytes > 15_000, `the screenshot looks blank (${bytes} bytes)`);
  });
}
