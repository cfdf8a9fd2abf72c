// The process actions' requests: what the page sends for each menu entry, and where it finds the
// start time that guards a reused PID.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, actionMessage } from '../../../../resources/web/assets/processactions.js';

const firefox = { pid: 4321, name: 'firefox', startTime: 1700000012340 };

test('the menu offers the six signals and renice, in that order', () => {
  assert.deepEqual(
    ACTIONS.map((a) => a.signal ?? 'renice'),
    ['TERM', 'INT', 'HUP', 'KILL', 'STOP', 'CONT', 'renice'],
  );
});

test('a signal carries the PID, the start time and the signal name', () => {
  const stop = ACTIONS.find((a) => a.label === 'Stop');
  assert.deepEqual(actionMessage(firefox, stop, 10), {
    type: 'processAction',
    pid: 4321,
    startTime: 1700000012340,
    action: 'signal',
    signal: 'STOP',
  });
});

test('a renice carries the nice value and no signal', () => {
  const renice = ACTIONS.at(-1);
  assert.deepEqual(actionMessage(firefox, renice, -5), {
    type: 'processAction',
    pid: 4321,
    startTime: 1700000012340,
    action: 'renice',
    nice: -5,
  });
});
