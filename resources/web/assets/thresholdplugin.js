// A Chart.js plugin that draws the alert levels of a chart's rule as dashed horizontal lines
// with a label ("warning 75 %"), so a user sees how close a value is to alerting. Options, set
// per chart and changed live when a `settings` message arrives:
//   plugins.thresholds = { warning, critical, warningColour, criticalColour, labelBackground, unit }
// Where each line was drawn is kept on the chart as `chart.$thresholds` ({ name, value, y } in
// canvas pixels), which the browser tests read to see a line move.

const LABEL_HEIGHT = 13;

// The label sits at the left end of its line, on a patch of the card's colour: live data enters
// from the right, and a label there would be crossed by the lines it explains. It goes above the
// line, or below it when the line is at the top of the chart (a level of 100 %), so it is not cut.
function drawLabel(ctx, text, x, y, { background, top }) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const width = ctx.measureText(text).width;
  const boxTop = y - LABEL_HEIGHT - 1 < top ? y + 1 : y - LABEL_HEIGHT - 1;
  const fill = ctx.fillStyle;
  ctx.fillStyle = background;
  ctx.globalAlpha = 0.75;
  ctx.fillRect(x - 2, boxTop, width + 4, LABEL_HEIGHT);
  ctx.globalAlpha = 1;
  ctx.fillStyle = fill;
  ctx.fillText(text, x, boxTop + LABEL_HEIGHT - 1);
}

function drawLine(chart, name, value, colour, options) {
  const { ctx, chartArea } = chart;
  const y = chart.scales.y.getPixelForValue(value);
  if (!Number.isFinite(y) || y < chartArea.top || y > chartArea.bottom) return null;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(chartArea.left, y);
  ctx.lineTo(chartArea.right, y);
  ctx.stroke();
  drawLabel(ctx, `${name} ${value}${options.unit}`, chartArea.left + 6, y, {
    background: options.labelBackground,
    top: chartArea.top,
  });
  ctx.restore();
  return { name, value, y };
}

// The lines to draw as [name, value, colour]. Equal levels (allowed: critical may equal
// warning) are one line, or the critical label would cover the warning one.
function levels(options) {
  const lines = [
    ['warning', options.warning, options.warningColour],
    ['critical', options.critical, options.criticalColour],
  ].filter(([, value]) => Number.isFinite(value));
  if (lines.length === 2 && lines[0][1] === lines[1][1])
    return [['warning, critical', options.critical, options.criticalColour]];
  return lines;
}

/** The plugin object, passed in a chart's `plugins` list. */
export const thresholdPlugin = {
  id: 'thresholds',
  defaults: {
    warning: null,
    critical: null,
    warningColour: '#b58900',
    criticalColour: '#dc322f',
    labelBackground: 'rgba(255, 255, 255, 0.8)',
    unit: '',
  },
  afterDatasetsDraw(chart, _args, options) {
    chart.$thresholds = levels(options)
      .map(([name, value, colour]) => drawLine(chart, name, value, colour, options))
      .filter((line) => line !== null);
  },
};
