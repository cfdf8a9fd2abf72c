// The status pill: live, stale after 1.5 missed intervals (1 s at least), reconnecting with a
// countdown; and why the page's numbers are stale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkStatus, staleReason } from '../../../../resources/web/assets/linkstatus.js';

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

test('stale only after more than 1.5 intervals without a sample', () => {
  assert.equal(linkStatus({ ...base, now: 11500 }).state, 'live'); // exactly 1.5 × 1000 ms
  const stale = linkStatus({ ...base, now: 11501 });
  assert.equal(stale.state, 'stale');
  assert.equal(stale.detail, 'last sample 1.5 s ago'); // 1501 ms
});

test('at a short interval stale waits a whole second, not 1.5 intervals', () => {
  // 1.5 × 500 ms = 750 ms is under the 1000 ms floor.
  const fast = { ...base, intervalMs: 500 };
  assert.equal(linkStatus({ ...fast, now: 11000 }).state, 'live'); // 1000 ms
  assert.equal(linkStatus({ ...fast, now: 11001 }).state, 'stale');
});

test('the numbers are stale when the link is down, or silent past the same limit', () => {
  assert.equal(staleReason(base), null); // 400 ms old
  assert.equal(staleReason({ ...base, now: 11500 }), null); // 1.5 × 1000 ms: not yet
  assert.equal(staleReason({ ...base, now: 11501 }), 'no data for 1 s'); // 1501 ms, whole seconds
  assert.equal(staleReason({ ...base, now: 17999 }), 'no data for 7 s'); // 7999 ms
  assert.equal(staleReason({ ...base, connected: false }), 'server unreachable'); // at once
  assert.equal(staleReason({ ...base, connected: false, lastSampleAt: null }), null); // nothing shown yet
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
