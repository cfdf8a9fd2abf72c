// The alerts panel and banner with alerts the real engine fires on demand: the fixture machine
// (fixturemachine.mjs) starts calm, and the test heats its CPU, memory, disk and a sensor one
// after the other against low levels, so that several alerts fire at once, a critical one among
// them, and a mount whose long path must fit a phone. Cooling the machine resolves them. Every
// value is the fixture's, so every expectation is literal text. tst_alertsengine.mjs follows one
// alert through acknowledgement, settings and restarts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  WAIT_MS,
  assertNoHorizontalScroll,
  eventually,
  getJson,
  openLivePage,
  problemsBesidesOutage,
  settle,
  waitForChartPoints,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';
const QUIET = ['swap', 'errors', 'connections', 'tick']
  .map((rule) => `[thresholds/${rule}]\nfor = 86400\n`)
  .join('\n');
// Levels the calm machine stays under and the heated one goes over, each at the first tick.
// The disk level is 0: the disk (0 % used) fires as soon as its mount point is there.
const CONFIG = `${QUIET}
[thresholds/cpu]
warning = 30
critical = 90
for = 0

[thresholds/memory]
warning = 70
critical = 90
for = 0

[thresholds/disk]
warning = 0
critical = 100
for = 0

[thresholds/temperature]
warning = 60
critical = 95
for = 0
`;
// MemAvailable of 16777216 kB: 6291456 kB leaves 62.5 % in use (calm: under 70 − 5, the
// hysteresis), 1048576 kB leaves 15728640 / 16777216 = 93.75 % (over the critical 90), written
// "94 %" (no decimal from 10 % up, docs/desktop.md "Numbers and colours").
const CALM_MEMORY_KIB = 6291456;
const HOT_MEMORY_KIB = 1048576;
// hwmon1 ("nvme 1") reports no levels of its own, so the settings' apply: 38.9 °C calm, 71 °C hot.
const SENSOR = 'hwmon1/temp1_input';

function rows(page) {
  return page
    .locator('#alerts-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

function rules(page) {
  return rows(page).then((all) => all.map((row) => row[1]));
}

function banner(page) {
  return page.evaluate(() =>
    ['alert-banner-title', 'alert-banner-detail', 'alert-banner-note']
      .map((id) => document.getElementById(id).textContent)
      .filter(Boolean)
      .join(' '),
  );
}

async function bannerSays(page, severity, text) {
  await page.waitForSelector(`#alert-banner[data-severity="${severity}"]`, { timeout: WAIT_MS });
  await eventually(async () => assert.equal(await banner(page), text));
}

async function shoot(page, out, viewport, scheme) {
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await settle(page);
  // The picture first, so that a layout the check refuses can be looked at.
  await page.screenshot({ path: path.join(out, `alerts-${viewport.width}-${scheme}.png`), fullPage: true });
  await assertNoHorizontalScroll(page);
}

// The `alert` messages the page received, as "rule state severity".
function recordAlerts(page) {
  const alerts = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(payload);
      if (message.type === 'alert') alerts.push(`${message.rule} ${message.state} ${message.severity}`);
    }),
  );
  return alerts;
}

