// Real input through the real mouse and window: a click changes the view, a resize re-lays out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, items, find, clickItem, waitForItems, nextFrame } from './helpers/app.mjs';

// A widget the list view shows and the board does not: its "Export CSV" toolbar button
// (src/ui/list_view.cpp).
const LIST_VIEW_MARK = /^Export CSV$/;

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

// The bridge lists only what is visible, clipped to the window: a layout that ignored a resize
// would lose its right-hand widgets (fully clipped) rather than show them out of bounds. So the
// test follows the right-aligned group (search box, undo, redo) across the resize.
const RIGHT_GROUP = ['Search', 'Undo', 'Redo'];

async function rightGroup(page, width) {
  const all = await waitForItems(
    page,
    (list) => RIGHT_GROUP.every((l) => list.some((i) => i.label === l && i.x + i.w <= width + 0.5)),
    { what: `${RIGHT_GROUP.join(', ')} inside a ${width} px wide window` },
  );
  return Object.fromEntries(RIGHT_GROUP.map((l) => [l, all.find((i) => i.label === l)]));
}

test('resizing the window re-lays out the top bar', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1280, height: 800 } });
  await gotoApp(page, url);
  const wide = await rightGroup(page, 1280);
  assert.ok(wide.Redo.x > 800, `Redo sits at x=${wide.Redo.x} in a 1280 px window: the top bar does not use the width`);

  await page.setViewportSize({ width: 800, height: 600 });
  await nextFrame(page);
  const narrow = await rightGroup(page, 800);
  for (const l of RIGHT_GROUP) {
    assert.ok(narrow[l].x < wide[l].x, `${l} did not move left (x ${wide[l].x} -> ${narrow[l].x})`);
    assert.ok(narrow[l].w > 0 && narrow[l].h > 0, `${l} has an empty rectangle after the resize`);
  }
  for (const label of ['Board', 'List', 'Forecast']) {
    const item = await find(page, label);
    assert.ok(item && item.x >= 0 && item.x + item.w <= 800.5, `"${label}" is not fully inside the narrow window`);
  }

  // Widening again gives the space back: the same layout as before the resize.
  await page.setViewportSize({ width: 1280, height: 800 });
  await nextFrame(page);
  const again = await waitForItems(page, (list) => list.some((i) => i.label === 'Redo' && Math.abs(i.x - wide.Redo.x) < 0.5), {
    what: `Redo back at x=${wide.Redo.x}`,
  });
  assert.ok(again.some((i) => i.label === 'Search' && Math.abs(i.w - wide.Search.w) < 0.5), 'the search box did not get its width back');
  assert.deepEqual(problems, []);
});
