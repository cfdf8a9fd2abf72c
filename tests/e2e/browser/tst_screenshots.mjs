// Full-page screenshots at desktop (1280×900) and phone (390×844) width, light and dark, of the
// dashboard and of its settings dialog, saved as PNG under --out for a person to look at. The
// test itself checks what a picture cannot be trusted to show: no horizontal scrolling, every
// chart drawn with data, and no error on the way.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  INTERVAL_S,
  assertNoHorizontalScroll,
  openLivePage,
  settle,
  waitForChartPoints,
  withSession,
} from './harness.mjs';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
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

async function shoot(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  for (const { id, points } of await chartSizes(page)) {
    assert.ok(
      points.every((count) => count > 0),
      `${id} has a series with no data: ${points}`,
    );
  }
  await page.screenshot({ path: path.join(out, `dashboard-${viewport.name}-${scheme}.png`), fullPage: true });
  await page.click('#settings-open');
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(out, `settings-${viewport.name}-${scheme}.png`) });
  await page.click('#settings-close');
}

test('screenshots at desktop and phone width, light and dark', async () => {
  await withSession(async (session) => {
    const server = await session.start();
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await page.click('button[data-window="60"]');
    await waitForChartPoints(page, 'chart-cpu', SAMPLES_BEFORE_SHOTS, SAMPLES_WAIT_MS);
    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) await shoot(page, session.args.out, viewport, scheme);
    }
    assert.deepEqual(problems, []);
  });
});
