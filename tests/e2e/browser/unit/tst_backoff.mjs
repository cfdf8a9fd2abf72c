// Reconnect delays: 0.5 s doubling to 10 s, spread by ±25 % with the random number given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay } from '../../../../resources/web/assets/backoff.js';

test('the delay doubles from 0.5 s and stops at 10 s (random 0.5 = no spread)', () => {
  // 500 × 2^n: 500, 1000, 2000, 4000, 8000, then 16000 capped to 10000.
  const delays = [0, 1, 2, 3, 4, 5, 9].map((attempt) => reconnectDelay(attempt, 0.5));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10000, 10000]);
});

test('jitter spreads each delay by a quarter either way, never past 10 s', () => {
  assert.equal(reconnectDelay(0, 0), 375); // 500 × 0.75
  assert.equal(reconnectDelay(0, 0.999999), 625); // 500 × 1.25, rounded
  assert.equal(reconnectDelay(3, 0), 3000); // 4000 × 0.75
  assert.equal(reconnectDelay(5, 0), 7500); // 10000 × 0.75
  assert.equal(reconnectDelay(5, 0.999999), 10000); // 12500 capped
});

test('a negative attempt counts as the first', () => {
  assert.equal(reconnectDelay(-3, 0.5), 500);
});
