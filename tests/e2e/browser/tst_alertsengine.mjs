// Alerts end to end with the real engine: a config whose memory warning level is 1 % fires at
// the first tick on any machine, and every other rule waits a day. An admin page acknowledges
// the alert, a viewer page sees that without a reload, and raising the levels through the
// settings dialog resolves it on both; GET /api/v1/alerts and /metrics agree with the pages at
// every step. A server restarted while the page is away rebuilds the panel from what it resends.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  INTERVAL_S,
  assertNoHorizontalScroll,
  getJson,
  settle,
  waitForChartPoints,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';
const QUIET_RULES = ['swap', 'disk', 'temperature', 'errors', 'connections', 'tick'];
const QUIET = QUIET_RULES.map((rule) => `[thresholds/${rule}]\nfor = 86400\n`).join('\n');
// Memory in use is above 1 % on every running machine and below 99 % on any that runs tests.
const FIRING_CONFIG = `${QUIET}
[thresholds/memory]
warning = 1
critical = 99
for = 0

[thresholds/cpu]
warning = 100
critical = 100
for = 86400
`;
const RESOLVED_CONFIG = FIRING_CONFIG.replace('warning = 1\ncritical = 99', 'warning = 99\ncritical = 100');
const WAIT_MS = 10000;
const RECONNECT_TIMEOUT_MS = 15000;

// The page's number format for a percent (format.js formatNumber, two decimals at most).
const percentText = (value) => `${Number(value.toFixed(2))} %`;

function rows(page) {
  return page
    .locator('#alerts-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

function bannerParts(page) {
  return page.evaluate(() => ({
    hidden: document.getElementById('alert-banner').hidden,
    severity: document.getElementById('alert-banner').dataset.severity,
    acknowledged: document.getElementById('alert-banner').dataset.acknowledged,
    title: document.getElementById('alert-banner-title').textContent,
    detail: document.getElementById('alert-banner-detail').textContent,
    note: document.getElementById('alert-banner-note').textContent,
    value: document.querySelector('#alerts-table tbody tr')?.cells[2].textContent,
  }));
}

// vantage_alert_state of the memory rule in /metrics: 0 ok, 1 warning, 2 critical.
async function metricsState(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^vantage_alert_state\{rule="memory",instance=""\} (\d+)$/m.exec(text);
  assert.ok(match, 'the memory rule is in /metrics');
  return Number(match[1]);
}

// Retries `check` (which throws while not yet true) for up to `timeout` ms.
async function eventually(check, timeout = WAIT_MS) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// The mem.percent of every sample `page` received, as the page would print it.
function recordSamples(page) {
  const shown = new Set();
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(payload);
      if (message.type === 'sample') shown.add(percentText(message.mem.percent));
    }),
  );
  return shown;
}

async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = watchPage(page);
  const samples = recordSamples(page);
  await page.goto(url);
  await waitForStatus(page, 'live');
  return { page, problems, samples };
}

// The banner and the row show the memory alert at a value the machine really sent, and so does
// the server's own list.
async function checkFiring(view, server, acknowledged) {
  const { page, samples } = view;
  await page.waitForSelector(`#alert-banner[data-acknowledged="${acknowledged}"]`);
  await eventually(async () => {
    const banner = await bannerParts(page);
    assert.equal(banner.title, 'Warning: Memory');
    assert.equal(banner.severity, 'warning');
    assert.ok(samples.has(banner.value), `${banner.value} is a sample's mem.percent: ${[...samples]}`);
    assert.equal(banner.detail, `at ${banner.value} (warning at 1 %)`);
    assert.equal(banner.note, acknowledged ? 'acknowledged' : '');
  });
  const [row, ...others] = await rows(page);
  assert.deepEqual(others, [], 'only the memory rule fires');
  assert.deepEqual(row.slice(0, 2), ['warning', 'memory']);
  assert.equal(row[3], '1 %');
  const { active } = await getJson(`${server.url}/api/v1/alerts`);
  assert.deepEqual(
    active.map((alert) => [alert.id, alert.severity, alert.acknowledged]),
    [['memory', 'warning', acknowledged]],
  );
  await eventually(async () => {
    const { active: now } = await getJson(`${server.url}/api/v1/alerts`);
    assert.ok(samples.has(percentText(now[0].value)), `the server's value ${now[0].value} is a sample's`);
  });
  assert.equal(await metricsState(server.url), 1, 'warning in /metrics');
}

