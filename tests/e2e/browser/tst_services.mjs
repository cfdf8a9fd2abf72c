// The Services view in a real browser against the real vantage, on the fixture machine with a
// cgroup v2 tree of its own under <sys-root>/fs/cgroup: seven groups (two services, three
// slices, a session, a docker container) whose memory and pids stand still and whose nginx
// burns half a core, written by a worker thread as a kernel would count it. The page groups,
// sorts and filters them and writes "—" where a group lacks a file; a machine without a cgroup
// tree has no Services tab. Screenshots at 390, 768 and 1280 px, light and dark.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { assertNoHorizontalScroll, eventually, openLivePage, settle, withSession } from './harness.mjs';

const CONTAINER_ID = '1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899';
const NGINX = 'system.slice/nginx.service';
// 500 000 µs of CPU a second: 50 % of one core.
const NGINX_USEC_PER_S = 500000;

// Each group's files; a file left out is a controller not enabled there.
const GROUPS = {
  'system.slice': { 'memory.current': 104857600, 'pids.current': 20, 'cpu.stat': 'usage_usec 7000\n' },
  'user.slice': { 'memory.current': 8388608, 'pids.current': 4, 'cpu.stat': 'usage_usec 3000\n' },
  'user.slice/user-1000.slice': { 'memory.current': 6291456, 'pids.current': 3, 'cpu.stat': 'usage_usec 2000\n' },
  'user.slice/user-1000.slice/session-2.scope': { 'memory.current': 3145728, 'pids.current': 2 },
  [NGINX]: {
    'memory.current': 52428800,
    'memory.stat': 'anon 50331648\ninactive_file 2097152\n',
    'io.stat': '8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n',
    'pids.current': 7,
  },
  'system.slice/cron.service': { 'memory.current': 1048576 },
  [`system.slice/docker-${CONTAINER_ID}.scope`]: {
    'memory.current': 268435456,
    'pids.current': 3,
    'cpu.stat': 'usage_usec 5000000\n',
  },
};

// nginx's cpu.stat, rewritten in place every 10 ms from the worker's own clock (the collector
// keeps the file open and preads it): the same width each time, so no read sees a shorter file.
const CPU_WRITER = `
const { openSync, writeSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const fd = openSync(workerData.file, 'r+');
const start = performance.now();
setInterval(() => {
  const usec = Math.round(((performance.now() - start) * workerData.usecPerS) / 1000);
  writeSync(fd, 'usage_usec ' + String(usec).padStart(15, '0') + '\\n', 0);
}, 10);
`;

function buildCgroupTree(sysRoot) {
  const root = path.join(sysRoot, 'fs', 'cgroup');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'cgroup.controllers'), 'cpu io memory pids\n');
  for (const [group, files] of Object.entries(GROUPS)) {
    mkdirSync(path.join(root, group), { recursive: true });
    for (const [name, value] of Object.entries(files))
      writeFileSync(path.join(root, group, name), typeof value === 'number' ? `${value}\n` : value);
  }
  const cpuStat = path.join(root, NGINX, 'cpu.stat');
  writeFileSync(cpuStat, `usage_usec ${'0'.repeat(15)}\n`);
  return new Worker(CPU_WRITER, { eval: true, workerData: { file: cpuStat, usecPerS: NGINX_USEC_PER_S } });
}

// Each section's id and its rows' cells: the name (without the runtime beside it), CPU, the
// sparkline, memory, read/s, write/s, pids, then the runtime.
function sections(page) {
  return page.locator('#services-table tbody').evaluateAll((bodies) =>
    bodies.map((body) => ({
      group: body.dataset.group,
      rows: [...body.querySelectorAll('tr[data-path]')].map((tr) => [
        tr.cells[0].firstChild.textContent,
        ...[...tr.cells].slice(1).map((cell) => cell.textContent),
        tr.querySelector('.svc-runtime')?.textContent ?? '',
      ]),
    })),
  );
}

const names = (section) => section.rows.map((row) => row[0]);

