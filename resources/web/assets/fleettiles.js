// The fleet's tiles: one per host with its state, latest values and small charts of CPU, memory,
// busiest disk and busiest network over the chosen window. Each tile is built once and updated in
// place, so a tick keeps focus and hover where they are. The small charts are SVG paths, as the
// GPU card's: dozens of hosts with four charts each would be hundreds of Chart.js instances.
import { el } from './dom.js';
import { formatAge, formatNumber, formatPercent, formatRate } from './format.js';
import { dashboardUrl, worstSeverity } from './fleetmodel.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHART_WIDTH = 120;
const CHART_HEIGHT = 32;
const UNKNOWN = '—';

const STATE_LABELS = { up: 'Up', connecting: 'Connecting', down: 'Down' };

// The small charts: the key in the series, the title, the colour of the dashboard chart that shows
// the same thing (style.json), and the top of the axis (null: the highest value shown).
const CHARTS = [
  { key: 'cpu', title: 'CPU', colour: 'cpu.total', top: 100 },
  { key: 'mem', title: 'Memory', colour: 'mem.percent', top: 100 },
  { key: 'disk', title: 'Disk', colour: 'disks[].readBps', top: null },
  { key: 'net', title: 'Network', colour: 'net[].rxBps', top: null },
];

function round(value) {
  return String(Number(value.toFixed(1)));
}

/**
 * An SVG path for one series between fromTs and toTs in a width × height box, the value from 0
 * up to `top` (or the highest value shown, at least 1); a null value breaks the line, so an
 * outage is a gap rather than a line drawn across it. An hour at 1 Hz is 3600 points for 120
 * units of width: one point is kept per half unit, the highest, so a peak is never lost.
 */
