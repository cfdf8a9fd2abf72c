// The alerts panel and banner with alerts the engine cannot be made to send on demand: a
// critical one, several at once in order, a mount whose long path must fit a phone. The page
// talks to the real vantage; Playwright sits on its WebSocket (routeWebSocket) and adds alert
// messages to what the server sends, and the real rules wait a day, so none interferes. The
// server knows nothing of these alerts, so acknowledging one gets its real `bad_request`, and a
// viewer told it is an admin gets its real `unauthorized`: both appear beside the panel.
// tst_alertsengine.mjs drives the real engine.
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

const TOKEN = 'e2e-token-0123456789abcdef';
const RULES = ['cpu', 'memory', 'swap', 'disk', 'temperature', 'errors', 'connections', 'tick'];
const QUIET_CONFIG = RULES.map((rule) => `[thresholds/${rule}]\nfor = 86400\n`).join('\n');

// An alert's first message is its firing (`ts` equals `since`); later ones pass the time.
function alertMessage(fields, ts = fields.since) {
  return JSON.stringify({ type: 'alert', instance: '', acknowledged: false, ts, ...fields });
}

const STARTED = Date.now();

const CPU_WARNING = {
  id: 'cpu',
  rule: 'cpu',
  severity: 'warning',
  state: 'firing',
  value: 91.5,
  threshold: 75,
  since: STARTED - 120000,
  message: 'CPU at 91.5% (warning at 75%)',
};
const MEMORY_CRITICAL = {
  id: 'memory',
  rule: 'memory',
  severity: 'critical',
  state: 'firing',
  value: 97.25,
  threshold: 95,
  since: STARTED - 60000,
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
  since: STARTED - 30000,
  message: 'Disk /var/lib/containers/storage/overlay at 91% (warning at 90%)',
};

function rows(page) {
  return page
    .locator('#alerts-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

function banner(page) {
  return page.evaluate(() =>
    ['alert-banner-title', 'alert-banner-detail', 'alert-banner-note']
      .map((id) => document.getElementById(id).textContent)
      .filter(Boolean)
      .join(' '),
  );
}

async function shoot(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(out, `alerts-${viewport.width}-${scheme}.png`), fullPage: true });
}

// Opens the page with Playwright between it and the server; `rewrite(message)` may change what
// the server sends. Resolves to { page, problems, socket } once live.
async function openRouted(session, url, rewrite = (message) => message) {
  const page = await (await session.browser()).newPage();
  const problems = watchPage(page);
  const routed = { page, problems, socket: null };
  await page.routeWebSocket(/\/ws(\?|$)/, (route) => {
    route.connectToServer().onMessage((message) => route.send(rewrite(message)));
    routed.socket = route;
  });
  await page.goto(url);
  await waitForStatus(page, 'live');
  return routed;
}

// The samples on their way say the machine is as hot as the injected alerts: the panel shows
// an alert's value from the newest sample.
function heatSamples(hot) {
  return (text) => {
    const message = JSON.parse(text);
    if (message.type !== 'sample') return text;
    message.cpu.total = hot.cpu;
    message.mem.percent = hot.memory;
    return JSON.stringify(message);
  };
}

