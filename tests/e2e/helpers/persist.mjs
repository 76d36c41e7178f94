// Helpers of the persistence, offline and crash tests (docs/storage.md): waiting for a durable
// save, a served copy of the app that a test may change (a "new deploy"), a Chromium the test can
// kill like a crash (SIGKILL, no clean shutdown), and writing raw bytes into IDBFS's IndexedDB
// from the page before the app loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { appDir, chromiumPath, clickItem, deferCleanup, gotoApp, nextFrame, openApp, snapshot, waitReady } from './app.mjs';

// The same flags as helpers/app.mjs (/work/shared/toolchain.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

export const saveStatus = (page) => page.evaluate(() => window.dealdeck.saveStatus());

// Until the top bar says "Saved" and every requested IndexedDB transaction completed.
export async function waitSaved(page, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await saveStatus(page);
    if (last.durable && last.text === 'Saved') return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`not saved in ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

export async function waitFor(what, check, { timeoutMs = 30_000, stepMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    // One check may hang (an evaluate caught by a navigation): bound it too.
    last = await Promise.race([check(), new Promise((r) => setTimeout(() => r(undefined), 10_000))]);
    if (last) return last;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const storageStats = (page) => page.evaluate(() => window.dealdeck.storageStats());
// {state, lines}: the store's history lines ("pending" while a start still reads the snapshot's).
export const history = (page) => page.evaluate(() => window.dealdeck.history());

// The app with `deals` sample deals, saved. Returns the page and the test's console problems.
export async function appWithSample(t, deals) {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const loaded = await page.evaluate((n) => window.dealdeck.loadSample(n, 3), deals);
  if (!loaded.ok) throw new Error(`loadSample(${deals}): ${JSON.stringify(loaded)}`);
  await page.evaluate(() => window.dealdeck.nextFrame());
  await waitSaved(page, 60_000);
  return { page, problems };
}

// Saved, reloaded: the workspace the next start opens.
export async function reopened(page) {
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  return snapshot(page);
}

export const dealTitles = (ws) => (ws.deals ?? []).map((d) => d.title).sort();

// Clicks "Load sample data" in the top bar and waits until the deals are there and saved.
export async function loadSampleData(page) {
  await clickItem(page, 'Load sample data');
  await waitFor('the sample deals', async () => (await snapshot(page)).deals.length > 0, { timeoutMs: 15_000 });
  await waitSaved(page);
  return snapshot(page);
}

// One edit through the user's path on the board: the selection moves down a card (ArrowDown), then
// that card moves one stage right (Shift+Right), one key per frame (ImGui 1.86 samples keys once
// per frame). Click the canvas first so the board has the keyboard. Returns the deal that moved,
// the stage it left and the one it reached, and the workspace after the move. `before`: the
// workspace as it stands, when the caller has it (the keys then go first: snapshot() would read
// history lines a start has not read yet).
export async function moveDealByKeyboard(page, { before } = {}) {
  before ??= await snapshot(page);
  await page.keyboard.press('ArrowDown');
  await nextFrame(page);
  await page.keyboard.press('Shift+ArrowRight');
  await nextFrame(page);
  const after = await waitFor('a deal to move', async () => {
    const ws = await snapshot(page);
    const moved = ws.deals.find((d) => before.deals.find((b) => b.id === d.id)?.stage !== d.stage);
    return moved ? { ws, moved } : null;
  }, { timeoutMs: 10_000 });
  const from = before.deals.find((b) => b.id === after.moved.id).stage;
  return { id: after.moved.id, from, to: after.moved.stage, ws: after.ws };
}

// The texts of the page's notices (persistence_web.js: damaged files, storage errors, reload prompts).
export const notices = (page) => page.evaluate(() => [...document.querySelectorAll('.dd-notice')].map((n) => n.textContent));

// Two whole snapshot generations stored: the sample data, then the same with every deal renamed
// ("Second save <n>"), each saved as a snapshot of its own. Returns both workspaces.
export async function saveTwoGenerations(page) {
  const first = await loadSampleData(page);
  const second = structuredClone(first);
  second.deals.forEach((d, i) => { d.title = `Second save ${i}`; });
  const loaded = await page.evaluate((j) => window.dealdeck.load(j), second);
  if (!loaded.ok) throw new Error(`load: ${JSON.stringify(loaded)}`);
  await waitSaved(page);
  return { first, second };
}

// A private copy of the built app, so a test can change it (a new deploy) without touching the build.
export function copyApp(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealdeck-app-'));
  fs.cpSync(appDir, dir, { recursive: true });
  deferCleanup(t, () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

// A fresh profile directory, removed at the end of the test, after the browsers registered with
// deferCleanup (app.mjs) after it are closed.
export function tempProfile(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealdeck-e2e-'));
  if (t) deferCleanup(t, () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

// A persistent Chromium context on `profile` (playwright closes it cleanly).
export function launchProfile(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
  });
}

// Chromium started by us on `profile`, driven over CDP, so that kill() ends it like a crash:
// SIGKILL to its whole process group, no unload, no clean shutdown of IndexedDB.
export async function launchKillable(profile) {
  const child = spawn(chromiumPath, [
    ...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0',
    '--window-size=1280,800', 'about:blank',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const wsUrl = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${text}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const m = /DevTools listening on (ws:\S+)/.exec(text);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}): ${text}`)); });
  });
  child.stderr.resume();
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0];
  const exited = new Promise((r) => child.once('exit', r));
  return {
    browser,
    context,
    page: context.pages()[0] ?? (await context.newPage()),
    kill: async () => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      await exited;
    },
  };
}

// IDBFS keeps each file as one record of the object store FILE_DATA in the database named after
// the mount point; a file's record is {timestamp, mode, contents}, contents a Uint8Array, or a Blob
// for a snapshot file (storage_idbfs.js, asStored). These run in the page, on the app's origin,
// before or instead of the app. Each file comes back as {size, bytes, stored: 'bytes' | 'blob'}.
export function readStoredFiles(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('/dealdeck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); resolve({}); return; }
      const records = {};
      const tx = db.transaction('FILE_DATA', 'readonly');
      const req = tx.objectStore('FILE_DATA').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return;
        records[c.key] = c.value;
        c.continue();
      };
      tx.oncomplete = async () => {
        db.close();
        const out = {};
        for (const [key, v] of Object.entries(records)) {
          if (!v.contents) { out[key] = { dir: true }; continue; }
          const blob = v.contents instanceof Blob;
          const bytes = blob ? new Uint8Array(await v.contents.arrayBuffer()) : v.contents;
          out[key] = { size: bytes.length, bytes: Array.from(bytes), stored: blob ? 'blob' : 'bytes' };
        }
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

// The stored files' paths only (no contents: cheap whatever their size).
export function storedFileNames(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('/dealdeck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); resolve([]); return; }
      const req = db.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA').getAllKeys();
      req.onsuccess = () => { db.close(); resolve(req.result.map(String).sort()); };
      req.onerror = () => reject(req.error);
    };
  }));
}

// Replaces the contents of one stored file (`key` is its IDBFS path, e.g. "/dealdeck/j-5.seg").
export function writeStoredFile(page, key, bytes) {
  return page.evaluate(({ key, bytes }) => new Promise((resolve, reject) => {
    const open = indexedDB.open('/dealdeck');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('FILE_DATA', 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const get = store.get(key);
      get.onsuccess = () => {
        const v = get.result;
        store.put({ ...v, contents: new Uint8Array(bytes), timestamp: new Date() }, key);
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { key, bytes });
}
