// The font atlas cache (src/platform/web/font_cache.h): the first start rasterizes the fonts and
// keeps the atlas in IndexedDB; the next start restores it instead, and the screen it draws is the
// same, pixel for pixel. Damaged bytes are refused: that start rasterizes and stores good ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, waitReady } from './helpers/app.mjs';
import { waitFor, waitSaved } from './helpers/persist.mjs';

const fontAtlas = (page) => page.evaluate(() => window.dealdeck.fontAtlas());

// The cache's records: {key: {size, at}} (an empty object when the database holds none).
function cachedAtlases(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('dealdeck-cache', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('fonts');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const out = {};
      const tx = db.transaction('fonts', 'readonly');
      tx.objectStore('fonts').openCursor().onsuccess = (e) => {
        const c = e.target.result;
        if (!c) return;
        out[c.key] = { size: c.value.bytes.length, at: c.value.at };
        c.continue();
      };
      tx.oncomplete = () => { db.close(); resolve(out); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }));
}

// Flips one byte in the middle of every cached atlas (its pixels), as a damaged disk would.
function damageCachedAtlases(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('dealdeck-cache', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('fonts', 'readwrite');
      tx.objectStore('fonts').openCursor().onsuccess = (e) => {
        const c = e.target.result;
        if (!c) return;
        const bytes = new Uint8Array(c.value.bytes);
        bytes[bytes.length >> 1] ^= 0x55;
        c.update({ ...c.value, bytes });
        c.continue();
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  }));
}

// The canvas as the user sees it, once the app is idle (saved, nothing pending).
async function settledScreen(page) {
  await waitSaved(page);
  await page.evaluate(() => window.dealdeck.nextFrame());
  return page.locator('canvas').screenshot();
}

test('the second start restores the font atlas from the cache and draws the same screen', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  assert.deepEqual(await fontAtlas(page), { rasterized: 1, restored: 0 });
  await waitFor('the atlas to be cached', async () => Object.keys(await cachedAtlases(page)).length === 1);
  const cached = await cachedAtlases(page);
  assert.ok(cached['atlas@1']?.size > 100_000, `cached ${JSON.stringify(cached)}`);
  const rasterizedScreen = await settledScreen(page);

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(await fontAtlas(page), { rasterized: 0, restored: 1 });
  const restoredScreen = await settledScreen(page);
  assert.ok(restoredScreen.equals(rasterizedScreen), 'the screen drawn with the restored atlas differs');

  // Damaged bytes: refused, rasterized again (the same screen), and good bytes stored instead.
  await damageCachedAtlases(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(await fontAtlas(page), { rasterized: 1, restored: 0 });
  assert.ok((await settledScreen(page)).equals(rasterizedScreen), 'the screen drawn after refusing the damaged atlas differs');
  await waitFor('good bytes to replace the damaged ones',
    async () => (await cachedAtlases(page))['atlas@1']?.at > cached['atlas@1'].at);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual(await fontAtlas(page), { rasterized: 0, restored: 1 });
});
