// Text for numbers on the dashboard: units, rounding and axis ticks, worked out by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as format from '../../../../resources/web/assets/format.js';

const cases = (name, fn, rows) => {
  test(name, () => {
    for (const [input, expected] of rows) assert.equal(fn(input), expected, `input ${input}`);
  });
};

// The strings the desktop's Format must give too (tst_valueformat.cpp reads the same file).
const shared = JSON.parse(readFileSync(new URL('../../../fixtures/format-cases.json', import.meta.url), 'utf8'));
const sharedFunctions = {
  bytes: format.formatBytes,
  rate: format.formatRate,
  percent: format.formatPercent,
  celsius: format.formatCelsius,
  watts: format.formatWatts,
  wattHours: format.formatWattHours,
  wattNumber: format.formatWattNumber,
  duration: format.formatDuration,
};
for (const [kind, fn] of Object.entries(sharedFunctions)) {
  test(`${kind}: the strings both front ends give`, () => {
    assert.ok(shared[kind].length > 0, `format-cases.json has ${kind} rows`);
    for (const row of shared[kind]) assert.equal(fn(row.in), row.out, `${row.in}: ${row.why}`);
  });
}

cases('undefined is unknown too, as a missing value of a sample', format.formatBytes, [
  [undefined, '—'],
  [NaN, '—'],
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

test('spans of hours and days tick on hours and days of local time', () => {
  const zone = process.env.TZ;
  process.env.TZ = 'UTC';
  try {
    // 24 h from 1700000000000 (2023-11-14 22:13:20 UTC), 7 ticks at most: 3 h steps give 8,
    // 6 h steps (21600000) give 4: 1700006400000 (00:00 on the 15th), + 21600000 each.
    assert.deepEqual(format.timeTicks(1700000000000, 1700086400000, 7), [
      1700006400000, 1700028000000, 1700049600000, 1700071200000,
    ]);
    // 30 d from the same start, 10 ticks at most: 2 d steps give 15, 7 d steps give 4 or 5:
    // multiples of 604800000 from 1700006400000 (1700006400000 / 604800000 = 2810.85…, so the
    // first is 2811 × 604800000 = 1700092800000, the 16th 00:00).
    assert.deepEqual(format.timeTicks(1700000000000, 1702592000000, 10), [
      1700092800000, 1700697600000, 1701302400000, 1701907200000, 1702512000000,
    ]);
    assert.equal(format.formatDay(1700092800000), '16 Nov');
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
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
