// The Processes view in a real browser against a real vantage, with 300 sleeping children of
// this test and one shell with a sleeping child of its own: the view lists them all (found by
// the filter), sorts them by PID, keeps them under the state filter S, nests the shell's child
// under it in tree mode, shows a selected one's command line whole, marks it ended when it is
// killed and drops it from the list; the table holds only the rows in sight.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  WAIT_MS,
  assertNoHorizontalScroll,
  eventually,
  settle,
  stopProcess,
  waitForStatus,
  watchPage,
  withSession,
} from './harness.mjs';

const SLEEPERS = 300;
// argv[0] of every sleeper: the text the filter finds them by, in their command line only (their
// name, from the executable, stays "sleep"). Long, so that the table has to cut it short.
const MARK = 'vantage-e2e-sleeper';
const ARGV0 = `${MARK}-${'x'.repeat(120)}`;
// The shell's own child sleeps for a duration no other process uses, so the filter finds the two.
const SHELL_MARK = '600.4321';

function startSleepers() {
  return Array.from({ length: SLEEPERS }, () => spawn('sleep', ['600'], { argv0: ARGV0, stdio: 'ignore' }));
}

// The PIDs of a process's children (proc(5), /proc/PID/task/TID/children).
function childrenOf(pid) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

// The count line carries the size of the list and of what the filters keep as data attributes.
async function counts(page) {
  return page.locator('#proc-count').evaluate((node) => ({
    total: Number(node.dataset.total),
    shown: Number(node.dataset.shown),
  }));
}

async function firstRowPid(page) {
  return Number(await page.locator('#proc-grid tr.proc-row').first().getAttribute('data-pid'));
}

// At `width` × `height`: no sideways scroll of the page, and a screenshot for a person to look at.
async function shoot(page, out, [width, height], name) {
  await page.setViewportSize({ width, height });
  await settle(page);
  await assertNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(out, name) });
}

// What the page sends and receives on its WebSocket, parsed, in order: [{ sent, message }].
function recordFrames(page) {
  const frames = [];
  const parse = (sent) => (frame) => frames.push({ sent, message: JSON.parse(frame.payload) });
  page.on('websocket', (socket) => {
    socket.on('framesent', parse(true));
    socket.on('framereceived', parse(false));
  });
  return frames;
}

async function filterBy(page, text) {
  await page.locator('#proc-filter').fill(text);
}

test('the Processes view lists, sorts, filters, nests and details real processes', async () => {
  const sleepers = startSleepers();
  const shell = spawn('sh', ['-c', `sleep ${SHELL_MARK} & wait`], { stdio: 'ignore' });
  const killed = new Set();
  let child = 0; // the shell's sleep
  try {
    await withSession(async (session) => {
      const server = await session.start();
      const browser = await session.browser();
      const page = await browser.newPage();
      const problems = watchPage(page);
      const frames = recordFrames(page);
      await page.goto(`${server.url}/#processes`);
      await waitForStatus(page, 'live');
      await page.locator('#processes-view').waitFor();
      assert.equal(await page.locator('#dashboard').isHidden(), true);

      // Every sleeper is in the list (the machine's own processes come on top).
      await filterBy(page, MARK);
      await eventually(async () => assert.equal((await counts(page)).shown, SLEEPERS));
      assert.ok((await counts(page)).total >= SLEEPERS + 2);

      // Only what is in sight is in the DOM: with 300 and more processes, under 100 rows.
      const domRows = await page.locator('#proc-grid tbody tr').count();
      assert.ok(domRows < 100, `${domRows} rows in the DOM`);

      // PID, largest first: the newest sleeper's PID at the top, the oldest's at the bottom.
      const pids = sleepers.map((child) => child.pid);
      await page.locator('#proc-grid button[data-sort="pid"]').click();
      assert.equal(await page.locator('#proc-grid th.col-pid').getAttribute('aria-sort'), 'descending');
      await eventually(async () => assert.equal(await firstRowPid(page), Math.max(...pids)));
      await page.locator('#proc-grid button[data-sort="pid"]').click();
      await eventually(async () => assert.equal(await firstRowPid(page), Math.min(...pids)));

      // Sleeping: all of them stay under the state filter S, none under R.
      await page.locator('#proc-state').selectOption('S');
      await eventually(async () => assert.equal((await counts(page)).shown, SLEEPERS));
      await page.locator('#proc-state').selectOption('R');
      await eventually(async () => assert.equal((await counts(page)).shown, 0));
      await page.locator('#proc-state').selectOption('');

      // Tree mode: the shell's sleep right under the shell, one level deeper.
      await eventually(() => ([child] = childrenOf(shell.pid)) && assert.ok(child > 0));
      await filterBy(page, SHELL_MARK);
      await page.locator('#proc-tree').click();
      await eventually(async () => {
        const rows = await page.locator('#proc-grid tr.proc-row').evaluateAll((trs) =>
          trs.map((tr) => ({ pid: Number(tr.dataset.pid), depth: Number(tr.dataset.depth) })),
        );
        const at = rows.findIndex((row) => row.pid === shell.pid);
        assert.ok(at >= 0, `the shell ${shell.pid} is listed`);
        assert.deepEqual(rows[at + 1], { pid: child, depth: rows[at].depth + 1 });
      });
      await page.locator('#proc-tree').click();

      // A selected sleeper shows its command line whole, "<argv0> 600".
      await filterBy(page, MARK);
      await shoot(page, session.args.out, [390, 844], 'processes-390-list.png');
      await page.setViewportSize({ width: 1280, height: 900 });
      const chosen = sleepers[0];
      await page.locator(`#proc-grid tr.proc-row[data-pid="${chosen.pid}"]`).click();
      const detail = page.locator('#proc-detail');
      await detail.waitFor();
      assert.equal(await detail.locator('.proc-detail-cmdline').textContent(), `${ARGV0} 600`);
      await eventually(async () =>
        assert.ok(await detail.locator('.proc-detail-cmdline').evaluate((p) => p.scrollWidth <= p.clientWidth)),
      );
      await shoot(page, session.args.out, [1280, 900], 'processes-1280.png');
      await shoot(page, session.args.out, [390, 844], 'processes-390.png');
      await page.setViewportSize({ width: 1280, height: 900 });

      // Killed: the panel says it ended, and the list no longer has it.
      await stopProcess(chosen, 'SIGKILL');
      killed.add(chosen);
      await detail.locator('.proc-detail-ended').waitFor({ timeout: WAIT_MS });
      await eventually(async () => assert.equal((await counts(page)).shown, SLEEPERS - 1));
      assert.equal(await page.locator(`#proc-grid tr.proc-row[data-pid="${chosen.pid}"]`).count(), 0);

      // The dashboard: the page unsubscribes, and after the server's answer no list comes, while
      // samples do (two of them, so at least one whole tick passed).
      await page.locator('#tab-dashboard').click();
      assert.equal(await page.locator('#processes-view').isHidden(), true);
      const sentTopic = (type) => frames.filter((f) => f.sent && f.message.type === type);
      await eventually(() => assert.equal(sentTopic('unsubscribe').length, 1));
      const { id } = sentTopic('unsubscribe')[0].message;
      const answered = () => frames.findIndex((f) => !f.sent && f.message.type === 'result' && f.message.id === id);
      await eventually(() => assert.ok(answered() >= 0));
      await eventually(() => {
        const after = frames.slice(answered() + 1).filter((f) => !f.sent);
        assert.ok(after.filter((f) => f.message.type === 'sample').length >= 2);
        assert.deepEqual(after.filter((f) => f.message.type === 'processes'), []);
      });
      // Back to Processes by the address: subscribed again, a whole list again.
      const lists = () => frames.filter((f) => !f.sent && f.message.type === 'processes' && f.message.full).length;
      const listsBefore = lists();
      await page.goto(`${server.url}/#processes`);
      await eventually(() => assert.ok(lists() > listsBefore));
      assert.equal(sentTopic('subscribe').length, 2);
      assert.deepEqual(problems, []);
    });
  } finally {
    // The shell's sleep would outlive the shell: killed by its PID too.
    for (const pid of child ? [child] : childrenOf(shell.pid)) process.kill(pid, 'SIGKILL');
    await Promise.all([shell, ...sleepers].filter((child) => !killed.has(child)).map((c) => stopProcess(c, 'SIGKILL')));
  }
});

