// The snapshot generation before the newest (docs/storage.md, "Start-up"): a start that holds the
// writer lock reads only the newest snapshot's bytes; the older one stays unread, stored whole,
// and is fetched only if the newest does not load (persistence-corruption.test.mjs covers that
// path). Here: what the start leaves unread, that no save ever writes its empty stand-in over
// the stored bytes, and that a compaction still lets it go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoApp, openApp, snapshot, waitReady } from './helpers/app.mjs';
import { dealTitles, moveDealByKeyboard, readStoredFiles, saveTwoGenerations, storageStats, waitFor, waitSaved } from './helpers/persist.mjs';

const snapshotsOf = (files) => Object.keys(files).filter((k) => /\/s-[0-9a-f]{16}\.snap$/.test(k)).sort();

test('a start leaves the older snapshot unread; edits and saves keep its stored bytes; a compaction removes it', async (t) => {
  const { page, url } = await openApp(t);
  await gotoApp(page, url);
  const { second } = await saveTwoGenerations(page);

  const before = await readStoredFiles(page);
  const [older, newest] = snapshotsOf(before);
  assert.ok(older && newest, `two snapshot generations expected, stored: ${Object.keys(before)}`);
  assert.ok(before[older].size > 1000, 'the older generation should be a whole workspace');

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.deepEqual((await storageStats(page)).unread, [older], 'the start should have read only the newest snapshot');
  assert.deepEqual(dealTitles(await snapshot(page)), dealTitles(second));

  // A change and its save: the sync writes what changed, never the older file's empty stand-in.
  await page.focus('canvas');
  const moved = await moveDealByKeyboard(page);
  await waitSaved(page);
  const after = await readStoredFiles(page);
  assert.equal(after[older]?.size, before[older].size, 'the older snapshot was rewritten');
  assert.deepEqual(after[older].bytes, before[older].bytes, 'the older snapshot changed');
  assert.equal(after[older].stored, 'blob');

  // A compaction: a new generation; the older one goes, from IndexedDB and from the unread list.
  const compactions = (await storageStats(page)).compactions;
  await page.evaluate(() => window.dealdeck.compactNow());
  await waitFor('the compaction', async () => (await storageStats(page)).compactions > compactions, { timeoutMs: 20_000 });
  await waitSaved(page);
  const compacted = await readStoredFiles(page);
  assert.equal(compacted[older], undefined, 'the generation before the previous one should be removed');
  assert.equal(snapshotsOf(compacted).length, 2);
  assert.deepEqual((await storageStats(page)).unread, []);

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const ws = await snapshot(page);
  assert.deepEqual(dealTitles(ws), dealTitles(second));
  assert.equal(ws.deals.find((d) => d.id === moved.id)?.stage, moved.to, 'the move was lost');
});
