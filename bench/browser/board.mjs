// Board frame time in headless Chromium with a 100,000-deal sample workspace: CPU time per frame
// (dealdeck.frameStats(): app_frame + persistence + the WebGL calls of renderer_draw, measured in
// the page) while scrolling a lane with real wheel events and while dragging a card across lanes
// with real mouse moves. Prints median / p95 / max per phase (the cost of applying a move and
// refreshing the lane figures is measured natively by bench/bench_board.cpp). Not a test: run by hand,
//   node bench/browser/board.mjs [--deals 100000] [--runs 3] [--app build-d-web/app]
// Figures go to the Board section of docs/benchmarks.md.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const DEALS = Number(option('deals', 100_000));
const RUNS = Number(option('runs', 3));
// The helpers read DEALDECK_APP_DIR when they load: set it first, then import them.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (option('app', null)) process.env.DEALDECK_APP_DIR = path.resolve(repoRoot, option('app', null));
const { openApp, waitReady } = await import('../../tests/e2e/helpers/app.mjs');

const VIEWPORT = { width: 1440, height: 900 };
const COUNT = /^(.*): (\d+) deals?$/;   // a lane header's count item: "Lead in: 3 deals"
const CARD_WINDOW = /\/cards_/;        // cards live in their lane's "cards" child window

const items = (page) => page.evaluate(() => window.dealdeck.items());
const nextFrame = (page) => page.evaluate(() => window.dealdeck.nextFrame());
const resetStats = (page) => page.evaluate(() => window.dealdeck.resetFrameStats());
const stats = (page) => page.evaluate(() => window.dealdeck.frameStats());

function summary(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(s.length * q))];
  return { frames: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}
const fmt = (f) => `median ${f.median.toFixed(2)} ms   p95 ${f.p95.toFixed(2)} ms   max ${f.max.toFixed(2)} ms   (${f.frames} frames)`;

// The shown lanes, left to right: each header's count item ("Lead in: 3 deals") and, for where
// the lane starts, its name item (12 px inside the lane's left edge).
async function lanes(page) {
  const all = await items(page);
  return all
    .map((i) => ({ i, m: COUNT.exec(i.label) }))
    .filter((x) => x.m)
    .map(({ i, m }) => {
      const name = all.find((n) => n.window === i.window && n.label === m[1]);
      return { name: m[1], count: Number(m[2]), x: (name ? name.x : i.x) - 12, y: i.y };
    })
    .sort((a, b) => a.x - b.x);
}

// Cards drawn in `lane` (up to the next lane), top to bottom.
async function cardsIn(page, lane, next) {
  const all = await items(page);
  return all
    .filter((i) => CARD_WINDOW.test(i.window) && i.x >= lane.x && (!next || i.x < next.x) && i.h > 80)
    .sort((a, b) => a.y - b.y);
}

// Runs `steps` input steps (each followed by a drawn frame), collecting every frame's CPU time.
// The stats window holds 240 frames, so it is read and reset every 40 steps (each step draws one
// frame, or up to four with the scheduler's settle frames).
async function measure(page, steps, step) {
  const ms = [];
  await resetStats(page);
  for (let i = 0; i < steps; i++) {
    await step(i);
    await nextFrame(page);
    if (i % 40 === 39 || i === steps - 1) {
      const s = await stats(page);
      if (s.count >= 240) console.warn('  (the stats window overflowed: some frames are missing)');
      ms.push(...s.ms);
      await resetStats(page);
    }
  }
  return ms;
}

async function waitSaved(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await page.evaluate(() => (window.dealdeck.saveStatus ? window.dealdeck.saveStatus() : null));
    if (!s || (s.durable && s.text === 'Saved')) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function run(n) {
  const cleanups = [];
  const t = { after: (fn) => cleanups.push(fn) };   // openApp's test hook, outside node:test
  try {
    const { page, url, problems } = await openApp(t, { viewport: VIEWPORT });
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);

    const t0 = Date.now();
    const loaded = await page.evaluate((d) => window.dealdeck.loadSample(d, 1), DEALS);
    if (!loaded.ok) throw new Error(`loadSample failed: ${loaded.error}`);
    await nextFrame(page);
    const loadMs = Date.now() - t0;
    const saved = await waitSaved(page, 300_000);   // the 100,000-deal snapshot goes to IndexedDB first
    const saveMs = Date.now() - t0 - loadMs;
    for (let i = 0; i < 4; i++) await nextFrame(page);

    const shown = await lanes(page);
    const total = shown.reduce((a, l) => a + l.count, 0);
    console.log(`run ${n}: ${loaded.deals} deals generated in the page + first frame: ${loadMs} ms; ` +
      `saved to IndexedDB ${saved ? `after ${saveMs} ms more` : 'NOT within 300 s'}`);
    console.log(`  shown pipeline (the first, with the most deals): ${total} deals; lanes: ` +
      shown.map((l) => `${l.name} ${l.count}`).join(', '));

    // Idle reference: frames requested with no input.
    const idle = await measure(page, 60, async () => {});
    console.log(`  idle frames:           ${fmt(summary(idle))}`);

    // Scrolling the first lane: a real wheel notch over it before every frame.
    const [first, second] = shown;
    const before = (await cardsIn(page, first, second))[0]?.label;
    const cards = await cardsIn(page, first, second);
    const at = { x: cards[0].x + cards[0].w / 2, y: cards[0].y + 200 };
    await page.mouse.move(at.x, at.y);
    await nextFrame(page);
    const scroll = await measure(page, 240, () => page.mouse.wheel(0, 120));
    const after = (await cardsIn(page, first, second))[0]?.label;
    console.log(`  scrolling "${first.name}": ${fmt(summary(scroll))}   top card "${before}" -> "${after}"`);

    // Dragging a card from the first lane across the board and back, a frame per mouse move;
    // Escape then cancels it, so the data stays as it is.
    const card = (await cardsIn(page, first, second))[1];
    const x0 = card.x + card.w / 2, y0 = card.y + card.h / 2;
    await page.mouse.move(x0, y0);
    await nextFrame(page);
    await page.mouse.down();
    await nextFrame(page);
    const span = shown[Math.min(4, shown.length - 1)].x - first.x;
    const drag = await measure(page, 240, (i) => {
      const t = (i % 120) / 120;
      const x = i < 120 ? x0 + t * span : x0 + span - t * span;
      return page.mouse.move(x, y0 + 150 * Math.sin(t * Math.PI));
    });
    await page.keyboard.press('Escape');
    await nextFrame(page);
    await page.mouse.up();
    await nextFrame(page);
    console.log(`  dragging across lanes: ${fmt(summary(drag))}`);

    if (problems.length) console.log(`  page problems: ${problems.join('; ')}`);
    return { scroll, drag, idle };
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => {});
  }
}

console.log(`board browser benchmark: ${DEALS} deals, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
  `${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ` +
  `${new Date().toISOString()}`);
const all = { scroll: [], drag: [], idle: [] };
for (let n = 1; n <= RUNS; n++) {
  const r = await run(n);
  all.scroll.push(...r.scroll);
  all.drag.push(...r.drag);
  all.idle.push(...r.idle);
}
console.log(`all ${RUNS} runs:`);
console.log(`  idle frames:           ${fmt(summary(all.idle))}`);
console.log(`  scrolling a lane:      ${fmt(summary(all.scroll))}`);
console.log(`  dragging across lanes: ${fmt(summary(all.drag))}`);
console.log(`load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
