// Line charts over the store's time axis. Chart.js comes as its UMD build (a classic script
// that defines the global `Chart`); no date adapter is bundled, so x is a linear axis of
// millisecond timestamps with round clock-time ticks. Animation is off: the page redraws at
// most once per animation frame and only when something changed.
import { formatClock, formatNumber, formatPercent, formatRate, niceBytesAxis, timeTicks } from './format.js';
import { thresholdPlugin } from './thresholdplugin.js';

const { Chart } = globalThis;

// One tick label needs about this many CSS pixels ("14:05:30" and some air).
const PIXELS_PER_TIME_TICK = 80;

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

function plainAxis() {
  return { min: 0, suggestedMax: 1, ticks: { callback: (value) => formatNumber(value) } };
}

const UNITS = {
  percent: { format: formatPercent, axis: percentAxis, suffix: ' %' },
  bytes: { format: formatRate, axis: bytesAxis, suffix: '' },
  plain: { format: formatNumber, axis: plainAxis, suffix: '' },
};

function timeAxis() {
  return {
    type: 'linear',
    bounds: 'data',
    afterBuildTicks(scale) {
      const maxCount = Math.max(2, Math.floor(scale.width / PIXELS_PER_TIME_TICK));
      const ticks = timeTicks(scale.min, scale.max, maxCount);
      scale.$withSeconds = ticks.length < 2 || ticks[1] - ticks[0] < 60000;
      // A label centred on the left edge would run into the y axis's labels.
      const edge = ((scale.max - scale.min) * PIXELS_PER_TIME_TICK) / 2 / scale.width;
      scale.ticks = ticks.filter((value) => value >= scale.min + edge).map((value) => ({ value }));
    },
    ticks: {
      maxRotation: 0,
      autoSkip: false,
      callback(value) {
        return formatClock(value, this.$withSeconds);
      },
    },
    grid: { drawTicks: false },
  };
}

function chartOptions(unit) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    spanGaps: false,
    interaction: { mode: 'index', intersect: false },
    elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 1.5 } },
    scales: { x: timeAxis(), y: unit.axis() },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 3 } },
      tooltip: {
        callbacks: {
          title: (items) => (items.length ? formatClock(items[0].parsed.x) : ''),
          label: (item) => `${item.dataset.label}: ${unit.format(item.parsed.y)}`,
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
 * colours), dashed }; it runs on every render, so series that appear (a new interface) or
 * vanish are followed.
 */
export class LineChartPanel {
  /** A chart on `canvas` in `unit` ('percent', 'bytes' or 'plain'), with threshold lines if asked. */
  constructor(canvas, { unit, select, thresholds = false }) {
    this.m_unit = UNITS[unit];
    this.m_select = select;
    this.m_key = '';
    this.m_theme = null;
    const options = chartOptions(this.m_unit);
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
    this.syncDatasets(store.names());
    const from = Math.max(0, store.indexAtOrAfter(fromTs) - 1);
    const maxPoints = Math.max(100, Math.round(this.m_chart.width));
    for (const dataset of this.m_chart.data.datasets)
      dataset.data = store.points(dataset.$name, from, maxPoints, gapMs);
    Object.assign(this.m_chart.options.scales.x, { min: fromTs, max: toTs });
    this.m_chart.update('none');
  }

  /** Moves the warning and critical lines (in the chart's unit), shown from the next render. */
  setThresholds(warning, critical) {
    Object.assign(this.m_chart.options.plugins.thresholds, { warning, critical, unit: this.m_unit.suffix });
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

  syncDatasets(names) {
    const specs = this.m_select(names);
    const key = specs.map((spec) => spec.name).join('\n');
    if (key === this.m_key) return;
    this.m_key = key;
    const held = new Map(this.m_chart.data.datasets.map((dataset) => [dataset.$name, dataset]));
    this.m_chart.data.datasets = specs.map((spec) => held.get(spec.name) ?? this.dataset(spec));
  }

  dataset(spec) {
    const dataset = { $name: spec.name, $colour: spec.colour, label: spec.label, data: [] };
    if (spec.dashed) dataset.borderDash = [5, 3];
    return this.colour(dataset);
  }

  colour(dataset) {
    if (!this.m_theme) return dataset;
    const colour = this.m_theme.series[dataset.$colour % this.m_theme.series.length];
    dataset.borderColor = colour;
    dataset.backgroundColor = colour;
    return dataset;
  }
}
