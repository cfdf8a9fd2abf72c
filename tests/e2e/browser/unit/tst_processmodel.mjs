// The process list the web view keeps: topic messages applied in the protocol's order, the sort
// (stable by PID while values change) and the filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applyProcesses,
  compareRows,
  flatList,
  matchesFilter,
  usersOf,
} from '../../../../resources/web/assets/processmodel.js';

const row = (pid, fields = {}) => ({
  pid,
  ppid: 1,
  user: 'root',
  name: `p${pid}`,
  cmdline: null,
  state: 'S',
  cpu: 0,
  rss: 0,
  unit: null,
  ...fields,
});
const pids = (list) => list.map((entry) => entry.row.pid);
const NO_FILTER = { text: '', user: '', state: '' };

test('a whole list replaces what was there', () => {
  const rows = new Map([[9, row(9)]]);
  const touched = applyProcesses(rows, { full: true, processes: [row(1), row(2)] });
  assert.deepEqual([...rows.keys()], [1, 2]);
  assert.deepEqual([...touched].sort(), [1, 2, 9]);
});

test('a delta removes, then adds, then changes only the fields it names', () => {
  const rows = new Map();
  applyProcesses(rows, { full: true, processes: [row(1, { cpu: 1 }), row(2, { cpu: 2, rss: 4096 })] });
  // PID 2 ended and a new process got PID 2 in the same tick; then its cpu changed.
  applyProcesses(rows, {
    removed: [2],
    added: [row(2, { name: 'new', cpu: 0, rss: 8192 }), row(3)],
    changed: [{ pid: 2, cpu: 7.5 }, { pid: 1, rss: 12288 }],
  });
  assert.deepEqual([...rows.keys()].sort(), [1, 2, 3]);
  assert.equal(rows.get(2).name, 'new');
  assert.equal(rows.get(2).cpu, 7.5);
  assert.equal(rows.get(2).rss, 8192);
  assert.equal(rows.get(1).rss, 12288);
  assert.equal(rows.get(1).cpu, 1);
});

test('a change to a PID never added is left for the next whole list', () => {
  const rows = new Map([[1, row(1)]]);
  applyProcesses(rows, { changed: [{ pid: 5, cpu: 3 }] });
  assert.deepEqual([...rows.keys()], [1]);
});

test('a change to null is kept as null, not 0', () => {
  const rows = new Map([[1, row(1, { readBps: 4096 })]]);
  applyProcesses(rows, { changed: [{ pid: 1, readBps: null }] });
  assert.equal(rows.get(1).readBps, null);
});

test('sorted by a number both ways, ties by the smaller PID first, unknown the smallest', () => {
  const list = [row(30, { cpu: 5 }), row(4, { cpu: null }), row(12, { cpu: 5 }), row(7, { cpu: 50 })];
  const sortedPids = (direction) => [...list].sort(compareRows('cpu', direction)).map((r) => r.pid);
  // desc: 50 (7), then the two 5s by PID (12, 30), then unknown (4).
  assert.deepEqual(sortedPids('desc'), [7, 12, 30, 4]);
  // asc: unknown (4), the two 5s by PID (12, 30), 50 (7).
  assert.deepEqual(sortedPids('asc'), [4, 12, 30, 7]);
});

test('sorted by text in natural order, unknown as empty', () => {
  const list = [row(1, { unit: 'b10.service' }), row(2, { unit: 'b9.service' }), row(3, { unit: null })];
  // Numeric collation: "b9" before "b10"; null reads as "" and comes first.
  assert.deepEqual([...list].sort(compareRows('unit', 'asc')).map((r) => r.pid), [3, 2, 1]);
});

test('the order of equal values does not change when other values do', () => {
  const rows = new Map([3, 1, 2].map((pid) => [pid, row(pid, { cpu: 0 })]));
  const sort = { key: 'cpu', direction: 'desc' };
  assert.deepEqual(pids(flatList(rows, NO_FILTER, sort)), [1, 2, 3]);
  applyProcesses(rows, { changed: [{ pid: 3, rss: 1 }, { pid: 1, name: 'x' }] });
  assert.deepEqual(pids(flatList(rows, NO_FILTER, sort)), [1, 2, 3]);
});

test('the text filter finds name, command line, user, unit and the PID, in any case', () => {
  const nginx = row(4321, { name: 'nginx', cmdline: 'nginx: worker process', user: 'www-data', unit: 'nginx.service' });
  assert.ok(matchesFilter(nginx, { text: 'NGINX' }));
  assert.ok(matchesFilter(nginx, { text: 'worker' }));
  assert.ok(matchesFilter(nginx, { text: 'www' }));
  assert.ok(matchesFilter(nginx, { text: '.service' }));
  assert.ok(matchesFilter(nginx, { text: ' 4321 ' }));
  // A PID matches whole, not as part of another number.
  assert.ok(!matchesFilter(nginx, { text: '432' }));
  assert.ok(!matchesFilter(nginx, { text: 'postgres' }));
});

test('user and state filters match exactly, and all three together', () => {
  const list = new Map([
    [1, row(1, { user: 'root', state: 'S', name: 'init' })],
    [2, row(2, { user: 'alice', state: 'R', name: 'make' })],
    [3, row(3, { user: 'alice', state: 'S', name: 'make' })],
  ]);
  const sort = { key: 'pid', direction: 'asc' };
  assert.deepEqual(pids(flatList(list, { text: '', user: 'alice', state: '' }, sort)), [2, 3]);
  assert.deepEqual(pids(flatList(list, { text: '', user: '', state: 'S' }, sort)), [1, 3]);
  assert.deepEqual(pids(flatList(list, { text: 'make', user: 'alice', state: 'S' }, sort)), [3]);
});

test('the users to choose from: sorted, each once, no unknown', () => {
  const list = new Map([
    [1, row(1, { user: 'root' })],
    [2, row(2, { user: 'alice' })],
    [3, row(3, { user: null })],
    [4, row(4, { user: 'alice' })],
  ]);
  assert.deepEqual(usersOf(list), ['alice', 'root']);
});
