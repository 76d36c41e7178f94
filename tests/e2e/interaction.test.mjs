// Real input through the real mouse and window: a click changes the view, a resize re-lays out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, items, clickItem, waitForItems, nextFrame } from './helpers/app.mjs';

// Text the list view shows and the board does not (engineer C's list view placeholder).
const LIST_VIEW_MARK = /TODO/;

test('clicking "List" with the mouse switches the view, and "Board" switches back', async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  const boardLabels = new Set((await items(page)).map((i) => i.label));

  await clickItem(page, 'List');
  const listItems = await waitForItems(page, (all) => all.some((i) => LIST_VIEW_MARK.test(i.label)), {
    what: `the list view (an item matching ${LIST_VIEW_MARK})`,
  });
  assert.ok(!boardLabels.has(listItems.find((i) => LIST_VIEW_MARK.test(i.label)).label), 'the list view mark was already on the board');

  await clickItem(page, 'Board');
  await waitForItems(page, (all) => !all.some((i) => LIST_VIEW_MARK.test(i.label)), { what: 'the board view again' });
  assert.deepEqual(problems, []);
});

// The top bar is the row of items level with the "Board" button. Items of a scrolled view may
// lie outside the window (ImGui reports clipped items too), so only the top bar is measured.
function topBar(all) {
  const board = all.find((i) => i.label === 'Board');
  assert.ok(board, `no "Board" button among: ${all.map((i) => i.label).join(' | ')}`);
  const mid = (i) => i.y + i.h / 2;
  return all.filter((i) => mid(i) >= board.y && mid(i) <= board.y + board.h);
}
const rightEdge = (row) => Math.max(...row.map((i) => i.x + i.w));

test('resizing the window re-lays out the top bar', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1280, height: 800 } });
  await gotoApp(page, url);
  const wide = topBar(await items(page));
  assert.ok(rightEdge(wide) > 900, `the top bar ends at x=${rightEdge(wide)} in a 1280 px window: it does not use the width`);

  await page.setViewportSize({ width: 800, height: 600 });
  await nextFrame(page);
  const narrow = topBar(
    await waitForItems(page, (all) => all.some((i) => i.label === 'Board') && rightEdge(topBar(all)) <= 800.5, {
      what: 'the top bar to fit the 800 px wide window',
    }),
  );
  for (const label of ['Board', 'List', 'Forecast']) {
    assert.ok(narrow.some((i) => i.label === label), `"${label}" left the top bar after the resize`);
  }
  // Widening again gives the space back: the layout follows the window both ways.
  await page.setViewportSize({ width: 1280, height: 800 });
  await nextFrame(page);
  await waitForItems(page, (all) => all.some((i) => i.label === 'Board') && rightEdge(topBar(all)) > 900, {
    what: 'the top bar to stretch back to the 1280 px window',
  });
  assert.deepEqual(problems, []);
});
