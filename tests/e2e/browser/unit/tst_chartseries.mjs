// Which series each chart draws: present ones only, devices that appear get a line each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  selectCpu,
  selectDiskIo,
  selectMemory,
  selectNetwork,
} from '../../../../resources/web/assets/chartseries.js';

const names = [
  'cpu.total',
  'cpu.user',
  'mem.percent',
  'net[eth0].rxBps',
  'net[eth0].txBps',
  'net[wg0].rxBps',
  'disks[/].readBps',
  'disks[/].writeBps',
  'disks[/srv data].writeBps',
];

test('only series the store holds are drawn', () => {
  assert.deepEqual(
    selectCpu(names).map((s) => s.name),
    ['cpu.total', 'cpu.user'],
  );
  assert.deepEqual(
    selectMemory(names).map((s) => s.name),
    ['mem.percent'],
  );
});

test('every interface gets its own colour; transmit is dashed', () => {
  assert.deepEqual(selectNetwork(names), [
    { name: 'net[eth0].rxBps', label: 'eth0 ↓ rx', colour: 0, dashed: false },
    { name: 'net[eth0].txBps', label: 'eth0 ↑ tx', colour: 0, dashed: true },
    { name: 'net[wg0].rxBps', label: 'wg0 ↓ rx', colour: 1, dashed: false }, // no tx series held
  ]);
});

test('mount points with spaces and slashes are kept whole', () => {
  assert.deepEqual(
    selectDiskIo(names).map((s) => [s.label, s.colour]),
    [
      ['/ read', 0],
      ['/ write', 0],
      ['/srv data write', 1],
    ],
  );
});

test('nothing held, nothing drawn', () => {
  assert.deepEqual(selectNetwork([]), []);
  assert.deepEqual(selectCpu([]), []);
});