test('the engine’s alerts fill the panel and the banner, resolved ones leave', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'calm', disk: false });
    const server = await session.start({ config: CONFIG, token: TOKEN, machine });
    const browser = await session.browser();
    const page = await browser.newPage();
    const problems = watchPage(page);
    const received = recordAlerts(page);
    await page.goto(`${server.url}/`);
    await waitForStatus(page, 'live');
    const admin = await openLivePage(browser, `${server.url}/?token=${TOKEN}`);
    assert.ok(await page.locator('#alert-banner').isHidden());

    // The busy profile: 40 % of the CPU, over the warning level of 30.
    await machine.setCpu('busy');
    await bannerSays(page, 'warning', 'Warning: CPU at 40 % (warning at 30 %)');
    // Severity, rule, value and threshold in the rule's unit, the clock time it started, and
    // for a viewer the state without a button.
    const [first] = await rows(page);
    assert.deepEqual(first.slice(0, 4), ['warning', 'cpu', '40 %', '30 %']);
    assert.match(first[4], /^\d\d:\d\d:\d\d$/);
    assert.equal(first[5], 'not acknowledged');

    machine.setMemAvailable(HOT_MEMORY_KIB);
    await bannerSays(page, 'critical', 'Critical: Memory at 94 % (critical at 90 %) and 1 more');
    assert.deepEqual(await rules(page), ['memory', 'cpu'], 'critical first');

    machine.attachDisk();
    await page.waitForSelector('#alert-banner-note:text("and 2 more")', { timeout: WAIT_MS });
    machine.setTemperature(SENSOR, 71000);
    await page.waitForSelector('#alert-banner-note:text("and 3 more")', { timeout: WAIT_MS });
    // Warnings in the order they started: cpu, the disk, then the sensor, each named with its
    // instance (on a line of its own in the cell). A value is the newest sample's, which may
    // come a moment after the alert. Below 10 % a percentage keeps one decimal: the empty disk
    // and its level of 0 read "0.0 %".
    await eventually(async () => {
      const four = await rows(page);
      assert.deepEqual(
        four.map((row) => [row[0], row[1], row[2], row[3], row[5]]),
        [
          ['critical', 'memory', '94 %', '90 %', 'not acknowledged'],
          ['warning', 'cpu', '40 %', '30 %', 'not acknowledged'],
          ['warning', `disk${machine.mount}`, '0.0 %', '0.0 %', 'not acknowledged'],
          ['warning', 'temperaturenvme 1', '71 °C', '60 °C', 'not acknowledged'],
        ],
      );
      for (const row of four) assert.match(row[4], /^\d\d:\d\d:\d\d$/);
    });

    // The busier profile: 70 %, still a warning. The row follows the samples; the engine sends
    // no alert message for a value that stays at its level.
    const sent = received.length;
    await machine.setCpu('busier');
    await eventually(async () => assert.equal((await rows(page))[1][2], '70 %'));
    assert.deepEqual(
      received.slice(sent).filter((alert) => alert.startsWith('cpu')),
      [],
    );

    // Acknowledged by an admin elsewhere: quieter only once every firing alert is.
    await admin.page.click('button[aria-label="Acknowledge Memory"]');
    await page.waitForSelector('#alerts-table tr.acknowledged', { timeout: WAIT_MS });
    assert.equal((await rows(page))[0][5], 'acknowledged');
    assert.equal(await page.locator('#alert-banner').getAttribute('data-acknowledged'), 'false');
    // Some data in the charts first, so the pictures show the page as it looks in use.
    await page.click('button[data-window="60"]');
    await waitForChartPoints(page, 'chart-cpu', 20, WAIT_MS);
    await page.click('#alerts-recent summary');
    await shoot(page, session.args.out, { width: 1280, height: 900 }, 'light');
    await shoot(page, session.args.out, { width: 390, height: 844 }, 'dark');
    // Newest first: the acknowledgement, then the four firings from the newest.
    assert.deepEqual(await page.locator('#alerts-recent-list .event-kind').allTextContents(), [
      'acknowledged',
      'fired',
      'fired',
      'fired',
      'fired',
    ]);

    // The disk unmounted, memory freed (62.5 % is under 70 − 5), the sensor back to 38.9 °C.
    machine.detachDisk();
    machine.setMemAvailable(CALM_MEMORY_KIB);
    await bannerSays(page, 'warning', 'Warning: CPU at 70 % (warning at 30 %) and 1 more');
    machine.setTemperature(SENSOR, 38900);
    await eventually(async () => assert.deepEqual(await rules(page), ['cpu']));
    await admin.page.click('button[aria-label="Acknowledge CPU"]');
    await page.waitForSelector('#alert-banner[data-acknowledged="true"]', { timeout: WAIT_MS });
    assert.equal(await banner(page), 'Warning: CPU at 70 % (warning at 30 %) acknowledged');
    // 10 % is under 30 − 5.
    await machine.setCpu('calm');
    await page.waitForSelector('#alert-banner', { state: 'hidden', timeout: WAIT_MS });
    assert.ok(await page.locator('#alerts-empty').isVisible(), '"No active alerts" again');
    // The disk and memory resolve in one tick or two, in either order: both read "resolved".
    assert.deepEqual(await page.locator('#alerts-recent-list .event-kind').allTextContents(), [
      'resolved',
      'acknowledged',
      'resolved',
      'resolved',
      'resolved',
      'acknowledged',
      'fired',
      'fired',
      'fired',
      'fired',
    ]);
    assert.deepEqual([...problems, ...admin.problems], []);
  });
});

// Opens `url` with Playwright between the page and the server; `rewrite(message)` may change what
// the server sends. While `gate.closed` is true, every connection is closed at once, as if the
// server were unreachable; while `gate.held` is an array, alert messages wait in it.
async function openRouted(session, url, rewrite = (message) => message) {
  const page = await (await session.browser()).newPage();
  const problems = watchPage(page);
  const gate = { closed: false, held: null, route: null };
  gate.release = () => {
    for (const message of gate.held ?? []) gate.route.send(message);
    gate.held = null;
  };
  await page.routeWebSocket(/\/ws(\?|$)/, (route) => {
    if (gate.closed) {
      route.close();
      return;
    }
    gate.route = route;
    route.connectToServer().onMessage((message) => {
      if (gate.held && JSON.parse(message).type === 'alert') gate.held.push(message);
      else route.send(rewrite(message));
    });
  });
  await page.goto(url);
  await waitForStatus(page, 'live');
  return { page, problems, gate };
}