async function shoot(page, out, name, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  await assertNoHorizontalScroll(page);
  const file = `alerts-engine-${name}-${viewport.width}-${scheme}.png`;
  await page.screenshot({ path: path.join(out, file), fullPage: true });
}

async function shootBoth(page, out, name) {
  await shoot(page, out, name, { width: 390, height: 844 }, 'dark');
  await shoot(page, out, name, { width: 1280, height: 900 }, 'light');
}

// The admin page's alert messages are held back on their way from the server while `held` is
// an array, so the test can see what the page shows before the server's word arrives.
function gateAlerts(page) {
  const gate = { held: null, results: 0 };
  gate.release = (route) => {
    for (const message of gate.held ?? []) route.send(message);
    gate.held = null;
  };
  return page
    .routeWebSocket(/\/ws(\?|$)/, (route) => {
      const server = route.connectToServer();
      gate.route = route;
      server.onMessage((message) => {
        const type = JSON.parse(message).type;
        if (type === 'result') gate.results += 1;
        if (type === 'alert' && gate.held) gate.held.push(message);
        else route.send(message);
      });
    })
    .then(() => gate);
}

async function acknowledge(admin, viewer, gate) {
  assert.equal(await viewer.page.locator('#alerts-table button').count(), 0, 'a viewer has no button');
  assert.equal((await rows(viewer.page))[0][5], 'not acknowledged');
  gate.held = [];
  await admin.page.click('#alerts-table button:text("Acknowledge")');
  // The server broadcasts the alert, then answers the admin: once the result is through, the
  // viewer shows the acknowledgement while the admin, whose alert message is still held, does not.
  await eventually(() => assert.equal(gate.results, 1));
  await viewer.page.waitForSelector('#alerts-table tbody tr.acknowledged');
  assert.equal((await rows(viewer.page))[0][5], 'acknowledged');
  assert.equal((await rows(admin.page))[0][5], 'Acknowledge', 'not shown before the server says so');
  await eventually(async () =>
    assert.ok(
      await admin.page.locator('#alerts-table button').isEnabled(),
      'answered: the button works again',
    ),
  );
  gate.release(gate.route);
  await admin.page.waitForSelector('#alerts-table tbody tr.acknowledged');
  assert.equal(await admin.page.locator('#alerts-table button').count(), 0, 'nothing left to acknowledge');
  assert.equal(await recentKind(viewer.page), 'acknowledged');
}

function recentKind(page) {
  return page.locator('#alerts-recent-list li:first-child .event-kind').textContent();
}

async function raiseLevels(admin) {
  const { page } = admin;
  await page.click('#settings-open');
  await page.fill('input[name="thresholds/memory/warning"]', '99');
  await page.fill('input[name="thresholds/memory/critical"]', '100');
  await page.click('#settings-save');
  await page.waitForSelector('#settings-status[data-kind="ok"]:text("Saved")');
  await page.click('#settings-close');
}

async function checkResolved(view, server) {
  await view.page.waitForSelector('#alert-banner', { state: 'hidden', timeout: WAIT_MS });
  assert.ok(await view.page.locator('#alerts-empty').isVisible(), '"No active alerts"');
  assert.equal(await recentKind(view.page), 'resolved');
  const { active, log } = await getJson(`${server.url}/api/v1/alerts`);
  assert.deepEqual(active, []);
  // Newest first: resolved, acknowledged, fired.
  assert.deepEqual(
    log.map((entry) => [entry.id, entry.state, entry.acknowledged]),
    [
      ['memory', 'resolved', true],
      ['memory', 'firing', true],
      ['memory', 'firing', false],
    ],
  );
  assert.equal(await metricsState(server.url), 0, 'ok in /metrics');
}

