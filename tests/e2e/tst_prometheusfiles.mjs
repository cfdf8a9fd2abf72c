// The Prometheus scrape configuration and the Grafana dashboard that the package ships
// (packaging/prometheus, packaging/grafana) against the real vantage: every metric a panel or a
// template variable of the dashboard queries must be a family that /metrics exposes, on a
// fixture machine that has every kind of device the dashboard draws (temperatures, pressure, a
// cgroup tree, a GPU), and promtool must accept the scrape configuration as it is shipped.
//   node tst_prometheusfiles.mjs --vantage <binary> --promtool <promtool> --packaging <dir>
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startMachine } from './browser/fixturemachine.mjs';
import { eventually, startVantage, temporaryDirectory } from './browser/harness.mjs';

const options = {};
for (let i = 2; i < process.argv.length; i += 2) options[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const DASHBOARD = path.join(options.packaging, 'grafana', 'vantage-dashboard.json');
const SCRAPE_CONFIG = path.join(options.packaging, 'prometheus', 'vantage-scrape.yml');

// A file of the tree, its folders made on the way.
function put(root, relative, content) {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), `${content}\n`);
}

function link(root, relative, target) {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  symlinkSync(target, path.join(root, relative));
}

// One awake amdgpu GPU with its hwmon chip, laid out as tests/e2e/browser/tst_gpu.mjs does: the
// dashboard draws its load, VRAM, temperature and power.
function addGpu(sysRoot) {
  const address = '0000:03:00.0';
  const dev = `devices/pci0000:00/${address}`;
  put(sysRoot, `${dev}/vendor`, '0x1002');
  put(sysRoot, `${dev}/device`, '0x73ff');
  mkdirSync(path.join(sysRoot, 'bus/pci/drivers/amdgpu'), { recursive: true });
  link(sysRoot, `${dev}/driver`, '../../../bus/pci/drivers/amdgpu');
  link(sysRoot, `${dev}/drm/card1/device`, `../../../${address}`);
  link(sysRoot, 'class/drm/card1', `../../devices/pci0000:00/${address}/drm/card1`);
  put(sysRoot, `${dev}/power/runtime_status`, 'active');
  put(sysRoot, `${dev}/power/control`, 'on');
  put(sysRoot, `${dev}/gpu_busy_percent`, 37);
  put(sysRoot, `${dev}/mem_info_vram_used`, 2147483648);
  put(sysRoot, `${dev}/mem_info_vram_total`, 8589934592);
  link(sysRoot, `${dev}/hwmon/hwmon0/device`, `../../../${address}`);
  put(sysRoot, `${dev}/hwmon/hwmon0/temp1_input`, 45000);
  put(sysRoot, `${dev}/hwmon/hwmon0/power1_average`, 15000000);
}

// A cgroup v2 tree with one service that reports every value the dashboard's unit panels draw:
// CPU, memory, block I/O and tasks (as tests/e2e/browser/tst_services.mjs lays one out).
function addCgroups(sysRoot) {
  const root = path.join(sysRoot, 'fs', 'cgroup');
  put(root, 'cgroup.controllers', 'cpu io memory pids');
  const service = path.join(root, 'system.slice', 'nginx.service');
  put(service, 'cpu.stat', 'usage_usec 7000');
  put(service, 'memory.current', 52428800);
  put(service, 'memory.stat', 'anon 50331648\ninactive_file 2097152');
  put(service, 'io.stat', '8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0');
  put(service, 'pids.current', 7);
}

/**
 * The metric names a scrape exposes: each family of a `# TYPE` line, plus the series names a
 * family type adds to its family name in the text format (_bucket, _sum and _count of a
 * histogram, _sum and _count of a summary).
 */
function exposedNames(text) {
  const names = new Set();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    const suffixes = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] }[type] ?? [];
    for (const suffix of suffixes) names.add(name + suffix);
  }
  return names;
}

// Every panel, those inside collapsed rows too.
function allPanels(dashboard) {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

const metricNames = (text) => text.match(/\bvantage_[a-z0-9_]+/g) ?? [];

/** What the dashboard queries: { where: 'panel "CPU per core"', names: [...] } per query. */
function dashboardQueries(dashboard) {
  const queries = [];
  for (const panel of allPanels(dashboard)) {
    for (const target of panel.targets ?? [])
      queries.push({ where: `panel "${panel.title}"`, names: metricNames(target.expr ?? '') });
  }
  for (const variable of dashboard.templating.list) {
    const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    if (variable.type === 'query') queries.push({ where: `variable "${variable.name}"`, names: metricNames(query) });
  }
  return queries;
}

async function scrape(url) {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  return response.text();
}

test('every metric the Grafana dashboard queries is exposed by /metrics', async () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const queries = dashboardQueries(dashboard);
  // Each drawn panel asks for at least one vantage metric, so a panel whose query lost its
  // metric (or that the extraction above misses) cannot pass unnoticed.
  for (const panel of allPanels(dashboard).filter((p) => p.type !== 'row')) {
    assert.ok(
      (panel.targets ?? []).some((target) => metricNames(target.expr ?? '').length > 0),
      `panel "${panel.title}" queries no vantage_ metric`,
    );
    const datasource = { type: 'prometheus', uid: '${datasource}' };
    assert.deepEqual(panel.datasource, datasource, `panel "${panel.title}" data source`);
  }

  const temp = temporaryDirectory();
  const machine = await startMachine(path.join(temp.dir, 'machine'));
  let server = null;
  try {
    addGpu(machine.sysRoot);
    addCgroups(machine.sysRoot);
    server = await startVantage(options.vantage, { dir: temp.dir, machine });
    // A family appears once its value is known: the cgroup CPU and I/O rates from the second
    // tick on. Wait for all of them, then name every one still missing.
    await eventually(async () => {
      const exposed = exposedNames(await scrape(server.url));
      const missing = queries.flatMap(({ where, names }) =>
        names.filter((name) => !exposed.has(name)).map((name) => `${name} (${where})`),
      );
      assert.deepEqual(missing, [], `the dashboard queries metrics /metrics does not expose: ${missing.join(', ')}`);
    });
  } finally {
    await server?.stop();
    await machine.stop();
    temp.remove();
  }
});

test('promtool accepts the shipped scrape configuration', async () => {
  let result;
  try {
    result = await promisify(execFile)(options.promtool, ['check', 'config', SCRAPE_CONFIG]);
  } catch (error) {
    if (error.code === 'ENOENT')
      assert.fail(`promtool not found at '${options.promtool}': run scripts/prometheus.sh once`);
    assert.fail(`promtool check config failed:\n${error.stdout}${error.stderr}`);
  }
  assert.match(result.stdout, /SUCCESS: .*vantage-scrape\.yml is valid prometheus config file syntax/);
  assert.equal(result.stderr, '');
});
