// The dashboard on the fixture machine (fixturemachine.mjs), whose every number is known: the
// page loads from the real vantage into Chromium with no console error and no failed request
// (so nothing is refused by the Content-Security-Policy), and shows the machine's numbers as a
// person reads them. Static values are compared as literal text; rates, which depend on where
// the ticks fall between two writes of the counters, within 15 %, and far enough apart (10×)
// that a receive shown as a send, or a read as a write, cannot pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WAIT_MS, eventually, openLivePage, waitForChartPoints, withSession } from './harness.mjs';

const TOLERANCE = 0.15;

function text(page, selector) {
  return page.locator(selector).textContent();
}

function cells(page, rows) {
  return page
    .locator(rows)
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent)));
}

// "1.9 MiB/s" → bytes per second, for the units the page uses.
function rate(textValue) {
  const match = /^(\d+(?:\.\d)?) (B|KiB|MiB)\/s$/.exec(textValue);
  assert.ok(match, `"${textValue}" is a rate`);
  return Number(match[1]) * { B: 1, KiB: 1024, MiB: 1024 * 1024 }[match[2]];
}

function assertNear(actual, expected, what) {
  assert.ok(
    Math.abs(actual - expected) <= TOLERANCE * expected,
    `${what}: ${actual} is not within 15 % of ${expected}`,
  );
}

// The newest value of every dataset of a chart, by label.
function latestValues(page, id) {
  return page.evaluate((canvasId) => {
    const chart = globalThis.Chart.getChart(document.getElementById(canvasId));
    return Object.fromEntries(chart.data.datasets.map((set) => [set.label, set.data.at(-1)?.y]));
  }, id);
}

async function checkHeader(page) {
  assert.equal(await text(page, '#host-name'), 'vantage-e2e-fixture');
  // cpuinfo lists four processors of one model.
  assert.equal(await text(page, '#host-cpu'), 'Vantage Fixture CPU @ 2.40GHz × 4');
  // The distribution is the machine's own (os-release is not under /proc); the kernel is the fixture's.
  assert.match(await text(page, '#host-os'), / · Linux 6\.1\.0-e2e-fixture$/);
  // uptime 93784.5 s = 1 d (86400 s) + 7384.5 s = 1 d 2 h 3 min: days and hours are shown.
  assert.equal(await text(page, '#host-uptime'), '1 d 2 h');
}

async function checkCardValues(page) {
  // The busy profile: (9 + 4 + 2 + 1) of 40 jiffies a step busy = 40 %.
  await eventually(async () => assert.equal(await text(page, '#cpu-now'), '40 %'));
  // MemTotal 16777216 kB = 16 GiB, MemAvailable 6291456 kB = 6 GiB: 10 GiB in use.
  assert.equal(await text(page, '#memory-now'), '10.0 GiB of 16.0 GiB');
  // loadavg "1.25 0.75 0.50"; 0.50 is written as 0.5.
  assert.equal(await text(page, '#load-now'), '1.25 / 0.75 / 0.5');
  // eth0 receives 2 MiB/s and sends 200 KiB/s; wlan0 and lo stand still.
  await eventually(async () => {
    const match = /^↓ (.+) ↑ (.+)$/.exec(await text(page, '#net-now'));
    assert.ok(match, 'received and sent');
    assertNear(rate(match[1]), 2 * 1024 * 1024, 'received');
    assertNear(rate(match[2]), 200 * 1024, 'sent');
  });
  // 8192 sectors of 512 bytes read a second = 4 MiB/s; 800 written = 400 KiB/s.
  await eventually(async () => {
    const match = /^R (.+) W (.+)$/.exec(await text(page, '#diskio-now'));
    assert.ok(match, 'read and written');
    assertNear(rate(match[1]), 4 * 1024 * 1024, 'read');
    assertNear(rate(match[2]), 400 * 1024, 'written');
  });
}

async function checkCharts(page, mount) {
  const charts = ['chart-cpu', 'chart-memory', 'chart-load', 'chart-net', 'chart-diskio'];
  await Promise.all(charts.map((id) => waitForChartPoints(page, id, 1, WAIT_MS)));
  // Per interface and per mount, each direction on its own line; wlan0, which never moved a
  // byte, is left out until asked for.
  await eventually(async () => {
    const net = await latestValues(page, 'chart-net');
    assert.deepEqual(Object.keys(net), ['eth0 ↓ rx', 'eth0 ↑ tx']);
    assertNear(net['eth0 ↓ rx'], 2 * 1024 * 1024, 'eth0 received');
    assertNear(net['eth0 ↑ tx'], 200 * 1024, 'eth0 sent');
    assert.equal(await text(page, '#net-idle'), 'Show idle (1)');
    assert.ok(await page.locator('#diskio-idle').isHidden(), 'the one mount moves: nothing idle');
    const disk = await latestValues(page, 'chart-diskio');
    assert.deepEqual(Object.keys(disk), [`${mount} read`, `${mount} write`]);
    assertNear(disk[`${mount} read`], 4 * 1024 * 1024, 'read');
    assertNear(disk[`${mount} write`], 400 * 1024, 'written');
  });
  await page.click('#net-idle');
  await eventually(async () => {
    const net = await latestValues(page, 'chart-net');
    assert.deepEqual(Object.keys(net), ['eth0 ↓ rx', 'eth0 ↑ tx', 'wlan0 ↓ rx', 'wlan0 ↑ tx']);
    assert.deepEqual([net['wlan0 ↓ rx'], net['wlan0 ↑ tx']], [0, 0]);
    assert.equal(await text(page, '#net-idle'), 'Hide idle (1)');
  });
  await page.click('#net-idle');
  await eventually(async () => assert.equal(Object.keys(await latestValues(page, 'chart-net')).length, 2));
}

