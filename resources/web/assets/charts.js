// Line charts over the store's time axis. Chart.js comes as its UMD build (a classic script
// that defines the global `Chart`); no date adapter is bundled, so x is a linear axis of
// millisecond timestamps with round clock-time ticks. Animation is off: the page redraws at
// most once per animation frame and only when something changed.
import { elideMiddle, withoutIdle } from './chartseries.js';
import {
  DAY_MS,
  formatBytes,
  formatClock,
  formatDay,
  formatNumber,
  formatPercent,
  formatRate,
  niceBytesAxis,
  timeTicks,
} from './format.js';
import { pointAt } from './pastprocesses.js';
import { thresholdPlugin } from './thresholdplugin.js';

const { Chart } = globalThis;

// One tick label needs about this many CSS pixels ("14:05:30" and some air); the desktop's
// charts keep five lines of text (about as much) between their time labels.
const PIXELS_PER_TIME_TICK = 80;
// Average width of a legend character in CSS pixels, and what a legend entry takes besides its
// text (the colour box and the gaps), for cutting long labels to the chart's width.
const LEGEND_CHAR_PX = 6.5;
const LEGEND_ENTRY_PX = 48;
// A drag shorter than this (CSS pixels) is a click. A pan step is this part of the span.
const DRAG_MIN_PX = 8;
export const PAN_FRACTION = 0.1;
// How opaque the min–max band of a down-sampled span is over the card.
const BAND_ALPHA = '33';

function percentAxis() {
  return { min: 0, max: 100, ticks: { stepSize: 25, callback: (value) => `${value} %` } };
}

function bytesAxis() {
  return {
    min: 0,
    bounds: 'data',
    afterDataLimits(scale) {
      const axis = niceBytesAxis(scale.max);
      scale.max = axis.max;
      scale.$step = axis.step;
    },
    afterBuildTicks(scale) {
      const count = Math.round(scale.max / scale.$step);
      scale.ticks = Array.from({ length: count + 1 }, (_, i) => ({ value: i * scale.$step }));
    },
    ticks: { callback: (value) => formatRate(value) },
  };
}

// Bytes up to a known total (the machine's memory), drawn in the total's binary unit so that
// ticks and levels read "12.8 GiB": the axis ends at the total exactly, its ticks on round steps
// (1, 2, 2.5 or 5 × 10^n of that unit) below it. Data above the total (swap larger than the
// memory) still fits. `total` ({ top, unitBytes }) is set by LineChartPanel.setTotal().
function totalAxis(total) {
  return {
    min: 0,
    afterDataLimits(scale) {
      scale.max = Math.max(total.top, scale.max);
    },
    afterBuildTicks(scale) {
      if (!(total.bytes > 0)) return; // no sample yet: nothing is drawn on this axis
      const count = Math.floor(scale.max / total.step + 1e-9);
      scale.ticks = Array.from({ length: count + 1 }, (_, i) => ({ value: i * total.step }));
    },
    ticks: { callback: (value) => `${formatNumber(value)} ${total.unitName}` },
  };
}

// The smallest 1, 2, 2.5 or 5 × 10^n at or above value.
function niceStep(value) {
  const decade = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].find((m) => m * decade >= value * (1 - 1e-12)) * decade;
}

function plainAxis() {
  return { min: 0, suggestedMax: 1, ticks: { callback: (value) => formatNumber(value) } };
}

const UNITS = {
  percent: { format: formatPercent, axis: percentAxis, suffix: ' %' },
  bytes: { format: formatRate, axis: bytesAxis, suffix: '' },
  plain: { format: formatNumber, axis: plainAxis, suffix: '' },
  total: { format: formatBytes, axis: totalAxis, suffix: '' },
};

