// Damaged data in IndexedDB (docs/storage.md, "Start-up"): a snapshot or a journal segment whose
// bytes were changed on disk. The app must start, show a notice naming the damaged file and what
// was lost, keep everything else, and keep the damaged file aside as "<name>.bad".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appDir, deferCleanup, openApp, gotoApp, snapshot } from './helpers/app.mjs';
import { dealTitles, launchProfile, loadSampleData, moveDealByKeyboard, notices, readStoredFiles, saveTwoGenerations, storageStats, tempProfile, waitFor, waitSaved, writeStoredFile } from './helpers/persist.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const storedNames = async (page) => Object.keys(await readStoredFiles(page)).map((k) => k.replace('/dealdeck/', ''));

// Leaves the app (so it holds no file open and writes nothing), changes stored bytes from a page of
// the same origin, and opens the app again (by `reopen`: by default, until it is ready).
async function corruptThenReopen(page, url, corrupt, reopen = () => gotoApp(page, url)) {
  await page.goto(new URL('favicon.svg', url).href);
  await corrupt();
  await reopen();
}

function flipMiddle(file) {
  const bytes = file.bytes.slice();
  const at = Math.floor(bytes.length * 0.6);
  for (let i = at; i < Math.min(bytes.length, at + 8); i++) bytes[i] ^= 0x5a;
  return bytes;
}

test('a damaged newest snapshot: the previous save is used, a notice names the file, it is kept as .bad', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  const { first } = await saveTwoGenerations(page);

  const snaps = (await storedNames(page)).filter((n) => /^s-.*\.snap$/.test(n)).sort();
  assert.ok(snaps.length >= 2, `two snapshot generations expected, stored: ${snaps}`);
  const newest = snaps[snaps.length - 1];
  await corruptThenReopen(page, url, async () => {
    const files = await readStoredFiles(page);
    await writeStoredFile(page, `/dealdeck/${newest}`, flipMiddle(files[`/dealdeck/${newest}`]));
  });

  const shown = (await notices(page)).join('\n');
  assert.match(shown, new RegExp(`snapshot ${newest.replace('.', '\\.')} is damaged`));
  assert.match(shown, /kept as/);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(first), 'the previous save was not used');
  // The start had left the previous save unread (only the newest is read up front): recovery
  // fetched it once the newest failed.
  const marks = await page.evaluate(() => Object.fromEntries(['dd-recover-start', 'dd-fetch-unread', 'dd-recover-end']
    .map((n) => [n, performance.getEntriesByName(n).map((e) => e.startTime)])));
  assert.equal(marks['dd-fetch-unread'].length, 1);
  // The benchmark's recovery span: marked once each, from the first attempt to the end of the second.
  assert.equal(marks['dd-recover-start'].length, 1, JSON.stringify(marks));
  assert.equal(marks['dd-recover-end'].length, 1, JSON.stringify(marks));
  assert.ok(marks['dd-recover-start'][0] <= marks['dd-fetch-unread'][0] &&
            marks['dd-fetch-unread'][0] <= marks['dd-recover-end'][0], JSON.stringify(marks));
  assert.deepEqual((await storageStats(page)).unread, []);
  await waitSaved(page);
  await waitFor('the damaged file kept aside', async () => (await storedNames(page)).includes(`${newest}.bad`), { timeoutMs: 10_000 });
});

// Runs in the page before the app, when the URL's hash is #fail-placing: Blob reads made once
// recovery began (the previous save's bytes, fetched when the newest snapshot failed) give
// something that is not bytes, so placing them in MEMFS throws, as bytes MEMFS could not take
// would; until the test sets window.__failBlobReads to false.
function failBlobReadsInRecovery() {
  if (location.hash !== '#fail-placing') return;
  const real = Blob.prototype.arrayBuffer;
  window.__failBlobReads = true;
  Blob.prototype.arrayBuffer = function () {
    const recovering = performance.getEntriesByName('dd-recover-start').length > 0;
    return recovering && window.__failBlobReads ? Promise.resolve(-1) : real.call(this);
  };
}

test('a damaged newest snapshot whose previous save cannot be placed in memory: nothing is written, a notice says to reload, a reload recovers', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  const { first } = await saveTwoGenerations(page);
  const snaps = (await storedNames(page)).filter((n) => /^s-.*\.snap$/.test(n)).sort();
  const newest = snaps[snaps.length - 1];

  let damaged;
  await corruptThenReopen(page, url, async () => {
    const files = await readStoredFiles(page);
    await writeStoredFile(page, `/dealdeck/${newest}`, flipMiddle(files[`/dealdeck/${newest}`]));
    damaged = await readStoredFiles(page);
    await page.addInitScript(failBlobReadsInRecovery);
  }, () => page.goto(`${url}#fail-placing`, { waitUntil: 'load' }));   // it never gets ready

  await waitFor('the notice', async () => (await notices(page)).some((n) => /could not be read into memory/.test(n)));
  const shown = (await notices(page)).join('\n');
  assert.match(shown, /Nothing was changed: reload the page to try again/);
  assert.doesNotMatch(shown, /is damaged/, 'recovery went on without the previous save');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('dd-fetch-unread').length), 1);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('dd-recover-end').length), 0);
  assert.equal(await page.evaluate(() => document.getElementById('dd-loading').hidden), false, 'the app went on as if loaded');
  // Nothing written: the stored files are the ones the start found, the damaged one not set aside.
  await page.waitForTimeout(1000);
  await page.evaluate(() => { window.__failBlobReads = false; });
  assert.deepEqual(await readStoredFiles(page), damaged);

  // A reload without the fault: the previous save is used, the damaged snapshot kept aside.
  await gotoApp(page, url);
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(first), 'the previous save was not used');
  assert.match((await notices(page)).join('\n'), new RegExp(`snapshot ${newest.replace('.', '\\.')} is damaged`));
  await waitSaved(page);
  await waitFor('the damaged file kept aside', async () => (await storedNames(page)).includes(`${newest}.bad`), { timeoutMs: 10_000 });
});

