// The board in headless Chromium: a card dragged with real mouse events (coordinates from the
// bridge) from one lane to another lands in the store at the drop position and survives a
// reload; screenshots of the board (light, dark) and of the pipeline settings for docs/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  openApp, gotoApp, waitReady, snapshot, frameStats, nextFrame, clickItem, waitForItems, resultPath, repoRoot,
  loadSampleFromTopBar, clickSettled,
} from './helpers/app.mjs';

const VIEWPORT = { width: 1440, height: 900 };
const CARD_WINDOW = /\/cards_/;   // a card's InvisibleButton lives in its lane's "cards" child


// The shown pipeline is the first one; its open stages in board order.
function firstPipeline(ws) {
  return [...ws.pipelines].sort((a, b) => a.position - b.position)[0];
}

// Cards drawn now whose title is unique in the workspace, with their deal.
function cardsOf(all, ws, stageId) {
  const count = new Map();
  for (const d of ws.deals) count.set(d.title, (count.get(d.title) ?? 0) + 1);
  return all
    .filter((i) => CARD_WINDOW.test(i.window) && count.get(i.label) === 1)
    .map((i) => ({ item: i, deal: ws.deals.find((d) => d.title === i.label) }))
    .filter((c) => c.deal.stage === stageId)
    .sort((a, b) => a.item.y - b.item.y);
}

async function waitSaved(page, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await page.evaluate(() => (window.dealdeck.saveStatus ? window.dealdeck.saveStatus() : null));
    if (!s || (s.durable && s.text === 'Saved')) return;
    await page.waitForTimeout(50);
  }
  throw new Error('not saved in time');
}

async function screenshot(page, name) {
  const file = resultPath(name);
  await page.screenshot({ path: file });
  const docs = path.join(repoRoot, 'docs/screenshots');
  fs.mkdirSync(docs, { recursive: true });
  fs.copyFileSync(file, path.join(docs, name));
}

test('dragging a card with the mouse to another lane moves the deal there, and it survives a reload', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: VIEWPORT });
  await gotoApp(page, url);
  await loadSampleFromTopBar(page);
  let ws = await snapshot(page);
  const open = firstPipeline(ws).stages.filter((s) => s.kind === 'open');
  const [from, to] = [open[0], open[1]];
  // The cards' places once they stand still for a frame: the board lays its lanes out over its
  // first frames after the load (seen in CI: the drop landed one card off, and once the second
  // lane had not drawn its cards yet).
  // Only cards drawn whole inside the window: a lane's last card can reach past its bottom edge
  // (seen in a full run: the drop aimed 6 px below the 800 px canvas and landed one card off).
  const whole = (c) => c.item.y >= 0 && c.item.y + c.item.h <= page.viewportSize().height;
  let source, targets, before = null;
  for (let frame = 0; frame < 40; frame++) {
    const all = await waitForItems(page, (list) => list.some((i) => CARD_WINDOW.test(i.window)), { what: 'cards' });
    source = cardsOf(all, ws, from.id).filter(whole)[0];
    targets = cardsOf(all, ws, to.id).filter(whole);
    const places = source && targets.length >= 2 ? JSON.stringify([source.item, targets[1].item]) : null;
    if (places && places === before) break;
    before = places;
    await nextFrame(page);
  }
  assert.ok(source, `no card with a unique title in "${from.name}"`);
  assert.ok(targets.length >= 2, `"${to.name}" shows fewer than two cards with unique titles`);
  const onto = targets[1];

  // Press on the card, move in steps (past the drag threshold), release on the upper part of
  // the second card of the next lane: the deal goes right above it.
  const start = { x: source.item.x + source.item.w / 2, y: source.item.y + source.item.h / 2 };
  const end = { x: onto.item.x + onto.item.w / 2, y: onto.item.y + 10 };
  await page.mouse.move(start.x, start.y);
  await nextFrame(page);
  await page.mouse.down();
  await nextFrame(page);
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(start.x + ((end.x - start.x) * i) / 12, start.y + ((end.y - start.y) * i) / 12);
    await nextFrame(page);
  }
  const { ms: _frames, ...dragging } = await frameStats(page);   // the summary only
  await page.mouse.up();
  await nextFrame(page);

  const deadline = Date.now() + 10_000;
  let moved;
  do {
    ws = await snapshot(page);
    moved = ws.deals.find((d) => d.id === source.deal.id);
    if (moved.stage === to.id) break;
    await page.waitForTimeout(50);
  } while (Date.now() < deadline);
  assert.equal(moved.stage, to.id, `the deal stayed in "${from.name}"`);
  const lane = ws.deals.filter((d) => d.stage === to.id).sort((a, b) => (a.rank - b.rank) || (a.id < b.id ? -1 : 1));
  const at = lane.findIndex((d) => d.id === moved.id);
  const around = lane.slice(Math.max(0, at - 2), at + 3).map((d) => `${d.id === moved.id ? '*' : ''}${d.title} (rank ${d.rank})`);
  assert.equal(lane[at + 1]?.id, onto.deal.id,
    `the deal is not right above the card it was dropped on ("${onto.deal.title}", item y ${onto.item.y}); the lane around it: ${around.join(' | ')}`);
  await waitForItems(page, (list) => list.some((i) => i.label.startsWith(`Moved ${moved.title} to ${to.name}`) || i.label === 'Toast Undo'),
    { what: 'the undo toast' });
  console.log(`frame CPU while dragging (ms): ${JSON.stringify(dragging)}`);

  // Reload the same profile: the move was saved.
  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  const after = await snapshot(page);
  assert.equal(after.deals.find((d) => d.id === moved.id)?.stage, to.id, 'the move did not survive a reload');
  assert.deepEqual(problems, []);
});

test('board screenshots: light, dark, and the pipeline settings', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: VIEWPORT });
  await gotoApp(page, url);
  await loadSampleFromTopBar(page);
  await waitForItems(page, (list) => list.some((i) => CARD_WINDOW.test(i.window)), { what: 'cards' });
  await page.mouse.move(4, VIEWPORT.height - 4);   // no hover tooltip in the picture
  await nextFrame(page);
  await screenshot(page, 'board-light.png');

  await clickSettled(page, 'Toggle theme');
  await nextFrame(page);
  await page.mouse.move(4, VIEWPORT.height - 4);
  await nextFrame(page);
  await nextFrame(page);
  await screenshot(page, 'board-dark.png');
  await clickSettled(page, 'Toggle theme');
  await nextFrame(page);

  await clickSettled(page, 'Pipeline settings');
  await waitForItems(page, (list) => list.some((i) => i.label.startsWith('Stages of ')), { what: 'the settings dialog' });
  await page.mouse.move(4, VIEWPORT.height - 4);
  await nextFrame(page);
  await screenshot(page, 'pipeline-settings.png');
  assert.deepEqual(problems, []);
});
