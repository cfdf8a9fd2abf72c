// The table of every process, virtualized: only the rows in sight (and a few around them) are
// in the DOM, a fixed pool reused as the table scrolls, with two spacer rows standing for the
// rest, so 5,000 processes cost what 40 do. Each redraw only writes the text that changed.
import { el } from './dom.js';
import { formatBytes, formatClock, formatDay, formatNumber, formatPercent, formatRate } from './format.js';

const UNKNOWN = formatNumber(null);
const DAY_MS = 86400000;
// Rows drawn beyond each edge of the visible ones, so a quick scroll does not show blank space.
const OVERSCAN = 8;
const INDENT_PX = 12;
// Deeper levels are indented no further, so a long chain of parents leaves room for the names.
const MAX_INDENT_DEPTH = 8;

const text = (value) => (value === null || value === undefined || value === '' ? UNKNOWN : String(value));
const whole = (value) => formatNumber(value, 0);

/** A start time (ms since the epoch): the clock for the last day, the day before that. */
export function formatStarted(startTime, now = Date.now()) {
  if (!Number.isFinite(startTime)) return UNKNOWN;
  return now - startTime < DAY_MS ? formatClock(startTime, false) : formatDay(startTime);
}

/** The columns in order: key of the row, header, how a value reads, whether it is a number. */
export const COLUMNS = [
  { key: 'pid', label: 'PID', format: whole, num: true },
  { key: 'user', label: 'User', format: text },
  { key: 'name', label: 'Name', format: text },
  { key: 'state', label: 'State', format: text },
  { key: 'cpu', label: 'CPU %', format: formatPercent, num: true },
  { key: 'rss', label: 'RSS', format: formatBytes, num: true, title: 'Resident memory' },
  { key: 'memPercent', label: 'Mem %', format: formatPercent, num: true, title: 'RSS of the total memory' },
  { key: 'gpu', label: 'GPU %', format: formatPercent, num: true, gpu: true, title: 'Busiest GPU engine' },
  { key: 'gpuMem', label: 'GPU mem', format: formatBytes, num: true, gpu: true, title: 'GPU memory' },
  { key: 'threads', label: 'Threads', format: whole, num: true },
  { key: 'nice', label: 'Nice', format: whole, num: true },
  { key: 'startTime', label: 'Started', format: (value) => formatStarted(value), num: true },
  { key: 'readBps', label: 'Read/s', format: formatRate, num: true },
  { key: 'writeBps', label: 'Write/s', format: formatRate, num: true },
  { key: 'unit', label: 'Unit', format: text },
  { key: 'cmdline', label: 'Command line', format: text },
];

const CMDLINE = COLUMNS.findIndex((column) => column.key === 'cmdline');

/** Whether a row has a GPU value: the GPU columns are shown from the first such row on. */
export const usesGpu = (row) => row.gpu != null || row.gpuMem != null;

// Written only when it changes: the rows in sight are filled again at every frame of a scroll.
function setAttribute(node, name, value) {
  const text = String(value);
  if (node.getAttribute(name) !== text) node.setAttribute(name, text);
}

function setText(node, value) {
  if (node.textContent !== value) node.textContent = value;
}

export class ProcessGrid extends EventTarget {
  /**
   * A grid in `scroller` (an element that scrolls). Events: 'sort' (detail: key) from a header,
   * 'select' (detail: pid) from a row, 'toggle' (detail: pid) from a parent's collapse control.
   */
  constructor(scroller) {
    super();
    this.m_scroller = scroller;
    this.m_entries = [];
    this.m_selected = null;
    this.m_rowHeight = 0;
    this.m_pool = [];
    this.m_shownFirst = null; // the entry of the pool's first row in the table
    this.m_queued = false;
    // Most machines, servers above all, have no GPU a process uses: two columns of dashes there
    // would crowd the command line for nothing. Once a value shows up the columns stay, so they
    // do not come and go as a GPU program starts and ends.
    this.m_gpu = false;
    this.build();
    scroller.addEventListener('scroll', () => this.queue());
    scroller.addEventListener('keydown', (event) => this.key(event));
    new ResizeObserver(() => this.queue()).observe(scroller);
  }

