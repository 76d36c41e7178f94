// An idle app draws nothing: no frames while nobody touches it (battery, fans, CPU for others).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, frames } from './helpers/app.mjs';

test('no frame is drawn in 5 idle seconds after the first second', { timeout: 120_000 }, async (t) => {
  const { page, url, problems } = await openApp(t);
  await gotoApp(page, url);
  await page.waitForTimeout(1_000); // the first second may finish start-up work (fonts, layout)
  const before = await frames(page);
  await page.waitForTimeout(5_000);
  const after = await frames(page);
  const idleFrames = after - before;
  console.log(`idle: ${idleFrames} frames drawn in 5 idle seconds (frames ${before} -> ${after})`);
  assert.equal(idleFrames, 0, 'the app kept drawing while idle');
  assert.deepEqual(problems, []);
});
