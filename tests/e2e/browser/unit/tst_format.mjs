// Text for numbers on the dashboard: units, rounding and axis ticks, worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as format from '../../../../resources/web/assets/format.js';

const cases = (name, fn, rows) => {
  test(name, () => {
    for (const [input, expected] of rows) assert.equal(fn(input), expected, `input ${input}`);
  });
};

cases('bytes in IEC units, one decimal below 100 of a unit', format.formatBytes, [
  [0, '0 B'],
  [1023, '1023 B'],
  [1024, '1.0 KiB'],
  [1536, '1.5 KiB'], // 1536 / 1024 = 1.5
  [102400, '100 KiB'], // 102400 / 1024 = 100: no decimal from 100 up
  [5 * 1024 ** 3, '5.0 GiB'],
  [1073741824 * 1.25, '1.3 GiB'], // 1.25 rounds to 1.3 (toFixed)
  [-2048, '-2.0 KiB'],
  [null, '—'],
  [NaN, '—'],
]);

cases('rates are bytes per second', format.formatRate, [
  [40960, '40.0 KiB/s'], // 40960 / 1024 = 40
  [123456789, '118 MiB/s'], // 123456789 / 1048576 = 117.7
  [undefined, '—'],
]);

cases('percent with a decimal below 10', format.formatPercent, [
  [7.54, '7.5 %'],
  [42.4, '42 %'],
  [100, '100 %'],
  [null, '—'],
]);

cases('durations as uptime text', format.formatDuration, [
  [12, '12 s'],
  [247, '4 min 7 s'], // 4 × 60 + 7
  [7500, '2 h 5 min'], // 2 × 3600 + 5 × 60
  [273600, '3 d 4 h'], // 3 × 86400 + 4 × 3600
  [-1, '—'],
]);

cases('ages of the last sample', format.formatAge, [
  [400, '0.4 s'],
  [12400, '12 s'],
  [180000, '3 min'],
]);

test('time ticks fall on round steps, at most maxCount of them', () => {
  // 1 s to 301 s (in ms), 6 ticks at most: 30 s steps would give 10, 60 s steps give 5.
  assert.deepEqual(format.timeTicks(1000, 301000, 6), [60000, 120000, 180000, 240000, 300000]);
  // 0 to 60 s with 4 ticks at most: 15 s steps would give 5 (0, 15, 30, 45, 60), 30 s give 3.
  assert.deepEqual(format.timeTicks(0, 60000, 4), [0, 30000, 60000]);
  assert.deepEqual(format.timeTicks(5000, 5000, 4), [], 'an empty span has no ticks');
});

test('a bytes axis tops at a round value of a binary unit', () => {
  // 200000 B = 195.3 KiB → 200 KiB = 204800 B, in 4 steps of 51200 B (50 KiB).
  assert.deepEqual(format.niceBytesAxis(200000), { max: 204800, step: 51200 });
  // 3 GiB → 5 GiB in 5 steps of 1 GiB.
  assert.deepEqual(format.niceBytesAxis(3 * 1024 ** 3), { max: 5 * 1024 ** 3, step: 1024 ** 3 });
  // 900 KiB → 1000 KiB (10 × 100 KiB) in 5 steps of 200 KiB.
  assert.deepEqual(format.niceBytesAxis(900 * 1024), { max: 1000 * 1024, step: 200 * 1024 });
  // Exactly 2 MiB stays 2 MiB.
  assert.deepEqual(format.niceBytesAxis(2 * 1024 ** 2), { max: 2 * 1024 ** 2, step: 512 * 1024 });
  assert.deepEqual(format.niceBytesAxis(0), { max: 1024, step: 256 }, 'an idle axis');
});
