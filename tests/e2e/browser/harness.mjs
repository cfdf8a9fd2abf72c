// Shared by the browser tests: run the real vantage, drive Debian's Chromium through
// playwright-core, and clean both up even when a test fails. Usage of every test file:
//   node tst_x.mjs --vantage <path to the vantage binary> --out <screenshot directory>
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startMachine } from './fixturemachine.mjs';

/** Samples a second in every test: short enough for quick tests, long enough for a busy CI box. */
export const INTERVAL_S = 0.5;
const START_TIMEOUT_MS = 15000;
/**
 * How long a test waits for something the page or the server will do: a ceiling that only a
 * broken build reaches, never a measure of speed.
 */
export const WAIT_MS = 30000;
const STOP_TIMEOUT_MS = 5000;

// TOOLCHAIN.md: without the background-networking flags Chromium keeps trying to reach the
// network, which is closed here.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The --vantage and --out arguments of the command line. */
export function parseArgs(argv = process.argv.slice(2)) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) options[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!options.vantage) throw new Error('usage: node <test> --vantage <binary> [--out <dir>]');
  options.out ??= path.join(tmpdir(), 'vantage-screenshots');
  mkdirSync(options.out, { recursive: true });
  return options;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function temporaryDirectory() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vantage-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function waitForServingLine(child, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`vantage printed no address in ${START_TIMEOUT_MS} ms:\n${output.text}`)),
      START_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk) => {
      output.text += chunk;
      const match = /Serving dashboard at (http:\/\/\S+?)\/?\s/.exec(output.text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`vantage exited (${code ?? signal}) before serving:\n${output.text}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Starts `vantage --headless --port <port> --interval 0.5 --config <dir>/v.conf [--token T]`,
 * with `config` (INI text) as that file when given, on the files of `machine` (from
 * fixturemachine.mjs) instead of /proc and /sys when given, and resolves once it prints its
 * address: { url (no trailing slash), port, pid, stop() }. Its alert log goes to
 * <dir>/data/vantage/alerts.jsonl (XDG_DATA_HOME), never to the user's own.
 */
export async function startVantage(binary, { dir, port = 0, token = '', config = null, machine = null }) {
  const configFile = path.join(dir, 'v.conf');
  if (config !== null) writeFileSync(configFile, config);
  const args = [
    '--headless',
    '--port',
    String(port),
    '--interval',
    String(INTERVAL_S),
    '--config',
    configFile,
  ];
  if (token) args.push('--token', token);
  if (machine) args.push('--proc-root', machine.procRoot, '--sys-root', machine.sysRoot);
  const env = { ...process.env, XDG_DATA_HOME: path.join(dir, 'data') };
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const output = { text: '' };
  child.stderr.on('data', (chunk) => (output.text += chunk));
  const url = await waitForServingLine(child, output);
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid,
    stop: (signal) => stopProcess(child, signal),
    output,
  };
}

/** Stops a child by its PID and waits for it to exit (SIGKILL if it will not). */
export function stopProcess(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Chromium on a fresh profile in `dir`; resolves to a playwright BrowserContext. */
export function launchBrowser(dir, viewport = { width: 1280, height: 900 }) {
  return chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}

/** Collects console errors, uncaught page errors and failed requests of a page. */
/**
 * `problems` without the errors Chromium logs for each refused reconnection attempt: in a test
 * that stops the server on purpose, the page retrying a closed port is the expected symptom of
 * that outage (it retries within 250 ms), not a fault of the page.
 */
export function problemsBesidesOutage(problems) {
  return problems.filter(
    (problem) => !/^console error: WebSocket connection to '.*' failed: .*ERR_CONNECTION_REFUSED/.test(problem),
  );
}

export function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  return problems;
}

/**
 * Runs `body(context)` where context holds args, dir, servers (started through
 * context.start), the fixture machine (context.machine(options), see fixturemachine.mjs) and
 * the browser (context.browser()); everything is stopped and removed afterwards, also when
 * the body throws.
 */
export async function withSession(body) {
  const args = parseArgs();
  const temp = temporaryDirectory();
  const servers = [];
  let machine = null;
  let browser = null;
  const context = {
    args,
    dir: temp.dir,
    async start(options = {}) {
      const server = await startVantage(args.vantage, { dir: temp.dir, ...options });
      servers.push(server);
      return server;
    },
    async machine(options) {
      machine = await startMachine(path.join(temp.dir, 'machine'), options);
      return machine;
    },
    async browser(viewport) {
      browser ??= await launchBrowser(temp.dir, viewport);
      return browser;
    },
  };
  try {
    await body(context);
  } finally {
    await browser?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await machine?.stop();
    temp.remove();
  }
}

/** Opens url in a new page of browser, watched by watchPage, and waits until it is live. */
export async function openLivePage(browser, url) {
  const page = await browser.newPage();
  const problems = watchPage(page);
  await page.goto(url);
  await waitForStatus(page, 'live');
  return { page, problems };
}

/**
 * Starts a server through session.start(options) on a port just closed (options.port),
 * retrying briefly in case the old socket still holds it.
 */
export async function restartOnPort(session, options) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await session.start(options);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Waits until the page's status pill shows `state` (live, reconnecting, stale, connecting). */
export function waitForStatus(page, state, timeout = WAIT_MS) {
  return page.waitForSelector(`#status-pill[data-state="${state}"]`, { timeout });
}

/**
 * The data of every dataset of the Chart.js chart on canvas #id: [{ label, xs: [...], ys: [...] }]
 * (a null y is a break in the line).
 */
export function chartData(page, id) {
  return page.evaluate((canvasId) => {
    const chart = globalThis.Chart.getChart(document.getElementById(canvasId));
    return chart
      ? chart.data.datasets.map((dataset) => ({
          label: dataset.label,
          xs: dataset.data.map((point) => point.x),
          ys: dataset.data.map((point) => point.y),
        }))
      : [];
  }, id);
}

/** Waits until every dataset of the chart on canvas #id holds more than `count` points. */
export function waitForChartPoints(page, id, count, timeout) {
  return page.waitForFunction(
    ([canvasId, least]) => {
      const chart = globalThis.Chart?.getChart(document.getElementById(canvasId));
      return (
        !!chart &&
        chart.data.datasets.length > 0 &&
        chart.data.datasets.every((dataset) => dataset.data.length > least)
      );
    },
    [id, count],
    { timeout },
  );
}

/**
 * Waits two animation frames: the first runs the redraw a change queued (a new viewport size
 * reaches Chart.js through a ResizeObserver), the second paints it.
 */
export function settle(page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

// Elements of a card that reach past its padding, as "heading: what" texts. A card that is not
// shown (a machine without fans has no devices card) has no box to stick out of.
function overflowingCards() {
  const overflowing = [];
  for (const card of document.querySelectorAll('.card')) {
    if (card.getClientRects().length === 0) continue;
    const limit = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
    for (const element of card.querySelectorAll('table, canvas, ul')) {
      const right = element.getBoundingClientRect().right;
      if (right > limit + 0.5)
        overflowing.push(`${card.querySelector('h2')?.textContent}: ${right} > ${limit}`);
    }
  }
  return overflowing;
}

/**
 * Fails when the page is wider than its window (it would scroll sideways) or when a table,
 * chart or list sticks out of its card (too wide for a phone).
 */
export async function assertNoHorizontalScroll(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth)
    throw new Error(`page is ${scrollWidth} px wide in a ${innerWidth} px window`);
  const overflowing = await page.evaluate(overflowingCards);
  if (overflowing.length) throw new Error(`wider than its card: ${overflowing.join('; ')}`);
}

/**
 * Retries `check` (which throws while what it asserts is not yet true) every 100 ms until it
 * passes, and fails with its last error after `timeout` ms.
 */
export async function eventually(check, timeout = WAIT_MS) {
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

/** GET a JSON document of the server. */
/** The server's first Snapshot: /api/v1/snapshot answers 503 until its first tick (docs/api.md). */
export async function firstSnapshot(server, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${server.url}/api/v1/snapshot`);
    if (response.ok) return response.json();
    if (response.status !== 503 || Date.now() > deadline)
      throw new Error(`GET ${server.url}/api/v1/snapshot: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}
