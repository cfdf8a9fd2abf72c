// A Chart.js plugin that draws the alert levels of a chart's rule as dashed horizontal lines
// with a label ("warning 75 %"), so a user sees how close a value is to alerting. Options, set
// per chart and changed live when a `settings` message arrives:
//   plugins.thresholds = { warning, critical, warningColour, criticalColour, labelBackground, unit }
// Where each line and its label were drawn is kept on the chart as `chart.$thresholds`
// ({ name, value, y, labelTop } in canvas pixels), which the browser tests read.
import style from './style.json' with { type: 'json' };

const LABEL_HEIGHT = 13;

// Where each label's box starts (its top, in canvas pixels), for lines ordered from the highest
// level down. A label sits above its line; below it when above would leave the chart (a level of
// 100 %), or when above would cover the label drawn before it: two levels a few pixels apart, as
// on a short chart at phone width. Then it goes under that label too.
export function labelTops(ys, chartTop) {
  const tops = [];
  for (const y of ys) {
    const above = y - LABEL_HEIGHT - 1;
    let top = above < chartTop ? y + 1 : above;
    const previous = tops.at(-1);
    if (previous !== undefined && top < previous + LABEL_HEIGHT && previous < top + LABEL_HEIGHT)
      top = Math.max(y + 1, previous + LABEL_HEIGHT + 1);
    tops.push(top);
  }
  return tops;
}

// The label sits at the left end of its line, on a patch of the card's colour: live data enters
// from the right, and a label there would be crossed by the lines it explains.
function drawLabel(ctx, text, x, boxTop, background) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const width = ctx.measureText(text).width;
  const fill = ctx.fillStyle;
  ctx.fillStyle = background;
  ctx.globalAlpha = 0.75;
  ctx.fillRect(x - 2, boxTop, width + 4, LABEL_HEIGHT);
  ctx.globalAlpha = 1;
  ctx.fillStyle = fill;
  ctx.fillText(text, x, boxTop + LABEL_HEIGHT - 1);
}

function drawLine(chart, { name, value, colour, y }, labelTop, options) {
  const { ctx, chartArea } = chart;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(chartArea.left, y);
  ctx.lineTo(chartArea.right, y);
  ctx.stroke();
  const text = `${name} ${value}${options.unit}`;
  drawLabel(ctx, text, chartArea.left + 6, labelTop, options.labelBackground);
  ctx.restore();
}

// The lines to draw as [name, value, colour], the highest level first. Equal levels (allowed:
// critical may equal warning) are one line, or the critical label would cover the warning one.
function levels(options) {
  const lines = [
    ['critical', options.critical, options.criticalColour],
    ['warning', options.warning, options.warningColour],
  ].filter(([, value]) => Number.isFinite(value));
  if (lines.length === 2 && lines[0][1] === lines[1][1])
    return [['warning, critical', options.critical, options.criticalColour]];
  return lines;
}

// Colours until charts.js passes the current scheme's: the light scheme of the shared table, so a
// chart drawn before its options arrive never shows a colour the table does not hold.
const { ui } = style.light;

/** The plugin object, passed in a chart's `plugins` list. */
export const thresholdPlugin = {
  id: 'thresholds',
  defaults: {
    warning: null,
    critical: null,
    warningColour: ui.warning,
    criticalColour: ui.critical,
    labelBackground: ui.surface,
    unit: '',
  },
  afterDatasetsDraw(chart, _args, options) {
    const { chartArea } = chart;
    const shown = levels(options)
      .map(([name, value, colour]) => ({
        name,
        value,
        colour,
        y: chart.scales.y.getPixelForValue(value),
      }))
      .filter(({ y }) => Number.isFinite(y) && y >= chartArea.top && y <= chartArea.bottom);
    const tops = labelTops(shown.map(({ y }) => y), chartArea.top);
    shown.forEach((line, i) => drawLine(chart, line, tops[i], options));
    chart.$thresholds = shown.map(({ name, value, y }, i) => ({
      name,
      value,
      y,
      labelTop: tops[i],
    }));
  },
};
