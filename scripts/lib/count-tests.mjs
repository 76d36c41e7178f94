// Counts passed and failed tests from a suite's log, for the summary of scripts/test.sh.
// Prints "<passed> <failed>".
//
//   node count-tests.mjs ctest <build>/Testing/Temporary/LastTest.log
//     Each ctest test that is a doctest program counts its doctest test cases; a test that failed
//     without doctest's own failure count (a crash, a timeout, an exit after the last case) adds
//     one failure, so a broken suite can never read as all green. Any other test counts as one.
//   node count-tests.mjs tap <report.tap>
//     node --test's TAP report: the "# pass" and "# fail" totals ("# cancelled" counts as failed).
import fs from 'node:fs';

const [mode, file] = process.argv.slice(2);
// Colour codes removed: doctest under Node (WASM) believes it writes to a terminal.
const text = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;

if (mode === 'ctest') {
  // LastTest.log holds one block per test, from "<i>/<n> Test: <name>" to "Test Passed."/"Test Failed."
  const blocks = text.split(/^\d+\/\d+ Test: /m).slice(1);
  for (const block of blocks) {
    const ok = /^Test Passed\./m.test(block);
    const summary = block.match(/\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/);
    if (summary) {
      passed += Number(summary[2]);
      failed += Number(summary[3]);
      if (!ok && Number(summary[3]) === 0) failed += 1;
    } else if (ok) {
      passed += 1;
    } else {
      failed += 1;
    }
  }
} else if (mode === 'tap') {
  const total = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) || [0, 0])[1]);
  passed = total('pass');
  failed = total('fail') + total('cancelled');
} else {
  console.error('usage: count-tests.mjs ctest|tap <file>');
  process.exit(2);
}
console.log(`${passed} ${failed}`);
