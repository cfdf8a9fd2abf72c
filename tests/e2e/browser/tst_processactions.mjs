// Process actions in a real browser against a real vantage whose settings file allows them: the
// admin page shows an action button on each process row, the dialog names the process, and a
// STOP confirmed there reaches a busy child of this test (its state turns T), with "Done." in
// place. A viewer page shows no action button.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WAIT_MS, eventually, openLivePage, stopProcess, withSession } from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';

// Field 3 of /proc/<pid>/stat: R running, S sleeping, T stopped.
function state(pid) {
  const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return line.slice(line.lastIndexOf(')') + 2).split(' ')[0];
}

test('an admin stops a process from the table; a viewer has no actions', async () => {
  // A busy loop: a whole core, so it is among the busiest processes the table lists.
  const busy = spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
  try {
    await withSession(async (session) => {
      const server = await session.start({ token: TOKEN, config: '[server]\nallowProcessControl=true\n' });
      const browser = await session.browser();
      const { page, problems } = await openLivePage(browser, `${server.url}/?token=${TOKEN}`);
      const button = page.locator(`#procs-table button.process-actions[data-pid="${busy.pid}"]`);
      await button.waitFor({ timeout: WAIT_MS });
      await button.click();
      const dialog = page.locator('dialog.process-action-dialog');
      await dialog.waitFor();
      await dialog.locator('select[name="action"]').selectOption({ label: 'Stop' });
      assert.equal(await dialog.locator('.process-action-text').textContent(), `Send STOP to sh (PID ${busy.pid})?`);
      // Enabled once the start time came from the processes topic.
      await dialog.locator('button[name="confirm"]:enabled').waitFor({ timeout: WAIT_MS });
      await dialog.locator('button[name="confirm"]').click();
      await dialog.locator('.process-action-status:text("Done.")').waitFor({ timeout: WAIT_MS });
      await eventually(() => assert.equal(state(busy.pid), 'T'));
      await page.screenshot({ path: path.join(session.args.out, 'process-action-done.png') });
      assert.deepEqual(problems, []);

      const viewer = await openLivePage(browser, `${server.url}/`);
      await viewer.page.locator('#procs-table tbody tr').first().waitFor({ timeout: WAIT_MS });
      assert.equal(await viewer.page.locator('#procs-table button.process-actions').count(), 0);
      assert.deepEqual(viewer.problems, []);
    });
  } finally {
    await stopProcess(busy, 'SIGKILL');
  }
});