test('the real engine: fire, acknowledge from an admin, see it as a viewer, resolve by settings', async () => {
  await withSession(async (session) => {
    const server = await session.start({ config: FIRING_CONFIG, token: TOKEN });
    const browser = await session.browser();
    const adminPage = await browser.newPage();
    const gate = await gateAlerts(adminPage);
    const admin = { page: adminPage, problems: watchPage(adminPage), samples: new Set() };
    // Behind the route the page's frames are not reported: read the samples from the viewer.
    const viewer = await openPage(browser, `${server.url}/`);
    admin.samples = viewer.samples;
    await adminPage.goto(`${server.url}/?token=${TOKEN}`);
    await waitForStatus(adminPage, 'live');
    await checkFiring(viewer, server, false);
    await checkFiring(admin, server, false);
    assert.equal(await recentKind(viewer.page), 'fired');
    await adminPage.click('button[data-window="60"]');
    await waitForChartPoints(adminPage, 'chart-cpu', 20, 20000);
    await shootBoth(adminPage, session.args.out, 'firing');
    // The CPU levels are equal here: one line with one label, not two labels on top of each other.
    const cpuLines = await adminPage.evaluate(() =>
      globalThis.Chart.getChart(document.getElementById('chart-cpu')).$thresholds.map((line) => [
        line.name,
        line.value,
      ]),
    );
    assert.deepEqual(cpuLines, [['warning, critical', 100]]);

    await acknowledge(admin, viewer, gate);
    await checkFiring(viewer, server, true);
    await checkFiring(admin, server, true);
    await shootBoth(adminPage, session.args.out, 'acknowledged');

    await raiseLevels(admin);
    await checkResolved(admin, server);
    await checkResolved(viewer, server);
    assert.deepEqual([...admin.problems, ...viewer.problems], []);
  });
});

// A new process on a port just closed: retried briefly in case the old socket still holds it.
async function restartOnPort(session, options) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await session.start(options);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

// Counts every time the banner is hidden, from inside the page.
function countBannerHides(page) {
  return page.evaluate(() => {
    const banner = document.getElementById('alert-banner');
    globalThis.bannerHides = 0;
    new MutationObserver(() => (globalThis.bannerHides += banner.hidden ? 1 : 0)).observe(banner, {
      attributes: true,
      attributeFilter: ['hidden'],
    });
  });
}

test('after a reconnect the panel holds what the server resends, without the banner flickering', async () => {
  await withSession(async (session) => {
    const first = await session.start({ config: FIRING_CONFIG });
    const view = await openPage(await session.browser(), `${first.url}/`);
    await checkFiring(view, first, false);
    await countBannerHides(view.page);

    // Still firing after the restart: the banner stays up throughout.
    await first.stop('SIGKILL');
    await waitForStatus(view.page, 'reconnecting', 5000);
    const second = await restartOnPort(session, { port: first.port });
    await waitForStatus(view.page, 'live', RECONNECT_TIMEOUT_MS);
    await checkFiring(view, second, false);
    assert.equal(await view.page.evaluate(() => globalThis.bannerHides), 0, 'the banner never went away');

    // Resolved while the page was away: gone once the page is back.
    await second.stop('SIGKILL');
    await waitForStatus(view.page, 'reconnecting', 5000);
    const third = await restartOnPort(session, { port: first.port, config: RESOLVED_CONFIG });
    await waitForStatus(view.page, 'live', RECONNECT_TIMEOUT_MS);
    await view.page.waitForSelector('#alert-banner', { state: 'hidden', timeout: 10 * INTERVAL_S * 1000 });
    assert.deepEqual(await rows(view.page), []);
    assert.deepEqual((await getJson(`${third.url}/api/v1/alerts`)).active, []);
    assert.equal(await metricsState(third.url), 0);
    // The log the page fetched again holds the firings of both earlier servers.
    const kinds = await view.page.locator('#alerts-recent-list .event-kind').allTextContents();
    assert.deepEqual(kinds, ['fired', 'fired']);
    assert.deepEqual(view.problems, []);
  });
});