function timeAxis() {
  return {
    type: 'linear',
    bounds: 'data',
    afterBuildTicks(scale) {
      // n labels need n - 1 gaps between them.
      const maxCount = Math.max(2, Math.floor(scale.width / PIXELS_PER_TIME_TICK) + 1);
      const ticks = timeTicks(scale.min, scale.max, maxCount);
      scale.$withSeconds = ticks.length < 2 || ticks[1] - ticks[0] < 60000;
      scale.$days = ticks.length >= 2 && ticks[1] - ticks[0] >= DAY_MS;
      // A label centred on the left edge would run into the y axis's labels.
      const edge = ((scale.max - scale.min) * PIXELS_PER_TIME_TICK) / 2 / scale.width;
      scale.ticks = ticks.filter((value) => value >= scale.min + edge).map((value) => ({ value }));
    },
    ticks: {
      maxRotation: 0,
      autoSkip: false,
      callback(value) {
        return this.$days ? formatDay(value) : formatClock(value, this.$withSeconds);
      },
    },
    grid: { drawTicks: false },
  };
}

// The default legend entries, each cut in the middle to fit the chart's width: a long mount path
// keeps its start and its end instead of running off both sides of a phone's screen. The whole
// name is in the tooltip of the line.
function legendLabels(chart) {
  const max = Math.max(12, Math.floor((chart.width - LEGEND_ENTRY_PX) / LEGEND_CHAR_PX));
  return Chart.defaults.plugins.legend.labels
    .generateLabels(chart)
    .filter((label) => !chart.data.datasets[label.datasetIndex].$band)
    .map((label) => ({ ...label, text: elideMiddle(label.text, max) }));
}

function chartOptions(unit, total) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    spanGaps: false,
    interaction: { mode: 'index', intersect: false },
    // The time under the pointer (or a tap): a past minute shows what was running then.
    onHover: (event, _active, chart) => {
      const { left, right } = chart.chartArea;
      if (event.type !== 'mouseout' && event.x >= left && event.x <= right)
        pointAt(chart.scales.x.getValueForPixel(event.x));
    },
    elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 1.5 } },
    scales: { x: timeAxis(), y: unit.axis(total) },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 3, generateLabels: legendLabels } },
      tooltip: {
        filter: (item) => !item.dataset.$band,
        callbacks: {
          title: (items) => (items.length ? formatClock(items[0].parsed.x) : ''),
          label: (item) => `${item.dataset.label}: ${unit.format(item.parsed.y * total.unitBytes)}`,
        },
      },
    },
  };
}

/** Sets the colours every chart inherits (text, grid lines) from a theme of theme.js. */
export function applyChartDefaults(theme) {
  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
}

/**
 * One line chart of several series of the store. `select(names)` picks the series to draw from
 * the store's names and describes each as { name, label, colour (index into the theme's series
 * colours), dashed, device }; it runs on every render, so series that appear (a new interface)
 * or vanish are followed. With an `idleToggle` button, devices whose series never moved (the
 * store's isIdle) are left out until the button asks for them; it says how many there are.
 */
