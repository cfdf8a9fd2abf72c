// Zoom and pan over stored history: choosing 24 h asks the real vantage's history store for the
// span (historyRequest) and draws what it answered; a drag across one chart zooms every chart
// to the same span, which stays put while samples keep arriving; "Live" returns to now.
// Screenshots span-24h.png and span-zoomed.png land in <build>/screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { WAIT_MS, eventually, getJson, settle, waitForStatus, watchPage, withSession } from './harness.mjs';

// Ticks reach the history store at most a second after they happen, and are kept 48 h, so the
// store answers a span of 24 h from them. (With the default 24 h the span's start falls just
// outside, and the per-minute tier answers, which holds nothing in a server's first minute.)
const CONFIG = '[history]\nflushSeconds = 1\nrawHours = 48\n';
const CHARTS = ['chart-cpu', 'chart-memory', 'chart-load', 'chart-net', 'chart-diskio'];
const DAY_MS = 24 * 3600 * 1000; // 86400000

// The x range { min, max } of every chart, by canvas id.
function xRanges(page) {
  return page.evaluate((ids) => {
    const ranges = {};
    for (const id of ids) {
      const { min, max } = globalThis.Chart.getChart(document.getElementById(id)).scales.x;
      ranges[id] = { min, max };
    }
    return ranges;
  }, CHARTS);
}

// The CPU chart's "Total" line and its chart area's left and right ends (CSS pixels).
function cpuTotal(page) {
  return page.evaluate(() => {
    const chart = globalThis.Chart.getChart(document.getElementById('chart-cpu'));
    const line = chart.data.datasets.find((dataset) => dataset.label === 'Total' && !dataset.$band);
    return {
      xs: line.data.map((point) => point.x),
      ys: line.data.map((point) => point.y),
      left: chart.chartArea.left,
      right: chart.chartArea.right,
      top: chart.chartArea.top,
    };
  });
}

// Every WebSocket message the page sent and was sent, parsed, in order.
function watchMessages(page) {
  const messages = { sent: [], received: [] };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => messages.sent.push(JSON.parse(payload)));
    socket.on('framereceived', ({ payload }) => messages.received.push(JSON.parse(payload)));
  });
  return messages;
}

test('24 h draws the stored span, a drag zooms every chart, "Live" returns', async () => {
  await withSession(async (session) => {
    const machine = await session.machine();
    const server = await session.start({ config: CONFIG, machine });
    // Some ticks in the store before the page asks for them.
    await eventually(async () => {
      const to = Date.now();
      const query = `series=cpu.total&from=${to - 60000}&to=${to}`;
      const body = await getJson(`${server.url}/api/v1/history?${query}`);
      assert.ok(body.series['cpu.total'].filter((value) => value !== null).length >= 3);
    });

    const page = await (await session.browser({ width: 1280, height: 900 })).newPage();
    const problems = watchPage(page);
    const messages = watchMessages(page);
    await page.goto(`${server.url}/`);
    await waitForStatus(page, 'live');
    assert.equal(await page.locator('#live').isVisible(), false);

    await page.getByRole('button', { name: '24 h', exact: true }).click();
    const request = await eventually(() => {
      const found = messages.sent.find((message) => message.type === 'historyRequest');
      assert.ok(found, 'no historyRequest sent');
      return found;
    });
    assert.equal(request.to - request.from, DAY_MS);
    assert.ok(request.series.includes('cpu.total'));
    assert.ok(request.points >= 100 && request.points <= 10000, `points ${request.points}`);

    // The answer, matched by its id, drawn as it came: its ticks from the chart's first point on.
    const answer = await eventually(() => {
      const found = messages.received.find((m) => m.type === 'historyRange' && m.id === request.id);
      assert.ok(found, 'no historyRange for the request');
      return found;
    });
    await eventually(async () => {
      const line = await cpuTotal(page);
      const first = answer.ts.indexOf(line.xs[0]);
      assert.ok(first >= 0, 'the chart draws the ticks of the answer');
      assert.deepEqual(line.xs, answer.ts.slice(first));
      assert.deepEqual(line.ys, answer.series['cpu.total'].slice(first));
      // The fixture's cores are 90, 40, 20 and 10 % busy: (90 + 40 + 20 + 10) / 4 = 40 %.
      const values = line.ys.filter((value) => value !== null);
      assert.ok(values.length >= 3, `${values.length} stored ticks drawn`);
      assert.ok(Math.abs(values.at(-1) - 40) < 0.5, `CPU ${values.at(-1)} %`);
    });
    await eventually(async () => {
      for (const [id, { min, max }] of Object.entries(await xRanges(page)))
        assert.equal(max - min, DAY_MS, `${id} shows 24 h`);
    });

    await page.screenshot({ path: path.join(session.args.out, 'span-24h.png') });

    // A drag from the middle of the CPU chart's area to three quarters of it: a quarter of 24 h,
    // 6 h = 21600000 ms, give or take the pixel each end lands on.
    const box = await page.locator('#chart-cpu').boundingBox();
    const area = await cpuTotal(page);
    const width = area.right - area.left;
    const y = box.y + area.top + 40;
    await page.mouse.move(box.x + area.left + width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + area.left + (width * 5) / 8, y, { steps: 4 });
    await page.mouse.move(box.x + area.left + (width * 3) / 4, y, { steps: 4 });
    await page.mouse.up();
    const pixelMs = DAY_MS / width;
    const zoomed = await eventually(async () => {
      const ranges = Object.values(await xRanges(page));
      const { min, max } = ranges[0];
      assert.ok(Math.abs(max - min - 21600000) <= 2 * pixelMs, `zoomed to ${max - min} ms`);
      for (const range of ranges) assert.deepEqual(range, { min, max }, 'every chart shows the same span');
      return { min, max };
    });
    assert.equal(await page.locator('#live').isVisible(), true);
    await settle(page);
    await page.screenshot({ path: path.join(session.args.out, 'span-zoomed.png') });
    assert.equal(await page.locator('button[data-window][aria-pressed="true"]').count(), 0);

    // Samples keep arriving; the view stays where the drag put it.
    const samplesBefore = messages.received.filter((m) => m.type === 'sample').length;
    await eventually(() =>
      assert.ok(messages.received.filter((m) => m.type === 'sample').length >= samplesBefore + 3),
    );
    await settle(page);
    for (const range of Object.values(await xRanges(page))) assert.deepEqual(range, zoomed);

    // "Live": back to now, the zoomed length kept, following the samples again.
    await page.locator('#live').click();
    assert.equal(await page.locator('#live').isVisible(), false);
    const newest = messages.received.filter((m) => m.type === 'sample').at(-1).ts;
    await eventually(async () => {
      for (const [id, { min, max }] of Object.entries(await xRanges(page))) {
        assert.ok(max >= newest, `${id} ends at ${max}, before the sample of ${newest}`);
        assert.equal(max - min, zoomed.max - zoomed.min, `${id} keeps the zoomed length`);
      }
    }, WAIT_MS);
    assert.deepEqual(problems, []);
  });
});
