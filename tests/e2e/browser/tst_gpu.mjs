// The GPU card in a real browser against the real vantage, on the fixture machine with a sysfs
// of two amdgpu GPUs of its own under <sys-root>: one awake with its hwmon chip (45 °C, 15 W),
// one runtime-suspended, which the page must call asleep rather than draw at zero. A machine
// without a GPU has no GPU card at all. Screenshots at 390 and 1280 px, light and dark.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { assertNoHorizontalScroll, eventually, openLivePage, settle, withSession } from './harness.mjs';

const ACTIVE = '0000:03:00.0';
const ASLEEP = '0000:04:00.0';

// A file of the tree, its folders made on the way.
function put(root, relative, content) {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), `${content}\n`);
}

function link(root, relative, target) {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  symlinkSync(target, path.join(root, relative));
}

// A PCI GPU bound to amdgpu as the kernel lays it out (tests/core/collectors/gpu): the class
// link to the device's drm node, relative symlinks for the driver and the hwmon chip's device.
function addGpu(sysRoot, address, card, status, files) {
  const dev = `devices/pci0000:00/${address}`;
  put(sysRoot, `${dev}/vendor`, '0x1002');
  put(sysRoot, `${dev}/device`, '0x73ff');
  mkdirSync(path.join(sysRoot, 'bus/pci/drivers/amdgpu'), { recursive: true });
  link(sysRoot, `${dev}/driver`, '../../../bus/pci/drivers/amdgpu');
  link(sysRoot, `${dev}/drm/${card}/device`, `../../../${address}`);
  link(sysRoot, `class/drm/${card}`, `../../devices/pci0000:00/${address}/drm/${card}`);
  put(sysRoot, `${dev}/power/runtime_status`, status);
  // Runtime PM off on the awake one, so that it is read every sample, not once per autosuspend
  // delay twice over.
  put(sysRoot, `${dev}/power/control`, status === 'active' ? 'on' : 'auto');
  put(sysRoot, `${dev}/power/autosuspend_delay_ms`, '5000');
  for (const [name, value] of Object.entries(files)) put(sysRoot, `${dev}/${name}`, value);
  link(sysRoot, `${dev}/hwmon/hwmon0/device`, `../../../${address}`);
}

function buildGpuTree(sysRoot) {
  addGpu(sysRoot, ACTIVE, 'card1', 'active', {
    gpu_busy_percent: 37,
    mem_info_vram_used: 2147483648, // 2 GiB
    mem_info_vram_total: 8589934592, // 8 GiB
    'hwmon/hwmon0/temp1_input': 45000, // 45 °C
    'hwmon/hwmon0/temp1_crit': 100000, // 100 °C
    'hwmon/hwmon0/power1_average': 15000000, // 15 W
    'hwmon/hwmon0/power1_cap': 150000000, // 150 W
  });
  addGpu(sysRoot, ASLEEP, 'card2', 'suspended', {
    gpu_busy_percent: 99,
    mem_info_vram_used: 268435456, // 256 MiB
    mem_info_vram_total: 4294967296, // 4 GiB
    'hwmon/hwmon0/temp1_input': 60000,
    'hwmon/hwmon0/power1_average': 30000000,
  });
}

// Each GPU block's id, state attribute and facts as [label, text].
function blocks(page) {
  return page.locator('#gpu-card .gpu-block').evaluateAll((list) =>
    list.map((block) => ({
      id: block.dataset.gpu,
      state: block.dataset.state,
      facts: [...block.querySelectorAll('.gpu-facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
      asleep: block.querySelector('.gpu-asleep')?.textContent ?? null,
      charts: block.querySelectorAll('.gpu-chart').length,
    })),
  );
}

test('the GPU card shows an awake GPU with its values and a suspended one as asleep', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    buildGpuTree(machine.sysRoot);
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await eventually(async () => {
      const [active, asleep] = await blocks(page);
      assert.equal(active.id, ACTIVE);
      assert.equal(active.state, 'active');
      assert.deepEqual(Object.fromEntries(active.facts), {
        Load: '37 %',
        // 2 GiB of 8 GiB = 25 %
        VRAM: '2.0 GiB of 8.0 GiB (25 %)',
        // 45000 m°C = 45 °C, 100000 = 100 °C
        Temperature: '45 °C (critical 100 °C)',
        // 15000000 µW = 15 W, 150000000 = 150 W
        Power: '15 W of 150 W',
        Clock: '—',
        Fan: '—',
      });
      assert.equal(active.charts, 4);
      assert.equal(active.asleep, null);
      assert.equal(asleep.id, ASLEEP);
      assert.equal(asleep.state, 'suspended');
      assert.equal(asleep.asleep, 'Asleep (runtime-suspended): values are not read so as not to wake it');
      assert.equal(asleep.charts, 0);
      // Its 99 % busy, 60 °C and 30 W are never read: the files would wake it.
      const facts = Object.fromEntries(asleep.facts);
      assert.deepEqual([facts.Load, facts.Temperature, facts.Power], ['—', '—', '—']);
    });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await settle(page);
        await assertNoHorizontalScroll(page);
        await page.locator('#gpu-card').screenshot({ path: path.join(session.args.out, `gpu-${width}-${scheme}.png`) });
      }
    }
    assert.deepEqual(problems, []);
  });
});

test('no GPU card on a machine without a GPU', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await eventually(async () => {
      const sample = await page.evaluate(() => fetch('/api/v1/snapshot').then((r) => r.json()));
      assert.ok(sample.seq >= 3, 'three samples');
      assert.deepEqual(sample.gpus ?? [], []);
    });
    assert.equal(await page.locator('#gpu-card').count(), 0);
    assert.deepEqual(problems, []);
  });
});
