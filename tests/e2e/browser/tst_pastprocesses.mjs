// What was running: pointing at a chart in a past minute shows the top processes the real
// vantage's store kept for that minute ("Top processes at HH:MM", asked once per minute), and an
// alert's events show the processes of the moment it fired ("What was running"). The store is
// written before the server starts by vantage_storefixture (tests/support/storefixture.cpp),
// so a past minute exists without waiting for one to pass. Screenshot past-processes.png.
//   node tst_pastprocesses.mjs --vantage <binary> --storefixture <binary> --out <dir>
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MEMORY_FIRING_CONFIG } from './fixturemachine.mjs';
import { WAIT_MS, eventually, openLivePage, parseArgs, settle, withSession } from './harness.mjs';

const MINUTE_MS = 60000;
const MIB = 1048576;

// The stored minute's last tick, which is what the store keeps for it: by CPU compiler 180 %,
// database 12.5 % (shown "13 %": no decimal from 10 % up), editor 3 % ("3.0 %"); by memory
// database 2000 MiB (2000 / 1024 = 1.95 GiB, shown "2.0 GiB"), compiler 400 MiB, editor 300 MiB.
// "early" was running earlier in the minute and "later" in the next one: neither may show.
const STORED = [
  { pid: 101, name: 'compiler', cpu: 180, rss: 400 * MIB },
  { pid: 102, name: 'database', cpu: 12.5, rss: 2000 * MIB },
  { pid: 103, name: 'editor', cpu: 3, rss: 300 * MIB },
];

// A store holding the minute three or four minutes ago (inside the page's 5 min window): its
// first tick, its last, and one of the next minute, which closes it.
function writeStore(dir, minute) {
  mkdirSync(dir, { recursive: true });
  const ticks = [
    { ts: minute, cpu: 50, procs: [{ pid: 7, name: 'early', cpu: 90, rss: MIB }] },
    { ts: minute + 30000, cpu: 60, procs: STORED },
    { ts: minute + MINUTE_MS, cpu: 70, procs: [{ pid: 9, name: 'later', cpu: 99, rss: MIB }] },
  ];
  const file = path.join(dir, 'ticks.json');
  writeFileSync(file, JSON.stringify(ticks));
  execFileSync(parseArgs().storefixture, [path.join(dir, 'history.db'), file]);
}

// The rows of the panel's table captioned `caption`, as [pid, name, cpu, rss] texts.
function panelRows(page, caption) {
  return page
    .locator('#past-processes table', { has: page.locator(`caption:text-is("${caption}")`) })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
}

// Moves the mouse over the CPU chart at time `ts`, halfway down its area.
async function pointAtTime(page, ts) {
  const { x, y } = await page.evaluate((time) => {
    const chart = globalThis.Chart.getChart(document.getElementById('chart-cpu'));
    const box = chart.canvas.getBoundingClientRect();
    return {
      x: box.left + chart.scales.x.getPixelForValue(time),
      y: box.top + (chart.chartArea.top + chart.chartArea.bottom) / 2,
    };
  }, ts);
  await page.mouse.move(x, y);
}

test('pointing at a past minute shows what the store kept for it, asked once', async () => {
  await withSession(async (session) => {
    const minute = Math.floor((Date.now() - 3 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
    const dataDir = path.join(session.dir, 'store');
    writeStore(dataDir, minute);
    const machine = await session.machine();
    const server = await session.start({ config: `[history]\ndataDir = ${dataDir}\n`, machine });
    const browser = await session.browser({ width: 1280, height: 900 });
    const { page, problems } = await openLivePage(browser, `${server.url}/`);
    const asked = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/processes')) asked.push(new URL(request.url()).searchParams.get('at'));
    });
    assert.ok(await page.locator('#past-processes').isHidden(), 'no panel before pointing');

    // The middle of the stored minute, then a little either side of it: one question.
    await pointAtTime(page, minute + 30000);
    const clock = new Date(minute).toTimeString().slice(0, 5);
    await page.waitForSelector(`#past-processes-title:text-is("Top processes at ${clock}")`, { timeout: WAIT_MS });
    await eventually(async () =>
      assert.deepEqual(await panelRows(page, 'By CPU'), [
        ['101', 'compiler', '180 %', '400 MiB'],
        ['102', 'database', '13 %', '2.0 GiB'],
        ['103', 'editor', '3.0 %', '300 MiB'],
      ]),
    );
    assert.deepEqual(
      (await panelRows(page, 'By memory')).map((row) => row[1]),
      ['database', 'compiler', 'editor'],
    );
    for (const offset of [20000, 40000, 30000]) await pointAtTime(page, minute + offset);
    await settle(page);
    assert.deepEqual(asked, [String(minute)], 'one question for the minute');
    await page.screenshot({ path: path.join(session.args.out, 'past-processes.png'), fullPage: true });

    // A minute with nothing kept (the store starts at `minute`): said so, not an error.
    await pointAtTime(page, minute - MINUTE_MS + 30000);
    await page.waitForSelector('#past-processes .empty:text("Nothing was recorded for this minute")', {
      timeout: WAIT_MS,
    });
    // Back to the stored minute: from the page's memory, no new question.
    await pointAtTime(page, minute + 30000);
    await eventually(async () => assert.equal((await panelRows(page, 'By CPU')).length, 3));
    assert.deepEqual(asked, [String(minute), String(minute - MINUTE_MS)]);
    assert.deepEqual(problems, []);
  });
});

// On the fixture machine exactly the memory alert fires, at the first tick; its event carries
// the machine's four processes (tests/e2e/fixtures/machine/proc and fixturemachine.mjs's 4242).
test('an alert’s event shows what was running when it fired', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'calm', disk: false });
    const server = await session.start({ config: MEMORY_FIRING_CONFIG, machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await page.waitForSelector('#alerts-recent', { state: 'visible', timeout: WAIT_MS });
    await page.click('#alerts-recent summary');
    const fired = page.locator('#alerts-recent-list li', { has: page.locator('.event-kind:text-is("fired")') });
    await fired.locator('.what-was-running summary:text-is("What was running")').click();
    const names = await fired
      .locator('.what-was-running table:has(caption:text-is("By memory")) tbody td.proc-name')
      .allTextContents();
    assert.deepEqual([...names].sort(), ['busy-worker', 'init', 'postgres', 'web server']);
    assert.deepEqual(problems, []);
  });
});
