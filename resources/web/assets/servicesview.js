// The Services view: one row per systemd unit, slice, session and container of the samples'
// `cgroups` (docs/metrics.md "Cgroups"), grouped by kind, sorted by any column, filtered by
// text, each with its CPU over the last minutes drawn from the samples seen. A value the kernel
// does not report for a group is null and shows as "—", never as 0.
import { el } from './dom.js';
import { formatBytes, formatNumber, formatPercent, formatRate } from './format.js';

/** The sections of the table, in order, and the cgroup kinds each one holds. */
export const GROUPS = [
  { id: 'services', label: 'Services', kinds: ['service'] },
  { id: 'slices', label: 'Slices', kinds: ['slice'] },
  { id: 'sessions', label: 'Sessions and scopes', kinds: ['session', 'scope'] },
  { id: 'containers', label: 'Containers', kinds: ['container'] },
];

/** The columns, each sortable: the key in a cgroup row, its header and how it reads. */
export const COLUMNS = [
  { key: 'name', label: 'Name', format: (value) => value },
  { key: 'cpu', label: 'CPU', format: formatPercent, numeric: true },
  { key: 'memory', label: 'Memory', format: formatBytes, numeric: true },
  { key: 'readBps', label: 'Read/s', format: formatRate, numeric: true },
  { key: 'writeBps', label: 'Write/s', format: formatRate, numeric: true },
  { key: 'pids', label: 'Pids', format: (value) => formatNumber(value, 0), numeric: true },
];

// How far back the sparklines reach, and the least time between two of their points: at most
// 300 points a group, whatever the interval, for a line 60 pixels wide.
export const TRAIL_MS = 5 * 60 * 1000;
export const TRAIL_STEP_MS = 1000;

/** The id of the GROUPS section a cgroup row belongs to; a kind not listed joins the scopes. */
export function groupOf(row) {
  return (GROUPS.find((group) => group.kinds.includes(row.kind)) ?? GROUPS[2]).id;
}

/** Whether a row holds the text (any case) in its name, path or runtime; empty text: all. */
export function matches(row, text) {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [row.name, row.path, row.runtime].some((field) => field?.toLowerCase().includes(needle));
}

/**
 * The rows in the order of a column: numbers largest first unless `ascending`, names A to Z
 * unless descending. An unknown value (null) comes last either way; ties fall back on the name
 * and then the path, so the order holds still while values are equal.
 */
export function sortRows(rows, key, ascending) {
  const byName = (a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path);
  const sign = ascending ? 1 : -1;
  const compare = (a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null || x === undefined) return y === null || y === undefined ? byName(a, b) : 1;
    if (y === null || y === undefined) return -1;
    return sign * (x - y) || byName(a, b);
  };
  return [...rows].sort(compare);
}

/**
 * The CPU of each cgroup over the last TRAIL_MS, by path, from the samples seen: what the
 * sparklines draw. A group that leaves the samples is forgotten with its points.
 */
export class CpuTrails {
  constructor() {
    this.m_trails = new Map();
  }

  /** Takes a sample's rows at time ts (ms); a null CPU is kept as a gap. */
  add(ts, rows) {
    const seen = new Set();
    for (const row of rows) {
      seen.add(row.path);
      const trail = this.m_trails.get(row.path) ?? [];
      if (trail.length > 0 && ts - trail.at(-1).ts < TRAIL_STEP_MS) continue;
      trail.push({ ts, cpu: row.cpu });
      while (trail.length > 0 && trail[0].ts < ts - TRAIL_MS) trail.shift();
      this.m_trails.set(row.path, trail);
    }
    for (const path of this.m_trails.keys()) if (!seen.has(path)) this.m_trails.delete(path);
  }

  /** The points of one group, oldest first: [{ts, cpu}]. */
  trail(path) {
    return this.m_trails.get(path) ?? [];
  }
}

// The shortest time a sparkline spans: a page open for seconds draws a line, not a dot.
export const SPARK_MIN_MS = 60 * 1000;

/**
 * An SVG polyline's points for a trail in a width × height box: time across from the oldest
 * point (at least SPARK_MIN_MS, at most TRAIL_MS back) to `now`, CPU up from 0 to 100 % of one
 * core (or the trail's highest value above it). Null values are left out.
 */
export function sparkPoints(trail, now, width, height) {
  const known = trail.filter((point) => Number.isFinite(point.cpu));
  const top = Math.max(100, ...known.map((point) => point.cpu));
  const span = Math.min(TRAIL_MS, Math.max(SPARK_MIN_MS, now - (trail[0]?.ts ?? now)));
  const x = (ts) => (width * (ts - (now - span))) / span;
  const y = (cpu) => height - (height * cpu) / top;
  return known.map((point) => `${formatNumber(x(point.ts), 1)},${formatNumber(y(point.cpu), 1)}`).join(' ');
}

const SVG = 'http://www.w3.org/2000/svg';
const SPARK_WIDTH = 60;
const SPARK_HEIGHT = 16;