test('a damaged journal segment: the changes before it are kept, a notice names the file, it is kept as .bad', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  await loadSampleData(page);

  // Two edits by the keyboard on the board: select a card, move it one stage right (Shift+Right).
  // Keyboard focus only: a click on the board would land on a card, and a click opens the deal.
  await page.focus('canvas');
  const stageOf = async (id) => (await snapshot(page)).deals.find((d) => d.id === id)?.stage;
  const moves = [];
  for (let n = 0; n < 2; n++) {
    moves.push(await moveDealByKeyboard(page));
    await waitSaved(page);
  }
  const segments = (await storedNames(page)).filter((n) => /^j-.*\.seg$/.test(n)).sort();
  assert.ok(segments.length >= 2, `the two moves should be two journal segments, stored: ${segments}`);
  const last = segments[segments.length - 1];

  await corruptThenReopen(page, url, async () => {
    const files = await readStoredFiles(page);
    await writeStoredFile(page, `/dealdeck/${last}`, flipMiddle(files[`/dealdeck/${last}`]));
  });

  const shown = (await notices(page)).join('\n');
  assert.match(shown, new RegExp(`journal file ${last.replace('.', '\\.')}`));
  assert.match(shown, /1 change/);
  assert.match(shown, /lost/);
  const ws = await snapshot(page);
  assert.ok(ws.deals.length > 0, 'the workspace came back empty');
  // The first move survived; the second (in the damaged segment) did not.
  const firstMove = moves[0];
  const secondMove = moves[1];
  if (firstMove.id !== secondMove.id) {
    assert.equal(await stageOf(firstMove.id), firstMove.to, 'the change before the damaged file was lost');
    assert.equal(await stageOf(secondMove.id), secondMove.from, 'the change in the damaged file was applied');
  } else {
    assert.equal(await stageOf(firstMove.id), firstMove.to);
  }
  await waitSaved(page);
  await waitFor('the damaged file kept aside', async () => (await storedNames(page)).includes(`${last}.bad`), { timeoutMs: 10_000 });
});

// Chromium keeps a Blob stored in IndexedDB as a file of its own in the profile
// (<origin>.indexeddb.blob/<database>/<nn>/<number in hex>, numbered as written, per database).
// Snapshots are stored as Blobs (storage_idbfs.js): one whose file is gone cannot be read, and
// must count as damaged. The snapshots' database is the one with the most blob files (the font
// cache's holds one atlas); its files come oldest first.
function snapshotBlobFiles(profile) {
  const root = path.join(profile, 'Default', 'IndexedDB');
  const byDatabase = new Map();
  const walk = (dir, database) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, database ?? (dir.endsWith('.indexeddb.blob') ? e.name : null));
      else if (database && /^[0-9a-f]+$/.test(e.name)) byDatabase.set(database, [...(byDatabase.get(database) ?? []), p]);
    }
  };
  if (fs.existsSync(root)) walk(root, null);
  const files = [...byDatabase.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const number = (p) => parseInt(path.basename(p), 16);   // hex: a, b, ... 10 (not decimal order)
  return files.sort((a, b) => number(a) - number(b));
}

test('a snapshot whose stored Blob file is gone: the previous save is used, and a notice names the snapshot', async (t) => {
  const server = await startStaticServer({ root: appDir });
  deferCleanup(t, () => server.close());
  const profile = tempProfile(t);
  let context = await launchProfile(profile);
  const firstContext = context;
  deferCleanup(t, () => firstContext.close());   // closed below; here if the test fails first
  let page = context.pages()[0] ?? (await context.newPage());
  await gotoApp(page, server.url);
  const { first } = await saveTwoGenerations(page);
  const snaps = Object.entries(await readStoredFiles(page)).filter(([k]) => /\/s-.*\.snap$/.test(k)).map(([k]) => k).sort();
  assert.ok(snaps.length >= 2, `two snapshot generations expected, stored: ${snaps}`);
  const newest = snaps[snaps.length - 1].replace('/dealdeck/', '');
  await context.close();

  const blobs = snapshotBlobFiles(profile);
  assert.ok(blobs.length >= 2, `the snapshots' blob files were not found: ${blobs}`);
  fs.rmSync(blobs[blobs.length - 1]);   // the newest snapshot's

  context = await launchProfile(profile);
  deferCleanup(t, () => context.close());
  page = context.pages()[0] ?? (await context.newPage());
  await gotoApp(page, server.url);
  const shown = (await notices(page)).join('\n');
  assert.match(shown, new RegExp(`snapshot ${newest.replace('.', '\\.')} is damaged`));
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(first), 'the previous save was not used');
  await waitSaved(page);
});
