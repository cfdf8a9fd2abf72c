// The devices card's text: clocks, fan speeds and what a power supply says, by hand (watts are
// format.js's, checked by tst_format.mjs from tests/fixtures/format-cases.json).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatClock, formatRpm, supplyState } from '../../../../resources/web/assets/devicespanel.js';

test('clocks in MHz below 1 GHz, else GHz with two decimals', () => {
  assert.equal(formatClock(800.123), '800 MHz');
  // 3400 MHz / 1000 = 3.40 GHz; 2399.5 / 1000 = 2.3995, two decimals 2.40
  assert.equal(formatClock(3400), '3.40 GHz');
  assert.equal(formatClock(2399.5), '2.40 GHz');
  assert.equal(formatClock(null), '—');
});

test('fan speeds whole', () => {
  assert.equal(formatRpm(1204.6), '1205 rpm');
  assert.equal(formatRpm(undefined), '—');
});

test('a source says whether it is plugged in, a battery its status and energy', () => {
  assert.equal(supplyState({ type: 'Mains', online: true }), 'plugged in');
  assert.equal(supplyState({ type: 'USB', online: false }), 'unplugged');
  assert.equal(
    supplyState({ type: 'Battery', status: 'Discharging', energyWh: 41.3, energyFullWh: 47.52, online: null }),
    'Discharging, 41.3 of 47.52 Wh',
  );
  assert.equal(supplyState({ type: 'Battery', status: 'Full', energyWh: null, energyFullWh: null, online: null }), 'Full');
  assert.equal(supplyState({ type: 'Battery', status: null, energyWh: null, online: null }), '—');
});
