// The web Processes view with 5,000 extra sleeping processes: a real vantage (headless, a
// temporary home, 0.5 s interval) and Debian's Chromium open #processes, then
//  - scroll the table down and back up, 60 px a frame, while the topic's deltas keep coming, and
//    again with the server stopped, and print the requestAnimationFrame deltas (p50, p95, max):
//    how smooth scrolling is;
//  - sort by several columns and filter by several texts, and print input-to-paint: from the
//    click or the keystroke to the frame after the table shows the new order (p50, max).
// Never a test: the numbers depend on the machine. Run from the repository root:
//   node bench/web/processes.mjs --vantage build/release/app/vantage [--extra 5000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launchBrowser, startVantage, stopProcess, temporaryDirectory } from '../../tests/e2e/browser/harness.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.vantage) {
  console.error('usage: node bench/web/processes.mjs --vantage VANTAGE_BINARY [--extra N]');
  process.exit(2);
}
const EXTRA = Number(args.extra ?? 5000);
const SCROLL_FRAMES = 600;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value) => `${value.toFixed(1)} ms`;

// One shell starts the sleepers, so that they cost one spawn here; each is killed by its PID.
function startSleepers(count) {
  return spawn('sh', ['-c', `i=0; while [ $i -lt ${count} ]; do sleep 900 & i=$((i+1)); done; wait`], {
    stdio: 'ignore',
  });
}
const childrenOf = (pid) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

// In the page: scrolls the grid 60 px a frame (3,600 px a second, a fast flick of a wheel), down
// and back up, and gives the frame deltas.
function scrollFrames(frames) {
  const grid = document.getElementById('proc-grid');
  const step = 60;
  const deltas = [];
  return new Promise((resolve) => {
    let last = performance.now();
    let frame = 0;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      frame += 1;
      grid.scrollTop += frame <= frames / 2 ? step : -step;
      if (frame < frames) requestAnimationFrame(tick);
      else resolve(deltas.slice(1));
    };
    requestAnimationFrame(tick);
  });
}

// In the page: sorts or filters, then waits for the frame after the one in which the
// table's first rows or count changed; gives the time from the input to that frame.
function inputToPaint([kind, value]) {
  const rowsKey = () =>
    [...document.querySelectorAll('#proc-grid tr.proc-row')]
      .slice(0, 5)
      .map((tr) => tr.dataset.pid)
      .join() + document.getElementById('proc-count').dataset.shown;
  const before = rowsKey();
  const start = performance.now();
  if (kind === 'sort') document.querySelector(`#proc-grid button[data-sort="${value}"]`).click();
  else {
    const input = document.getElementById('proc-filter');
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  return new Promise((resolve) => {
    const check = () => {
      // An input that changes nothing shown (it cannot, in the lists below) would wait forever.
      if (performance.now() - start > 5000) resolve(NaN);
      else if (rowsKey() === before) requestAnimationFrame(check);
      else requestAnimationFrame(() => resolve(performance.now() - start));
    };
    requestAnimationFrame(check);
  });
}

const temp = temporaryDirectory();
const sleepers = startSleepers(EXTRA);
let server = null;
let browser = null;
try {
  server = await startVantage(args.vantage, { dir: temp.dir });
  browser = await launchBrowser(temp.dir);
  const page = await browser.newPage();
  await page.goto(`${server.url}/#processes`);
  await page.waitForFunction((least) => Number(document.getElementById('proc-count').dataset.total) >= least, EXTRA, {
    timeout: 120000,
  });
  const total = await page.locator('#proc-count').getAttribute('data-total');
  console.log(`${total} processes in the view (${EXTRA} extra sleeping)`);

  // Where the main thread's time went while scrolling, as Chromium counts it (seconds, summed).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  const deltas = await page.evaluate(scrollFrames, SCROLL_FRAMES);
  const after = await metrics();
  console.log(
    `scroll, ${deltas.length} frames: p50 ${ms(percentile(deltas, 50))}, p95 ${ms(percentile(deltas, 95))}, ` +
      `max ${ms(Math.max(...deltas))}`,
  );
  const spent = (name) => ms(((after[name] - before[name]) * 1000) / deltas.length);
  console.log(
    `  main thread a frame: script ${spent('ScriptDuration')}, style ${spent('RecalcStyleDuration')}, ` +
      `layout ${spent('LayoutDuration')}, all tasks ${spent('TaskDuration')}`,
  );
  // The same with the server stopped (SIGSTOP): no deltas to apply and no scan beside the browser
  // on the CPUs, what the page's own drawing costs.
  process.kill(server.pid, 'SIGSTOP');
  const still = await page.evaluate(scrollFrames, SCROLL_FRAMES);
  process.kill(server.pid, 'SIGCONT');
  console.log(
    `scroll, server stopped: p50 ${ms(percentile(still, 50))}, p95 ${ms(percentile(still, 95))}, ` +
      `max ${ms(Math.max(...still))}`,
  );
  const rows = await page.locator('#proc-grid tbody tr').count();
  console.log(`rows in the DOM: ${rows}`);

  for (const [kind, inputs] of [
    ['sort', ['pid', 'name', 'cpu', 'cmdline', 'rss', 'pid', 'user', 'startTime', 'name', 'cpu']],
    ['filter', ['sleep', 'root', 'sh', '', '900', 'vantage', '', 'node', 'no-such-process-qq', '']],
  ]) {
    const times = [];
    const unchanged = [];
    for (const value of inputs) {
      const time = await page.evaluate(inputToPaint, [kind, value]);
      if (Number.isFinite(time)) times.push(time);
      else unchanged.push(value);
    }
    console.log(
      `${kind}, input to paint, ${times.length} times: p50 ${ms(percentile(times, 50))}, ` +
        `max ${ms(Math.max(...times))}${unchanged.length ? ` (no change seen for "${unchanged.join('", "')}")` : ''}`,
    );
  }
  await page.locator('#proc-tree').click();
  const treeTimes = [];
  for (const value of ['pid', 'cpu', 'name']) treeTimes.push(await page.evaluate(inputToPaint, ['sort', value]));
  console.log(`tree mode, sort input to paint: ${treeTimes.map(ms).join(', ')}`);
} finally {
  await browser?.close();
  await server?.stop();
  for (const pid of childrenOf(sleepers.pid)) process.kill(pid, 'SIGKILL');
  await stopProcess(sleepers, 'SIGKILL');
  temp.remove();
}
