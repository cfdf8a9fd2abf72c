// The process tree: children under their parent by ppid, siblings sorted, collapse, and a
// filter that keeps the ancestors of its matches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childrenByParent, treeList } from '../../../../resources/web/assets/processtree.js';

// 1 init ─┬─ 10 sshd ── 11 sshd ── 12 bash ── 13 vim
//         ├─ 20 cron
//         └─ 5 dbus
// 2 kthreadd ── 3 kworker      (2's parent 0 is not a process: a second root)
// 40 orphan under 99, which ended this tick: a root too
const rows = new Map(
  [
    [1, 0, 'init', 0.1],
    [10, 1, 'sshd', 0],
    [11, 10, 'sshd', 0.5],
    [12, 11, 'bash', 0],
    [13, 12, 'vim', 3],
    [20, 1, 'cron', 0],
    [5, 1, 'dbus', 0.2],
    [2, 0, 'kthreadd', 0],
    [3, 2, 'kworker', 1],
    [40, 99, 'orphan', 0],
  ].map(([pid, ppid, name, cpu]) => [pid, { pid, ppid, name, cpu, user: 'root', state: 'S', cmdline: name }]),
);
const NO_FILTER = { text: '', user: '', state: '' };
const BY_PID = { key: 'pid', direction: 'asc' };
const shape = (list) => list.map(({ row, depth }) => `${'  '.repeat(depth)}${row.pid}`);

test('roots are the processes whose parent is not listed', () => {
  const { roots, children } = childrenByParent(rows);
  assert.deepEqual(roots.map((r) => r.pid).sort((a, b) => a - b), [1, 2, 40]);
  assert.deepEqual(children.get(1).map((r) => r.pid).sort((a, b) => a - b), [5, 10, 20]);
});

test('depth first, each under its parent, siblings by PID', () => {
  assert.deepEqual(shape(treeList(rows, NO_FILTER, BY_PID, new Set())), [
    '1', '  5', '  10', '    11', '      12', '        13', '  20', '2', '  3', '40',
  ]);
});

test('the sort applies among siblings, never across parents', () => {
  // By CPU, largest first. Roots: init (0.1), then kthreadd and orphan (0, by PID: 2, 40), the
  // 1 % of kworker below kthreadd not counting. Under init: dbus (0.2), then sshd and cron (0,
  // by PID: 10, 20).
  const list = treeList(rows, NO_FILTER, { key: 'cpu', direction: 'desc' }, new Set());
  assert.deepEqual(shape(list), ['1', '  5', '  10', '    11', '      12', '        13', '  20', '2', '  3', '40']);
  const byName = treeList(rows, NO_FILTER, { key: 'name', direction: 'desc' }, new Set());
  // Roots by name, Z–A: orphan, kthreadd, init; init's children: sshd, dbus, cron.
  assert.deepEqual(shape(byName), ['40', '2', '  3', '1', '  10', '    11', '      12', '        13', '  5', '  20']);
});

test('a collapsed parent hides everything below it and says it has children', () => {
  const list = treeList(rows, NO_FILTER, BY_PID, new Set([10, 20]));
  assert.deepEqual(shape(list), ['1', '  5', '  10', '  20', '2', '  3', '40']);
  const sshd = list.find((entry) => entry.row.pid === 10);
  assert.deepEqual([sshd.parent, sshd.collapsed], [true, true]);
  // cron has no children: collapsing it changes nothing and it is no parent.
  const cron = list.find((entry) => entry.row.pid === 20);
  assert.deepEqual([cron.parent, cron.collapsed], [false, false]);
});

test('a filter keeps its matches and their ancestors, nothing else', () => {
  const list = treeList(rows, { ...NO_FILTER, text: 'vim' }, BY_PID, new Set());
  assert.deepEqual(shape(list), ['1', '  10', '    11', '      12', '        13']);
  const two = treeList(rows, { ...NO_FILTER, text: 'k' }, BY_PID, new Set());
  // "k" is in kthreadd and kworker only.
  assert.deepEqual(shape(two), ['2', '  3']);
});

test('nothing matching shows nothing', () => {
  assert.deepEqual(treeList(rows, { ...NO_FILTER, text: 'postgres' }, BY_PID, new Set()), []);
});