  build() {
    const headers = COLUMNS.map((column) =>
      el(
        'th',
        { scope: 'col', className: `col-${column.key}${column.num ? ' num' : ''}` },
        el('button', {
          type: 'button',
          className: 'sort',
          textContent: column.label,
          title: column.title ?? '',
          attrs: { 'data-sort': column.key },
        }),
      ),
    );
    this.m_head = el('tr', { attrs: { 'aria-rowindex': 1 } }, ...headers);
    this.m_before = el('tr', { className: 'proc-spacer', attrs: { 'aria-hidden': 'true' } });
    this.m_after = el('tr', { className: 'proc-spacer', attrs: { 'aria-hidden': 'true' } });
    this.m_body = el('tbody', {}, this.m_before, this.m_after);
    this.m_table = el(
      'table',
      { className: 'data-table proc-grid', attrs: { role: 'grid', 'aria-label': 'Processes' } },
      el('thead', {}, this.m_head),
      this.m_body,
    );
    this.m_scroller.append(this.m_table);
    this.m_head.addEventListener('click', (event) => {
      const key = event.target.closest('button[data-sort]')?.dataset.sort;
      if (key) this.dispatchEvent(new CustomEvent('sort', { detail: key }));
    });
    this.m_body.addEventListener('click', (event) => this.click(event));
  }

  click(event) {
    const row = event.target.closest('tr.proc-row');
    if (!row) return;
    const pid = Number(row.dataset.pid);
    if (event.target.closest('button.proc-toggle')) this.dispatchEvent(new CustomEvent('toggle', { detail: pid }));
    else this.dispatchEvent(new CustomEvent('select', { detail: pid }));
  }

  // Up, down, page and home/end move the selection; left and right collapse and expand a parent.
  key(event) {
    if (event.target !== this.m_scroller || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = this.m_entries.findIndex((entry) => entry.row.pid === this.m_selected);
    const page = Math.max(1, Math.floor(this.m_scroller.clientHeight / (this.m_rowHeight || 28)) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const entry = this.m_entries[index];
    const collapse = event.key === 'ArrowLeft' && entry?.parent && !entry.collapsed;
    if (collapse || (event.key === 'ArrowRight' && entry?.collapsed)) {
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('toggle', { detail: entry.row.pid }));
      return;
    }
    if (!(event.key in moves) || this.m_entries.length === 0) return;
    event.preventDefault();
    const next = Math.min(this.m_entries.length - 1, Math.max(0, (index < 0 ? -1 : index) + moves[event.key]));
    this.dispatchEvent(new CustomEvent('select', { detail: this.m_entries[next].row.pid }));
    this.scrollToIndex(next);
  }

  scrollToIndex(index) {
    const height = this.m_rowHeight || 28;
    const headHeight = this.m_head.getBoundingClientRect().height;
    const top = index * height;
    const view = this.m_scroller;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + height > view.scrollTop + view.clientHeight - headHeight)
      view.scrollTop = top + height - view.clientHeight + headHeight;
  }

  /**
   * Shows these rows, each { row, depth, parent, collapsed } (processmodel.js, processtree.js), at
   * once: call it from a requestAnimationFrame callback.
   */
  setEntries(entries, tree) {
    this.m_entries = entries;
    this.m_tree = tree;
    this.m_table.classList.toggle('tree', tree);
    if (!this.m_gpu && entries.some((entry) => usesGpu(entry.row))) {
      this.m_gpu = true;
      this.m_table.classList.add('with-gpu');
    }
    this.m_table.setAttribute('aria-rowcount', String(entries.length + 1));
    // Drawn now: the caller is a frame's callback already, and waiting for the next would add one.
    this.render();
  }

  /** Marks the header of `key` as sorted in `direction` ('asc' or 'desc'). */
  setSort(key, direction) {
    for (const header of this.m_head.children) {
      if (header.querySelector('button').dataset.sort === key)
        header.setAttribute('aria-sort', direction === 'asc' ? 'ascending' : 'descending');
      else header.removeAttribute('aria-sort');
    }
  }

  /** Marks the row of `pid` (or none, null) as selected. */
  setSelected(pid) {
    this.m_selected = pid;
    this.queue();
  }

  queue() {
    if (this.m_queued) return;
    this.m_queued = true;
    requestAnimationFrame(() => {
      this.m_queued = false;
      this.render();
    });
  }

