// The alerts panel and banner, driven by `alert` messages as docs/protocol.md defines them. The
// page talks to the real vantage; Playwright sits on its WebSocket (routeWebSocket) and adds
// alert messages to what the server sends, so the test does not depend on making this machine
// hot enough to fire a real rule; and real rules wait a day before firing, so none interferes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  assertNoHorizontalScroll,
  settle,
  waitForChartPoints,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

const RULES = ['cpu', 'memory', 'swap', 'disk', 'temperature', 'errors', 'connections', 'tick'];
const QUIET_CONFIG = RULES.map((rule) => `[thresholds/${rule}]\nfor = 86400\n`).join('\n');

function alertMessage(fields) {
  return JSON.stringify({ type: 'alert', instance: '', acknowledged: false, ts: Date.now(), ...fields });
}

const CPU_WARNING = {
  id: 'cpu',
  rule: 'cpu',
  severity: 'warning',
  state: 'firing',
  value: 91.5,
  threshold: 75,
  message: 'CPU at 91.5% (warning at 75%)',
};
const MEMORY_CRITICAL = {
  id: 'memory',
  rule: 'memory',
  severity: 'critical',
  state: 'firing',
  value: 97.25,
  threshold: 95,
  message: 'Memory at 97.25% (critical at 95%)',
};

// A mount with a long path: its row must still fit a phone's width.
const DISK_WARNING = {
  id: 'disk:/var/lib/containers/storage/overlay',
  rule: 'disk',
  instance: '/var/lib/containers/storage/overlay',
  severity: 'warning',
  state: 'firing',
  value: 91,
  threshold: 90,
  message: 'Disk /var/lib/containers/storage/overlay at 91% (warning at 90%)',
};

function rows(page) {
  return page
    .locator('#alerts-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

async function shoot(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(out, `alerts-${viewport.width}-${scheme}.png`), fullPage: true });
}

test('alert messages fill the panel and the banner, resolved ones leave', async () => {
  await withSession(async (session) => {
    const server = await session.start({ config: QUIET_CONFIG });
    const page = await (await session.browser()).newPage();
    const problems = watchPage(page);
    let socket = null;
    await page.routeWebSocket(/\/ws$/, (route) => {
      route.connectToServer();
      socket = route;
    });
    await page.goto(`${server.url}/`);
    await waitForStatus(page, 'live');
    assert.ok(await page.locator('#alert-banner').isHidden());

    socket.send(alertMessage(CPU_WARNING));
    await page.waitForSelector('#alert-banner[data-severity="warning"]');
    assert.equal(await page.locator('#alert-banner').textContent(), 'Warning: CPU at 91.5% (warning at 75%)');
    // Severity, rule, value and threshold in the rule's unit, and the clock time it started.
    const [first] = await rows(page);
    assert.deepEqual(first.slice(0, 4), ['warning', 'cpu', '91.5 %', '75 %']);
    assert.match(first[4], /^\d\d:\d\d:\d\d$/);

    socket.send(alertMessage(MEMORY_CRITICAL));
    await page.waitForSelector('#alert-banner[data-severity="critical"]');
    assert.equal(
      await page.locator('#alert-banner').textContent(),
      'Critical: Memory at 97.25% (critical at 95%) (and 1 more)',
    );
    assert.deepEqual(
      (await rows(page)).map((row) => row[1]),
      ['memory', 'cpu'],
      'critical first',
    );

    socket.send(alertMessage(DISK_WARNING));
    await page.waitForSelector('#alert-banner:text("(and 2 more)")');
    // Warnings in the order they started: cpu, then the disk, named with its mount.
    assert.deepEqual(
      (await rows(page)).map((row) => row[1]),
      ['memory', 'cpu', 'disk/var/lib/containers/storage/overlay'],
    );
    // Some data in the charts first, so the pictures show the page as it looks in use.
    await page.click('button[data-window="60"]');
    await waitForChartPoints(page, 'chart-cpu', 20, 20000);
    await shoot(page, session.args.out, { width: 1280, height: 900 }, 'light');
    await shoot(page, session.args.out, { width: 390, height: 844 }, 'dark');

    socket.send(alertMessage({ ...DISK_WARNING, state: 'resolved' }));
    socket.send(alertMessage({ ...MEMORY_CRITICAL, state: 'resolved' }));
    await page.waitForSelector('#alert-banner[data-severity="warning"]');
    socket.send(alertMessage({ ...CPU_WARNING, state: 'resolved' }));
    await page.waitForSelector('#alert-banner', { state: 'hidden' });
    assert.ok(await page.locator('#alerts-empty').isVisible(), '"No active alerts" again');
    assert.deepEqual(problems, []);
  });
});
