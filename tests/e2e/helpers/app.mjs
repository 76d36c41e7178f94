// What every browser test needs: the built app served on a free 127.0.0.1 port, Debian's
// Chromium (headless, WebGL2 through SwiftShader) in a fresh profile, console errors collected,
// and small wrappers over the test bridge `window.dealdeck` (docs/testing.md describes it).
// Everything started here is stopped by the test that started it (deferCleanup).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../../scripts/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

// scripts/test.sh points this at build/web/app; by hand it defaults to the same folder.
export const appDir = path.resolve(process.env.DEALDECK_APP_DIR ?? path.join(repoRoot, 'build/web/app'));
export const resultsDir = path.resolve(here, '../test-results');

// A generous bound: SwiftShader on a shared 2-core machine is slow to compile shaders.
export const READY_TIMEOUT_MS = 60_000;

// Flags from /work/shared/toolchain.md: no sandbox (CI runs as root), no background network
// (the machine's closed network refuses it loudly), WebGL2 in software.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// A test's clean-ups, run last registered first, each even when one before it failed (the first
// error is reported). node:test runs t.after hooks in the order they were added: a profile removed
// by an earlier hook than the one that closes its browser failed with ENOTEMPTY while Chromium
// still wrote there, and the browser was then never closed (the test file timed out).
const cleanupStacks = new WeakMap();
export function deferCleanup(t, step) {
  let stack = cleanupStacks.get(t);
  if (!stack) {
    stack = [];
    cleanupStacks.set(t, stack);
    t.after(async () => {
      const errors = [];
      for (const s of stack.splice(0).reverse()) {
        try {
          await s();
        } catch (e) {
          errors.push(e);
        }
      }
      if (errors.length) throw errors[0];
    });
  }
  stack.push(step);
}

// Starts a server and a browser for one test and returns the page, not yet navigated.
//   mount:       URL path the app folder is served under ('/' or '/some/sub/path/')
//   viewport:    CSS pixels
//   colorScheme: 'light' | 'dark'
//   userAgent:   a browser's user agent string to emulate (default: Chromium's own)
// The returned `problems` collects console errors, page errors and failed requests as strings.
export async function openApp(t, { mount = '/', viewport = { width: 1280, height: 800 }, colorScheme = 'light', userAgent } = {}) {
  if (!fs.existsSync(path.join(appDir, 'index.html'))) {
    throw new Error(`no built app in ${appDir}: run scripts/test.sh (or build the web target) first`);
  }
  // Stopped in reverse order of start (browser, profile, server), every step even when one fails.
  const server = await startStaticServer({ root: appDir, mount });
  deferCleanup(t, () => server.close());

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dealdeck-e2e-'));
  deferCleanup(t, () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    colorScheme,
    ...(userAgent ? { userAgent } : {}),
  });
  deferCleanup(t, () => context.close());

  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (msg) => {
    // The location names the file for messages like "Failed to load resource: ... 404".
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location()?.url ?? 'no location'})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, context, server, url: server.url, problems };
}

