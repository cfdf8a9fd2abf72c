// The chart controls: a time window sets the x range and, when the page holds less than it,
// fetches /api/v1/history and merges it in; pause freezes the charts while samples keep
// arriving, and resume jumps to live with nothing missing. "Nothing missing" is checked against
// the timestamps the page was sent, never against a sample rate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  WAIT_MS,
  chartData,
  eventually,
  getJson,
  settle,
  waitForChartPoints,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

// Rows of the history message the page is allowed to see, so that it holds less than the server.
const HISTORY_KEPT = 3;
// Rows the server must hold before the page opens, for /api/v1/history to have more to give.
const HISTORY_WANTED = 12;

function xRange(page) {
  return page.evaluate(() => {
    const { min, max } = globalThis.Chart.getChart(document.getElementById('chart-cpu')).scales.x;
    return max - min;
  });
}

// The timestamps a page was sent (history rows and samples), sorted, each once, up to `last`:
// what its CPU chart must show, in order, with nothing missing and nothing twice.
function sentUpTo(sent, last) {
  return [...new Set(sent)].filter((ts) => ts <= last).sort((a, b) => a - b);
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

// Opens the page with its history message trimmed; `sent` collects the timestamps of the rows
// and samples it was given.
async function openTrimmed(session, server) {
  const page = await (await session.browser()).newPage();
  const problems = watchPage(page);
  const sent = [];
  await page.routeWebSocket(/\/ws$/, (route) => {
    const upstream = route.connectToServer();
    upstream.onMessage((text) => {
      const trimmed = trimHistory(text);
      const message = JSON.parse(trimmed);
      if (message.type === 'history') sent.push(...message.ts);
      if (message.type === 'sample') sent.push(message.ts);
      route.send(trimmed);
    });
  });
  await page.goto(`${server.url}/`);
  await waitForStatus(page, 'live');
  return { page, problems, sent };
}

test('a longer window fills from /api/v1/history; windows set the x range', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const history = `${server.url}/api/v1/history?series=cpu.total&seconds=900`;
    await eventually(async () => assert.ok((await getJson(history)).ts.length >= HISTORY_WANTED));
    const { page, problems, sent } = await openTrimmed(session, server);
    await waitForChartPoints(page, 'chart-cpu', HISTORY_KEPT, WAIT_MS);
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
    const response = await fetched;
    assert.equal(response.status(), 200);
    sent.push(...(await response.json()).ts);
    await page.waitForFunction(
      (first) =>
        globalThis.Chart.getChart(document.getElementById('chart-cpu')).data.datasets[0].data[0].x < first,
      held[0],
      { timeout: WAIT_MS },
    );
    assert.equal(await xRange(page), 900000);
    const xs = (await chartData(page, 'chart-cpu'))[0].xs;
    assert.ok(xs.length >= HISTORY_WANTED, `${xs.length} points after the merge`);
    assert.deepEqual(xs, sentUpTo(sent, xs.at(-1)), 'every row the page got, once, in order');
    assert.deepEqual(problems, []);
  });
});

// The timestamps of the history rows and samples the page receives.
function recordSent(page) {
  const sent = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(payload);
      if (message.type === 'history') sent.push(...message.ts);
      if (message.type === 'sample') sent.push(message.ts);
    }),
  );
  return sent;
}

test('pause freezes the charts; resume shows what arrived meanwhile', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const page = await (await session.browser()).newPage();
    const problems = watchPage(page);
    const sent = recordSent(page);
    await page.goto(`${server.url}/`);
    await waitForStatus(page, 'live');
    await waitForChartPoints(page, 'chart-cpu', 3, WAIT_MS);

    await page.click('#pause');
    assert.equal(await page.getAttribute('#pause', 'aria-pressed'), 'true');
    assert.ok(await page.locator('#pause-note').isVisible());
    const frozen = (await chartData(page, 'chart-cpu'))[0].xs;
    // Three more samples arrive, and the frames they would have redrawn go by.
    const before = sent.length;
    await eventually(() => assert.ok(sent.length >= before + 3, 'samples keep arriving'));
    await settle(page);
    assert.deepEqual((await chartData(page, 'chart-cpu'))[0].xs, frozen, 'no redraw while paused');
    assert.equal(await page.getAttribute('#status-pill', 'data-state'), 'live', 'not stale');

    await page.click('#pause');
    const newest = Math.max(...sent);
    await page.waitForFunction(
      (last) =>
        globalThis.Chart.getChart(document.getElementById('chart-cpu')).data.datasets[0].data.at(-1).x >=
        last,
      newest,
      { timeout: WAIT_MS },
    );
    const xs = (await chartData(page, 'chart-cpu'))[0].xs;
    assert.deepEqual(xs, sentUpTo(sent, xs.at(-1)), 'every row the page got, once, in order');
    assert.ok(
      frozen.every((x) => xs.includes(x)),
      'everything shown before the pause is still there',
    );
    assert.deepEqual(problems, []);
  });
});
