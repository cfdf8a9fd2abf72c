// The alerts panel's pure parts: display order, the live value of an alert, what each event
// did, and the bounded, duplicate-free list of recent events. Answers worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  RECENT_LIMIT,
  eventKind,
  liveValue,
  logEvents,
  mergeEvents,
  orderAlerts,
} from '../../../../resources/web/assets/alertspanel.js';

test('critical first, then by when the alert started', () => {
  const alerts = [
    { id: 'memory', severity: 'warning', ts: 5000, since: 1000 },
    { id: 'cpu', severity: 'critical', ts: 9000 },
    { id: 'disk:/', severity: 'warning', ts: 3000 },
    { id: 'swap', severity: 'critical', ts: 4000 },
  ];
  // critical: swap (4000) then cpu (9000); warning: memory (since 1000) then disk (3000).
  assert.deepEqual(
    orderAlerts(alerts).map((a) => a.id),
    ['swap', 'cpu', 'memory', 'disk:/'],
  );
});

const SAMPLE = {
  cpu: { total: 12.5 },
  mem: { percent: 41.25 },
  swap: { percent: 3 },
  disks: [
    { mount: '/', percent: 50 },
    { mount: '/home', percent: 91.5 },
  ],
  temps: [{ label: 'coretemp Package id 0', celsius: 48 }],
};

const liveCases = [
  ['cpu follows cpu.total', { rule: 'cpu', instance: '', value: 91 }, SAMPLE, 12.5],
  ['memory follows mem.percent', { rule: 'memory', instance: '', value: 6.17 }, SAMPLE, 41.25],
  ['swap follows swap.percent', { rule: 'swap', instance: '', value: 80 }, SAMPLE, 3],
  ['a disk by its mount', { rule: 'disk', instance: '/home', value: 90 }, SAMPLE, 91.5],
  [
    'a sensor by its label',
    { rule: 'temperature', instance: 'coretemp Package id 0', value: 85 },
    SAMPLE,
    48,
  ],
  // Not in the sample: the alert's own value stands.
  ['a mount that went away', { rule: 'disk', instance: '/mnt/usb', value: 93 }, SAMPLE, 93],
  ['server errors are not in a sample', { rule: 'errors', instance: '', value: 12 }, SAMPLE, 12],
  ['no sample yet', { rule: 'memory', instance: '', value: 6.17 }, null, 6.17],
  ['a null in the sample', { rule: 'memory', instance: '', value: 6.17 }, { mem: { percent: null } }, 6.17],
  // The alert came with tick 2000; the page still holds tick 1000's sample.
  ['a sample older than the alert', { rule: 'cpu', instance: '', value: 91, ts: 2000 }, { ...SAMPLE, ts: 1000 }, 91],
  ["the sample of the alert's tick", { rule: 'cpu', instance: '', value: 91, ts: 2000 }, { ...SAMPLE, ts: 2000 }, 12.5],
];
for (const [name, alert, sample, expected] of liveCases) {
  test(`live value: ${name}`, () => assert.equal(liveValue(alert, sample), expected));
}

const fired = { id: 'cpu', state: 'firing', severity: 'warning', ts: 1000, since: 1000, acknowledged: false };
const acked = { ...fired, ts: 2000, acknowledged: true };
const escalated = { ...fired, severity: 'critical', ts: 3000 };
const calmed = { ...escalated, severity: 'warning', ts: 4000 };
const resolved = { ...calmed, state: 'resolved', ts: 5000 };

