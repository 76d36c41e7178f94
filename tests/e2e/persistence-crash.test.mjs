// Chromium killed (SIGKILL, no clean shutdown) at random moments while the app saves, 3 times:
// after each reopen the workspace is the last saved state or one asked for after it, never torn,
// never empty. The long version is scripts/soak-persistence.mjs (many iterations, not in CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appDir } from './helpers/app.mjs';
import { runCrashIterations } from '../../scripts/soak-persistence.mjs';

test('killed while saving, 3 times: reopens the last saved state or a newer one, never torn or empty', async () => {
  const seed = Date.now() % 100000;
  const log = [];
  const failures = await runCrashIterations({ iterations: 4, appDir, seed, log: (l) => log.push(l) });
  assert.deepEqual(failures, [], `seed ${seed} (repeat: node scripts/soak-persistence.mjs --seed ${seed})\n${log.join('\n')}`);
});
