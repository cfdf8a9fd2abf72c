// The GPUs of a sample (docs/metrics.md): a card of its own after the fans and clocks, a block
// per GPU with its values and small charts of load, memory, temperature and power over the last
// minutes. A machine without a GPU the server can read has no card at all, as devicespanel.js
// does for fans. A runtime-suspended GPU is not read (reading would wake it), so it says so in
// words instead of drawing a line that would look like an idle GPU.
import { byId, el } from './dom.js';
import { formatBytes, formatCelsius, formatPercent, formatWatts } from './format.js';
import { formatClock } from './devicespanel.js';

const UNKNOWN = '—';

export const ASLEEP_TEXT = 'Asleep (runtime-suspended): values are not read so as not to wake it';

// How far back the charts reach and the least time between two of their points, as the Services
// view's sparklines: at most 300 points a series whatever the interval.
export const TRAIL_MS = 5 * 60 * 1000;
export const TRAIL_STEP_MS = 1000;
// The shortest span a chart shows: a page open for seconds draws a line, not a dot.
const CHART_MIN_MS = 60 * 1000;

/** The share of VRAM in use, in percent; null unless both used and total are known. */
export function vramShare(gpu) {
  if (!Number.isFinite(gpu.vramUsed) || !(gpu.vramTotal > 0)) return null;
  return (100 * gpu.vramUsed) / gpu.vramTotal;
}

/** "used of total" for a pair of byte counts, "—" for an unknown one. */
function ofTotal(used, total, format) {
  if (!Number.isFinite(total)) return format(used);
  return `${format(used)} of ${format(total)}`;
}

/** The state in words: "active", "asleep" for a suspended GPU, "gone" once it left. */
export function stateText(state) {
  return state === 'suspended' ? 'asleep' : (state ?? UNKNOWN);
}

/**
 * The values of one GPU as [label, text] rows, in the order the card shows them; a value not
 * read this tick (null) reads "—".
 */
export function gpuFacts(gpu) {
  const share = vramShare(gpu);
  const vram = ofTotal(gpu.vramUsed, gpu.vramTotal, formatBytes) + (share === null ? '' : ` (${formatPercent(share)})`);
  const temp = Number.isFinite(gpu.tempCritical)
    ? `${formatCelsius(gpu.temp)} (critical ${formatCelsius(gpu.tempCritical)})`
    : formatCelsius(gpu.temp);
  const rows = [
    ['Load', formatPercent(gpu.load)],
    ['VRAM', vram],
    ['Temperature', temp],
    ['Power', ofTotal(gpu.power, gpu.powerLimit, formatWatts)],
    ['Clock', formatClock(gpu.clock)],
    ['Fan', formatPercent(gpu.fan)],
  ];
  // GTT is system memory lent to the GPU: shown only where the driver has it (amdgpu).
  if (Number.isFinite(gpu.gttTotal)) rows.splice(2, 0, ['GTT', ofTotal(gpu.gttUsed, gpu.gttTotal, formatBytes)]);
  return rows;
}

// The server names vendors in lower case ("amd"); people read them as the vendors write them.
const VENDORS = { amd: 'AMD', intel: 'Intel', nvidia: 'NVIDIA' };

/** "AMD · amdgpu" from the vendor and the driver, leaving out what is unknown. */
export function gpuSubtitle(gpu) {
  return [VENDORS[gpu.vendor] ?? gpu.vendor, gpu.driver].filter((part) => part).join(' · ');
}

// The charted values: the key in a sample, the title, and the top of the axis for a GPU (at least
// the highest value seen, so a line never leaves its box).
export const CHARTS = [
  { key: 'load', title: 'Load', top: () => 100 },
  { key: 'vramUsed', title: 'VRAM', top: (gpu) => gpu.vramTotal },
  { key: 'temp', title: 'Temperature', top: (gpu) => gpu.tempCritical ?? 100 },
  { key: 'power', title: 'Power', top: (gpu) => gpu.powerLimit },
];

/** The charted values of each GPU over the last TRAIL_MS, by id; a GPU that leaves is forgotten. */
export class GpuTrails {
  constructor() {
    this.m_trails = new Map();
  }

  /** Takes a sample's GPUs at time ts (ms); a null value is kept as a gap. */
  add(ts, gpus) {
    const seen = new Set();
    for (const gpu of gpus) {
      seen.add(gpu.id);
      const trail = this.m_trails.get(gpu.id) ?? [];
      if (trail.length > 0 && ts - trail.at(-1).ts < TRAIL_STEP_MS) continue;
      trail.push({ ts, ...Object.fromEntries(CHARTS.map(({ key }) => [key, gpu[key] ?? null])) });
      while (trail.length > 0 && trail[0].ts < ts - TRAIL_MS) trail.shift();
      this.m_trails.set(gpu.id, trail);
    }
    for (const id of this.m_trails.keys()) if (!seen.has(id)) this.m_trails.delete(id);
  }

