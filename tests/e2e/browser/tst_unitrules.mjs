// Levels per unit over the web: an admin adds a unit the machine reports (or one typed when the
// machine has no cgroups) for Service memory, gives it its own warning, sees a level that could
// never clear refused in the server's words, and removes it again; a viewer sees the row
// read-only, without the Add form or buttons.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { firstSnapshot, getJson, openLivePage, withSession } from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef';

// A unit of this machine as the rules name it, or a made-up one where it reports no cgroups.
async function someUnit(server) {
  const snapshot = await firstSnapshot(server);
  const unit = (snapshot.cgroups ?? []).find((c) => c.kind !== 'slice' && /^[A-Za-z0-9_.@-]+$/.test(c.name));
  return unit?.name ?? 'made-up.service';
}

async function openSettings(browser, url) {
  const { page, problems } = await openLivePage(browser, url);
  await page.click('#settings-open');
  await page.locator('section.unit-rules').waitFor();
  return { page, problems };
}

test('an admin gives a unit its own levels and removes them; a viewer only sees them', async () => {
  await withSession(async (session) => {
    const server = await session.start({ token: TOKEN });
    const browser = await session.browser();
    const unit = await someUnit(server);
    const prefix = `thresholds/cgroupMemory/${unit}/`;
    const row = `section.unit-rules tr[data-unit="${unit}"][data-rule="cgroupMemory"]`;
    const { page, problems } = await openSettings(browser, `${server.url}/?token=${TOKEN}`);
    const status = page.locator('section.unit-rules .form-status');

    await page.fill('section.unit-rules input[name="unit"]', unit);
    await page.selectOption('section.unit-rules select[name="rule"]', 'cgroupMemory');
    await page.click('section.unit-rules form button[type="submit"]');
    await page.locator(row).waitFor();
    // Every level follows the shared one until it is changed: 90 / 98 / 60 / 3.
    assert.equal(await page.inputValue(`${row} input[name="${prefix}warning"]`), '90');
    assert.equal(await page.inputValue(`${row} input[name="${prefix}critical"]`), '98');

    // Warning 2 with the shared hysteresis 3 could never clear: the server says so.
    await page.fill(`${row} input[name="${prefix}warning"]`, '2');
    await page.click(`${row} button:text("Save")`);
    await page.locator('section.unit-rules .form-status[data-kind="error"]').waitFor();
    assert.equal(
      await status.textContent(),
      `Service memory of ${unit} warning 2 % with hysteresis 3 % could never clear: lower the hysteresis or raise the level`,
    );
    await page.fill(`${row} input[name="${prefix}warning"]`, '70');
    await page.click(`${row} button:text("Save")`);
    await page.locator('section.unit-rules .form-status[data-kind="ok"]').waitFor();
    let settings = await getJson(`${server.url}/api/v1/settings`);
    assert.equal(settings[`${prefix}warning`], 70);
    assert.equal(settings[`${prefix}critical`], 98, 'not set: the shared level');
    await page.locator('section.unit-rules').screenshot({ path: path.join(session.args.out, 'unitrules-admin.png') });

    const viewer = await openSettings(browser, `${server.url}/`);
    const viewerRow = viewer.page.locator(row);
    await viewerRow.waitFor();
    assert.ok(await viewerRow.locator(`input[name="${prefix}warning"]`).evaluate((input) => input.readOnly));
    assert.equal(await viewerRow.locator('button').count(), 0, 'no Save or Remove for a viewer');
    assert.ok(await viewer.page.locator('section.unit-rules form').isHidden(), 'no Add form for a viewer');
    await viewer.page
      .locator('section.unit-rules')
      .screenshot({ path: path.join(session.args.out, 'unitrules-viewer.png') });

    await page.click(`${row} button:text("Remove")`);
    await page.locator(row).waitFor({ state: 'detached' });
    settings = await getJson(`${server.url}/api/v1/settings`);
    assert.equal(settings[`${prefix}warning`], undefined, 'the unit follows the shared levels again');
    await viewerRow.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
    assert.deepEqual(viewer.problems, []);
  });
});