async function activeIds(server) {
  return (await getJson(`${server.url}/api/v1/alerts`)).active.map((alert) => alert.id);
}

// Counts every time the banner is hidden, from inside the page.
function countBannerHides(page) {
  return page.evaluate(() => {
    const element = document.getElementById('alert-banner');
    globalThis.bannerHides = 0;
    new MutationObserver(() => (globalThis.bannerHides += element.hidden ? 1 : 0)).observe(element, {
      attributes: true,
      attributeFilter: ['hidden'],
    });
  });
}

test('a reconnect rebuilds the panel from what the server sends again', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy', disk: false });
    machine.setMemAvailable(HOT_MEMORY_KIB);
    const server = await session.start({ config: CONFIG, machine });
    const { page, problems, gate } = await openRouted(session, `${server.url}/`);
    await bannerSays(page, 'critical', 'Critical: Memory at 94 % (critical at 90 %) and 1 more');
    await countBannerHides(page);

    // The page loses the server, and the CPU cools down while it is away.
    gate.closed = true;
    await gate.route.close();
    await waitForStatus(page, 'reconnecting');
    await machine.setCpu('calm');
    await eventually(async () => assert.deepEqual(await activeIds(server), ['memory']));
    gate.closed = false;
    await waitForStatus(page, 'live');
    // Only what the server sent again: memory, with no flicker of the banner on the way.
    await bannerSays(page, 'critical', 'Critical: Memory at 94 % (critical at 90 %)');
    assert.deepEqual(await rules(page), ['memory']);
    assert.equal(await page.evaluate(() => globalThis.bannerHides), 0, 'the banner never went away');
    // The log fetched again tells what happened meanwhile.
    await eventually(async () =>
      assert.deepEqual(await page.locator('#alerts-recent-list .event-kind').allTextContents(), [
        'resolved',
        'fired',
        'fired',
      ]),
    );
    assert.deepEqual(problemsBesidesOutage(problems), []);
  });
});

test('the server’s refusals of an acknowledgement are shown beside the panel', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy', disk: false });
    const server = await session.start({ config: CONFIG, token: TOKEN, machine });
    // An admin acknowledges an alert that resolved a moment ago, before the page heard of it:
    // the resolution is held on its way, so the server answers bad_request.
    const admin = await openRouted(session, `${server.url}/?token=${TOKEN}`);
    await bannerSays(admin.page, 'warning', 'Warning: CPU at 40 % (warning at 30 %)');
    admin.gate.held = [];
    await machine.setCpu('calm');
    await eventually(async () => assert.deepEqual(await activeIds(server), []));
    await admin.page.click('button[aria-label="Acknowledge CPU"]');
    const status = admin.page.locator('#alerts-status');
    await status.waitFor({ timeout: WAIT_MS });
    assert.equal(
      await status.textContent(),
      'Could not acknowledge CPU: no firing alert "cpu" to acknowledge',
    );
    assert.equal((await rows(admin.page))[0][5], 'Acknowledge', 'not acknowledged');
    assert.ok(await admin.page.locator('#alerts-table button').isEnabled(), 'and can be tried again');
    admin.gate.release();
    await admin.page.waitForSelector('#alert-banner', { state: 'hidden', timeout: WAIT_MS });

    // A viewer page told by a rewritten hello that it is an admin: the server still knows better.
    machine.setMemAvailable(HOT_MEMORY_KIB);
    const asAdmin = (message) => message.replace('"role":"viewer"', '"role":"admin"');
    const viewer = await openRouted(session, `${server.url}/`, asAdmin);
    await bannerSays(viewer.page, 'critical', 'Critical: Memory at 94 % (critical at 90 %)');
    await viewer.page.click('button[aria-label="Acknowledge Memory"]');
    await viewer.page.locator('#alerts-status').waitFor({ timeout: WAIT_MS });
    assert.match(
      await viewer.page.locator('#alerts-status').textContent(),
      /^Could not acknowledge Memory: "acknowledge" needs the admin role/,
    );
    const card = admin.page.locator('section[aria-labelledby="alerts-title"]');
    await card.screenshot({ path: path.join(session.args.out, 'alerts-refused.png') });
    assert.deepEqual([...admin.problems, ...viewer.problems], []);
  });
});
