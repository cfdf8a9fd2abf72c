// Sorting the top processes: by any column, both ways, ties by PID so rows stay put.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortProcesses } from '../../../../resources/web/assets/processtable.js';

const processes = [
  { pid: 30, name: 'bash', cpu: 0, rss: 4096 },
  { pid: 7, name: 'Xorg', cpu: 12.5, rss: 104857600 },
  { pid: 12, name: 'firefox', cpu: 35.5, rss: 1073741824 },
  { pid: 4, name: 'kworker', cpu: 0, rss: null },
];
const pids = (list) => list.map((p) => p.pid);

test('by CPU, largest first; equal CPU falls back to the smaller PID', () => {
  assert.deepEqual(pids(sortProcesses(processes, 'cpu', 'desc')), [12, 7, 4, 30]);
  assert.deepEqual(pids(sortProcesses(processes, 'cpu', 'asc')), [4, 30, 7, 12]);
});

test('by memory, an unknown RSS sorts as the smallest', () => {
  assert.deepEqual(pids(sortProcesses(processes, 'rss', 'desc')), [12, 7, 30, 4]);
});

test("by name in the locale's order, not by code point", () => {
  // localeCompare puts "Xorg" after "kworker"; a code-point sort would put it first.
  assert.deepEqual(pids(sortProcesses(processes, 'name', 'asc')), [30, 12, 4, 7]);
});

test('by PID, and the input is not modified', () => {
  const copy = structuredClone(processes);
  assert.deepEqual(pids(sortProcesses(processes, 'pid', 'asc')), [4, 7, 12, 30]);
  assert.deepEqual(processes, copy);
});
