// The dashboard loads from the real vantage into Chromium with no console error and no failed
// request (so nothing is refused by the Content-Security-Policy), names the real host, is
// live, and fills every chart and panel from the stream.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import {
  INTERVAL_S,
  chartData,
  getJson,
  openLivePage,
  waitForChartPoints,
  withSession,
} from './harness.mjs';

const INTERVAL_MS = INTERVAL_S * 1000;

async function checkPanels(page, snapshot) {
  assert.equal(await page.locator('#disk-list li.disk').count(), snapshot.disks.length);
  if (snapshot.temps.length === 0)
    assert.ok(await page.locator('#temps-empty').isVisible(), '"No sensors" shown');
  else assert.equal(await page.locator('#temps-table tbody tr').count(), snapshot.temps.length);
  assert.ok((await page.locator('#procs-table tbody tr').count()) > 0, 'top processes listed');
  const cores = await page.locator('#core-strip li').count();
  assert.equal(cores, snapshot.cpu.cores.length, 'one cell per core');
}

test('the page loads cleanly, shows the host and fills its charts', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    assert.equal(await page.locator('#host-name').textContent(), hostname());
    assert.match(await page.locator('#host-cpu').textContent(), / × \d+$/);

    // Charts have data within three intervals of the page going live; network and disk I/O
    // only where the machine has interfaces and filesystems.
    const snapshot = await getJson(`${server.url}/api/v1/snapshot`);
    const charts = ['chart-cpu', 'chart-memory', 'chart-load'];
    if (snapshot.net.length) charts.push('chart-net');
    if (snapshot.disks.length) charts.push('chart-diskio');
    await Promise.all(charts.map((id) => waitForChartPoints(page, id, 0, 3 * INTERVAL_MS)));
    const before = (await chartData(page, 'chart-cpu'))[0].xs.length;
    await waitForChartPoints(page, 'chart-cpu', before + 1, 6 * INTERVAL_MS);
    assert.match(await page.locator('#status-detail').textContent(), /last sample \d+\.\d s ago/);

    await checkPanels(page, snapshot);
    assert.deepEqual(problems, []);
  });
});
