// Settings over the web: with the token on the page URL the page is an admin, edits the CPU
// warning level, saves it with setSettings, and the server, the threshold line and a second
// (viewer) page all show the new value; the server's refusal of a bad value appears in place.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { WAIT_MS, getJson, openLivePage, waitForChartPoints, withSession } from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';
const WARNING = 'input[name="thresholds/cpu/warning"]';
const CRITICAL = 'input[name="thresholds/cpu/critical"]';

// Where the CPU chart drew its warning line: { value, y } in canvas pixels, or null.
function warningLine(page) {
  return page.evaluate(() => {
    const chart = globalThis.Chart.getChart(document.getElementById('chart-cpu'));
    return chart.$thresholds?.find((line) => line.name === 'warning') ?? null;
  });
}

async function openPage(browser, url) {
  const { page, problems } = await openLivePage(browser, url);
  await waitForChartPoints(page, 'chart-cpu', 0, WAIT_MS);
  await page.click('#settings-open');
  return { page, problems };
}

async function saveCpuWarning(page, server) {
  const before = await warningLine(page);
  assert.equal(before.value, 75, 'the default warning level is drawn');
  await page.fill(WARNING, '60');
  await page.click('#settings-save');
  await page.waitForSelector('#settings-status[data-kind="ok"]:text("Saved")');
  const settings = await getJson(`${server.url}/api/v1/settings`);
  assert.equal(settings['thresholds/cpu/warning'], 60);
  await page.waitForFunction(() =>
    globalThis.Chart.getChart(document.getElementById('chart-cpu')).$thresholds?.some(
      (l) => l.name === 'warning' && l.value === 60,
    ),
  );
  const after = await warningLine(page);
  // y grows downwards: 60 % is drawn lower than 75 % was.
  assert.ok(after.y > before.y, `line moved down: ${before.y} → ${after.y}`);
}

async function checkViewer(browser, server) {
  const { page, problems } = await openPage(browser, `${server.url}/`);
  assert.equal(await page.inputValue(WARNING), '60');
  assert.ok(await page.locator(WARNING).evaluate((input) => input.readOnly), 'read-only for a viewer');
  assert.ok(await page.locator('#settings-save').isHidden(), 'no save button for a viewer');
  assert.match(await page.locator('#settings-explanation').textContent(), /Read-only/);
  assert.ok(await page.locator('#auth-form').isVisible(), 'the server has a token: offer the field');

  await page.fill('#token-input', 'not-the-token-at-all');
  await page.click('#auth-form button[type="submit"]');
  await page.waitForSelector('#auth-status:text("wrong token")');
  await page.fill('#token-input', TOKEN);
  await page.click('#auth-form button[type="submit"]');
  await page.waitForFunction((selector) => !document.querySelector(selector).readOnly, WARNING);
  assert.deepEqual(problems, []);
}

async function checkRefusal(page, server, out) {
  await page.fill(CRITICAL, '50');
  await page.click('#settings-save');
  const status = page.locator('#settings-status[data-kind="error"]');
  await status.waitFor();
  // The server's own words: it names the key and both levels.
  assert.match(await status.textContent(), /thresholds\/cpu\/critical.*50.*60/);
  const settings = await getJson(`${server.url}/api/v1/settings`);
  assert.equal(settings['thresholds/cpu/critical'], 90, 'nothing applied');
  await page.screenshot({ path: path.join(out, 'settings-admin-refused.png') });
}

test('an admin changes a threshold, a viewer sees it read-only, a bad value is refused in place', async () => {
  await withSession(async (session) => {
    const server = await session.start({ token: TOKEN });
    const browser = await session.browser();
    const { page, problems } = await openPage(browser, `${server.url}/?token=${TOKEN}`);
    assert.equal(new URL(page.url()).search, '', 'the token is removed from the address bar');
    assert.ok(!(await page.locator(WARNING).evaluate((input) => input.readOnly)), 'editable for an admin');
    await saveCpuWarning(page, server);
    await checkViewer(browser, server);
    await checkRefusal(page, server, session.args.out);
    assert.deepEqual(problems, []);
  });
});
