// The dashboard's SeriesStore: merging by seq and by timestamp, bounded memory, series that
// appear and vanish. Every expected value is worked out by hand from the rows written here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesStore, flattenSample, isChartedSeries } from '../../../../resources/web/assets/seriesstore.js';

// Live rows may use any name ('a'); a history merge keeps only charted names ('cpu.total').
const row = (entries) => new Map(Object.entries(entries));
const timestamps = (store) => Array.from({ length: store.size }, (_, i) => store.tsAt(i));
const column = (store, name) => Array.from({ length: store.size }, (_, i) => store.valueAt(name, i));

test('a sample becomes the series names of the history message', () => {
  const values = flattenSample({
    cpu: { total: 12.5, user: 9.1, system: 3.2, iowait: 0.2, steal: 0, cores: [10.2, null] },
    load: [0.52, 0.61, 0.7],
    mem: { percent: 50, used: 8589934592, cached: 1073741824 },
    swap: { percent: 25, used: 536870912 },
    net: [{ iface: 'eth0', rxBps: 1200, txBps: 800 }],
    disks: [{ mount: '/', readBps: 0, writeBps: 40960 }],
  });
  assert.deepEqual(Object.fromEntries(values), {
    'cpu.total': 12.5,
    'cpu.user': 9.1,
    'cpu.system': 3.2,
    'cpu.iowait': 0.2,
    'cpu.steal': 0,
    'cpu.cores[0]': 10.2,
    'cpu.cores[1]': null, // an offline core is null, never 0
    'load.1': 0.52,
    'load.5': 0.61,
    'load.15': 0.7,
    'mem.percent': 50,
    'mem.used': 8589934592,
    'mem.cached': 1073741824,
    'swap.percent': 25,
    'swap.used': 536870912,
    'net[eth0].rxBps': 1200,
    'net[eth0].txBps': 800,
    'disks[/].readBps': 0,
    'disks[/].writeBps': 40960,
  });
});

test('a sample missing whole sections gives nulls, not an exception', () => {
  const values = flattenSample({ cpu: { total: 5 } });
  assert.equal(values.get('cpu.total'), 5);
  assert.equal(values.get('cpu.user'), null);
  assert.equal(values.get('load.1'), null);
  assert.equal(values.get('mem.percent'), null);
});

test('only charted series are kept from a history message', () => {
  assert.ok(isChartedSeries('cpu.cores[3]'));
  assert.ok(isChartedSeries('net[wlp2s0].txBps'));
  assert.ok(isChartedSeries('disks[/home].readBps'));
  assert.ok(!isChartedSeries('disks[/].percent'));
  assert.ok(!isChartedSeries('self.rss'));
  assert.ok(isChartedSeries('mem.used'));
  assert.ok(!isChartedSeries('mem.available'));
});

test('a seq already seen is ignored, as is a timestamp already held', () => {
  const store = new SeriesStore(10);
  assert.ok(store.addSample(5, 1000, row({ a: 1 })));
  assert.ok(store.addSample(6, 2000, row({ a: 2 })));
  assert.ok(!store.addSample(6, 2000, row({ a: 99 }))); // the same tick again
  assert.ok(!store.addSample(5, 1000, row({ a: 99 }))); // an older seq
  assert.deepEqual(timestamps(store), [1000, 2000]);
  assert.deepEqual(column(store, 'a'), [1, 2]);
});

test('on reconnect the history merges with what is held: no duplicate, no gap', () => {
  const store = new SeriesStore(10);
  [1000, 2000, 3000].forEach((ts, i) => store.addSample(i + 1, ts, row({ 'cpu.total': i + 1 })));
  store.beginConnection();
  // The server's 300 s: two ticks the store holds, two it missed while disconnected.
  store.mergeHistory([2000, 3000, 4000, 5000], { 'cpu.total': [20, 30, 4, 5] }, 5);
  assert.deepEqual(timestamps(store), [1000, 2000, 3000, 4000, 5000]);
  assert.deepEqual(column(store, 'cpu.total'), [1, 2, 3, 4, 5]); // held values win over the repeat
  assert.ok(!store.addSample(5, 5000, row({ 'cpu.total': 5 }))); // the stream restarts at history.seq
  assert.ok(store.addSample(6, 6000, row({ 'cpu.total': 6 })));
  assert.deepEqual(timestamps(store), [1000, 2000, 3000, 4000, 5000, 6000]);
});

