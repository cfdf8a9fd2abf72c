// The pressure card's stall rate: the share of the time between two samples spent stalled, from
// the kernel's microsecond counter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stallRate } from '../../../../resources/web/assets/pressurepanel.js';

test('stalled microseconds over elapsed milliseconds, in percent', () => {
  // 250 000 µs stalled in 1000 ms = 1 000 000 µs: 25 %.
  assert.equal(stallRate({ totalUs: 1000000 }, { totalUs: 1250000 }, 1000), 25);
  // 1 500 000 µs stalled in 2000 ms = 2 000 000 µs: 75 %.
  assert.equal(stallRate({ totalUs: 0 }, { totalUs: 1500000 }, 2000), 75);
});

test('unknown without a previous sample, time, or when the counter went back', () => {
  assert.ok(Number.isNaN(stallRate(undefined, { totalUs: 5 }, 1000)));
  assert.ok(Number.isNaN(stallRate({ totalUs: 5 }, { totalUs: 10 }, 0)));
  assert.ok(Number.isNaN(stallRate({ totalUs: 10 }, { totalUs: 5 }, 1000)));
});