// The memory chart's axis ends at the machine's memory: MemTotal 16777216 kB × 1024 =
// 17179869184 B (16 GiB), drawn in GiB, so its top is 16. Used: (16777216 − 6291456) kB × 1024
// = 10737418240 B = 10 GiB. The default levels, 80 % and 95 % of 16 GiB, are 12.8 and 15.2 GiB.
async function checkMemoryAxis(page) {
  await eventually(async () => {
    const axis = await page.evaluate(() => {
      const chart = globalThis.Chart.getChart(document.getElementById('chart-memory'));
      return {
        top: chart.scales.y.max,
        bytes: chart.scales.y.max * chart.$unitBytes,
        levels: (chart.$thresholds ?? []).map(({ name, value }) => [name, value]),
      };
    });
    assert.equal(axis.bytes, 17179869184);
    assert.equal(axis.top, 16);
    assert.deepEqual(axis.levels, [
      ['critical', 15.2],
      ['warning', 12.8],
    ]);
    assert.equal((await latestValues(page, 'chart-memory')).Used, 10);
  });
}

async function checkPanels(page, mount) {
  // Four cores at 90, 40, 20 and 10 % (the busy profile).
  await eventually(async () =>
    assert.deepEqual(await page.locator('#core-strip .core-value').allTextContents(), [
      '90 %',
      '40 %',
      '20 %',
      '10 %',
    ]),
  );
  assert.equal(await text(page, '#cores-now'), '4 cores');
  // Only the ext4 mount is a disk: sysfs, proc and tmpfs are not. It is /dev (a devtmpfs) under
  // a long name, where nothing takes space; its size is the machine's own. The name is cut in
  // its middle to fit half the list, keeping its start and its end; the whole of it is the
  // tooltip.
  const [name, device, percent] = await page.locator('#disk-list .disk-head span').allTextContents();
  assert.match(name, /^\/tmp\/vantage-e2e-.*….*family-laptop$/);
  assert.ok(name.length < mount.length, `${name} is shorter than ${mount}`);
  assert.equal(await page.locator('#disk-list .disk-mount').getAttribute('title'), mount);
  assert.deepEqual([device, percent], ['/dev/vdb1 · ext4', '0.0 %']);
  assert.match(await text(page, '#disk-list li.disk > .muted'), /^0 B of \d+(\.\d)? [KMGT]iB used$/);
  // hwmon0 (coretemp) has labels and its own levels; hwmon1 (nvme) has neither: "nvme 1", "—".
  assert.deepEqual(await cells(page, '#temps-table tbody tr'), [
    ['coretemp Package id 0', '52 °C', '80 °C', '100 °C'],
    ['coretemp Core 0', '48 °C', '80 °C', '100 °C'],
    ['nvme 1', '39 °C', '—', '—'], // 38.9 °C
  ]);
  // Threads 1 + 8 + 4 + 16; only busy-worker is R(unning).
  assert.equal(await text(page, '#procs-now'), '4 processes, 1 running, 29 threads');
  // By CPU, busy-worker first (50 jiffies a second of 100: 50 % of a core), the idle ones by
  // PID; resident pages of 4 KiB: 131072 = 512 MiB, 2560 = 10 MiB, 262144 = 1 GiB, 76800 = 300 MiB.
  await eventually(async () => {
    const rows = await cells(page, '#procs-table tbody tr');
    assert.deepEqual(
      rows.map((row) => [row[0], row[1], row[3]]),
      [
        ['4242', 'busy-worker', '512 MiB'],
        ['1', 'init', '10.0 MiB'],
        ['777', 'postgres', '1.0 GiB'],
        ['31337', 'web server', '300 MiB'],
      ],
    );
    const busy = /^(\d+) %$/.exec(rows[0][2]);
    assert.ok(busy, `busy-worker at ${rows[0][2]}`);
    assertNear(Number(busy[1]), 50, 'busy-worker CPU');
    assert.deepEqual(
      rows.slice(1).map((row) => row[2]),
      ['0.0 %', '0.0 %', '0.0 %'],
    );
  });
}

test('the page shows the fixture machine’s numbers', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await checkCardValues(page);
    await checkHeader(page);
    await checkCharts(page, machine.mount);
    await checkMemoryAxis(page);
    await checkPanels(page, machine.mount);
    assert.match(await text(page, '#status-detail'), /^last sample \d+\.\d s ago$/);
    assert.deepEqual(problems, []);
  });
});
