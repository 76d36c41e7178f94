// The service worker (web/sw.js, web/sw-register.js): after one visit the app opens with no
// network, with its data; a new deploy is offered by an "update available" prompt and is never
// mixed with the running build; the new build takes over only after the user clicks Reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { deferCleanup, openApp, gotoApp, waitReady, snapshot } from './helpers/app.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { copyApp, dealTitles, launchProfile, loadSampleData, tempProfile, waitFor } from './helpers/persist.mjs';

// Resolves once a service worker is active for this page's scope (its install cached the shell).
const workerActive = (page) => page.evaluate(() => navigator.serviceWorker.ready.then((r) => !!r.active));
const controlled = (page) => page.evaluate(() => !!navigator.serviceWorker.controller);
const shellCaches = (page) => page.evaluate(() => caches.keys().then((k) => k.filter((n) => n.startsWith('dealdeck-shell-'))));
const updatePromptShown = (page) => page.evaluate(() => {
  const bar = document.getElementById('dd-update');
  return !!bar && bar.getClientRects().length > 0 && /new version/.test(bar.textContent);
});

test('after one visit, the app opens offline with its saved data', async (t) => {
  const { page, context, server, url } = await openApp(t, { mount: '/deep/sub/path/' });
  await gotoApp(page, url);
  const before = await loadSampleData(page);
  assert.equal(await workerActive(page), true);

  // No network at all: the browser is offline and the server is gone.
  await context.setOffline(true);
  await server.close();
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  assert.equal(await controlled(page), true, 'the page was not served by the service worker');
  const after = await snapshot(page);
  assert.ok(after.deals.length > 0, 'the offline app opened without its data');
  assert.deepEqual(dealTitles(after), dealTitles(before));
});

test('a new deploy shows "update available"; the running build is kept until Reload is clicked', async (t) => {
  const dir = copyApp(t);
  const server = await startStaticServer({ root: dir, mount: '/app/' });
  deferCleanup(t, () => server.close());
  const context = await launchProfile(tempProfile(t));
  deferCleanup(t, () => context.close());
  const page = context.pages()[0] ?? (await context.newPage());

  await gotoApp(page, server.url);
  await workerActive(page);
  await page.reload({ waitUntil: 'load' });   // now served by the worker
  await waitReady(page);
  assert.equal(await controlled(page), true);
  const [oldCache] = await shellCaches(page);
  assert.ok(oldCache, 'no shell cache after the first visit');
  assert.equal(await updatePromptShown(page), false, 'an update prompt with nothing new');

  // The "deploy": a changed stylesheet, and the sw.js the build stamps for it (a new version).
  const css = path.join(dir, 'dealdeck.css');
  fs.appendFileSync(css, '\n/* deploy 2 */\n');
  const sw = path.join(dir, 'sw.js');
  const stamped = fs.readFileSync(sw, 'utf8');
  const version = /const DD_BUILD = '([^']+)'/.exec(stamped)?.[1];
  assert.ok(version && !version.includes('@'), `sw.js is not stamped with a build version: ${version}`);
  fs.writeFileSync(sw, stamped.replace(version, 'deploy2deploy2'));

  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await waitFor('the update prompt', () => updatePromptShown(page));
  // Still the running build's files, from its own cache: nothing mixed.
  const cssNow = await page.evaluate(() => fetch('dealdeck.css').then((r) => r.text()));
  assert.ok(!cssNow.includes('deploy 2'), 'the page got the new build\'s file before the user chose to reload');

  await page.click('#dd-update-reload');
  await waitFor('the new build to take over', async () => {
    try {
      return (await shellCaches(page)).join() === 'dealdeck-shell-deploy2deploy2';
    } catch { return false; }   // the page is reloading
  });
  await waitReady(page);
  const cssAfter = await page.evaluate(() => fetch('dealdeck.css').then((r) => r.text()));
  assert.ok(cssAfter.includes('deploy 2'), 'after Reload the page still runs the old build');
  assert.equal(await updatePromptShown(page), false);
});
