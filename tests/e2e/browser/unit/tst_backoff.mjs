// Reconnect delays: quick at first (0.25 s, 0.5 s, 1 s three times), then 2 s doubling to 10 s,
// spread by ±25 % with the random number given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay } from '../../../../resources/web/assets/backoff.js';

test('the first attempts are quick, then the delay doubles from 2 s and stops at 10 s', () => {
  // random 0.5 = no spread. Attempts 0–4: 250, 500, 1000, 1000, 1000; then 2000 × 2^(n − 5):
  // 2000, 4000, 8000, then 16000 capped to 10000.
  const delays = [0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => reconnectDelay(attempt, 0.5));
  assert.deepEqual(delays, [250, 500, 1000, 1000, 1000, 2000, 4000, 8000, 10000, 10000]);
});

test('a server back within 5 s is tried again within 1.25 s of its return', () => {
  // The worst spread (random just under 1, × 1.2499995) of the quick attempts: 312.4999 → 312,
  // 625, 1250, 1250, 1250 ms; they run until 312 + 625 + 3 × 1250 = 4687 ms after the close with
  // no gap over 1250 ms.
  const delays = [0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, 0.999999));
  assert.deepEqual(delays, [312, 625, 1250, 1250, 1250]);
});

test('a server that stays away is not hammered: a minute of retries is 12 attempts', () => {
  // No spread: 250 + 500 + 3 × 1000 = 3750 after the quick ones; then 2000, 4000, 8000 (17750)
  // and 10000 each: 27750, 37750, 47750, 57750 → 5 + 3 + 4 = 12 attempts within 60 s.
  let elapsed = 0;
  let attempts = 0;
  while (elapsed + reconnectDelay(attempts, 0.5) <= 60000) {
    elapsed += reconnectDelay(attempts, 0.5);
    attempts += 1;
  }
  assert.equal(attempts, 12);
  assert.equal(elapsed, 57750);
});

test('jitter spreads each delay by a quarter either way, never past 10 s', () => {
  assert.equal(reconnectDelay(0, 0), 188); // 250 × 0.75 = 187.5, rounded
  assert.equal(reconnectDelay(2, 0), 750); // 1000 × 0.75
  assert.equal(reconnectDelay(5, 0), 1500); // 2000 × 0.75
  assert.equal(reconnectDelay(8, 0), 7500); // 10000 × 0.75
  assert.equal(reconnectDelay(8, 0.999999), 10000); // 12500 capped
});

test('a negative attempt counts as the first', () => {
  assert.equal(reconnectDelay(-3, 0.5), 250);
});