  /** The points of one GPU, oldest first: [{ts, load, vramUsed, temp, power}]. */
  trail(id) {
    return this.m_trails.get(id) ?? [];
  }
}

/**
 * An SVG polyline's points for one value of a trail in a width × height box: time across from
 * the oldest point (at least a minute, at most TRAIL_MS back) to `now`, the value up from 0 to
 * `top` (or the trail's highest value above it). Null values are left out, so a GPU that was
 * asleep has a gap, not a line at zero.
 */
export function chartPoints(trail, key, top, now, width, height) {
  const known = trail.filter((point) => Number.isFinite(point[key]));
  // Without a known top and with only zeros, 1 keeps the line on the floor of the box.
  const highest = Math.max(Number.isFinite(top) && top > 0 ? top : 1, ...known.map((point) => point[key]));
  const span = Math.min(TRAIL_MS, Math.max(CHART_MIN_MS, now - (trail[0]?.ts ?? now)));
  const x = (ts) => (width * (ts - (now - span))) / span;
  const y = (value) => height - (height * value) / highest;
  return known.map((point) => `${round(x(point.ts))},${round(y(point[key]))}`).join(' ');
}

function round(value) {
  return String(Number(value.toFixed(1)));
}

const SVG = 'http://www.w3.org/2000/svg';
const CHART_WIDTH = 120;
const CHART_HEIGHT = 32;

function chart(title, points, text) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'gpu-chart');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return el(
    'figure',
    { className: 'gpu-figure' },
    el('figcaption', {}, el('span', { textContent: title }), el('span', { className: 'num', textContent: text })),
    svg,
  );
}

const CHART_TEXT = {
  load: (gpu) => formatPercent(gpu.load),
  vramUsed: (gpu) => formatBytes(gpu.vramUsed),
  temp: (gpu) => formatCelsius(gpu.temp),
  power: (gpu) => formatWatts(gpu.power),
};

function block(gpu, trail, now) {
  const facts = el(
    'dl',
    { className: 'gpu-facts' },
    ...gpuFacts(gpu).flatMap(([label, text]) => [
      el('dt', { textContent: label }),
      el('dd', { className: 'num', textContent: text }),
    ]),
  );
  const charts =
    gpu.state === 'suspended'
      ? el('p', { className: 'gpu-asleep muted', textContent: ASLEEP_TEXT })
      : el(
          'div',
          { className: 'gpu-charts' },
          ...CHARTS.map(({ key, title, top }) =>
            chart(title, chartPoints(trail, key, top(gpu), now, CHART_WIDTH, CHART_HEIGHT), CHART_TEXT[key](gpu)),
          ),
        );
  return el(
    'article',
    { className: 'gpu-block', attrs: { 'data-gpu': gpu.id, 'data-state': gpu.state ?? '' } },
    el(
      'header',
      { className: 'gpu-head' },
      el('h3', { textContent: gpu.name || gpu.id }),
      el('span', { className: 'muted', textContent: [gpuSubtitle(gpu), gpu.id].filter((p) => p).join(' · ') }),
      el('span', { className: `gpu-state gpu-state-${gpu.state}`, textContent: stateText(gpu.state) }),
    ),
    facts,
    charts,
  );
}

class GpuPanel {
  constructor() {
    // The card brings its own stylesheet, so the page needs no GPU markup.
    if (!document.querySelector('link[href="assets/gpu.css"]'))
      document.head.append(el('link', { rel: 'stylesheet', href: 'assets/gpu.css' }));
    this.m_trails = new GpuTrails();
    this.m_body = el('div', { className: 'gpu-blocks' });
    this.m_card = el(
      'section',
      { className: 'card wide', id: 'gpu-card', hidden: true, attrs: { 'aria-labelledby': 'gpu-title' } },
      el('header', { className: 'card-head' }, el('h2', { id: 'gpu-title', textContent: 'GPUs' })),
      this.m_body,
    );
    (document.getElementById('devices-card') ?? byId('temps-title').closest('section')).after(this.m_card);
  }

  render(sample) {
    const gpus = sample.gpus ?? [];
    this.m_trails.add(sample.ts, gpus);
    this.m_card.hidden = gpus.length === 0;
    if (this.m_card.hidden || document.hidden) return;
    this.m_body.replaceChildren(...gpus.map((gpu) => block(gpu, this.m_trails.trail(gpu.id), sample.ts)));
  }
}

let panel = null;

/** Shows the GPUs of a sample; creates the card the first time a sample has one. */
export function renderGpus(sample) {
  if (!panel && !(sample.gpus?.length > 0)) return;
  panel ??= new GpuPanel();
  panel.render(sample);
}
