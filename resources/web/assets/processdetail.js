// The panel of one selected process: every column of the list, the command line whole, its
// cgroup and open file descriptors (asked of the server with `processRequest` every 2 s while
// selected), and CPU and RSS sparklines from the values the `processes` topic delivers for as
// long as it stays selected. A process that ends stays in the panel, marked "ended".
//
// The sparklines are drawn on a plain 2D canvas, as the core strip's are: two lines without axes
// or legends need none of Chart.js, and a chart instance per selection would cost more to build
// than the line costs to draw.
import { COLUMNS, formatStarted, usesGpu } from './processgrid.js';
import { el } from './dom.js';
import { formatBytes, formatClock, formatDay, formatNumber, formatPercent } from './format.js';
import { readTheme } from './theme.js';

const REFRESH_MS = 2000;
// Points kept per sparkline: 5 min at the shortest interval the settings allow a minute of.
const MAX_POINTS = 300;
const MIN_SPAN_POINTS = 60;
const UNKNOWN = formatNumber(null);

const LABELS = {
  pid: 'PID',
  ppid: 'Parent PID',
  user: 'User',
  name: 'Name',
  state: 'State',
  cpu: 'CPU (of one core)',
  rss: 'Resident memory',
  memPercent: 'Memory',
  threads: 'Threads',
  nice: 'Nice',
  startTime: 'Started',
  readBps: 'Read',
  writeBps: 'Write',
  gpu: 'GPU (busiest engine)',
  gpuMem: 'GPU memory',
  unit: 'Service or container',
  fds: 'Open files',
};

function formatField(key, value) {
  if (key === 'startTime')
    return Number.isFinite(value) ? `${formatDay(value)} ${formatClock(value)}` : formatStarted(value);
  if (key === 'ppid' || key === 'fds') return formatNumber(value, 0);
  return COLUMNS.find((column) => column.key === key).format(value);
}

function sizeCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
  return { width, height };
}

// The values as a line from the left edge (oldest) to the right (newest), 0 at the bottom and
// `top` at the top; an unknown value breaks the line.
function drawLine(canvas, values, top, colour) {
  const { width, height } = sizeCanvas(canvas);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, width, height);
  if (values.length < 2 || !(top > 0)) return;
  const lineWidth = Math.max(1, window.devicePixelRatio || 1);
  // Newest at the right edge; the first minute or so is stretched over the whole width.
  const step = width / (Math.max(values.length, MIN_SPAN_POINTS) - 1);
  ctx.strokeStyle = colour;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  let drawing = false;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const x = width - (values.length - 1 - i) * step;
    const y = height - lineWidth / 2 - (Math.min(value, top) / top) * (height - lineWidth);
    if (drawing) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    drawing = true;
  });
  ctx.stroke();
}

function sparkCanvas(label) {
  return el('canvas', { className: 'proc-spark', attrs: { role: 'img', 'aria-label': label } });
}

function sparkBox(label, now, canvas) {
  return el('div', { className: 'proc-spark-box' }, el('span', { className: 'muted', textContent: label }), now, canvas);
}

export class ProcessDetail extends EventTarget {
  /** A panel in `panel` (an element); it asks `connection` for details. Event: 'close'. */
  constructor(panel, connection) {
    super();
    Object.assign(this, { m_panel: panel, m_connection: connection });
    this.m_row = null;
    this.m_extra = { cgroup: null, fds: null };
    this.m_points = [];
    this.m_isEnded = false;
    this.m_pending = null; // id of the processRequest waiting for its answer
    this.m_asked = new Set(); // ids of the latest processRequests
    this.m_supported = true; // false once the server said it knows no processRequest
    this.m_active = false;
    this.m_timer = null;
    this.m_actions = () => null;
    this.build();
    connection.addEventListener('message', (event) => this.receive(event.detail));
  }

  build() {
    this.m_title = el('h2', { className: 'proc-detail-title', id: 'proc-detail-title' });
    this.m_endedBadge = el('span', { className: 'proc-detail-ended', textContent: 'ended', hidden: true });
    this.m_actionsSlot = el('span', { className: 'proc-detail-actions' });
    const close = el('button', { type: 'button', className: 'button small', textContent: 'Close' });
    close.addEventListener('click', () => this.dispatchEvent(new Event('close')));
    this.m_cpuNow = el('span', { className: 'num' });
    this.m_rssNow = el('span', { className: 'num' });
    this.m_cpuLine = sparkCanvas('CPU since selected');
    this.m_rssLine = sparkCanvas('RSS since selected');
    this.m_fields = el('dl', { className: 'proc-detail-fields' });
    this.m_cmdline = el('p', { className: 'proc-detail-cmdline' });
    this.m_cgroup = el('pre', { className: 'proc-detail-cgroup' });
    this.m_panel.setAttribute('aria-labelledby', 'proc-detail-title');
    this.m_panel.append(
      el('header', { className: 'proc-detail-head' }, this.m_title, this.m_endedBadge, this.m_actionsSlot, close),
      el(
        'div',
        { className: 'proc-sparks' },
        sparkBox('CPU ', this.m_cpuNow, this.m_cpuLine),
        sparkBox('RSS ', this.m_rssNow, this.m_rssLine),
      ),
      el('h3', { textContent: 'Command line' }),
      this.m_cmdline,
      this.m_fields,
      el('h3', { textContent: 'cgroup' }),
      this.m_cgroup,
    );
  }

