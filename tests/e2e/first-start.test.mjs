// The first-start "who are you?" dialog in the browser: a workspace with a team but nobody chosen
// on this device (a fresh profile given another device's workspace) asks; the member picked with
// the mouse becomes the current user, shown in the top bar, and a reload does not ask again (the
// choice was saved in this profile's IndexedDB). Screenshot: test-results/first-start.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, gotoApp, find, snapshot, load, waitForItems, waitReady, nextFrame, resultPath, clickSettled } from './helpers/app.mjs';
import { waitSaved } from './helpers/persist.mjs';

const has = (label) => (all) => all.some((i) => i.label === label);

test('nobody chosen on this device: the team is listed, the pick shows in the top bar, a reload does not ask again', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1280, height: 800 } });
  await gotoApp(page, url);
  // The starter workspace names its user ("You"): nothing asked.
  assert.equal(await find(page, 'Who are you?'), null);
  assert.ok(await find(page, 'Current user: You'), 'the top bar shows the starter user');

  // A workspace from another device (the sample's team), its current user not chosen here.
  await clickSettled(page, 'Load sample data');
  let ws;
  for (let i = 0; i < 100 && !(ws?.deals?.length > 0); ++i) {
    ws = await snapshot(page);
    await nextFrame(page);
  }
  assert.ok(ws.team.length >= 3, 'the sample has a team');
  ws.settings.current_user = null;
  const loaded = await load(page, ws);
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  await waitForItems(page, has('Who are you?'), { what: 'the first-start dialog' });
  for (const m of ws.team) await waitForItems(page, has(`I am ${m.name}`), { what: `"I am ${m.name}"` });
  assert.ok(await find(page, 'Current user: nobody'));

  const file = resultPath('first-start.png');
  fs.rmSync(file, { force: true });
  await nextFrame(page);
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 15_000, 'the screenshot looks blank');

  const member = ws.team[1];
  await clickSettled(page, `I am ${member.name}`);
  await waitForItems(page, has(`Current user: ${member.name}`), { what: 'the chosen user in the top bar' });
  await waitForItems(page, (all) => !has('Who are you?')(all), { what: 'the dialog closed' });
  assert.equal((await snapshot(page)).settings.current_user, member.id);

  await waitSaved(page);
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await waitForItems(page, has(`Current user: ${member.name}`), { what: 'the chosen user after the reload' });
  assert.equal(await find(page, 'Who are you?'), null, 'asked again after a reload');
  assert.equal((await snapshot(page)).settings.current_user, member.id);
  assert.deepEqual(problems, []);
});
