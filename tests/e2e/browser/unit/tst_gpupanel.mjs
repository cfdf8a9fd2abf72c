// The GPU card's text and charts: what a suspended GPU and an unread value show, the VRAM share
// and where a chart's points fall, all worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ASLEEP_TEXT,
  GpuTrails,
  chartPoints,
  gpuFacts,
  gpuSubtitle,
  stateText,
  vramShare,
} from '../../../../resources/web/assets/gpupanel.js';

const GIB = 1024 ** 3;

const active = {
  id: '0000:03:00.0',
  name: 'Navi 23',
  vendor: 'amd',
  driver: 'amdgpu',
  state: 'active',
  load: 37,
  vramUsed: 2 * GIB,
  vramTotal: 8 * GIB,
  gttUsed: null,
  gttTotal: null,
  temp: 45,
  tempCritical: 100,
  power: 15,
  powerLimit: 150,
  clock: 800,
  fan: null,
};

const asleep = {
  ...active,
  id: '0000:04:00.0',
  state: 'suspended',
  load: null,
  vramUsed: 256 * 1024 ** 2,
  temp: null,
  tempCritical: null,
  power: null,
  powerLimit: null,
  clock: null,
};

test('the VRAM share is used over total, unknown without both', () => {
  // 2 GiB of 8 GiB = 25 %
  assert.equal(vramShare(active), 25);
  assert.equal(vramShare({ vramUsed: null, vramTotal: 8 * GIB }), null);
  assert.equal(vramShare({ vramUsed: 1, vramTotal: 0 }), null);
});

test('an active GPU lists its values with their limits, an unread one a dash', () => {
  assert.deepEqual(gpuFacts(active), [
    ['Load', '37 %'],
    ['VRAM', '2.0 GiB of 8.0 GiB (25 %)'],
    ['Temperature', '45 °C (critical 100 °C)'],
    ['Power', '15 W of 150 W'],
    ['Clock', '800 MHz'],
    ['Fan', '—'],
  ]);
  assert.equal(gpuSubtitle(active), 'AMD · amdgpu');
  assert.equal(gpuSubtitle({ vendor: 'intel', driver: null }), 'Intel');
  assert.equal(gpuSubtitle({ vendor: 'matrox', driver: 'mgag200' }), 'matrox · mgag200');
});

test('a suspended GPU reads as asleep with dashes, never zeros', () => {
  // 256 MiB of 8 GiB = 1/32 = 3.125 %, one decimal below 10: 3.1 %
  assert.deepEqual(gpuFacts(asleep), [
    ['Load', '—'],
    ['VRAM', '256 MiB of 8.0 GiB (3.1 %)'],
    ['Temperature', '—'],
    ['Power', '—'],
    ['Clock', '—'],
    ['Fan', '—'],
  ]);
  assert.equal(stateText('suspended'), 'asleep');
  assert.equal(stateText('gone'), 'gone');
  assert.match(ASLEEP_TEXT, /^Asleep \(runtime-suspended\)/);
});

test('GTT shows only where the driver has it, after VRAM', () => {
  const apu = { ...active, gttUsed: GIB, gttTotal: 4 * GIB };
  assert.deepEqual(gpuFacts(apu)[2], ['GTT', '1.0 GiB of 4.0 GiB']);
});

test('a chart spans at least a minute and leaves unread values out', () => {
  const trails = new GpuTrails();
  trails.add(0, [active]);
  trails.add(30000, [{ ...active, load: null }]);
  trails.add(60000, [{ ...active, load: 50 }]);
  // span 60 s in 120 wide: ts 0 at x 0, ts 60000 at x 120; load 37 of 100 in 32 high:
  // y = 32 - 32 * 0.37 = 20.16 -> 20.2; load 50: y = 16. The null at 30 s is a gap.
  assert.equal(chartPoints(trails.trail(active.id), 'load', 100, 60000, 120, 32), '0,20.2 120,16');
});

test('points closer than a second are merged and a GPU that leaves is forgotten', () => {
  const trails = new GpuTrails();
  trails.add(1000, [active, asleep]);
  trails.add(1500, [active, asleep]);
  assert.equal(trails.trail(active.id).length, 1);
  trails.add(2000, [active]);
  assert.equal(trails.trail(active.id).length, 2);
  assert.deepEqual(trails.trail(asleep.id), []);
});

test('a value above its top lifts the top; zeros without a top lie on the floor', () => {
  const trail = [
    { ts: 0, power: 0 },
    { ts: 60000, power: 20 },
  ];
  // no limit: top is max(1, 0, 20) = 20; 20 W at y 0, 0 W at y 32
  assert.equal(chartPoints(trail, 'power', null, 60000, 120, 32), '0,32 120,0');
  assert.equal(chartPoints([{ ts: 0, power: 0 }], 'power', null, 60000, 120, 32), '0,32');
});
