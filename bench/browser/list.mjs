// The List view with a million rows in headless Chromium: (a) CPU time per frame while scrolling
// 1,000,000 deals with real wheel events over the table (dealdeck.frameStats(), after the frames
// that load and build the table), (b) exporting those 1,000,000 rows as CSV ("Export CSV" to the
// browser's download event; the file is written in parts over frames), then the wait until the
// million deals are saved, (c) importing a generated 1,000,000-row CSV through the real file
// chooser into a fresh workspace: the read (streamed, parsed as it arrives, its progress bar shot
// into docs/screenshots/csv-import-progress.png), the plan (over frames), the apply (one command
// applied in slices over frames: its progress figures and the slowest frame) and the save after it. Not a test: run by hand,
//   node bench/browser/list.mjs [--deals 1000000] [--rows 1000000] [--app build-e-web/app] [--skip-import] [--skip-export] [--import-onto 1000000]
// Figures go to the LIST-BROWSER part of docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const DEALS = Number(option('deals', 1_000_000));
const ROWS = Number(option('rows', 1_000_000));
const SKIP_IMPORT = process.argv.includes('--skip-import');
const SKIP_EXPORT = process.argv.includes('--skip-export');
// --import-onto N: the import goes into a page holding N sample deals already (memory headroom).
const IMPORT_ONTO = Number(option('import-onto', 0));
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The helpers read DEALDECK_APP_DIR when they load: set it first, then load them (a static import
// would run before this line, and --app was ignored: the runs measured build/web/app).
if (option('app', null)) process.env.DEALDECK_APP_DIR = path.resolve(repoRoot, option('app', null));
const { openApp, waitReady, appDir } = await import('../../tests/e2e/helpers/app.mjs');

const VIEWPORT = { width: 1440, height: 900 };
const ROW_PATH = /##([0-9a-f]{16})$/;   // each row's Selectable: "<title>##<deal id>"

const items = (page) => page.evaluate(() => window.dealdeck.items());
const nextFrame = (page) => page.evaluate(() => window.dealdeck.nextFrame());
const stats = (page) => page.evaluate(() => window.dealdeck.frameStats());
const heapMB = (page) => page.evaluate(() => (window.Module && Module.HEAPU8 ? Module.HEAPU8.length / 2 ** 20 : NaN));

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function waitFor(page, predicate, what, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = await items(page);
    const found = predicate(all);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function hoverClick(page, item) {
  await page.mouse.move(item.x + item.w / 2, item.y + item.h / 2);
  await nextFrame(page);
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
  await nextFrame(page);
}
const byLabel = (label) => (all) => all.find((i) => i.label === label);

// Waits until everything written reached IndexedDB (the top bar's "Saved"); false after 10 minutes.
async function waitSaved(page, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await page.evaluate(() => (window.dealdeck.saveStatus ? window.dealdeck.saveStatus() : null));
    if (!s || (s.durable && /^Saved/.test(s.text))) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

// Runs with a page of its own (fresh profile) and closes everything after.
async function withPage(fn) {
  const cleanups = [];
  const t = { after: (f) => cleanups.push(f) };   // openApp's test hook, outside node:test
  try {
    const { page, url, problems } = await openApp(t, { viewport: VIEWPORT });
    // A wasm abort is printed as it happens, with the time (the page problems come at the end).
    const started = Date.now();
    page.on('console', (m) => { if (/abort|out of memory|OOM/i.test(m.text())) console.log(`  [${secs(Date.now() - started)}] page: ${m.text().slice(0, 300)}`); });
    page.on('pageerror', (e) => console.log(`  [${secs(Date.now() - started)}] page error: ${String(e.message).slice(0, 300)}`));
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);
    const result = await fn(page);
    if (problems.length) console.log(`  page problems: ${problems.slice(0, 5).join('; ')}`);
    return result;
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => {});
  }
}

// (a) and (b): a million sample deals, the list scrolled, then exported.
async function scrollAndExport(page) {
  let t0 = Date.now();
  const loaded = await page.evaluate((d) => window.dealdeck.loadSample(d, 1), DEALS);
  if (!loaded.ok) throw new Error(`loadSample failed: ${loaded.error}`);
  await nextFrame(page);
  console.log(`  ${loaded.deals} sample deals generated and loaded in the page: ${secs(Date.now() - t0)} (heap ${(await heapMB(page)).toFixed(0)} MB)`);

  t0 = Date.now();
  await hoverClick(page, await waitFor(page, byLabel('List'), 'the List switch'));
  const count = `${DEALS.toLocaleString('en-US')} deals`;
  await waitFor(page, byLabel(count), `"${count}"`);
  console.log(`  List view shown (table built, first query): ${secs(Date.now() - t0)}`);
  for (let i = 0; i < 4; i++) await nextFrame(page);

  // Scroll: a wheel notch over the table before each frame, the stats read every 40 frames.
  const rows = (await items(page)).filter((i) => ROW_PATH.test(i.path)).sort((a, b) => a.y - b.y);
  const first = rows[0].label;
  await page.mouse.move(rows[0].x + 300, rows[Math.min(5, rows.length - 1)].y);
  await nextFrame(page);
  // frameStats() summarises the last 240 frames drawn: after 240 wheel steps they are all scroll frames.
  for (let i = 0; i < 240; i++) {
    await page.mouse.wheel(0, i < 120 ? 400 : 4000);   // steady scrolling, then big jumps
    await nextFrame(page);
  }
  const s = await stats(page);
  const after = (await items(page)).filter((i) => ROW_PATH.test(i.path)).sort((a, b) => a.y - b.y)[0]?.label;
  const scroll = { frames: s.count, median: s.avg, p95: s.p95, max: s.max };
  console.log(`  (a) scrolling 1,000,000 rows: avg ${s.avg.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   max ${s.max.toFixed(2)} ms   ` +
    `(last ${s.count} frames)   top row "${first}" -> "${after}"`);

  // Export: the click to the browser's download, the file read back for its size and rows.
  const exportButton = await waitFor(page, byLabel('Export CSV'), 'Export CSV');
  const downloadWait = page.waitForEvent('download', { timeout: 900_000 });
  t0 = Date.now();
  await hoverClick(page, exportButton);
  const download = await downloadWait;
  const exportMs = Date.now() - t0;
  const file = path.join(os.tmpdir(), `dealdeck-bench-export-${process.pid}.csv`);
  await download.saveAs(file);
  const size = fs.statSync(file).size;
  let lines = 0;
  for await (const chunk of fs.createReadStream(file)) for (let i = 0; i < chunk.length; i++) lines += chunk[i] === 10;
  fs.rmSync(file, { force: true });
  console.log(`  (b) export of ${(lines - 1).toLocaleString('en-US')} rows: ${secs(exportMs)} from the click to the download ` +
    `(${(size / 1e6).toFixed(1)} MB; heap ${(await heapMB(page)).toFixed(0)} MB)`);
  // The session must survive the export and the save of the million deals (a wasm abort was seen here).
  t0 = Date.now();
  const saved = await waitSaved(page);
  console.log(`  (b) after the export: ${saved ? `saved to IndexedDB ${secs(Date.now() - t0)} later` : 'NOT saved within 10 minutes'} ` +
    `(heap ${(await heapMB(page)).toFixed(0)} MB; ${JSON.stringify(await page.evaluate(() => window.dealdeck.saveStatus()))})`);
  return { scroll, exportMs, size, rows: lines - 1 };
}

// A generated CSV in the shape a CRM export has; stage and owner names the starter workspace knows.
function writeCsv(file, rows) {
  const stages = ['Lead in', 'Contact made', 'Needs defined', 'Proposal sent', 'Negotiation'];
  const words = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne'];
  const fd = fs.openSync(file, 'w');
  let out = 'Title,Value,Currency,Stage,Contacts,Company,Expected close,Reference\r\n';
  for (let i = 0; i < rows; i++) {
    const company = `${words[i % 10]} ${words[(i >> 4) % 10]} ${i % 997}`;
    const month = String(1 + (i % 12)).padStart(2, '0'), day = String(1 + (i % 28)).padStart(2, '0');
    out += `"${words[(i >> 2) % 10]} renewal, seat ${i}",${(i % 50000) + 100}.${String(i % 100).padStart(2, '0')},USD,` +
      `${stages[i % 5]},Person ${i % 4999},${company},2027-${month}-${day},IMP-${i}\r\n`;
    if (out.length > 1 << 20) {
      fs.writeSync(fd, out);
      out = '';
    }
  }
  fs.writeSync(fd, out);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

// Polls the bridge's items until one matches; returns it and when it was first seen.
async function firstSeen(page, predicate, what, onPoll, timeoutMs = 1_200_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = await items(page);
    if (onPoll) await onPoll(all);
    const found = predicate(all);
    if (found) return { item: found, at: Date.now() };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const summaryOf = (all) => all.find((i) => / new deals, [\d,]+ updates, [\d,]+ bad rows$/.test(i.label));

// (c) the generated file imported through the file chooser into the starter workspace: the read
// (streamed a slice per frame, parsed as it arrives), the plan (a batch of rows per frame), the
// apply (one ImportDeals command applied in slices over frames, core/staged_import.h).
async function importRows(page, file) {
  if (IMPORT_ONTO) {
    const loaded = await page.evaluate((d) => window.dealdeck.loadSample(d, 2), IMPORT_ONTO);
    if (!loaded.ok) throw new Error(`loadSample failed: ${loaded.error}`);
    await nextFrame(page);
    console.log(`  (c) the import goes onto ${loaded.deals} sample deals (heap ${(await heapMB(page)).toFixed(0)} MB)`);
  }
  await hoverClick(page, await waitFor(page, byLabel('List'), 'the List switch'));
  const chooserWait = page.waitForEvent('filechooser');
  await hoverClick(page, await waitFor(page, byLabel('Import CSV'), 'Import CSV'));
  const chooser = await chooserWait;
  const t0 = Date.now();
  await chooser.setFiles(file);
  const preview = await waitFor(page, byLabel('Preview'), 'the mapping step');
  const openMs = Date.now() - t0;

  // Every frame's progress labels, with the page's clock, recorded in the page on each animation
  // frame: polling from here can miss short steps (and answers late while the page is busy).
  await page.evaluate(() => {
    const log = (window.__importLog = []);
    window.__importWatch = true;
    const tick = () => {
      for (const i of window.dealdeck.items())
        if (/^Reading rows|MB read$|^Preparing the import|^Planned |^Importing|^Imported [\d,]+ of|^Checked [\d,]+ of| new deals, [\d,]+ updates/.test(i.label) && log.at(-1)?.label !== i.label)
          log.push({ label: i.label, t: performance.now() });
      if (window.__importWatch) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const pageNow = () => page.evaluate(() => performance.now());
  await page.evaluate(() => window.dealdeck.resetFrameStats());
  const clickAt = await pageNow();
  await hoverClick(page, preview);
  // A screenshot of the progress bar a few seconds into the read.
  await new Promise((r) => setTimeout(r, 4000));
  await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', 'csv-import-progress.png') });
  const done = await firstSeen(page, summaryOf, 'the preview');
  await nextFrame(page);   // the watcher logs the preview's frame on the next animation frame
  const log = await page.evaluate(() => window.__importLog);
  const firstAt = (re) => log.find((e) => re.test(e.label))?.t;
  const planAt = firstAt(/^Preparing the import/), previewAt = firstAt(/ new deals, /);
  const figures = log.filter((e) => / MB read$/.test(e.label));
  const readMs = planAt - clickAt, planMs = previewAt - planAt;
  const shotLabel = [...log].reverse().find((e) => e.t < clickAt + 4000)?.label;
  const f = await stats(page);   // the last 240 frames: the end of the read and the plan
  console.log(`  (c) import of ${ROWS.toLocaleString('en-US')} rows: file chosen to mapping ${secs(openMs)}, ` +
    `read + parse ${secs(readMs)} (${figures.length} progress figures drawn, the last "${figures.at(-1)?.label}"), plan ${secs(planMs)} ` +
    `(${log.filter((e) => /^Planned /.test(e.label)).length} frames); screenshot at "${shotLabel}"; ` +
    `frames of the read's end and the plan: avg ${f.avg.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms; ` +
    `"${done.item.label}"; heap ${(await heapMB(page)).toFixed(0)} MB`);

  const countOf = (all) => all.find((i) => /^\d[\d,]* deals?$/.test(i.label))?.label;
  const before = countOf(await items(page));
  await page.evaluate(() => {
    // The apply runs over many frames (more than frameStats' last 240): keep the slowest of all.
    window.dealdeck.resetFrameStats();
    window.__applyMax = 0;
    window.__applyPoll = setInterval(() => { window.__applyMax = Math.max(window.__applyMax, window.dealdeck.frameStats().max || 0); }, 50);
  });
  const t2 = Date.now();
  await hoverClick(page, await waitFor(page, byLabel('Import'), 'Import'));
  // Applied: the dialog is gone and the row count changed (the workspace may hold deals already).
  const applied = await firstSeen(page, (all) => !all.some((i) => i.label === 'Import' || /^Importing/.test(i.label)) &&
    countOf(all) && countOf(all) !== before, 'the imported rows in the list');
  const applyLog = await page.evaluate(() => ((window.__importWatch = false), window.__importLog));
  const progress = applyLog.filter((e) => /^Imported [\d,]+ of|^Checked [\d,]+ of/.test(e.label));
  const applyMs = applied.at - t2;
  const slowest = await page.evaluate(() => {
    clearInterval(window.__applyPoll);
    return Math.max(window.__applyMax, window.dealdeck.frameStats().max || 0);
  });
  console.log(`  (c) apply: ${secs(applyMs)} from the click to the rows in the list, over frames with ${progress.length} progress ` +
    `figures drawn (first "${progress[0]?.label}", last "${progress.at(-1)?.label}"); the slowest frame since the click ${slowest.toFixed(0)} ms; ` +
    `list shows "${countOf(await items(page))}"; heap ${(await heapMB(page)).toFixed(0)} MB`);
  const a = { max: slowest };
  const t3 = Date.now();
  const saved = await waitSaved(page);
  console.log(`  (c) after the apply: ${saved ? `saved to IndexedDB in ${secs(Date.now() - t3)}` : 'NOT saved within 10 minutes'} ` +
    `(${JSON.stringify(await page.evaluate(() => window.dealdeck.saveStatus()))})`);
  return { openMs, readMs, planMs, applyMs, applyFrameMs: a.max, label: done.item.label };
}

console.log(`list browser benchmark: ${DEALS} deals, import of ${ROWS} rows, app ${path.relative(repoRoot, appDir)}, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
  `${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ` +
  `${new Date().toISOString()}`);
if (!SKIP_EXPORT) await withPage(scrollAndExport);
if (!SKIP_IMPORT) {
  const file = path.join(os.tmpdir(), `dealdeck-bench-import-${process.pid}.csv`);
  const size = writeCsv(file, ROWS);
  console.log(`  generated ${file}: ${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(1)} MB`);
  try {
    await withPage((page) => importRows(page, file));
  } finally {
    fs.rmSync(file, { force: true });
  }
}
console.log(`load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
