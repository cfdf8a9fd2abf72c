// The chart controls: a time window sets the x range and, when the page holds less than it,
// fetches /api/v1/history and merges it in; pause freezes the charts while samples keep
// arriving, and resume jumps to live with nothing missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  INTERVAL_S,
  chartData,
  openLivePage,
  waitForChartPoints,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

const INTERVAL_MS = INTERVAL_S * 1000;
// Rows of the history message the page is allowed to see, so that it holds less than the server.
const HISTORY_KEPT = 3;

function xRange(page) {
  return page.evaluate(() => {
    const { min, max } = globalThis.Chart.getChart(document.getElementById('chart-cpu')).scales.x;
    return max - min;
  });
}

function assertIncreasing(xs, maxGapMs) {
  for (let i = 1; i < xs.length; i += 1) {
    assert.ok(xs[i] > xs[i - 1], `x[${i}] = ${xs[i]} after ${xs[i - 1]}`);
    assert.ok(xs[i] - xs[i - 1] <= maxGapMs, `gap of ${xs[i] - xs[i - 1]} ms before x[${i}]`);
  }
}

// Cuts the history message down to its last rows; everything else passes unchanged.
function trimHistory(text) {
  const message = JSON.parse(text);
  if (message.type !== 'history') return text;
  message.ts = message.ts.slice(-HISTORY_KEPT);
  for (const name of Object.keys(message.series))
    message.series[name] = message.series[name].slice(-HISTORY_KEPT);
  return JSON.stringify(message);
}

async function openTrimmed(session, server) {
  const page = await (await session.browser()).newPage();
  const problems = watchPage(page);
  await page.routeWebSocket(/\/ws$/, (route) => {
    const upstream = route.connectToServer();
    upstream.onMessage((text) => route.send(trimHistory(text)));
  });
  await page.goto(`${server.url}/`);
  await waitForStatus(page, 'live');
  return { page, problems };
}

test('a longer window fills from /api/v1/history; windows set the x range', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    await new Promise((resolve) => setTimeout(resolve, 12 * INTERVAL_MS)); // history to fetch later
    const { page, problems } = await openTrimmed(session, server);
    await waitForChartPoints(page, 'chart-cpu', HISTORY_KEPT, 4 * INTERVAL_MS);
    const held = (await chartData(page, 'chart-cpu'))[0].xs;

    await page.click('button[data-window="60"]');
    await page.waitForFunction(
      () => document.querySelector('button[data-window="60"]').getAttribute('aria-pressed') === 'true',
    );
    await page.waitForFunction(() => {
      const { min, max } = globalThis.Chart.getChart(document.getElementById('chart-cpu')).scales.x;
      return max - min === 60000;
    });

    const fetched = page.waitForResponse((response) =>
      /\/api\/v1\/history\?series=.*cpu\.total.*&seconds=900$/.test(response.url()),
    );
    await page.click('button[data-window="900"]');
    assert.equal((await fetched).status(), 200);
    await page.waitForFunction(
      (first) =>
        globalThis.Chart.getChart(document.getElementById('chart-cpu')).data.datasets[0].data[0].x < first,
      held[0],
    );
    assert.equal(await xRange(page), 900000);
    const xs = (await chartData(page, 'chart-cpu'))[0].xs;
    assert.ok(xs.length >= 12, `${xs.length} points after the merge`);
    assertIncreasing(xs, 3 * INTERVAL_MS);
    assert.deepEqual(problems, []);
  });
});

test('pause freezes the charts; resume shows what arrived meanwhile', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await waitForChartPoints(page, 'chart-cpu', 3, 10 * INTERVAL_MS);

    await page.click('#pause');
    assert.equal(await page.getAttribute('#pause', 'aria-pressed'), 'true');
    assert.ok(await page.locator('#pause-note').isVisible());
    const frozen = (await chartData(page, 'chart-cpu'))[0].xs;
    await page.waitForTimeout(5 * INTERVAL_MS);
    assert.deepEqual((await chartData(page, 'chart-cpu'))[0].xs, frozen, 'no redraw while paused');
    await waitForStatus(page, 'live', 100); // samples kept arriving: not stale

    await page.click('#pause');
    await page.waitForFunction(
      (last) =>
        globalThis.Chart.getChart(document.getElementById('chart-cpu')).data.datasets[0].data.at(-1).x >=
        last,
      frozen.at(-1) + 4 * INTERVAL_MS,
    );
    const xs = (await chartData(page, 'chart-cpu'))[0].xs;
    assertIncreasing(xs, 3 * INTERVAL_MS);
    assert.ok(
      frozen.every((x) => xs.includes(x)),
      'everything shown before the pause is still there',
    );
    assert.deepEqual(problems, []);
  });
});
