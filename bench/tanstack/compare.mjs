// The list benchmark's side-by-side figure: bench_list's filter + sort (open deals of the first
// pipeline worth >= 1,000.00, by base value descending then title, ties in board order) run
// through @tanstack/table-core's getFilteredRowModel / getSortedRowModel on the rows bench_list
// exported (`bench_list --export rows.tsv`), so both sides see the same data. Proves the result is
// the same (row count and an FNV-1a checksum of the result's positions in the file, the checksum
// bench_list prints), then prints the median and the ratio to DealTable's figures.
//   node compare.mjs rows.tsv [--rows N --checksum C --native-ms X --wasm-ms Y] [--runs 7]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { createTable, getCoreRowModel, getFilteredRowModel, getSortedRowModel } from '@tanstack/table-core';

const args = process.argv.slice(2);
const file = args[0];
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const runs = opt('runs') ?? 7;
const version = createRequire(import.meta.url)('@tanstack/table-core/package.json').version;

// pipeline \t status \t base_value \t title, one deal per line, in board order.
const lines = readFileSync(file, 'utf8').split('\n');
const data = [];
for (let i = 1; i < lines.length; ++i) {
  if (!lines[i]) continue;
  const [pipeline, status, value, title] = lines[i].split('\t');
  data.push({ pipeline: Number(pipeline), status, base_value: Number(value), title });
}

const columns = [
  { accessorKey: 'pipeline', filterFn: 'equals' },
  { accessorKey: 'status', filterFn: 'equals' },
  { accessorKey: 'base_value', filterFn: 'inNumberRange', sortingFn: 'basic' },
  { accessorKey: 'title', sortingFn: 'text' },   // lower-cased, compared by code unit: like DealTable for ASCII
];
const table = createTable({
  data,
  columns,
  state: {},
  onStateChange: () => {},
  renderFallbackValue: null,
  getCoreRowModel: getCoreRowModel(),
  getFilteredRowModel: getFilteredRowModel(),
  getSortedRowModel: getSortedRowModel(),
});
// New state arrays each run: the filtered and sorted row models are memoized on them, so every
// run filters and sorts again (the core row model, like DealTable's columns, is built once).
const setQuery = () =>
  table.setOptions((prev) => ({
    ...prev,
    state: {
      ...table.initialState,
      columnFilters: [
        { id: 'pipeline', value: 0 },
        { id: 'status', value: 'open' },
        { id: 'base_value', value: [100000, undefined] },
      ],
      sorting: [{ id: 'base_value', desc: true }, { id: 'title', desc: false }],
    },
  }));

const c0 = process.cpuUsage();
setQuery();
table.getCoreRowModel();
const c1 = process.cpuUsage(c0);
const coreMs = (c1.user + c1.system) / 1000;

// CPU time of the process, like bench_list's figures (the machine is shared), wall time beside it.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = [], walls = [];
let result;
for (let i = 0; i < runs; ++i) {
  setQuery();
  const w0 = performance.now(), c0 = cpuMs();
  result = table.getRowModel().rows;
  times.push(cpuMs() - c0);
  walls.push(performance.now() - w0);
}
times.sort((a, b) => a - b);
walls.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const medianWall = walls[Math.floor(walls.length / 2)];

// FNV-1a over the result's positions (uint32, little-endian bytes), as bench_list computes it.
let h = 2166136261;
for (const row of result) {
  for (let b = 0; b < 4; ++b) {
    h ^= (row.index >>> (8 * b)) & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  }
}

console.log(`@tanstack/table-core ${version} in Node ${process.version}: ${data.length} rows loaded`);
console.log(`  core row model (once), CPU time: ${coreMs.toFixed(1)} ms`);
console.log(`  filter + sort, median of ${runs}, CPU time: ${median.toFixed(1)} ms  (wall ${medianWall.toFixed(1)} ms; ${result.length} rows, checksum ${h.toString(16).padStart(8, '0')})`);
console.log(`figure tanstack_version ${version}`);
console.log(`figure tanstack_ms ${median.toFixed(3)}`);
console.log(`figure tanstack_wall_ms ${medianWall.toFixed(3)}`);
console.log(`figure tanstack_rows ${result.length}`);
let ok = true;
const expectRows = opt('rows'), expectSum = opt('checksum');
if (expectRows !== undefined && (expectRows !== result.length || expectSum !== h)) {
  console.log(`  DIFFERENT RESULT: DealTable gave ${expectRows} rows, checksum ${expectSum?.toString(16)}`);
  ok = false;
} else if (expectRows !== undefined) {
  console.log('  same result as DealTable (row count and checksum of the order)');
}
console.log(`figure same_result ${ok ? 1 : 0}`);
for (const [name, ms] of [['native', opt('native-ms')], ['wasm', opt('wasm-ms')]]) {
  if (ms === undefined) continue;
  console.log(`  ratio tanstack / DealTable ${name}: ${(median / ms).toFixed(1)}x  (goal >= 5x)`);
  console.log(`figure ratio_${name} ${(median / ms).toFixed(2)}`);
}
process.exit(ok ? 0 : 1);