test('services grouped by kind, sorted, filtered, with "—" for what a group does not report', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const writer = buildCgroupTree(machine.sysRoot);
    try {
      const server = await session.start({ machine });
      const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
      await page.locator('#tab-services').click();
      await page.waitForSelector('#services-table');

      await eventually(async () => {
        const shown = await sections(page);
        assert.deepEqual(
          shown.map((section) => section.group),
          ['services', 'slices', 'sessions', 'containers'],
        );
        const [services, slices, sessions, containers] = shown;
        // By CPU, largest first: nginx's 50 % above cron, whose CPU is unknown and comes last.
        assert.deepEqual(names(services), ['nginx.service', 'cron.service']);
        const [nginx, cron] = services.rows;
        const cpu = Number(/^(\d+(?:\.\d)?) %$/.exec(nginx[1])?.[1]);
        assert.ok(Math.abs(cpu - 50) <= 0.15 * 50, `nginx CPU "${nginx[1]}" near 50 %`);
        // 52428800 − 2097152 inactive file = 50331648 B = 48 MiB; io.stat stands still.
        assert.deepEqual(nginx.slice(3), ['48.0 MiB', '0 B/s', '0 B/s', '7', '']);
        // cron has memory.current only (1048576 B = 1 MiB).
        assert.deepEqual([cron[1], ...cron.slice(3, 7)], ['—', '1.0 MiB', '—', '—', '—']);
        assert.deepEqual(sessions.rows.map((row) => [row[0], row[3], row[6]]), [['session-2.scope', '3.0 MiB', '2']]);
        // No docker state files here: the short id, and the runtime beside it. 268435456 B = 256 MiB.
        assert.deepEqual(containers.rows.map((row) => [row[0], row[7], row[3], row[6]]), [
          ['docker-1a2b3c4d5e6f', 'docker', '256 MiB', '3'],
        ]);
        assert.equal(slices.rows.length, 3);
      });
      assert.equal(await page.locator('.svc-count').textContent(), '7 of 7');

      // Memory, largest first, then smallest first: 100 MiB, 8 MiB, 6 MiB.
      await page.locator('th[data-key="memory"] button').click();
      assert.equal(await page.locator('th[data-key="memory"]').getAttribute('aria-sort'), 'descending');
      let slices = (await sections(page)).find((section) => section.group === 'slices');
      assert.deepEqual(names(slices), ['system.slice', 'user.slice', 'user-1000.slice']);
      await page.locator('th[data-key="memory"] button').click();
      assert.equal(await page.locator('th[data-key="memory"]').getAttribute('aria-sort'), 'ascending');
      slices = (await sections(page)).find((section) => section.group === 'slices');
      assert.deepEqual(names(slices), ['user-1000.slice', 'user.slice', 'system.slice']);

      // The sparkline of nginx draws one point per sample seen, at least two by now.
      await eventually(async () => {
        const points = await page
          .locator(`tr[data-path="/${NGINX}"] polyline`)
          .getAttribute('points');
        assert.ok(points.split(' ').length >= 2, `points "${points}"`);
      });

      // "docker" is in the container's runtime and path only.
      await page.locator('#services-filter').fill('docker');
      await eventually(async () => {
        const shown = await sections(page);
        assert.deepEqual(shown.map((section) => section.group), ['containers']);
        assert.equal(await page.locator('.svc-count').textContent(), '1 of 7');
      });
      await page.locator('#services-filter').fill('');
      await page.locator('th[data-key="cpu"] button').click();

      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [390, 768, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          await settle(page);
          await assertNoHorizontalScroll(page);
          await page.screenshot({ path: path.join(session.args.out, `services-${width}-${scheme}.png`), fullPage: true });
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await writer.terminate();
    }
  });
});

test('no Services tab on a machine without a cgroup tree', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await eventually(async () => {
      const sample = await page.evaluate(() => fetch('/api/v1/snapshot').then((r) => r.json()));
      assert.ok(sample.seq >= 3, 'three samples');
      assert.equal(sample.cgroups, undefined);
    });
    assert.equal(await page.locator('#tab-services').isVisible(), false);
    assert.deepEqual(problems, []);
  });
});