export class LineChartPanel {
  /**
   * A chart on `canvas` in `unit` ('percent', 'bytes', 'plain', or 'total': bytes on an axis
   * ending at setTotal()), with threshold lines if asked.
   */
  constructor(canvas, { unit, select, thresholds = false, idleToggle = null }) {
    this.m_unit = UNITS[unit];
    this.m_select = select;
    this.m_key = '';
    this.m_theme = null;
    this.m_levels = { warning: null, critical: null };
    // What a 'total' chart's axis ends at, in its unit, and the bytes of that unit.
    this.m_total = { bytes: NaN, top: 1, step: 1, unitBytes: 1, unitName: 'B' };
    this.m_idleToggle = idleToggle;
    this.m_showIdle = false;
    // The caller redraws on the same click (its listener comes after this one).
    idleToggle?.addEventListener('click', () => {
      this.m_showIdle = !this.m_showIdle;
    });
    const options = chartOptions(this.m_unit, this.m_total);
    if (thresholds) options.plugins.thresholds = { ...thresholdPlugin.defaults };
    this.m_chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options,
      plugins: thresholds ? [thresholdPlugin] : [],
    });
  }

  /**
   * Redraws the rows from fromTs to toTs (ms) of the store; rows more than gapMs apart are an
   * outage, drawn as a break in every line.
   */
  render(store, fromTs, toTs, gapMs) {
    this.syncDatasets(this.selectShown(store), store.downsampled === true);
    const from = Math.max(0, store.indexAtOrAfter(fromTs) - 1);
    const maxPoints = Math.max(100, Math.round(this.m_chart.width));
    const scale = this.m_total.unitBytes;
    const scaled = (points) =>
      scale === 1 ? points : points.map(({ x, y }) => ({ x, y: y === null ? null : y / scale }));
    // A 'total' chart draws nothing before it knows its total: bytes on an axis of no unit.
    const waiting = this.m_unit === UNITS.total && !(this.m_total.bytes > 0);
    for (const dataset of this.m_chart.data.datasets) {
      if (dataset.$band) {
        const band = waiting ? null : store.band(dataset.$name, from);
        dataset.data = band ? scaled(band[dataset.$band]) : [];
      } else {
        dataset.data = waiting ? [] : scaled(store.points(dataset.$name, from, maxPoints, gapMs));
      }
    }
    Object.assign(this.m_chart.options.scales.x, { min: fromTs, max: toTs });
    this.m_chart.update('none');
  }

  /**
   * Lets a drag across the chart zoom into the span it covers (`zoom(fromTs, toTs)`) and a
   * sideways wheel or shift+wheel pan by a tenth of the span (`pan(fraction)`). A plain wheel
   * still scrolls the page, and a touch drag up or down too (touch-action in app.css).
   */
  followSpanGestures({ zoom, pan }) {
    const canvas = this.m_chart.canvas;
    const selection = document.createElement('div');
    selection.className = 'zoom-selection';
    selection.hidden = true;
    canvas.parentElement.append(selection);
    let startX = null;
    const area = () => this.m_chart.chartArea;
    const clampX = (x) => Math.min(area().right, Math.max(area().left, x));
    canvas.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || event.offsetX < area().left || event.offsetX > area().right) return;
      startX = event.offsetX;
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (startX === null) return;
      const x = clampX(event.offsetX);
      // Where the drag reaches is data: set as CSSOM, which the page's CSP allows.
      Object.assign(selection.style, {
        left: `${Math.min(startX, x)}px`,
        width: `${Math.abs(x - startX)}px`,
        top: `${area().top}px`,
        height: `${area().bottom - area().top}px`,
      });
      selection.hidden = false;
    });
    const end = (event, apply) => {
      if (startX === null) return;
      const x = clampX(event.offsetX);
      const from = startX;
      startX = null;
      selection.hidden = true;
      // A press without a drag is a click (the tooltip's), not a zoom.
      if (!apply || Math.abs(x - from) < DRAG_MIN_PX) return;
      const scale = this.m_chart.scales.x;
      zoom(scale.getValueForPixel(from), scale.getValueForPixel(x));
    };
    canvas.addEventListener('pointerup', (event) => end(event, true));
    canvas.addEventListener('pointercancel', (event) => end(event, false));
    canvas.addEventListener(
      'wheel',
      (event) => {
        const sideways = Math.abs(event.deltaX) > Math.abs(event.deltaY);
        if (!sideways && !event.shiftKey) return;
        event.preventDefault();
        const delta = sideways ? event.deltaX : event.deltaY;
        if (delta !== 0) pan(Math.sign(delta) * PAN_FRACTION);
      },
      { passive: false },
    );
  }

  /**
   * Moves the warning and critical lines, shown from the next render: in the chart's unit, or
   * for a 'total' chart in percent of the total.
   */
  setThresholds(warning, critical) {
    this.m_levels = { warning, critical };
    this.placeThresholds();
  }

  /**
   * The total (bytes) a 'total' chart's axis ends at: the machine's memory. Its binary unit
   * (GiB for 16 GiB) becomes the unit the chart draws in, kept as `chart.$unitBytes` for the
   * browser tests.
   */
  setTotal(bytes) {
    if (!(bytes > 0) || bytes === this.m_total.bytes) return;
    const unitBytes = 1024 ** Math.max(0, Math.min(4, Math.floor(Math.log2(bytes) / 10)));
    const top = bytes / unitBytes;
    const unitName = formatBytes(unitBytes).split(' ').at(-1);
    Object.assign(this.m_total, { bytes, top, step: niceStep(top / 4), unitBytes, unitName });
    this.m_chart.$unitBytes = unitBytes;
    this.placeThresholds();
  }

  placeThresholds() {
    const thresholds = this.m_chart.options.plugins.thresholds;
    if (!thresholds) return;
    let { warning, critical } = this.m_levels;
    let unit = this.m_unit.suffix;
    if (this.m_unit === UNITS.total) {
      // Levels are percent of the total; in the chart's unit, rounded for their labels.
      const { bytes, top, unitName } = this.m_total;
      const inUnit = (percent) =>
        Number.isFinite(percent) && bytes > 0 ? Number(((percent / 100) * top).toFixed(2)) : null;
      [warning, critical] = [inUnit(warning), inUnit(critical)];
      unit = ` ${unitName}`;
    }
    Object.assign(thresholds, { warning, critical, unit });
  }

  // The specs to draw now: the chart's selection, without idle devices unless asked for.
  selectShown(store) {
    const specs = this.m_select(store.names());
    const toggle = this.m_idleToggle;
    if (!toggle) return specs;
    const { specs: shown, idle } = withoutIdle(specs, (name) => store.isIdle(name), this.m_showIdle);
    toggle.hidden = idle === 0;
    toggle.setAttribute('aria-pressed', String(this.m_showIdle));
    const text = `${this.m_showIdle ? 'Hide' : 'Show'} idle (${idle})`;
    if (toggle.textContent !== text) toggle.textContent = text;
    return shown;
  }

  /** Recolours series, threshold lines and axes for a theme of theme.js, from the next render. */
  applyTheme(theme) {
    this.m_theme = theme;
    const { options } = this.m_chart;
    for (const axis of Object.values(options.scales)) {
      axis.ticks.color = theme.muted;
      axis.grid.color = theme.grid;
    }
    options.plugins.legend.labels.color = theme.text;
    if (options.plugins.thresholds) {
      Object.assign(options.plugins.thresholds, {
        warningColour: theme.warning,
        criticalColour: theme.critical,
        labelBackground: theme.surface,
      });
    }
    this.m_chart.data.datasets.forEach((dataset) => this.colour(dataset));
  }

  // The line of each spec; on a down-sampled span each line also gets its band: an invisible
  // line at the bucket minimums and one at the maximums filled down to it.
  syncDatasets(specs, banded) {
    const key = `${banded}\n${specs.map((spec) => `${spec.name} ${spec.colour}`).join('\n')}`;
    if (key === this.m_key) return;
    this.m_key = key;
    const held = new Map(
      this.m_chart.data.datasets.map((dataset) => [`${dataset.$name} ${dataset.$band ?? ''}`, dataset]),
    );
    const lines = specs.map((spec) => {
      const dataset = held.get(`${spec.name} `) ?? this.dataset(spec);
      dataset.$colour = spec.colour; // dealt again when idle devices come or go
      return this.colour(dataset);
    });
    const band = (line, $band, extra = {}) =>
      this.colour({ $name: line.$name, $colour: line.$colour, $band, label: line.label, data: [], ...extra });
    const bands = banded ? lines.flatMap((line) => [band(line, 'min'), band(line, 'max', { fill: '-1' })]) : [];
    this.m_chart.data.datasets = [...lines, ...bands];
  }

  dataset(spec) {
    const dataset = { $name: spec.name, $colour: spec.colour, label: spec.label, data: [] };
    if (spec.dashed) dataset.borderDash = [5, 3];
    return this.colour(dataset);
  }

  colour(dataset) {
    if (!this.m_theme) return dataset;
    const colour = this.m_theme.series[dataset.$colour % this.m_theme.series.length];
    if (dataset.$band) {
      dataset.borderWidth = 0;
      dataset.borderColor = 'transparent';
      dataset.backgroundColor = `${colour}${BAND_ALPHA}`;
      return dataset;
    }
    dataset.borderColor = colour;
    dataset.backgroundColor = colour;
    return dataset;
  }
}
