// The span every chart shows: live windows follow the newest sample, a zoom or a pan fixes the
// span in the past, "Live" returns; a historyRange answer read as chart points and a band.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryRange, TimeSpan } from '../../../../resources/web/assets/timespan.js';

const NEWEST = 1700000600000;

test('a live span ends at the newest sample and moves with it', () => {
  const span = new TimeSpan(300000);
  assert.equal(span.live, true);
  // 1700000600000 − 300000 = 1700000300000
  assert.deepEqual(span.range(NEWEST), { from: 1700000300000, to: NEWEST });
  assert.deepEqual(span.range(NEWEST + 1000), { from: 1700000301000, to: 1700000601000 });
  span.choose(86400000);
  // 1700000600000 − 86400000 = 1699914200000
  assert.deepEqual(span.range(NEWEST), { from: 1699914200000, to: NEWEST });
});

test('a drag zooms into its span in either direction and stays there as samples arrive', () => {
  const span = new TimeSpan(300000);
  assert.equal(span.zoom(1700000500000, 1700000440000), true);
  assert.equal(span.live, false);
  // 1700000500000 − 1700000440000 = 60000
  assert.equal(span.windowMs, 60000);
  assert.deepEqual(span.range(NEWEST), { from: 1700000440000, to: 1700000500000 });
  assert.deepEqual(span.range(NEWEST + 5000), { from: 1700000440000, to: 1700000500000 });
});

test('a zoom under 5 s is ignored', () => {
  const span = new TimeSpan(300000);
  assert.equal(span.zoom(1700000500000, 1700000504999), false);
  assert.equal(span.live, true);
  assert.equal(span.windowMs, 300000);
});

test('a pan moves by a fraction of the span, never past the newest sample', () => {
  const span = new TimeSpan(300000);
  span.pan(0.1, NEWEST); // live, forward: nothing to move to
  assert.equal(span.live, true);
  span.pan(-0.1, NEWEST); // 0.1 × 300000 = 30000 back: 1700000570000
  assert.equal(span.live, false);
  assert.deepEqual(span.range(NEWEST), { from: 1700000270000, to: 1700000570000 });
  span.pan(-0.5, NEWEST); // 150000 back: 1700000420000
  assert.deepEqual(span.range(NEWEST), { from: 1700000120000, to: 1700000420000 });
  span.pan(1, NEWEST); // 1700000720000 is past the newest: stops at 1700000600000
  assert.deepEqual(span.range(NEWEST), { from: 1700000300000, to: NEWEST });
  assert.equal(span.live, false); // at the newest, but not following it until "Live"
  assert.deepEqual(span.range(NEWEST + 1000), { from: 1700000300000, to: NEWEST });
});

test('"Live" returns to now, keeping the zoomed length', () => {
  const span = new TimeSpan(300000);
  span.zoom(1700000000000, 1700000120000);
  span.goLive();
  assert.equal(span.live, true);
  // 1700000600000 − 120000 = 1700000480000
  assert.deepEqual(span.range(NEWEST), { from: 1700000480000, to: NEWEST });
});

// Two buckets of 4 s: the second one a gap.
const ANSWER = {
  type: 'historyRange',
  id: 3,
  from: 1700000000000,
  to: 1700000007999,
  step: 4000,
  tier: 0,
  ts: [1700000000000, 1700000004000],
  series: { 'cpu.total': [12.5, null], 'net[lo].rxBps': [0, null] },
  min: { 'cpu.total': [3, null], 'net[lo].rxBps': [0, null] },
  max: { 'cpu.total': [31, null], 'net[lo].rxBps': [0, null] },
};

test('a range gives its averages as points, nulls as gaps, and the band when down-sampled', () => {
  const range = new HistoryRange(ANSWER, 1000); // step 4000 > interval 1000: down-sampled
  assert.equal(range.size, 2);
  assert.deepEqual(range.names(), ['cpu.total', 'net[lo].rxBps']);
  assert.deepEqual(range.points('cpu.total', 0), [
    { x: 1700000000000, y: 12.5 },
    { x: 1700000004000, y: null },
  ]);
  assert.deepEqual(range.band('cpu.total', 1), {
    min: [{ x: 1700000004000, y: null }],
    max: [{ x: 1700000004000, y: null }],
  });
  assert.deepEqual(range.band('cpu.total', 0).max[0], { x: 1700000000000, y: 31 });
  assert.equal(range.indexAtOrAfter(1700000000001), 1);
  assert.equal(range.indexAtOrAfter(1700000004001), 2);
  assert.equal(range.isIdle('net[lo].rxBps'), true);
  assert.equal(range.isIdle('cpu.total'), false);
});

test('a range at the page interval in the finest tier has no band', () => {
  const range = new HistoryRange({ ...ANSWER, step: 1000 }, 1000);
  assert.equal(range.band('cpu.total', 0), null);
  assert.notEqual(new HistoryRange({ ...ANSWER, step: 1000, tier: 1 }, 1000).band('cpu.total', 0), null);
});
