// The Pressure card on the fixture machine (fixturemachine.mjs): the real vantage reads the
// machine's /proc/pressure files and the page shows each resource the kernel reports, with the
// stall rate taken from two samples' totalUs; a machine without PSI has no card at all.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RATES } from './fixturemachine.mjs';
import { eventually, openLivePage, withSession } from './harness.mjs';

function rows(page) {
  return page
    .locator('#pressure-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent)));
}

test('each PSI resource the machine has, with its stall rate', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    await eventually(async () => {
      const shown = await rows(page);
      // No io file: no I/O row. Columns: some 10 s, 60 s, now, then full 10 s, 60 s, now.
      assert.deepEqual(
        shown.map((row) => row[0]),
        ['CPU', 'Memory'],
      );
      const [cpu, memory] = shown;
      // cpu: avg10=4.50 avg60=2.50 as the file says; no full line, so three empty cells.
      assert.deepEqual([cpu[1], cpu[2], cpu[4], cpu[5], cpu[6]], ['4.5 %', '2.5 %', '', '', '']);
      // 250 000 µs stalled a second = 25 % of the time, within 15 % as the ticks fall.
      const rate = Number(/^(\d+(?:\.\d)?) %$/.exec(cpu[3])?.[1]);
      const expected = RATES.cpuStallUs / 10000;
      assert.ok(Math.abs(rate - expected) <= 0.15 * expected, `cpu stall "${cpu[3]}" near ${expected} %`);
      // memory's counters stand still: its rates are 0.
      assert.deepEqual(memory.slice(1), ['0.5 %', '0.2 %', '0.0 %', '0.1 %', '0.0 %', '0.0 %']);
    });
    assert.equal(await page.locator('#pressure-card').isVisible(), true);
    assert.deepEqual(problems, []);
  });
});

test('no card where the kernel has no PSI', async () => {
  await withSession(async (session) => {
    const machine = await session.machine({ profile: 'busy' });
    rmSync(path.join(machine.procRoot, 'pressure'), { recursive: true });
    const server = await session.start({ machine });
    const { page, problems } = await openLivePage(await session.browser(), `${server.url}/`);
    // A few samples in, the load card is filled and still no pressure card.
    await eventually(async () => assert.notEqual(await page.locator('#load-now').textContent(), ''));
    await eventually(async () => {
      const sample = await page.evaluate(() => fetch('/api/v1/snapshot').then((r) => r.json()));
      assert.ok(sample.seq >= 3, 'three samples');
      assert.equal(sample.pressure, undefined);
    });
    assert.equal(await page.locator('#pressure-card').isVisible(), false);
    assert.deepEqual(problems, []);
  });
});