test('alert messages fill the panel and the banner, resolved ones leave', async () => {
  await withSession(async (session) => {
    const server = await session.start({ config: QUIET_CONFIG });
    const hot = { cpu: 91.5, memory: 97.25 };
    const { page, problems, socket } = await openRouted(session, `${server.url}/`, heatSamples(hot));
    assert.ok(await page.locator('#alert-banner').isHidden());

    socket.send(alertMessage(CPU_WARNING));
    await page.waitForSelector('#alert-banner[data-severity="warning"]');
    assert.equal(await banner(page), 'Warning: CPU at 91.5 % (warning at 75 %)');
    // Severity, rule, value and threshold in the rule's unit, the clock time it started, and
    // for a viewer the state without a button.
    const [first] = await rows(page);
    assert.deepEqual(first.slice(0, 4), ['warning', 'cpu', '91.5 %', '75 %']);
    assert.match(first[4], /^\d\d:\d\d:\d\d$/);
    assert.equal(first[5], 'not acknowledged');

    socket.send(alertMessage(MEMORY_CRITICAL));
    await page.waitForSelector('#alert-banner[data-severity="critical"]');
    assert.equal(await banner(page), 'Critical: Memory at 97.25 % (critical at 95 %) and 1 more');
    assert.deepEqual(
      (await rows(page)).map((row) => row[1]),
      ['memory', 'cpu'],
      'critical first',
    );

    socket.send(alertMessage(DISK_WARNING));
    await page.waitForSelector('#alert-banner-note:text("and 2 more")');
    // Warnings in the order they started: cpu, then the disk, named with its mount.
    assert.deepEqual(
      (await rows(page)).map((row) => row[1]),
      ['memory', 'cpu', 'disk/var/lib/containers/storage/overlay'],
    );
    // The value follows the samples with no alert message: CPU 91.5 → 93.25.
    hot.cpu = 93.25;
    await page.waitForFunction(
      () => document.querySelector('#alerts-table tbody tr:nth-child(2)').cells[2].textContent === '93.25 %',
    );
    // Acknowledged by someone else: quieter only once every firing alert is.
    socket.send(alertMessage({ ...MEMORY_CRITICAL, acknowledged: true }, Date.now()));
    await page.waitForSelector('#alerts-table tr.acknowledged');
    assert.equal(await page.locator('#alert-banner').getAttribute('data-acknowledged'), 'false');
    // Some data in the charts first, so the pictures show the page as it looks in use.
    await page.click('button[data-window="60"]');
    await waitForChartPoints(page, 'chart-cpu', 20, 20000);
    await page.click('#alerts-recent summary');
    await shoot(page, session.args.out, { width: 1280, height: 900 }, 'light');
    await shoot(page, session.args.out, { width: 390, height: 844 }, 'dark');
    // Newest first: the acknowledgement, then the three firings from the newest.
    assert.deepEqual(await page.locator('#alerts-recent-list .event-kind').allTextContents(), [
      'acknowledged',
      'fired',
      'fired',
      'fired',
    ]);

    socket.send(alertMessage({ ...DISK_WARNING, state: 'resolved' }, Date.now()));
    socket.send(alertMessage({ ...MEMORY_CRITICAL, state: 'resolved' }, Date.now()));
    await page.waitForSelector('#alert-banner[data-severity="warning"]');
    socket.send(alertMessage({ ...CPU_WARNING, acknowledged: true }, Date.now()));
    await page.waitForSelector('#alert-banner[data-acknowledged="true"]');
    assert.equal(await banner(page), 'Warning: CPU at 93.25 % (warning at 75 %) acknowledged');
    socket.send(alertMessage({ ...CPU_WARNING, state: 'resolved' }, Date.now()));
    await page.waitForSelector('#alert-banner', { state: 'hidden' });
    assert.ok(await page.locator('#alerts-empty').isVisible(), '"No active alerts" again');
    assert.deepEqual(problems, []);
  });
});

// The alerts an injected page shows are unknown to the server after a reconnect: the panel
// holds only what the server sends again, and the banner goes.
test('a reconnect rebuilds the panel from what the server sends again', async () => {
  await withSession(async (session) => {
    const server = await session.start({ config: QUIET_CONFIG });
    const { page, problems, socket } = await openRouted(session, `${server.url}/`);
    socket.send(alertMessage(CPU_WARNING));
    await page.waitForSelector('#alert-banner[data-severity="warning"]');
    await socket.close();
    await waitForStatus(page, 'live', 10000);
    await page.waitForSelector('#alert-banner', { state: 'hidden' });
    assert.deepEqual(await rows(page), []);
    assert.deepEqual(problems, []);
  });
});

test('the server\u2019s refusals of an acknowledgement are shown beside the panel', async () => {
  await withSession(async (session) => {
    const server = await session.start({ config: QUIET_CONFIG, token: TOKEN });
    // An admin acknowledges an alert the server never fired: bad_request.
    const admin = await openRouted(session, `${server.url}/?token=${TOKEN}`);
    admin.socket.send(alertMessage(CPU_WARNING));
    await admin.page.click('#alerts-table button:text("Acknowledge")');
    const status = admin.page.locator('#alerts-status');
    await status.waitFor();
    assert.equal(
      await status.textContent(),
      'Could not acknowledge CPU: no firing alert "cpu" to acknowledge',
    );
    assert.equal((await rows(admin.page))[0][5], 'Acknowledge', 'still not acknowledged');
    assert.ok(await admin.page.locator('#alerts-table button').isEnabled(), 'and can be tried again');

    // A viewer whose hello is rewritten to say admin: the server still knows better.
    const asAdmin = (message) => message.replace('"role":"viewer"', '"role":"admin"');
    const viewer = await openRouted(session, `${server.url}/`, asAdmin);
    viewer.socket.send(alertMessage(MEMORY_CRITICAL));
    await viewer.page.click('#alerts-table button:text("Acknowledge")');
    await viewer.page.locator('#alerts-status').waitFor();
    assert.match(
      await viewer.page.locator('#alerts-status').textContent(),
      /^Could not acknowledge Memory: "acknowledge" needs the admin role/,
    );
    const card = admin.page.locator('section[aria-labelledby="alerts-title"]');
    await card.screenshot({ path: path.join(session.args.out, 'alerts-refused.png') });
    assert.deepEqual([...admin.problems, ...viewer.problems], []);
  });
});
