// Crash soak of the persistence (docs/storage.md): Chromium is killed (SIGKILL to its process
// group: no pagehide, no clean IndexedDB shutdown) at a random moment while the app is saving,
// then reopened on the same profile. Every time, the workspace must be the last state confirmed
// saved or a state triggered after it (never torn, never empty), and no warning may be shown
// unless a file really was damaged.
//
//   node scripts/soak-persistence.mjs [--iterations 50] [--app build/web/app] [--seed 1]
//
// tests/e2e/persistence-crash.test.mjs runs 3 iterations of the same loop in CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.resolve(here, '../tests/e2e');

// The signature of a workspace as the user sees it: every deal's title, sorted.
const signature = (ws) => JSON.stringify((ws.deals ?? []).map((d) => d.title).sort());

// A small deterministic random source, so a failing run can be repeated with its seed.
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

export async function runCrashIterations({ iterations, appDir, seed = 1, log = () => {} }) {
  const { launchKillable, waitSaved } = await import(pathToFileURL(path.join(e2e, 'helpers/persist.mjs')).href);
  const { waitReady, snapshot, load, clickItem } = await import(pathToFileURL(path.join(e2e, 'helpers/app.mjs')).href);
  const rand = random(seed);
  const server = await startStaticServer({ root: appDir });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dealdeck-soak-'));
  const failures = [];
  let confirmed = null;        // signature of the last state seen saved (durable)
  let triggered = [];          // signatures of the states asked for after it
  try {
    for (let i = 0; i < iterations; i++) {
      const chromium = await launchKillable(profile);
      try {
        const { page } = chromium;
        await page.goto(server.url, { waitUntil: 'load' });
        await waitReady(page);
        const ws = await snapshot(page);
        const got = signature(ws);
        const warnings = await page.evaluate(() => [...document.querySelectorAll('.dd-notice')].map((n) => n.textContent));
        if (confirmed !== null) {
          const allowed = [confirmed, ...triggered];
          if (!allowed.includes(got)) failures.push(`iteration ${i}: reopened a state that was never saved (${ws.deals?.length ?? 0} deals)`);
          if ((ws.deals ?? []).length === 0) failures.push(`iteration ${i}: reopened an empty workspace`);
          if (warnings.length) failures.push(`iteration ${i}: warnings after a crash: ${warnings.join(' | ')}`);
        }
        let base = ws;
        if ((ws.deals ?? []).length === 0) {   // first start: the sample data, a whole-workspace save
          await clickItem(page, 'Load sample data');
          const until = Date.now() + 15_000;
          while ((base = await snapshot(page)).deals.length === 0 && Date.now() < until) await page.waitForTimeout(50);
          if (base.deals.length === 0) { failures.push(`iteration ${i}: the sample data did not load`); break; }
        }
        await waitSaved(page);
        confirmed = signature(await snapshot(page));
        triggered = [];
        const saves = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < saves; k++) {
          base.deals.forEach((d, j) => { d.title = `Deal ${j} round ${i}.${k}`; });
          triggered.push(signature(base));
          const asked = await page.evaluate(() => window.dealdeck.storageStats().requested);
          const r = await load(page, base);
          if (!r.ok) failures.push(`iteration ${i}: load refused: ${JSON.stringify(r)}`);
          // The save is asked for after the next frame: until then "Saved" is about the previous state.
          const until = Date.now() + 5_000;
          while ((await page.evaluate(() => window.dealdeck.storageStats().requested)) === asked && Date.now() < until) await page.waitForTimeout(5);
          if (k + 1 < saves && rand() < 0.5) { await waitSaved(page); confirmed = triggered.pop(); triggered = []; }
        }
        await new Promise((r) => setTimeout(r, Math.floor(rand() * rand() * 300)));   // mostly early: mid-save
        const status = await page.evaluate(() => window.dealdeck.saveStatus()).catch(() => null);
        if (status && status.durable && status.text === 'Saved') { confirmed = triggered[triggered.length - 1]; triggered = []; }
        log(`iteration ${i}: ${saves} saves, killed ${status && status.durable ? 'after' : 'during'} the last one`);
      } finally {
        await chromium.kill();
      }
    }
  } finally {
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return failures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = { iterations: 50, app: path.resolve(here, '../build/web/app'), seed: Date.now() % 100000 };
  for (let i = 2; i < process.argv.length; i++) {
    const [k, v] = [process.argv[i], process.argv[i + 1]];
    if (k === '--iterations') { args.iterations = Number(v); i++; } else if (k === '--app') { args.app = path.resolve(v); i++; } else if (k === '--seed') { args.seed = Number(v); i++; } else { console.error(`unknown argument ${k}`); process.exit(2); }
  }
  console.log(`crash soak: ${args.iterations} iterations, app ${args.app}, seed ${args.seed}`);
  const failures = await runCrashIterations({ iterations: args.iterations, appDir: args.app, seed: args.seed, log: (l) => console.log(l) });
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(failures.length ? `${failures.length} failures` : `ok: ${args.iterations} crashes, the workspace was never torn or empty`);
  process.exit(failures.length ? 1 : 0);
}