const kindCases = [
  ['ts equal to since is a firing', fired, undefined, 'fired'],
  ['a firing after a resolve', { ...fired, ts: 6000, since: 6000 }, resolved, 'fired'],
  ['acknowledged against an unacknowledged firing', acked, fired, 'acknowledged'],
  ['warning to critical', escalated, acked, 'escalated'],
  ['critical to warning', calmed, escalated, 'de-escalated'],
  ['resolved', resolved, calmed, 'resolved'],
  // An acknowledged alert that calms down keeps its acknowledgement: still a de-escalation.
  [
    'acknowledged critical to warning',
    { ...calmed, acknowledged: true },
    { ...escalated, acknowledged: true },
    'de-escalated',
  ],
  // Without the previous event: severity tells an escalation from a de-escalation.
  ['critical, previous unknown', escalated, undefined, 'escalated'],
  ['warning after its firing, previous unknown', calmed, undefined, 'de-escalated'],
  ['acknowledged, previous unknown', acked, undefined, 'acknowledged'],
  ['nothing changed', { ...acked, ts: 2500 }, acked, 'updated'],
  // The protocol's `since` is optional: without it `ts` stands in, so the event reads as fired.
  ['no since', { id: 'cpu', state: 'firing', severity: 'warning', ts: 7000 }, undefined, 'fired'],
];
for (const [name, event, previous, expected] of kindCases) {
  test(`event kind: ${name}`, () => assert.equal(eventKind(event, previous), expected));
}

test('the log, newest first, is read against each alert\u2019s next older entry', () => {
  const memory = {
    id: 'memory',
    state: 'firing',
    severity: 'warning',
    ts: 1500,
    since: 1500,
    acknowledged: false,
  };
  const log = [resolved, calmed, escalated, acked, memory, fired];
  // fired (ts = since), memory fired (its own id), acked vs fired, escalated vs acked,
  // calmed vs escalated, resolved.
  assert.deepEqual(
    logEvents(log).map(({ alert, kind }) => [alert.id, alert.ts, kind]),
    [
      ['cpu', 5000, 'resolved'],
      ['cpu', 4000, 'de-escalated'],
      ['cpu', 3000, 'escalated'],
      ['cpu', 2000, 'acknowledged'],
      ['memory', 1500, 'fired'],
      ['cpu', 1000, 'fired'],
    ],
  );
  assert.deepEqual(logEvents([]), []);
});

const event = (alert, kind) => ({ alert, kind });

test('merged events: newest first, each event once, the held one kept', () => {
  const held = [event(acked, 'acknowledged'), event(fired, 'fired')];
  // The log fetched after the WebSocket told of the acknowledgement: the same two events with
  // other kinds (to tell them apart), plus the older memory firing.
  const memory = {
    id: 'memory',
    state: 'firing',
    severity: 'warning',
    ts: 500,
    since: 500,
    acknowledged: false,
  };
  const added = [event(escalated, 'escalated'), event(acked, 'x'), event(fired, 'y'), event(memory, 'fired')];
  assert.deepEqual(
    mergeEvents(held, added).map(({ alert, kind }) => [alert.id, alert.ts, kind]),
    [
      ['cpu', 3000, 'escalated'],
      ['cpu', 2000, 'acknowledged'],
      ['cpu', 1000, 'fired'],
      ['memory', 500, 'fired'],
    ],
  );
});

test('the same moment with another state or acknowledgement is another event', () => {
  const events = [event(fired, 'fired'), event({ ...fired, acknowledged: true }, 'acknowledged')];
  assert.equal(mergeEvents([], events).length, 2);
  assert.equal(mergeEvents([], [event({ ...fired, state: 'resolved' }, 'resolved'), ...events]).length, 3);
});

test('merged events are bounded: the newest RECENT_LIMIT stay', () => {
  // 25 firings at ts 1000, 2000, ... 25000; the newest ten are 25000 down to 16000.
  const many = Array.from({ length: 25 }, (_, i) =>
    event({ ...fired, id: `disk:/m${i}`, ts: (i + 1) * 1000, since: (i + 1) * 1000 }, 'fired'),
  );
  const merged = mergeEvents(many.slice(0, 12), many.slice(12));
  assert.equal(RECENT_LIMIT, 10);
  assert.deepEqual(
    merged.map(({ alert }) => alert.ts),
    [25000, 24000, 23000, 22000, 21000, 20000, 19000, 18000, 17000, 16000],
  );
  assert.deepEqual(
    mergeEvents(merged, [], 3).map(({ alert }) => alert.ts),
    [25000, 24000, 23000],
  );
});