  /** The PID shown, or null. */
  get pid() {
    return this.m_row?.pid ?? null;
  }

  /** Shows `row` (a row of the list), a new selection: its sparklines start empty. */
  select(row) {
    this.m_row = { ...row };
    this.m_extra = { cgroup: null, fds: null };
    this.m_points = [];
    this.m_pending = null;
    this.setEnded(false);
    this.m_panel.hidden = false;
    this.refreshActions();
    this.draw();
  }

  /** Hides the panel and stops asking. */
  clear() {
    this.m_row = null;
    this.m_panel.hidden = true;
    this.setActive(false);
  }

  /** Whether the panel may ask the server (its view shown, the page visible). */
  setActive(active) {
    this.m_active = active && this.m_row !== null;
    clearInterval(this.m_timer);
    this.m_timer = this.m_active ? setInterval(() => this.ask(), REFRESH_MS) : null;
    this.ask();
  }

  /** A topic message arrived: `row` is the process's row now, or null when it ended. */
  update(row) {
    if (!this.m_row || this.m_isEnded) return;
    if (!row) {
      this.setEnded(true);
      return;
    }
    Object.assign(this.m_row, row);
    this.m_points.push({ cpu: row.cpu, rss: row.rss });
    if (this.m_points.length > MAX_POINTS) this.m_points.shift();
    this.draw();
  }

  setEnded(ended) {
    this.m_isEnded = ended;
    this.m_endedBadge.hidden = !ended;
    this.m_panel.classList.toggle('ended', ended);
    if (ended) {
      this.m_pending = null;
      this.setActive(false);
      this.m_actionsSlot.replaceChildren();
    }
  }

  ask() {
    if (!this.m_active || !this.m_supported || this.m_pending !== null || !this.m_row) return;
    this.m_pending = this.m_connection.send({ type: 'processRequest', pid: this.m_row.pid });
    if (this.m_pending === null) return;
    this.m_asked.add(this.m_pending);
    // Answers come one at a time and in order: the last few ids are all that can still be answered.
    if (this.m_asked.size > 8) this.m_asked.delete(this.m_asked.values().next().value);
  }

  receive(message) {
    if (message.type === 'hello') {
      this.m_supported = true;
      this.m_pending = null;
      this.m_asked.clear();
      return;
    }
    if (message.id === undefined || message.id !== this.m_pending) return;
    this.m_pending = null;
    if (message.type === 'process' && message.process?.pid === this.m_row?.pid) {
      this.m_extra = { cgroup: message.process.cgroup ?? null, fds: message.process.fds ?? null };
      this.draw();
    } else if (message.type === 'error' && message.code === 'not_found') this.setEnded(true);
    else if (message.type === 'error' && message.code === 'unknown_type') this.m_supported = false;
  }

  /** Whether `message` (an error) answers a request of this panel, which has dealt with it. */
  handles(message) {
    return message.type === 'error' && this.m_asked.has(message.id);
  }

  draw() {
    const row = this.m_row;
    if (!row) return;
    this.m_title.textContent = `${row.name ?? UNKNOWN} (PID ${row.pid})`;
    this.m_cmdline.textContent = row.cmdline ?? UNKNOWN;
    this.m_cgroup.textContent = this.m_extra.cgroup ?? UNKNOWN;
    const values = { ...row, fds: this.m_extra.fds };
    // GPU use only for a process that has some: elsewhere it would read as a dash on every one.
    const gpu = usesGpu(row);
    const shown = Object.entries(LABELS).filter(([key]) => gpu || !key.startsWith('gpu'));
    const items = shown.flatMap(([key, label]) => [
      el('dt', { textContent: label }),
      el('dd', { className: 'num', textContent: formatField(key, values[key]) }),
    ]);
    this.m_fields.replaceChildren(...items);
    this.m_cpuNow.textContent = formatPercent(row.cpu);
    this.m_rssNow.textContent = formatBytes(row.rss);
    this.drawSparks();
  }

  drawSparks() {
    const theme = readTheme();
    const cpu = this.m_points.map((point) => point.cpu);
    const rss = this.m_points.map((point) => point.rss);
    // CPU is of one core and may pass 100 %; memory from 0 to a little above its highest value.
    const cpuTop = Math.max(100, ...cpu.filter(Number.isFinite));
    const rssTop = Math.max(0, ...rss.filter(Number.isFinite)) * 1.1;
    drawLine(this.m_cpuLine, cpu, cpuTop, theme.accent);
    drawLine(this.m_rssLine, rss, rssTop, theme.series[1 % theme.series.length]);
  }

  /** `actions(process)` gives the action menu for the process, or null (processactions.js). */
  setRowActions(actions) {
    this.m_actions = actions;
    this.refreshActions();
  }

  /** Draws the action menu again, as when who may act has changed. */
  refresh() {
    this.refreshActions();
  }

  refreshActions() {
    const menu = this.m_row && !this.m_isEnded ? this.m_actions(this.m_row) : null;
    this.m_actionsSlot.replaceChildren(...(menu ? [menu] : []));
  }
}