// The fdinfo of an i915 client as the kernel writes it: 2048 KiB resident, `renderNs` busy.
function i915Fdinfo(renderNs) {
  return (
    'pos:\t0\nflags:\t02100002\nmnt_id:\t26\nino:\t1067\ndrm-driver:\ti915\ndrm-client-id:\t7\n' +
    `drm-pdev:\t0000:00:02.0\ndrm-resident-system0:\t2048 KiB\ndrm-engine-render:\t${renderNs} ns\n`
  );
}

// The fixture machine's worker (PID 4242) opens an i915 render node once the page has the list.
// Before, no process uses a GPU and the GPU columns are not shown; then, by the next full search
// of every PID's fds (at most 10 s on), its row reads 2048 KiB = 2.0 MiB of GPU memory and a GPU
// share from its busy time, which grows 0.25 s per second (25 %), and the columns stay.
test('the GPU columns appear once a process uses a GPU, with its share and memory', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine });
    const page = await (await session.browser()).newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/#processes`);
    await waitForStatus(page, 'live');
    const worker = page.locator('#proc-grid tr.proc-row[data-pid="4242"]');
    await worker.waitFor();
    assert.equal(await page.locator('#proc-grid th.col-gpu').isVisible(), false);
    assert.equal(await page.locator('#proc-grid th.col-gpuMem').isVisible(), false);

    const dir = path.join(machine.procRoot, '4242');
    mkdirSync(path.join(dir, 'fd'), { recursive: true });
    mkdirSync(path.join(dir, 'fdinfo'), { recursive: true });
    // Replaced whole (a new file renamed over the old), so no scan reads it half written.
    const write = (ns) => {
      writeFileSync(path.join(dir, 'fdinfo', '5.new'), i915Fdinfo(ns));
      renameSync(path.join(dir, 'fdinfo', '5.new'), path.join(dir, 'fdinfo', '5'));
    };
    write(0);
    symlinkSync('/dev/dri/renderD128', path.join(dir, 'fd', '5'));
    const started = performance.now();
    const busy = setInterval(() => write(Math.round((performance.now() - started) * 0.25e6)), 50);
    try {
      await eventually(async () => {
        const gpu = await worker.locator('td.col-gpu').textContent();
        assert.equal(await worker.locator('td.col-gpuMem').textContent(), '2.0 MiB');
        // 25 %, give or take the 50 ms between writes against the 0.5 s between scans.
        const share = Number.parseFloat(gpu);
        assert.ok(share >= 10 && share <= 40, `GPU ${gpu}`);
      });
      assert.equal(await page.locator('#proc-grid th.col-gpu').isVisible(), true);
      await worker.click();
      const detail = page.locator('#proc-detail');
      await detail.waitFor();
      await eventually(async () => {
        const fields = await detail.locator('.proc-detail-fields dt').allTextContents();
        assert.ok(fields.includes('GPU memory'), fields.join(', '));
      });
      await shoot(page, session.args.out, [1280, 900], 'processes-gpu-1280.png');
    } finally {
      clearInterval(busy);
    }
    assert.deepEqual(problems, []);
  });
});
