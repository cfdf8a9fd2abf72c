// The screenshot matrix of the dashboard: full pages at phone (390 px), tablet (768 px) and
// desktop (1440 px) width, light and dark, of one running vantage on the fixture machine
// (fixturemachine.mjs) with the memory rule firing, so the alert banner is up; then the same
// after the server is stopped, when the page is stale; and the settings dialog at the smallest
// and largest width. The PNGs go to --out for a person to look at. The test itself checks what a
// picture cannot be trusted to show: no horizontal scrolling, every chart drawn with data, idle
// interfaces left out of the network chart, and no error on the way.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { MEMORY_FIRING_CONFIG } from './fixturemachine.mjs';
import {
  INTERVAL_S,
  WAIT_MS,
  assertNoHorizontalScroll,
  openLivePage,
  problemsBesidesOutage,
  settle,
  waitForChartPoints,
  withSession,
} from './harness.mjs';

const VIEWPORTS = [
  { name: '390', width: 390, height: 844 },
  { name: '768', width: 768, height: 1024 },
  { name: '1440', width: 1440, height: 900 },
];
const SCHEMES = ['light', 'dark'];
// Samples gathered before the pictures: a full 1-minute window, so no chart is half empty.
const SAMPLES_BEFORE_SHOTS = 60 / INTERVAL_S + 1;
// Gathering them takes a minute; the wait gives up at twice that, for a machine that is stuck.
const SAMPLES_WAIT_MS = 120000;

// Every line chart on the page: its canvas id and how many points each of its series holds.
function chartSizes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas[id^="chart-"]')].map((canvas) => ({
      id: canvas.id,
      points: globalThis.Chart.getChart(canvas).data.datasets.map((dataset) => dataset.data.length),
    })),
  );
}

async function shootPage(page, out, name, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  for (const { id, points } of await chartSizes(page)) {
    assert.ok(
      points.length > 0 && points.every((count) => count > 0),
      `${id} has no series, or one with no data: ${points}`,
    );
  }
  await page.screenshot({ path: path.join(out, `${name}-${viewport.name}-${scheme}.png`), fullPage: true });
}

async function shootSettings(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await page.click('#settings-open');
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(out, `settings-${viewport.name}-${scheme}.png`) });
  await page.click('#settings-close');
}

test('screenshots at 390, 768 and 1440 px, light and dark, alerting and stale', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine, config: MEMORY_FIRING_CONFIG });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await page.click('button[data-window="60"]');
    await page.waitForSelector('#alert-banner:not([hidden])', { timeout: WAIT_MS });
    await waitForChartPoints(page, 'chart-cpu', SAMPLES_BEFORE_SHOTS, SAMPLES_WAIT_MS);
    // wlan0 and lo never move a byte on the fixture machine (lo is not listed): one idle
    // interface, left out of the chart and offered by the toggle.
    assert.equal(await page.locator('#net-idle').textContent(), 'Show idle (1)');
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) await shootPage(page, session.args.out, 'dashboard', viewport, scheme);
    }
    for (const viewport of [VIEWPORTS[0], VIEWPORTS.at(-1)]) {
      for (const scheme of SCHEMES) await shootSettings(page, session.args.out, viewport, scheme);
    }
    await server.stop();
    await page.waitForSelector('#link-notice[data-kind="stale"]:not([hidden])', { timeout: WAIT_MS });
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) await shootPage(page, session.args.out, 'stopped', viewport, scheme);
    }
    assert.deepEqual(problemsBesidesOutage(problems), []);
  });
});