test('a restarted server numbers from 1 again and is followed after beginConnection', () => {
  const store = new SeriesStore(10);
  [100, 101, 102].forEach((seq, i) => store.addSample(seq, 1000 * (i + 1), row({ 'cpu.total': seq })));
  assert.ok(!store.addSample(2, 10500, row({ 'cpu.total': 2 })), 'without a new connection seq 2 is old');
  store.beginConnection();
  store.mergeHistory([10000], { 'cpu.total': [1] }, 1);
  assert.ok(store.addSample(2, 10500, row({ 'cpu.total': 2 })));
  assert.deepEqual(timestamps(store), [1000, 2000, 3000, 10000, 10500]);
});

test('the store never holds more than its capacity: the oldest rows go', () => {
  const store = new SeriesStore(3);
  [1, 2, 3, 4, 5].forEach((n) => store.addSample(n, n * 1000, row({ a: n * 10 })));
  assert.equal(store.size, 3);
  assert.equal(store.oldestTs, 3000);
  assert.equal(store.newestTs, 5000);
  assert.deepEqual(column(store, 'a'), [30, 40, 50]);
});

test('a series that appears later has no value for earlier rows', () => {
  const store = new SeriesStore(5);
  store.addSample(1, 1000, row({ a: 1 }));
  store.addSample(2, 2000, row({ a: 2, b: 7 }));
  assert.deepEqual(store.names(), ['a', 'b']);
  assert.ok(Number.isNaN(store.valueAt('b', 0)));
  assert.deepEqual(store.points('b', 0, 100), [
    { x: 1000, y: null },
    { x: 2000, y: 7 },
  ]);
});

test('a series whose last value rotated out is forgotten', () => {
  const store = new SeriesStore(2);
  store.addSample(1, 1000, row({ a: 1, eth1: 5 })); // eth1 then goes away
  store.addSample(2, 2000, row({ a: 2 }));
  assert.deepEqual(store.names(), ['a', 'eth1']); // its value at 1000 is still held
  store.addSample(3, 3000, row({ a: 3 })); // now the row of 1000 is overwritten
  assert.deepEqual(store.names(), ['a']);
});

test('older rows from /api/v1/history are put before what is held', () => {
  const store = new SeriesStore(10);
  store.addSample(3, 3000, row({ 'cpu.total': 3 }));
  store.addSample(4, 4000, row({ 'cpu.total': 4 }));
  assert.ok(store.mergeHistory([1000, 2000, 3000], { 'cpu.total': [1, 2, 33] }));
  assert.deepEqual(timestamps(store), [1000, 2000, 3000, 4000]);
  assert.deepEqual(column(store, 'cpu.total'), [1, 2, 3, 4]);
  assert.ok(!store.mergeHistory([1000, 2000], { 'cpu.total': [1, 2] }), 'nothing new the second time');
});

test("a restarted server's empty marker row never breaks samples the page saw live", () => {
  // The page saw 1000..4000 live; the restarted server's store kept 1000..2000, marks its
  // restart with an empty row at 2001, then sends its own first tick at 9000.
  const store = new SeriesStore(10);
  for (const ts of [1000, 2000, 3000, 4000]) store.addSample(ts / 1000, ts, row({ 'cpu.total': ts / 1000 }));
  store.beginConnection();
  assert.ok(store.mergeHistory([1000, 2000, 2001, 9000], { 'cpu.total': [1, 2, null, 9] }));
  assert.deepEqual(timestamps(store), [1000, 2000, 3000, 4000, 9000]);
  // With a 2 s gap threshold the only break is the outage between 4000 and 9000, at 6500.
  const ys = store.points('cpu.total', 0, 100, 2000).map((point) => point.y);
  assert.deepEqual(ys, [1, 2, 3, 4, null, 9]);
});

test('a merge keeps the newest rows when it brings more than the capacity', () => {
  const store = new SeriesStore(3);
  store.mergeHistory([1000, 2000, 3000, 4000, 5000], { 'cpu.total': [1, 2, 3, 4, 5] });
  assert.deepEqual(timestamps(store), [3000, 4000, 5000]);
});

test('a held row gains the series it lacked, and nulls stay missing', () => {
  const store = new SeriesStore(10);
  store.addSample(1, 1000, row({ a: 1 }));
  store.mergeHistory([1000, 2000], { a: [1, null], 'load.1': [0.5, 0.25] });
  // 'a' is not a charted series name, so the history's column for it is not taken; load.1 is.
  assert.deepEqual(column(store, 'load.1'), [0.5, 0.25]);
  assert.deepEqual(column(store, 'a'), [1, NaN]);
});