function sparkline(trail, now) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'svc-spark');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', sparkPoints(trail, now, SPARK_WIDTH, SPARK_HEIGHT));
  svg.append(line);
  return svg;
}

export class ServicesView {
  /** Renders into `root` (index.html's #services-root), once samples carry `cgroups`. */
  constructor(root) {
    // The view brings its own stylesheet, so the page needs only the container.
    if (!document.querySelector('link[href="assets/services.css"]'))
      document.head.append(el('link', { rel: 'stylesheet', href: 'assets/services.css' }));
    this.m_root = root;
    this.m_trails = new CpuTrails();
    this.m_latest = null;
    this.m_sort = { key: 'cpu', ascending: false };
    this.m_filter = el('input', {
      type: 'search',
      id: 'services-filter',
      placeholder: 'Filter: name, path, runtime',
      spellcheck: false,
      autocomplete: 'off',
      attrs: { 'aria-label': 'Filter services by name, cgroup path or runtime' },
    });
    this.m_filter.addEventListener('input', () => this.render());
    this.m_count = el('span', { className: 'muted svc-count', attrs: { role: 'status' } });
    this.m_head = el('thead');
    this.m_table = el('table', { className: 'data-table svc-table', id: 'services-table' }, this.m_head);
    this.m_empty = el('p', { className: 'muted svc-empty', hidden: true });
    root.replaceChildren(
      el('div', { className: 'svc-filters', attrs: { role: 'search' } }, this.m_filter, this.m_count),
      el('div', { className: 'svc-scroll' }, this.m_table),
      this.m_empty,
    );
    this.renderHead();
  }

  /** Takes a sample: its cgroups join the trails, and the table follows when it is shown. */
  update(sample) {
    if (sample.cgroups) this.m_trails.add(sample.ts, sample.cgroups);
    this.m_latest = sample;
    if (!document.hidden && !this.m_root.closest('[hidden]')) this.render();
  }

  sortBy(key) {
    const same = this.m_sort.key === key;
    // A new column starts as top does: the biggest first, names from A.
    this.m_sort = { key, ascending: same ? !this.m_sort.ascending : key === 'name' };
    this.renderHead();
    this.render();
  }

  renderHead() {
    const header = ({ key, label, numeric }) => {
      const sorted = this.m_sort.key === key;
      const button = el('button', { type: 'button', className: 'svc-sort', textContent: label });
      button.addEventListener('click', () => this.sortBy(key));
      const order = this.m_sort.ascending ? 'ascending' : 'descending';
      return el(
        'th',
        { scope: 'col', className: numeric ? 'num' : '', attrs: { 'aria-sort': sorted ? order : 'none', 'data-key': key } },
        button,
      );
    };
    const trail = el('th', { scope: 'col', className: 'svc-trail', textContent: 'Recent CPU' });
    this.m_head.replaceChildren(el('tr', {}, header(COLUMNS[0]), header(COLUMNS[1]), trail, ...COLUMNS.slice(2).map(header)));
  }

  render() {
    const cgroups = this.m_latest?.cgroups;
    this.m_table.hidden = !cgroups;
    this.m_empty.hidden = Boolean(cgroups);
    if (!cgroups) {
      this.m_empty.textContent = 'This machine reports no cgroups.';
      this.m_count.textContent = '';
      this.m_table.querySelectorAll('tbody').forEach((body) => body.remove());
      return;
    }
    const shown = cgroups.filter((row) => matches(row, this.m_filter.value));
    this.m_count.textContent = `${shown.length} of ${cgroups.length}`;
    const sorted = sortRows(shown, this.m_sort.key, this.m_sort.ascending);
    const bodies = GROUPS.map((group) => this.groupBody(group, sorted.filter((row) => groupOf(row) === group.id)));
    this.m_table.querySelectorAll('tbody').forEach((body) => body.remove());
    this.m_table.append(...bodies.filter(Boolean));
  }

  groupBody(group, rows) {
    if (rows.length === 0) return null;
    const title = el('th', { scope: 'rowgroup', colSpan: COLUMNS.length + 1, textContent: `${group.label} · ${rows.length}` });
    return el(
      'tbody',
      { attrs: { 'data-group': group.id } },
      el('tr', { className: 'svc-group' }, title),
      ...rows.map((row) => this.row(row)),
    );
  }

  row(row) {
    const cell = ({ key, format }) => el('td', { className: 'num', textContent: format(row[key]) });
    const name = el(
      'th',
      { scope: 'row', className: 'svc-name', title: row.path },
      el('span', { textContent: row.name }),
      row.runtime ? el('span', { className: 'svc-runtime', textContent: row.runtime }) : null,
    );
    const trail = el('td', { className: 'svc-trail' }, sparkline(this.m_trails.trail(row.path), this.m_latest.ts));
    return el('tr', { attrs: { 'data-path': row.path } }, name, cell(COLUMNS[1]), trail, ...COLUMNS.slice(2).map(cell));
  }
}
