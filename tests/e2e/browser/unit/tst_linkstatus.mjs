// The status pill: live, stale after three missed intervals, reconnecting with a countdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkStatus } from '../../../../resources/web/assets/linkstatus.js';

const base = {
  connected: true,
  lastSampleAt: 10000,
  intervalMs: 1000,
  now: 10400,
  retryAt: null,
  attempt: 0,
};

test('connected with a recent sample is live, with its age', () => {
  assert.deepEqual(linkStatus(base), { state: 'live', label: 'Live', detail: 'last sample 0.4 s ago' });
});

test('connected before the first sample is live and says it waits', () => {
  assert.equal(linkStatus({ ...base, lastSampleAt: null }).detail, 'waiting for data');
});

test('stale only after more than three intervals without a sample', () => {
  assert.equal(linkStatus({ ...base, now: 13000 }).state, 'live'); // exactly 3 × 1000 ms
  const stale = linkStatus({ ...base, now: 13001 });
  assert.equal(stale.state, 'stale');
  assert.equal(stale.detail, 'last sample 3.0 s ago'); // 3001 ms
});

test('disconnected with a retry planned counts down in whole seconds', () => {
  const status = linkStatus({ ...base, connected: false, now: 20000, retryAt: 22100, attempt: 2 });
  // 2100 ms left → 3 s (rounded up); the last sample is 10 s old.
  assert.deepEqual(status, {
    state: 'reconnecting',
    label: 'Reconnecting',
    detail: 'attempt 2, retry in 3 s; last sample 10 s ago',
  });
  assert.equal(
    linkStatus({ ...base, connected: false, now: 23000, retryAt: 22100, attempt: 2, lastSampleAt: null })
      .detail,
    'attempt 2, retrying now',
  );
});

test('the very first connection is connecting', () => {
  assert.equal(linkStatus({ ...base, connected: false, lastSampleAt: null }).state, 'connecting');
});