  // The pool is a ring: the row of entry i is pool[i % size], so a scroll of a few rows moves
  // those few from one end of the table to the other and leaves the others, their text and their
  // pixels untouched. Pool rows past the end of the list are hidden.
  render() {
    if (this.m_scroller.clientHeight === 0) return; // hidden: drawn when shown again
    const height = this.rowHeight();
    const first = Math.max(0, Math.floor(this.m_scroller.scrollTop / height) - OVERSCAN);
    const size = Math.ceil(this.m_scroller.clientHeight / height) + 2 * OVERSCAN;
    if (this.ensurePool(size)) this.m_shownFirst = null;
    this.rotate(first, size);
    for (let i = first; i < first + size; i += 1) {
      const tr = this.m_pool[i % size];
      const shown = i < this.m_entries.length;
      if (tr.hidden === shown) tr.hidden = !shown;
      if (shown) this.fill(tr, this.m_entries[i], i);
      else tr.removeAttribute('data-pid'); // a hidden row names no process
    }
    this.m_before.style.height = `${first * height}px`;
    this.m_after.style.height = `${Math.max(0, this.m_entries.length - first - size) * height}px`;
  }

  // Puts the pool's rows in the order of entries first … first + size - 1 between the spacers.
  rotate(first, size) {
    const shift = this.m_shownFirst === null ? Infinity : first - this.m_shownFirst;
    this.m_shownFirst = first;
    if (Math.abs(shift) >= size) {
      for (let i = first; i < first + size; i += 1) this.m_after.before(this.m_pool[i % size]);
      return;
    }
    for (let n = 0; n < shift; n += 1) this.m_after.before(this.m_before.nextSibling);
    for (let n = 0; n < -shift; n += 1) this.m_before.after(this.m_after.previousSibling);
  }

  // The height of one row as the style sheet makes it, measured once a row is shown.
  rowHeight() {
    const shown = this.m_pool.find((row) => row.isConnected && !row.hidden);
    if (!this.m_rowHeight && shown) this.m_rowHeight = shown.getBoundingClientRect().height;
    return this.m_rowHeight || 28;
  }

  // A pool of `size` rows; true when it had another size (its order is then to be set again).
  ensurePool(size) {
    if (this.m_pool.length === size) return false;
    while (this.m_pool.length < size) {
      const cells = COLUMNS.map((column) => el('td', { className: `col-${column.key}${column.num ? ' num' : ''}` }));
      const toggle = el('button', { type: 'button', className: 'proc-toggle', tabIndex: -1 });
      const name = el('span', { className: 'proc-name-text' });
      cells[2].append(toggle, name);
      const row = el('tr', { className: 'proc-row' }, ...cells);
      row.m_cells = cells;
      row.m_toggle = toggle;
      row.m_name = name;
      this.m_pool.push(row);
    }
    while (this.m_pool.length > size) this.m_pool.pop().remove();
    return true;
  }

  fill(tr, entry, index) {
    const { row, depth, parent, collapsed } = entry;
    setAttribute(tr, 'data-pid', row.pid);
    setAttribute(tr, 'data-depth', depth);
    setAttribute(tr, 'aria-rowindex', index + 2);
    setAttribute(tr, 'aria-selected', row.pid === this.m_selected);
    COLUMNS.forEach((column, i) => {
      if (i !== 2) setText(tr.m_cells[i], column.format(row[column.key]));
    });
    setText(tr.m_name, text(row.name));
    const cmdline = text(row.cmdline);
    if (tr.m_cells[CMDLINE].title !== cmdline) tr.m_cells[CMDLINE].title = cmdline;
    const indent = this.m_tree ? `${Math.min(depth, MAX_INDENT_DEPTH) * INDENT_PX + 4}px` : '';
    if (tr.m_cells[2].style.paddingLeft !== indent) tr.m_cells[2].style.paddingLeft = indent;
    // A leaf keeps the control's room, invisible, so names of one depth line up.
    if (tr.m_toggle.hidden === this.m_tree) tr.m_toggle.hidden = !this.m_tree;
    tr.m_toggle.classList.toggle('leaf', !parent);
    setText(tr.m_toggle, collapsed ? '▸' : '▾');
    setAttribute(tr.m_toggle, 'aria-label', `${collapsed ? 'Expand' : 'Collapse'} ${row.name ?? row.pid}`);
    setAttribute(tr.m_toggle, 'aria-expanded', !collapsed);
  }
}
