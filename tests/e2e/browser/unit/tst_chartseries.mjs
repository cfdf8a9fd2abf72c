// Which series each chart draws: present ones only, devices that appear get a line each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  selectCpu,
  selectDiskIo,
  selectMemory,
  selectNetwork,
  elideMiddle,
  withoutIdle,
} from '../../../../resources/web/assets/chartseries.js';

const names = [
  'cpu.total',
  'cpu.user',
  'mem.percent',
  'mem.used',
  'swap.used',
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
    ['mem.used', 'swap.used'], // bytes, on an axis as tall as the memory; no cached held
  );
});

test('every interface gets its own colour; transmit is dashed', () => {
  assert.deepEqual(selectNetwork(names), [
    { name: 'net[eth0].rxBps', label: 'eth0 ↓ rx', colour: 0, dashed: false, device: 'eth0' },
    { name: 'net[eth0].txBps', label: 'eth0 ↑ tx', colour: 0, dashed: true, device: 'eth0' },
    { name: 'net[wg0].rxBps', label: 'wg0 ↓ rx', colour: 1, dashed: false, device: 'wg0' }, // no tx held
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

// lo, eth0, wlan0 and docker0; only eth0 received and wlan0 sent: lo and docker0 never moved a
// byte in what the store holds.
const interfaces = ['lo', 'eth0', 'wlan0', 'docker0'].flatMap((iface) => [
  `net[${iface}].rxBps`,
  `net[${iface}].txBps`,
]);
const moved = new Set(['net[eth0].rxBps', 'net[wlan0].txBps']);
const isIdle = (name) => !moved.has(name);

test('idle interfaces are left out of the legend by default, and counted', () => {
  const { specs, idle } = withoutIdle(selectNetwork(interfaces), isIdle);
  assert.equal(idle, 2);
  // The shown devices take the first colours, in order: eth0 0, wlan0 1.
  assert.deepEqual(
    specs.map((s) => [s.label, s.colour]),
    [
      ['eth0 ↓ rx', 0],
      ['eth0 ↑ tx', 0],
      ['wlan0 ↓ rx', 1],
      ['wlan0 ↑ tx', 1],
    ],
  );
});

test('asked for, idle interfaces are shown too, each with its own colour', () => {
  const { specs, idle } = withoutIdle(selectNetwork(interfaces), isIdle, true);
  assert.equal(idle, 2);
  assert.deepEqual(
    [...new Map(specs.map((s) => [s.device, s.colour]))],
    [
      ['lo', 0],
      ['eth0', 1],
      ['wlan0', 2],
      ['docker0', 3],
    ],
  );
});

test('a mount that only wrote is not idle; none idle, none hidden', () => {
  const disks = ['disks[/].readBps', 'disks[/].writeBps', 'disks[/boot].readBps', 'disks[/boot].writeBps'];
  const wrote = (name) => name !== 'disks[/].writeBps';
  const { specs, idle } = withoutIdle(selectDiskIo(disks), wrote);
  assert.equal(idle, 1);
  assert.deepEqual(
    specs.map((s) => s.name),
    ['disks[/].readBps', 'disks[/].writeBps'],
  );
  assert.deepEqual(withoutIdle(selectDiskIo(disks), () => false).idle, 0);
});

test('a long name loses its middle, keeping its start and end', () => {
  // 40 characters to 20: 10 from the start, "…", 9 from the end.
  assert.equal(elideMiddle('/srv/archive/photos-and-videos-2024 read', 20), '/srv/archi…2024 read');
  assert.equal(elideMiddle('/home', 20), '/home');
  assert.equal(elideMiddle('/home/user', 10), '/home/user');
  assert.equal(elideMiddle('abcdef', 2), '…');
});