export function chartPath(ts, values, fromTs, toTs, top, width = CHART_WIDTH, height = CHART_HEIGHT) {
  const shown = [];
  for (let i = 0; i < ts.length; i += 1) if (ts[i] >= fromTs && ts[i] <= toTs) shown.push(i);
  const highest = top ?? Math.max(1, ...shown.map((i) => values[i]).filter(Number.isFinite));
  const span = Math.max(1, toTs - fromTs);
  const points = []; // { x, y, move }: move starts a new line after a gap
  let drawing = false;
  for (const i of shown) {
    if (!Number.isFinite(values[i])) {
      drawing = false;
      continue;
    }
    const x = (width * (ts[i] - fromTs)) / span;
    const y = height - (height * Math.min(values[i], highest)) / highest;
    const last = points.at(-1);
    if (drawing && Math.floor(last.x * 2) === Math.floor(x * 2)) {
      if (y < last.y) Object.assign(last, { x, y });
      continue;
    }
    points.push({ x, y, move: !drawing });
    drawing = true;
  }
  return points.map(({ x, y, move }) => `${move ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
}

/** The busiest device as "name rate" ("eth0 2.0 MiB/s"), "—" when unknown. */
function busiest(device) {
  if (!device) return UNKNOWN;
  return `${device.name} ${formatRate(device.bps)}`;
}

function loadText(load) {
  return Array.isArray(load) ? load.map((value) => formatNumber(value)).join(' / ') : UNKNOWN;
}

class Tile {
  constructor(name, colours) {
    this.m_link = el('a', { className: 'fleet-link', textContent: name, target: '_blank', rel: 'noopener' });
    this.m_badge = el('span', { className: 'fleet-badge' });
    this.m_seen = el('p', { className: 'fleet-seen muted num' });
    this.m_reason = el('p', { className: 'fleet-reason' });
    this.m_source = el('p', { className: 'fleet-source muted', textContent: 'From Prometheus' });
    this.m_alerts = el('p', { className: 'fleet-alert-count' });
    this.m_values = {};
    const facts = el('dl', { className: 'fleet-values' });
    // The busiest disk and network take a whole line each: a device name and a rate.
    for (const [key, label, wide] of [
      ['cpu', 'CPU', false],
      ['mem', 'Memory', false],
      ['load', 'Load', true],
      ['disk', 'Disk', true],
      ['net', 'Network', true],
    ]) {
      this.m_values[key] = el('dd', { className: 'num', attrs: { 'data-key': key } });
      const line = el('div', { className: wide ? 'fleet-wide' : '' }, el('dt', { textContent: label }));
      facts.append(line);
      line.append(this.m_values[key]);
    }
    this.m_paths = {};
    const charts = el('div', { className: 'fleet-charts' });
    for (const chart of CHARTS) {
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('viewBox', `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`);
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.setAttribute('class', 'fleet-chart');
      svg.setAttribute('aria-hidden', 'true');
      svg.dataset.key = chart.key;
      const path = document.createElementNS(SVG, 'path');
      svg.append(path);
      this.m_paths[chart.key] = path;
      charts.append(el('figure', { className: 'fleet-figure' }, el('figcaption', { textContent: chart.title }), svg));
    }
    this.setColours(colours);
    this.element = el(
      'article',
      { className: 'fleet-tile', attrs: { 'data-host': name } },
      el('header', { className: 'fleet-tile-head' }, el('h2', {}, this.m_link), this.m_badge),
      this.m_seen,
      this.m_reason,
      this.m_source,
      facts,
      charts,
      this.m_alerts,
    );
    // The whole tile opens the host, not only its name; a click on the name is the link's own.
    this.element.addEventListener('click', (event) => {
      if (!event.target.closest('a') && this.m_link.href) this.m_link.click();
    });
  }

  /** The lines' colours from a theme of theme.js (they follow the light or dark scheme). */
  setColours(theme) {
    if (!theme) return;
    for (const chart of CHARTS) this.m_paths[chart.key].style.stroke = theme.kinds[chart.colour] ?? theme.accent;
  }

  /**
   * Shows `host` ({row, series}) with `alerts` (its own and the hub's about it) at hub time `now`;
   * the charts over `span` ({from, to}) only when `charts` is true.
   */
  update({ row, series }, alerts, { span, charts }, now) {
    const url = dashboardUrl(row);
    if (url) this.m_link.href = url;
    else this.m_link.removeAttribute('href');
    this.m_link.title = url ? `Open the dashboard of ${row.name} in a new tab` : '';
    const state = row.state in STATE_LABELS ? row.state : 'connecting';
    const severity = worstSeverity(alerts);
    const { dataset } = this.element;
    dataset.state = state;
    dataset.severity = severity ?? 'none';
    dataset.source = row.source ?? 'live';
    this.m_badge.dataset.state = state;
    this.m_badge.textContent = STATE_LABELS[state];
    this.m_badge.title = row.reason ?? '';
    this.m_reason.hidden = state !== 'down' || !row.reason;
    this.m_reason.textContent = row.reason ?? '';
    this.m_source.hidden = row.source !== 'prometheus';
    this.m_seen.textContent = Number.isFinite(row.lastSeen)
      ? `last seen ${formatAge(now - row.lastSeen)} ago`
      : 'not seen yet';
    const firing = alerts.filter((alert) => alert.state !== 'resolved').length;
    this.m_alerts.hidden = firing === 0;
    this.m_alerts.dataset.severity = severity ?? 'none';
    this.m_alerts.textContent = firing === 1 ? '1 alert' : `${firing} alerts`;
    this.setValue('cpu', formatPercent(row.cpu?.total), row.cpu?.total);
    this.setValue('mem', formatPercent(row.mem?.percent), row.mem?.percent);
    this.setValue('load', loadText(row.load), row.load?.[0]);
    this.setValue('disk', busiest(row.disk), row.disk?.bps);
    this.setValue('net', busiest(row.net), row.net?.bps);
    if (!charts) return;
    for (const chart of CHARTS) {
      const d = chartPath(series.ts, series[chart.key], span.from, span.to, chart.top);
      this.m_paths[chart.key].setAttribute('d', d);
    }
  }

  setValue(key, text, value) {
    const element = this.m_values[key];
    element.textContent = text;
    // The number itself, for a reader that wants more than the rounded text.
    element.dataset.value = Number.isFinite(value) ? String(value) : '';
  }
}

export class FleetTiles {
  /** The tiles inside `container`; `empty` is the element saying why none is shown. */
  constructor(container, empty) {
    this.m_container = container;
    this.m_empty = empty;
    this.m_tiles = new Map();
    this.m_theme = null;
  }

  setTheme(theme) {
    this.m_theme = theme;
    for (const tile of this.m_tiles.values()) tile.setColours(theme);
  }

  /**
   * Shows `hosts` ({row, series}, in this order) of `total` known; `alertsFor(name)` gives a
   * host's alerts; `charts` is {span: {from, to}, charts: whether to redraw them} and `now` the
   * hub's time. A new tile draws its charts at once.
   */
  render(hosts, total, alertsFor, charts, now) {
    const names = new Set(hosts.map(({ row }) => row.name));
    for (const name of this.m_tiles.keys()) if (!names.has(name)) this.m_tiles.delete(name);
    const elements = hosts.map((host) => {
      let tile = this.m_tiles.get(host.row.name);
      const fresh = !tile;
      if (fresh) {
        tile = new Tile(host.row.name, this.m_theme);
        this.m_tiles.set(host.row.name, tile);
      }
      tile.update(host, alertsFor(host.row.name), { span: charts.span, charts: charts.charts || fresh }, now);
      return tile.element;
    });
    // Moved only when the order changed: moving a node loses its hover and focus.
    const current = [...this.m_container.children];
    if (current.length !== elements.length || current.some((element, i) => element !== elements[i]))
      this.m_container.replaceChildren(...elements);
    this.m_empty.hidden = hosts.length > 0;
    this.m_empty.textContent = total > 0 ? 'No host matches the filter.' : 'The hub lists no host yet.';
  }
}