// Waits for the bridge to exist and its `ready` promise (data loaded, first frame drawn).
// Fails at once with the #dd-error text when the app shows an error instead of hanging.
export async function waitReady(page, timeoutMs = READY_TIMEOUT_MS) {
  const outcome = await page.evaluate(async (ms) => {
    const shownError = () => {
      const el = document.getElementById('dd-error');
      if (!el || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') return null;
      return el.textContent.trim() || null;
    };
    const deadline = Date.now() + ms;
    while (!(window.dealdeck && window.dealdeck.ready)) {
      if (shownError()) return { error: `#dd-error: ${shownError()}` };
      if (Date.now() > deadline) return { error: 'window.dealdeck.ready never appeared' };
      await new Promise((r) => setTimeout(r, 50));
    }
    let errorPoll;
    const failure = new Promise((resolve) => {
      errorPoll = setInterval(() => {
        if (shownError()) resolve({ error: `#dd-error: ${shownError()}` });
        else if (Date.now() > deadline) resolve({ error: `window.dealdeck.ready did not resolve in ${ms} ms` });
      }, 50);
    });
    try {
      return await Promise.race([window.dealdeck.ready.then(() => ({ ok: true })), failure]);
    } catch (e) {
      return { error: `window.dealdeck.ready rejected: ${e && e.message ? e.message : e}` };
    } finally {
      clearInterval(errorPoll);
    }
  }, timeoutMs);
  if (!outcome.ok) throw new Error(`app not ready: ${outcome.error}`);
}

export async function gotoApp(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
}

// --- bridge wrappers (each runs in the page) ---------------------------------------------------
export const items = (page) => page.evaluate(() => window.dealdeck.items());
export const find = (page, label) => page.evaluate((l) => window.dealdeck.find(l), label);
export const findAll = (page, label) => page.evaluate((l) => window.dealdeck.findAll(l), label);
export const frames = (page) => page.evaluate(() => window.dealdeck.frames());
export const frameStats = (page) => page.evaluate(() => window.dealdeck.frameStats());
export const snapshot = (page) => page.evaluate(() => window.dealdeck.snapshot());
export const load = (page, json) => page.evaluate((j) => window.dealdeck.load(j), json);
export const nextFrame = (page) => page.evaluate(() => window.dealdeck.nextFrame());

// Polls the bridge until `predicate(items)` holds; frames only come after input, so a few
// nextFrame() waits are what a change needs, but polling keeps tests free of frame counting.
export async function waitForItems(page, predicate, { timeoutMs = 10_000, what = 'items' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = [];
  while (Date.now() < deadline) {
    last = await items(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  const labels = last.map((i) => i.label).join(' | ');
  throw new Error(`timed out waiting for ${what}; items now: ${labels}`);
}

// Clicks a widget the way a user does: the real mouse at the centre of its bridge rectangle.
export async function clickItem(page, label) {
  const item = await find(page, label);
  if (!item) {
    const labels = (await items(page)).map((i) => i.label).join(' | ');
    throw new Error(`no item labelled "${label}"; items: ${labels}`);
  }
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
  return item;
}

// "Load sample data" in the top bar (confirming "Replace workspace" when asked). The first click
// can land before the page has focus: click until the store holds deals.
export async function loadSampleFromTopBar(page) {
  for (let attempt = 0; attempt < 5 && (await snapshot(page)).deals.length === 0; attempt++) {
    await clickItem(page, 'Load sample data');
    await nextFrame(page);
    if ((await items(page)).some((i) => i.label === 'Replace workspace')) await clickItem(page, 'Replace workspace');
    await nextFrame(page);
  }
}

export function resultPath(name) {
  fs.mkdirSync(resultsDir, { recursive: true });
  return path.join(resultsDir, name);
}

// Text of the visible #dd-error element, or null while it is hidden or empty.
export function errorText(page) {
  return page.evaluate(() => {
    const el = document.getElementById('dd-error');
    if (!el) return null;
    const style = getComputedStyle(el);
    const visible = style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
    const text = el.textContent.trim();
    return visible && text ? text : null;
  });
}

// Clicks the item labelled `label` once its rectangle has stood still for a frame (a dialog or
// popup sizes itself over a frame or two, and a click at the first position can miss), with the
// pointer resting on it for a frame first, as a person's would: ImGui decides hover per frame, and
// a press that arrives in the same frame as the move can be missed by some widgets.
export async function clickSettled(page, label) {
  const has = (all) => all.some((i) => i.label === label);
  let before = null;
  for (let i = 0; i < 20; ++i) {
    await waitForItems(page, has, { what: `"${label}"` });
    const now = await find(page, label);
    if (before && now && now.x === before.x && now.y === before.y && now.w === before.w) break;
    before = now;
    await nextFrame(page);
  }
  const item = await find(page, label);
  await page.mouse.move(item.x + item.w / 2, item.y + item.h / 2);
  await nextFrame(page);
  await clickItem(page, label);
  await nextFrame(page);
}