test('a late sample with a new seq is put in time order', () => {
  const store = new SeriesStore(10);
  store.addSample(1, 1000, row({ a: 1 }));
  store.addSample(3, 3000, row({ a: 3 }));
  assert.ok(store.addSample(4, 2000, row({ a: 2 })));
  assert.deepEqual(timestamps(store), [1000, 2000, 3000]);
  assert.deepEqual(column(store, 'a'), [1, 2, 3]);
});

test('resizing keeps the newest rows', () => {
  const store = new SeriesStore(5);
  [1, 2, 3, 4, 5].forEach((n) => store.addSample(n, n * 1000, row({ a: n })));
  store.resize(2);
  assert.equal(store.capacity, 2);
  assert.deepEqual(timestamps(store), [4000, 5000]);
  assert.deepEqual(column(store, 'a'), [4, 5]);
});

test('indexAtOrAfter finds the first row at or after a time', () => {
  const store = new SeriesStore(5);
  [1000, 2000, 3000].forEach((ts, i) => store.addSample(i, ts, row({ a: i })));
  assert.equal(store.indexAtOrAfter(0), 0);
  assert.equal(store.indexAtOrAfter(2000), 1);
  assert.equal(store.indexAtOrAfter(2500), 2);
  assert.equal(store.indexAtOrAfter(9000), 3);
});

test("long spans are cut into buckets that keep each bucket's low and high in time order", () => {
  const store = new SeriesStore(20);
  [1, 9, 2, 8, 3, 7, 4, 6, 5, 0].forEach((value, i) => store.addSample(i, i * 1000, row({ a: value })));
  // 10 rows, at most 4 points: buckets of ceil(10 / (4 / 2)) = 5 rows.
  // Rows 0–4 (1 9 2 8 3): low 1 at row 0, high 9 at row 1 → (0, 1) then (4000, 9).
  // Rows 5–9 (7 4 6 5 0): high 7 at row 5 comes before low 0 at row 9 → (5000, 7), (9000, 0).
  assert.deepEqual(store.points('a', 0, 4), [
    { x: 0, y: 1 },
    { x: 4000, y: 9 },
    { x: 5000, y: 7 },
    { x: 9000, y: 0 },
  ]);
});

test('a bucket holding one value gives it once; a bucket with no value gives a gap', () => {
  const store = new SeriesStore(20);
  [null, null, 3, 4, 5].forEach((value, i) => store.addSample(i, i * 1000, row({ a: value, b: 0 })));
  // 5 rows, at most 4 points: buckets of ceil(5 / 2) = 3 rows. Rows 0–2 (-, -, 3): low = high = 3
  // → (0, 3), (2000, 3). Rows 3–4 (4, 5) → (3000, 4), (4000, 5).
  assert.deepEqual(store.points('a', 0, 4), [
    { x: 0, y: 3 },
    { x: 2000, y: 3 },
    { x: 3000, y: 4 },
    { x: 4000, y: 5 },
  ]);
  // From row 2: 3 rows, at most 2 points: one bucket of ceil(3 / 1) = 3 rows → (2000, 3), (4000, 5).
  assert.deepEqual(store.points('a', 2, 2), [
    { x: 2000, y: 3 },
    { x: 4000, y: 5 },
  ]);
  // 5 rows fit in 6 points: raw, the missing values as nulls.
  assert.deepEqual(store.points('a', 0, 6).slice(0, 3), [
    { x: 0, y: null },
    { x: 1000, y: null },
    { x: 2000, y: 3 },
  ]);

  const gaps = new SeriesStore(20);
  [1, 2, null, null, null].forEach((value, i) => gaps.addSample(i, i * 1000, row({ a: value, b: 0 })));
  // Buckets of 3 again: rows 0–2 (1, 2, -) → (0, 1), (2000, 2); rows 3–4 hold nothing → (3000, null).
  assert.deepEqual(gaps.points('a', 0, 4), [
    { x: 0, y: 1 },
    { x: 2000, y: 2 },
    { x: 3000, y: null },
  ]);
  assert.deepEqual(gaps.points('a', 5, 4), [], 'nothing from past the newest row');
});

