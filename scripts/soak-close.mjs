// Soak of "a change, then the page closed within 100 ms" (tests/e2e/persistence.test.mjs runs it
// once in CI): sample data saved, then the workspace changed through the bridge and the page closed
// `--delay` ms later, then reopened on the same profile; the change must be there every time.
// Found the page-hide write waiting behind a sync's read (docs/storage.md, "Commit"): 6 lost of 26
// runs on the build before the fix, 0 of 32 after.
//
//   node scripts/soak-close.mjs [--runs 10] [--delay 50] [--throttle 1] [--app build/web/app]
//
// --throttle slows the page's CPU that many times (CDP), from the change to the close.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = +arg('runs', 10), delay = +arg('delay', 50), throttle = +arg('throttle', 1);
process.env.DEALDECK_APP_DIR = path.resolve(arg('app', path.join(here, '../build/web/app')));
const e2e = path.resolve(here, '../tests/e2e/helpers');
const { openApp, gotoApp, snapshot, load, clickItem } = await import(pathToFileURL(path.join(e2e, 'app.mjs')).href);
const { dealTitles, waitSaved, waitFor } = await import(pathToFileURL(path.join(e2e, 'persist.mjs')).href);

const TITLE = 'Renamed just before closing';
let lost = 0, failed = 0;
for (let i = 0; i < runs; i++) {
  const cleanups = [];
  try {
    const { page, context, url } = await openApp({ after: (f) => cleanups.push(f) });
    await gotoApp(page, url);
    await clickItem(page, 'Load sample data');
    await waitFor('the sample deals', async () => (await snapshot(page)).deals.length > 0);
    await waitSaved(page);
    if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const ws = await snapshot(page);
    ws.deals[0].title = TITLE;
    const result = await load(page, ws);
    if (!result.ok) throw new Error(`load refused: ${JSON.stringify(result)}`);
    await page.waitForTimeout(delay);
    const status = await page.evaluate(() => window.dealdeck.saveStatus());
    await page.close();
    const again = await context.newPage();
    await gotoApp(again, url);
    const kept = dealTitles(await snapshot(again)).includes(TITLE);
    if (!kept) lost++;
    console.log(`run ${i + 1}: ${kept ? 'kept' : 'LOST'} (saved when closed: ${status.durable})`);
  } catch (e) {
    failed++;
    console.log(`run ${i + 1}: could not run: ${e.message}`);
  }
  for (const f of cleanups.reverse()) await f().catch(() => {});
}
console.log(`lost ${lost} of ${runs - failed} (delay ${delay} ms, CPU throttled ${throttle}x)${failed ? `, ${failed} runs failed to run` : ''}`);
process.exit(lost || failed ? 1 : 0);
