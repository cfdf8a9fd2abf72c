// The server goes away and a new one starts on the same port: the page notices, says it is
// reconnecting, comes back by itself, and its charts continue from where they were with every
// timestamp once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WAIT_MS, chartData, waitForChartPoints, waitForStatus, withSession } from './harness.mjs';

function assertIncreasing(datasets) {
  for (const { label, xs } of datasets) {
    for (let i = 1; i < xs.length; i += 1)
      assert.ok(xs[i] > xs[i - 1], `${label}: x[${i}] = ${xs[i]} after ${xs[i - 1]}`);
  }
}

// A new process on a port just closed: retried briefly in case the old socket still holds it.
async function restartOnPort(session, port) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await session.start({ port });
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

test('a restarted server is reconnected to and the charts continue without duplicates', async () => {
  await withSession(async (session) => {
    const first = await session.start();
    const page = await (await session.browser()).newPage();
    await page.goto(`${first.url}/`);
    await waitForStatus(page, 'live');
    await waitForChartPoints(page, 'chart-cpu', 4, WAIT_MS);
    const before = (await chartData(page, 'chart-cpu'))[0].xs;

    await first.stop('SIGKILL');
    await waitForStatus(page, 'reconnecting');
    assert.match(await page.locator('#status-detail').textContent(), /attempt \d+/);
    await restartOnPort(session, first.port);
    await waitForStatus(page, 'live');

    await waitForChartPoints(page, 'chart-cpu', before.length + 2, WAIT_MS);
    const after = await chartData(page, 'chart-cpu');
    assertIncreasing(after);
    const xs = after[0].xs;
    assert.equal(xs[0], before[0], 'what was held before the restart is still shown');
    assert.ok(xs.at(-1) > before.at(-1), 'new samples after the restart');
    assert.ok(xs.includes(before.at(-1)), 'the last sample before the restart is kept once');
  });
});

test('a server that stops sending is shown as stale, and live again when it resumes', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const page = await (await session.browser()).newPage();
    await page.goto(`${server.url}/`);
    await waitForStatus(page, 'live');
    await waitForChartPoints(page, 'chart-cpu', 1, WAIT_MS);
    // SIGSTOP keeps the socket open but no sample comes: stale after three intervals.
    process.kill(server.pid, 'SIGSTOP');
    try {
      await waitForStatus(page, 'stale');
      assert.match(await page.locator('#status-detail').textContent(), /last sample \d+(\.\d)? s ago/);
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await waitForStatus(page, 'live');
  });
});
