// The Services view's pure parts: the section of each kind, the text filter, the sort with its
// unknown values last, the CPU trails kept per cgroup and the sparkline's points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CpuTrails,
  groupOf,
  matches,
  SPARK_MIN_MS,
  sortRows,
  sparkPoints,
  TRAIL_MS,
  TRAIL_STEP_MS,
} from '../../../../resources/web/assets/servicesview.js';

const rows = [
  { name: 'nginx.service', kind: 'service', runtime: null, path: '/system.slice/nginx.service', cpu: 12.5, memory: 50331648, readBps: 0, writeBps: 4096, pids: 5 },
  { name: 'cron.service', kind: 'service', runtime: null, path: '/system.slice/cron.service', cpu: null, memory: 1048576, readBps: null, writeBps: null, pids: 1 },
  { name: 'Apache.service', kind: 'service', runtime: null, path: '/system.slice/Apache.service', cpu: 40, memory: null, readBps: 1024, writeBps: 0, pids: 12 },
  { name: 'web', kind: 'container', runtime: 'docker', path: '/system.slice/docker-1a2b3c4d5e6f.scope', cpu: 12.5, memory: 268435456, readBps: 2048, writeBps: 0, pids: 3 },
];
const names = (list) => list.map((row) => row.name);

test('each kind has its section; sessions and scopes share one, an unknown kind joins them', () => {
  assert.equal(groupOf({ kind: 'service' }), 'services');
  assert.equal(groupOf({ kind: 'slice' }), 'slices');
  assert.equal(groupOf({ kind: 'session' }), 'sessions');
  assert.equal(groupOf({ kind: 'scope' }), 'sessions');
  assert.equal(groupOf({ kind: 'container' }), 'containers');
  assert.equal(groupOf({ kind: 'machine' }), 'sessions');
});

test('the filter looks in the name, the path and the runtime, in any case', () => {
  assert.deepEqual(names(rows.filter((row) => matches(row, 'NGINX'))), ['nginx.service']);
  // "1a2b3c" is only in the container's path, "docker" only in its runtime and path.
  assert.deepEqual(names(rows.filter((row) => matches(row, '1a2b3c'))), ['web']);
  assert.deepEqual(names(rows.filter((row) => matches(row, 'docker'))), ['web']);
  assert.equal(rows.filter((row) => matches(row, '  ')).length, 4);
  assert.equal(rows.filter((row) => matches(row, 'system.slice')).length, 4);
});

test('numbers largest first; equal values by name; unknown last both ways', () => {
  // CPU 40, then 12.5 twice (nginx.service before web by name), cron's null last.
  assert.deepEqual(names(sortRows(rows, 'cpu', false)), ['Apache.service', 'nginx.service', 'web', 'cron.service']);
  assert.deepEqual(names(sortRows(rows, 'cpu', true)), ['nginx.service', 'web', 'Apache.service', 'cron.service']);
  // Memory 256 MiB, 48 MiB, 1 MiB, then Apache's null.
  assert.deepEqual(names(sortRows(rows, 'memory', false)), ['web', 'nginx.service', 'cron.service', 'Apache.service']);
  // Read 2048, 1024, 0, then cron's null; write 4096, then 0 twice by name, then null.
  assert.deepEqual(names(sortRows(rows, 'readBps', false)), ['web', 'Apache.service', 'nginx.service', 'cron.service']);
  assert.deepEqual(names(sortRows(rows, 'writeBps', false)), ['nginx.service', 'Apache.service', 'web', 'cron.service']);
  assert.deepEqual(names(sortRows(rows, 'pids', true)), ['cron.service', 'web', 'nginx.service', 'Apache.service']);
});

test("names in the locale's order, and the input is left as it was", () => {
  const copy = structuredClone(rows);
  // localeCompare puts "Apache" before "cron" and "web" last; a code-point sort would not.
  assert.deepEqual(names(sortRows(rows, 'name', true)), ['Apache.service', 'cron.service', 'nginx.service', 'web']);
  assert.deepEqual(names(sortRows(rows, 'name', false)), ['web', 'nginx.service', 'cron.service', 'Apache.service']);
  assert.deepEqual(rows, copy);
});

test('a trail keeps a point a second over the last five minutes and forgets a cgroup that left', () => {
  const trails = new CpuTrails();
  const a = { path: '/a.service', cpu: 10 };
  const b = { path: '/b.service', cpu: 20 };
  trails.add(0, [a, b]);
  trails.add(TRAIL_MS / 2, [{ ...a, cpu: 30 }, b]);
  // Less than a step after the last point: not kept, so a fast interval does not grow the trail.
  trails.add(TRAIL_MS / 2 + TRAIL_STEP_MS - 1, [{ ...a, cpu: 99 }, b]);
  // At TRAIL_MS + 1 ms the point at 0 is older than five minutes; b is gone from the sample.
  trails.add(TRAIL_MS + 1, [{ ...a, cpu: null }]);
  assert.deepEqual(trails.trail('/a.service'), [
    { ts: TRAIL_MS / 2, cpu: 30 },
    { ts: TRAIL_MS + 1, cpu: null },
  ]);
  assert.deepEqual(trails.trail('/b.service'), []);
});

test('sparkline points: time across the trail, 0 to 100 % of a core up, higher values raise the top', () => {
  const now = 1_000_000;
  // In a 60 × 16 box: the point at now - TRAIL_MS is at x 0, the one at now at x 60; 50 % of
  // the 0-100 scale is y 16 - 8 = 8, 0 % is y 16, a null point is left out.
  const trail = [
    { ts: now - TRAIL_MS, cpu: 50 },
    { ts: now - TRAIL_MS / 2, cpu: null },
    { ts: now, cpu: 0 },
  ];
  assert.equal(sparkPoints(trail, now, 60, 16), '0,8 60,16');
  // A point at 200 % of a core makes 200 the top: 200 is y 0, 50 is y 16 - 4 = 12; the one at
  // three quarters of the window is at x 45.
  const busy = [
    { ts: now - TRAIL_MS, cpu: 50 },
    { ts: now - TRAIL_MS / 4, cpu: 200 },
  ];
  assert.equal(sparkPoints(busy, now, 60, 16), '0,12 45,0');
});

test('a young trail spans a minute, not its few seconds', () => {
  const now = 1_000_000;
  // 30 s of points in a 60 s span: the first at x 60 × 30 / 60 = 30, the last at 60; 25 % of the
  // 0-100 scale in a 16 high box is y 12.
  const young = [
    { ts: now - SPARK_MIN_MS / 2, cpu: 25 },
    { ts: now, cpu: 25 },
  ];
  assert.equal(sparkPoints(young, now, 60, 16), '30,12 60,12');
});
