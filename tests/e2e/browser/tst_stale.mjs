// Stale is never shown as live. The real vantage on the fixture machine (fixturemachine.mjs),
// with the memory rule firing so the alert banner is up: when the server is killed, the whole
// dashboard (values, charts, per-core strip, processes, banner) is marked stale with the time of
// the last update and the reason; a server started again on the same port is reconnected to,
// the page says it restarted, and the charts break their lines at the outage instead of drawing
// one across it. A frozen server (SIGSTOP: the socket stays open, no sample comes) is stale too.
// Screenshots of the stale page at 1280 and 390 px, light and dark, go to --out. The reconnect
// time is printed, never asserted (waits have one generous ceiling, WAIT_MS).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  WAIT_MS,
  assertNoHorizontalScroll,
  chartData,
  openLivePage,
  restartOnPort,
  settle,
  waitForChartPoints,
  waitForStatus,
  withSession,
} from './harness.mjs';
import { MEMORY_FIRING_CONFIG as FIRING_CONFIG } from './fixturemachine.mjs';


const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'];
const CLOCK = /^\d\d:\d\d:\d\d$/;

// HH:MM:SS of a time (ms) in this process's time zone, which Chromium shares.
function clock(ms) {
  const time = new Date(ms);
  return [time.getHours(), time.getMinutes(), time.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}

// What the page shows about staleness: the notice, and whether each part sits in a stale
// element and is drawn dimmed (a computed filter or opacity, not just a class).
function staleView(page) {
  return page.evaluate(() => {
    const notice = document.getElementById('link-notice');
    const banner = document.getElementById('alert-banner');
    const marked = (id) => {
      const element = document.getElementById(id);
      const styles = [];
      for (let node = element; node; node = node.parentElement) styles.push(getComputedStyle(node));
      return {
        stale: !!element.closest('.stale'),
        dimmed: styles.some((style) => style.filter.includes('grayscale') || Number(style.opacity) < 1),
      };
    };
    return {
      noticeHidden: notice.hidden,
      kind: notice.dataset.kind ?? null,
      title: document.getElementById('link-notice-title').textContent,
      detail: document.getElementById('link-notice-detail').textContent,
      parts: Object.fromEntries(
        ['cpu-now', 'memory-now', 'chart-cpu', 'chart-net', 'core-strip', 'procs-table', 'disk-list'].map(
          (id) => [id, marked(id)],
        ),
      ),
      bannerHidden: banner.hidden,
      bannerStale: banner.classList.contains('stale'),
      bannerAsOf: banner.dataset.stale ?? null,
      bannerDimmed: getComputedStyle(banner).filter.includes('grayscale'),
    };
  });
}

function waitForNotice(page, kind) {
  return page.waitForSelector(`#link-notice[data-kind="${kind}"]:not([hidden])`, { timeout: WAIT_MS });
}

function assertAllStale(view) {
  for (const [id, part] of Object.entries(view.parts)) {
    assert.ok(part.stale, `${id} is inside the stale dashboard`);
    assert.ok(part.dimmed, `${id} is drawn dimmed`);
  }
}

async function shoot(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({
    path: path.join(out, `stale-${viewport.name}-${scheme}.png`),
    fullPage: true,
  });
}

test('a killed server turns the page stale; restarted, it is live and says so', async () => {
  await withSession(async (session) => {
    const machine = await session.machine();
    const first = await session.start({ machine, config: FIRING_CONFIG });
    const { page } = await openLivePage(await session.browser(), `${first.url}/`);
    await page.waitForSelector('#alert-banner:not([hidden])', { timeout: WAIT_MS });
    // Ten seconds of samples, so the screenshots show lines fading out, not a dot or two.
    await waitForChartPoints(page, 'chart-cpu', 20, WAIT_MS);
    const live = await staleView(page);
    assert.equal(live.noticeHidden, true, 'no notice while live');
    for (const [id, part] of Object.entries(live.parts)) assert.equal(part.stale, false, `${id} live`);
    assert.equal(live.bannerStale, false);

    const killedAt = Date.now();
    await first.stop('SIGKILL');
    await waitForNotice(page, 'stale');
    const stale = await staleView(page);
    // The last update named is the newest sample the charts hold, not the time of the outage.
    const lastX = (await chartData(page, 'chart-cpu'))[0].xs.at(-1);
    assert.ok(lastX <= killedAt, 'the last sample came before the kill');
    assert.equal(stale.title, `Stale — last update ${clock(lastX)}`);
    assert.equal(stale.detail, '(server unreachable)');
    assertAllStale(stale);
    assert.equal(stale.bannerHidden, false, 'the alert is still shown, as of its last update');
    assert.ok(stale.bannerStale && stale.bannerDimmed, 'the banner is marked and drawn stale');
    assert.equal(stale.bannerAsOf, clock(lastX));

    for (const viewport of VIEWPORTS) {
      for (const scheme of SCHEMES) await shoot(page, session.args.out, viewport, scheme);
    }
    await page.setViewportSize(VIEWPORTS[0]);
    const before = (await chartData(page, 'chart-cpu'))[0];

    const second = await restartOnPort(session, { port: first.port, machine, config: FIRING_CONFIG });
    const backAt = Date.now();
    await waitForStatus(page, 'live');
    const liveAt = Date.now();
    const reconnectMs = liveAt - backAt;
    console.log(`reconnected ${reconnectMs} ms after the server was back (not asserted)`);
    assert.equal(second.port, first.port);

    await waitForNotice(page, 'restart');
    const restarted = await staleView(page);
    const restartedAt = /^Vantage restarted at (\d\d:\d\d:\d\d)$/.exec(restarted.title)?.[1];
    assert.match(restartedAt ?? '', CLOCK, restarted.title);
    // The new server started after the kill and before the page was live on it; HH:MM:SS of
    // the same day compares as text (a run across midnight would fail here, and say so).
    assert.ok(
      restartedAt >= clock(killedAt) && restartedAt <= clock(liveAt),
      `${restartedAt} within ${clock(killedAt)}..${clock(liveAt)}`,
    );
    for (const [id, part] of Object.entries(restarted.parts)) assert.equal(part.stale, false, `${id} live`);
    assert.equal(restarted.bannerStale, false);
    assert.equal(restarted.bannerAsOf, null);

    // The outage is a break in the line: one null after the last sample before the kill, with
    // samples on both sides, and no other null (the fixture gives every tick a CPU value).
    await waitForChartPoints(page, 'chart-cpu', before.xs.length + 2, WAIT_MS);
    const after = (await chartData(page, 'chart-cpu'))[0];
    const nulls = after.ys.flatMap((y, i) => (y === null ? [i] : []));
    assert.equal(nulls.length, 1, `one break: ${JSON.stringify(nulls)}`);
    const gap = nulls[0];
    assert.equal(after.xs[gap - 1], before.xs.at(-1), 'the break follows the last sample before the kill');
    assert.ok(after.xs[gap + 1] > killedAt, 'and precedes the first sample of the new server');
    assert.ok(after.ys[gap - 1] !== null && after.ys[gap + 1] !== null);
  });
});

test('a frozen server with its socket open is stale, and live again when it resumes', async () => {
  await withSession(async (session) => {
    const machine = await session.machine();
    const server = await session.start({ machine });
    const { page } = await openLivePage(await session.browser(), `${server.url}/`);
    await waitForChartPoints(page, 'chart-cpu', 2, WAIT_MS);
    process.kill(server.pid, 'SIGSTOP');
    try {
      await waitForNotice(page, 'stale');
      await waitForStatus(page, 'stale'); // connected, so the pill says stale, not reconnecting
      const stale = await staleView(page);
      assert.match(stale.title, /^Stale — last update \d\d:\d\d:\d\d$/);
      assert.match(stale.detail, /^\(no data for \d+ s\)$/);
      assertAllStale(stale);
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await waitForStatus(page, 'live');
    await page.waitForSelector('#link-notice[hidden]', { state: 'attached', timeout: WAIT_MS });
    const live = await staleView(page);
    for (const [id, part] of Object.entries(live.parts)) assert.equal(part.stale, false, `${id} live`);
  });
});