test('an outage longer than the gap limit breaks the line with a null halfway', () => {
  const store = new SeriesStore(20);
  // Ticks at 0, 1000, 2000, then the server away until 9000: 7000 ms > the 1500 ms limit.
  [0, 1000, 2000, 9000, 10000].forEach((ts, i) => store.addSample(i, ts, row({ a: i + 1 })));
  assert.deepEqual(store.points('a', 0, 100, 1500), [
    { x: 0, y: 1 },
    { x: 1000, y: 2 },
    { x: 2000, y: 3 },
    { x: 5500, y: null }, // (2000 + 9000) / 2
    { x: 9000, y: 4 },
    { x: 10000, y: 5 },
  ]);
  // Without a limit the line runs across, as before.
  assert.equal(store.points('a', 0, 100).length, 5);
  // Exactly the limit apart is no gap: ticks 1500 ms apart with a 1500 ms limit.
  const even = new SeriesStore(20);
  [0, 1500, 3000].forEach((ts, i) => even.addSample(i, ts, row({ a: i })));
  assert.equal(even.points('a', 0, 100, 1500).length, 3);
});

test('buckets stop at an outage, so no bucket joins the two sides', () => {
  const store = new SeriesStore(20);
  // Rows at 0–4000 (values 1–5), then 20000–23000 (values 9, 8, 7, 6): 9 rows, at most 4
  // points → buckets of ceil(9 / 2) = 5 rows, cut at the gap: rows 0–4 → (0, 1), (4000, 5);
  // null at (4000 + 20000) / 2 = 12000; rows 5–8 (9 8 7 6): high 9 first, low 6 last →
  // (20000, 9), (23000, 6).
  [0, 1000, 2000, 3000, 4000, 20000, 21000, 22000, 23000].forEach((ts, i) =>
    store.addSample(i, ts, row({ a: [1, 2, 3, 4, 5, 9, 8, 7, 6][i] })),
  );
  assert.deepEqual(store.points('a', 0, 4, 1500), [
    { x: 0, y: 1 },
    { x: 4000, y: 5 },
    { x: 12000, y: null },
    { x: 20000, y: 9 },
    { x: 23000, y: 6 },
  ]);
});

test('history merged after a restart leaves a gap before its first row', () => {
  const store = new SeriesStore(20);
  store.addSample(40, 1000, row({ 'cpu.total': 1 }));
  store.addSample(41, 2000, row({ 'cpu.total': 2 }));
  // The restarted server numbers from 1 and has rows from 12000 on: a gap of 10000 ms.
  store.beginConnection();
  store.mergeHistory([12000, 13000], { 'cpu.total': [3, 4] }, 2);
  assert.deepEqual(store.points('cpu.total', 0, 100, 1500), [
    { x: 1000, y: 1 },
    { x: 2000, y: 2 },
    { x: 7000, y: null }, // (2000 + 12000) / 2
    { x: 12000, y: 3 },
    { x: 13000, y: 4 },
  ]);
});

test('a series is idle while every row held has it at 0 or without a value', () => {
  const store = new SeriesStore(3);
  store.addSample(1, 1000, row({ eth0: 0, wlan0: 0, lo: 0 }));
  store.addSample(2, 2000, row({ eth0: 512, wlan0: 0 }));
  assert.equal(store.isIdle('eth0'), false);
  assert.equal(store.isIdle('wlan0'), true);
  assert.equal(store.isIdle('lo'), true); // 0 once, then no value
  assert.equal(store.isIdle('never-seen'), true);
  // Two more rows push the 512 out of the three held: eth0 is idle again.
  store.addSample(3, 3000, row({ eth0: 0, wlan0: 0 }));
  store.addSample(4, 4000, row({ eth0: 0, wlan0: 7 }));
  assert.equal(store.isIdle('eth0'), false); // rows 2000..4000 still hold the 512
  store.addSample(5, 5000, row({ eth0: 0, wlan0: 0 }));
  assert.equal(store.isIdle('eth0'), true); // rows 3000..5000: all 0
  assert.equal(store.isIdle('wlan0'), false); // the 7 at 4000 is held
});

test('idleness survives a merge of history', () => {
  const store = new SeriesStore(10);
  store.mergeHistory([1000, 2000], { 'net[eth0].rxBps': [0, 300], 'net[lo].rxBps': [0, 0] });
  assert.equal(store.isIdle('net[eth0].rxBps'), false);
  assert.equal(store.isIdle('net[lo].rxBps'), true);
});
