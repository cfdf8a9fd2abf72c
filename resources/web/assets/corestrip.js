// Per-core CPU use as a strip of small cells: core number, current percent and a sparkline of
// the chosen window, drawn with the 2D canvas API. One Chart.js chart per core would be neither
// readable nor cheap on a 64-core machine; a wrapping grid of cells stays both.
import { el } from './dom.js';
import { formatPercent } from './format.js';
import { levelColour } from './theme.js';

const CORE_SERIES = /^cpu\.cores\[(\d+)\]$/;

/** Number of cores the store holds series for (highest index + 1). */
export function coreCount(names) {
  let count = 0;
  for (const name of names) {
    const match = CORE_SERIES.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

function sizeCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
  return { width, height };
}

// Draws the points as a filled line, x from fromTs..toTs, y from 0..100 %; a null breaks it.
// The line keeps its whole width inside the canvas: an idle core is a line along the bottom.
function drawSparkline(canvas, points, fromTs, toTs, colour) {
  const { width, height } = sizeCanvas(canvas);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, width, height);
  const lineWidth = Math.max(1, window.devicePixelRatio || 1);
  const x = (ts) => ((ts - fromTs) / (toTs - fromTs)) * width;
  const y = (value) =>
    height - lineWidth / 2 - (Math.min(100, Math.max(0, value)) / 100) * (height - lineWidth);
  const runs = [[]];
  for (const point of points) {
    if (point.y === null) runs.push([]);
    else runs.at(-1).push([x(point.x), y(point.y)]);
  }
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = lineWidth;
  for (const run of runs.filter((r) => r.length > 0)) {
    ctx.beginPath();
    run.forEach(([px, py], i) => (i ? ctx.lineTo(px, py) : ctx.moveTo(px, py)));
    ctx.stroke();
    ctx.lineTo(run.at(-1)[0], height);
    ctx.lineTo(run[0][0], height);
    ctx.globalAlpha = 0.2;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
}

// A swatch of a level's colour and its words, for the scale under the strip.
function scaleItem(colour, text) {
  const swatch = el('span', { className: 'core-scale-swatch', attrs: { 'aria-hidden': 'true' } });
  swatch.style.backgroundColor = colour;
  const item = el('span', { className: 'core-scale-item', textContent: text });
  item.prepend(swatch);
  return item;
}

export class CoreStrip {
  /**
   * A strip filling `container` (an element styled as a grid by app.css), with the scale its
   * colours follow written into `scale`.
   */
  constructor(container, scale) {
    this.m_container = container;
    this.m_scale = scale;
    this.m_scaleKey = '';
    this.m_cells = [];
  }

  /**
   * Redraws every core from fromTs to toTs (ms); `levels` holds theme, warning, critical; rows
   * more than gapMs apart (an outage) break the sparklines.
   */
  render(store, fromTs, toTs, { theme, warning, critical }, gapMs) {
    const count = coreCount(store.names());
    if (count !== this.m_cells.length) this.build(count);
    this.renderScale(theme, warning, critical);
    const from = Math.max(0, store.indexAtOrAfter(fromTs) - 1);
    this.m_cells.forEach((cell, core) => {
      const name = `cpu.cores[${core}]`;
      const value = store.valueAt(name, store.size - 1);
      cell.value.textContent = formatPercent(value);
      const points = store.points(name, from, Math.max(20, cell.canvas.clientWidth), gapMs);
      drawSparkline(cell.canvas, points, fromTs, toTs, levelColour(theme, value, warning, critical));
    });
  }

  // Each core's line and its label take the colour of its level under the cpu rule; the scale
  // says which colour means what: "below 75 %", "warning from 75 %", "critical from 90 %".
  renderScale(theme, warning, critical) {
    const key = [theme.ok, theme.warning, theme.critical, warning, critical].join(' ');
    if (key === this.m_scaleKey) return;
    this.m_scaleKey = key;
    const lowest = Math.min(warning, critical);
    const items = [scaleItem(theme.ok, Number.isFinite(lowest) ? `below ${formatPercent(lowest)}` : 'ok')];
    if (Number.isFinite(warning) && warning < critical)
      items.push(scaleItem(theme.warning, `warning from ${formatPercent(warning)}`));
    if (Number.isFinite(critical))
      items.push(scaleItem(theme.critical, `critical from ${formatPercent(critical)}`));
    this.m_scale.replaceChildren(...items);
  }

  build(count) {
    this.m_cells = Array.from({ length: count }, (_, core) => {
      const value = el('span', { className: 'core-value num' });
      const canvas = el('canvas', { className: 'core-spark', attrs: { 'aria-hidden': 'true' } });
      const root = el(
        'li',
        { className: 'core' },
        el('span', { className: 'core-name', textContent: `CPU ${core}` }),
        value,
        canvas,
      );
      return { root, value, canvas };
    });
    this.m_container.replaceChildren(...this.m_cells.map((cell) => cell.root));
  }
}
