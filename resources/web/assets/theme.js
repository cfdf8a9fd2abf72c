// Colours come from the colour and format table, style.json, which the desktop reads too: the
// page's CSS gets them as variables (palette.css, written from the table at build time), and
// canvases, which cannot use CSS variables, get them here from the same table, for the scheme
// the system asks for now.
import style from './style.json' with { type: 'json' };

const DARK = '(prefers-color-scheme: dark)';

/**
 * The colours of the current scheme: text, muted, grid, surface, accent, ok, warning, critical
 * as CSS colour strings; `series` one colour per device for charts that tell devices apart by
 * colour; `kinds` the colour of each kind of series by name (see seriesColours); `heat` the low
 * and high ends of a busy-ness ramp.
 */
export function readTheme() {
  const scheme = window.matchMedia(DARK).matches ? style.dark : style.light;
  const { ui } = scheme;
  return {
    text: ui.text,
    muted: ui['text-muted'],
    grid: ui.grid,
    surface: ui.surface,
    accent: ui.accent,
    ok: ui.ok,
    warning: ui.warning,
    critical: ui.critical,
    series: scheme.devices,
    kinds: scheme.series,
    heat: scheme.heat,
  };
}

/**
 * The colour of each series of one chart, as the desktop colours the same chart: a series takes
 * its kind's colour (`net[eth0].rxBps` that of `net[].rxBps`), unless the chart holds several
 * series of that kind (one per sensor, say): then each takes a device colour by its position.
 */
export function seriesColours(theme, names) {
  const kinds = names.map((name) => name.replace(/\[[^\]]*\]/, '[]'));
  return kinds.map((kind, index) => {
    const several = kinds.indexOf(kind) !== kinds.lastIndexOf(kind);
    return (!several && theme.kinds[kind]) || theme.series[index % theme.series.length];
  });
}

/** Calls `callback` whenever the system switches between light and dark. */
export function onSchemeChange(callback) {
  window.matchMedia(DARK).addEventListener('change', callback);
}

/** The colour for a value against warning/critical levels: ok, warning or critical. */
export function levelColour(theme, value, warning, critical) {
  if (value >= critical) return theme.critical;
  if (value >= warning) return theme.warning;
  return theme.ok;
}
