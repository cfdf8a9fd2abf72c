// Notification channels over the web: an admin adds a webhook channel in the settings panel,
// presses Send test and sees "delivered" in its row while a real HTTP receiver on 127.0.0.1 gets
// the test event; the secret never comes back to the page, which shows it as "set"; the delivery
// appears in the Alerts card's delivery log. A viewer sees neither.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { WAIT_MS, eventually, openLivePage, withSession } from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';
const SECRET = 'hmac-Secret-Kq27';

// An HTTP receiver on 127.0.0.1 that keeps every request body and answers 200.
function startReceiver() {
  const bodies = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      response.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ bodies, url: `http://127.0.0.1:${server.address().port}/hook`, close: () => server.close() }),
    );
  });
}

async function addChannel(page, receiver) {
  await page.click('#settings-open');
  await page.click('#notify-panel button:text("Add channel")');
  const form = page.locator('.notify-editor');
  assert.deepEqual(
    await form.locator('select[name="type"] option').allTextContents(),
    ['webhook', 'ntfy', 'alertmanager'],
    'no command channels from the web',
  );
  await form.locator('input[name="name"]').fill('hook');
  await form.locator('input[name="url"]').fill(receiver.url);
  await form.locator('input[name="secret"]').fill(SECRET);
  await form.locator('button:text("Save channel")').click();
  await page.waitForSelector('#notify-panel .form-status[data-kind="ok"]:text("Channel saved")');
  await page.waitForSelector('#notify-panel tr[data-channel="hook"]');
}

test('an admin adds a webhook channel, Send test delivers it, the log shows it', async () => {
  const receiver = await startReceiver();
  try {
    await withSession(async (session) => {
      const server = await session.start({ token: TOKEN });
      const browser = await session.browser();
      const { page, problems } = await openLivePage(browser, `${server.url}/?token=${TOKEN}`);
      await addChannel(page, receiver);

      const row = page.locator('#notify-panel tr[data-channel="hook"]');
      await row.locator('button:text("Send test")').click();
      await row.locator('.notify-test-result[data-kind="ok"]:text("delivered")').waitFor({ timeout: WAIT_MS });
      await eventually(() => assert.equal(receiver.bodies.length, 1));
      assert.equal(receiver.bodies[0].events[0].rule, 'test');
      await row.locator('.notify-last:text("delivered (test)")').waitFor({ timeout: WAIT_MS });

      // The secret is the server's: the editor says it is set, and the page never held it.
      await row.locator('button:text("Edit")').click();
      const secretState = page.locator('.notify-editor .notify-secret-state').nth(1);
      assert.equal(await secretState.textContent(), 'set');
      assert.ok(!(await page.content()).includes(SECRET), 'the secret is not in the page');
      await page.screenshot({ path: path.join(session.args.out, 'settings-notifications.png') });
      await page.click('.notify-editor button:text("Cancel")');
      await page.click('#settings-close');

      const log = page.locator('#delivery-log');
      await log.locator('summary').click();
      await log.locator('li[data-result="delivered"]:has-text("test event")').waitFor({ timeout: WAIT_MS });

      const viewer = await openLivePage(browser, `${server.url}/`);
      assert.ok(await viewer.page.locator('#notify-panel').isHidden(), 'no channels for a viewer');
      assert.ok(await viewer.page.locator('#delivery-log').isHidden(), 'no delivery log for a viewer');
      assert.deepEqual(problems, []);
      assert.deepEqual(viewer.problems, []);
    });
  } finally {
    receiver.close();
  }
});
