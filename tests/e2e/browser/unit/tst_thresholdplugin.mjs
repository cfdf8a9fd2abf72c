// Where the threshold labels go: above their line, unless that leaves the chart or covers the
// label of the level above. Labels are 13 px high and sit 1 px off their line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelTops } from '../../../../resources/web/assets/thresholdplugin.js';

// True when two label boxes starting at these tops share a pixel row.
function overlap(a, b) {
  return a < b + 13 && b < a + 13;
}

test('levels far apart: each label above its line', () => {
  // critical 95 % at y = 40, warning 75 % at y = 100: boxes 26-38 and 86-98.
  assert.deepEqual(labelTops([40, 100], 10), [26, 86]);
});

test('levels a few pixels apart: the lower label goes under its line', () => {
  // Phone width: critical 95 % at y = 20, warning 80 % at y = 32. Above, the warning box would
  // be rows 18-30, across the critical box's 6-18, so it goes to 33-45, under its own line.
  const tops = labelTops([20, 32], 0);
  assert.deepEqual(tops, [6, 33]);
  assert.ok(!overlap(tops[0], tops[1]));
});

test('a level at the top of the chart: its label under its line', () => {
  // critical 100 % at the top edge y = 10: above would start at -4, out of the chart.
  assert.deepEqual(labelTops([10], 10), [11]);
});

test('top level below its line and the next close under it: stacked, not covering', () => {
  // critical at y = 10 (box 11-23), warning at y = 15: above (1) leaves the chart and below
  // (16) would cover it, so it starts after the critical box and a pixel of air, at 25.
  const tops = labelTops([10, 15], 10);
  assert.deepEqual(tops, [11, 25]);
  assert.ok(!overlap(tops[0], tops[1]));
});

test('no levels: no labels', () => {
  assert.deepEqual(labelTops([], 0), []);
});
