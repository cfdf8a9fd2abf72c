// Colours of the dashboard's canvases: the colour table's scheme, and each series of a chart
// coloured as the desktop colours it (tst_styletable.cpp expects the same colours of Theme.qml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTheme, seriesColours } from '../../../../resources/web/assets/theme.js';

// The scheme the system asks for, as a browser's matchMedia answers.
function withScheme(dark, fn) {
  globalThis.window = { matchMedia: (query) => ({ matches: dark && query === '(prefers-color-scheme: dark)' }) };
  try {
    return fn();
  } finally {
    delete globalThis.window;
  }
}

test("a series takes its kind's colour, several of one kind a device colour each", () => {
  const names = ['cpu.user', 'net[eth0].rxBps', 'net[eth0].txBps', 'temps[a].celsius', 'temps[b].celsius', 'self.cpu'];
  // From style.json, light: cpu.user, net[].rxBps, net[].txBps; then two sensors on one chart
  // take devices[3] and devices[4] by position, and self.cpu, which has no colour of its own,
  // devices[5].
  assert.deepEqual(
    withScheme(false, () => seriesColours(readTheme(), names)),
    ['#0f8a7e', '#1d5fd6', '#0f8a7e', '#8a3ccf', '#c2336f', '#5a8a00'],
  );
});

test('the dark scheme when the system asks for it', () => {
  // style.json: the dark critical red and the dark cpu.user teal, against the light ones.
  assert.equal(withScheme(true, () => readTheme()).critical, '#f56565');
  assert.equal(withScheme(false, () => readTheme()).critical, '#c62828');
  assert.equal(withScheme(true, () => seriesColours(readTheme(), ['cpu.user']))[0], '#2dd4bf');
});

test('positions past the last device colour start again from the first', () => {
  const theme = withScheme(false, () => readTheme());
  const names = Array.from({ length: theme.series.length + 1 }, (_, i) => `temps[s${i}].celsius`);
  const colours = seriesColours(theme, names);
  assert.equal(colours.at(-1), colours[0]);
  assert.equal(new Set(colours).size, theme.series.length);
});
