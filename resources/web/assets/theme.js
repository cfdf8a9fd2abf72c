// Colours live in app.css as CSS variables, one set for light and one for dark
// (prefers-color-scheme). Canvas charts cannot use CSS variables, so their colours are read
// from the computed style here and read again whenever the scheme changes.

const SERIES_COLOURS = 8;

/** The current theme's colours as CSS colour strings. */
export function readTheme() {
  const style = getComputedStyle(document.documentElement);
  const value = (name) => style.getPropertyValue(name).trim();
  return {
    text: value('--text'),
    muted: value('--text-muted'),
    grid: value('--grid'),
    surface: value('--surface'),
    accent: value('--accent'),
    ok: value('--ok'),
    warning: value('--warning'),
    critical: value('--critical'),
    series: Array.from({ length: SERIES_COLOURS }, (_, i) => value(`--series-${i + 1}`)),
  };
}

/** Calls `callback` whenever the system switches between light and dark. */
export function onSchemeChange(callback) {
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', callback);
}

/** The colour for a value against warning/critical levels: ok, warning or critical. */
export function levelColour(theme, value, warning, critical) {
  if (value >= critical) return theme.critical;
  if (value >= warning) return theme.warning;
  return theme.ok;
}
