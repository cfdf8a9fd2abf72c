// A Chart.js plugin that draws the alert levels of a chart's rule as dashed horizontal lines
// with a label ("warning 75 %"), so a user sees how close a value is to alerting. Options, set
// per chart and changed live when a `settings` message arrives:
//   plugins.thresholds = { warning, critical, warningColour, criticalColour, labelBackground, unit }
// Where each line was drawn is kept on the chart as `chart.$thresholds` ({ name, value, y } in
// canvas pixels), which the browser tests read to see a line move.

// The label sits at the left end of its line, on a patch of the card's colour: live data enters
// from the right, and a label there would be crossed by the lines it explains.
function drawLabel(ctx, text, x, y, background) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const width = ctx.measureText(text).width;
  const fill = ctx.fillStyle;
  ctx.fillStyle = background;
  ctx.globalAlpha = 0.75;
  ctx.fillRect(x - 2, y - 14, width + 4, 13);
  ctx.globalAlpha = 1;
  ctx.fillStyle = fill;
  ctx.fillText(text, x, y - 2);
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
  drawLabel(ctx, `${name} ${value}${options.unit}`, chartArea.left + 6, y, options.labelBackground);
  ctx.restore();
  return { name, value, y };
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
    const lines = [
      ['warning', options.warning, options.warningColour],
      ['critical', options.critical, options.criticalColour],
    ];
    chart.$thresholds = lines
      .filter(([, value]) => Number.isFinite(value))
      .map(([name, value, colour]) => drawLine(chart, name, value, colour, options))
      .filter((line) => line !== null);
  },
};
