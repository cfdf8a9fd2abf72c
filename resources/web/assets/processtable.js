// The top processes of each sample in a table sortable by any column. The sort is the user's
// choice and survives every update; ties fall back to the PID so rows do not jump around.
import { el } from './dom.js';
import { formatBytes, formatPercent } from './format.js';

const TEXT_COLUMNS = new Set(['name']);

/** Sorts processes by `key` (pid, name, cpu, rss) in `direction` ('asc' or 'desc'), ties by PID. */
export function sortProcesses(processes, key, direction) {
  const sign = direction === 'asc' ? 1 : -1;
  const compare = TEXT_COLUMNS.has(key)
    ? (a, b) => String(a[key]).localeCompare(String(b[key]))
    : (a, b) => (a[key] ?? -Infinity) - (b[key] ?? -Infinity);
  return [...processes].sort((a, b) => sign * compare(a, b) || a.pid - b.pid);
}

// `actions` is the row's action menu, or null where the user may not act (processactions.js).
function row(process, actions) {
  return el(
    'tr',
    {},
    el('td', { className: 'num', textContent: String(process.pid) }),
    el('td', { className: 'proc-name', textContent: process.name, title: process.name }),
    el('td', { className: 'num', textContent: formatPercent(process.cpu) }),
    el('td', { className: 'num', textContent: formatBytes(process.rss) }),
    actions && el('td', { className: 'proc-actions' }, actions),
  );
}

export class ProcessTable {
  /** A sortable table: its header cells hold buttons with data-sort="pid|name|cpu|rss". */
  constructor(table) {
    this.m_table = table;
    this.m_key = 'cpu';
    this.m_direction = 'desc';
    this.m_processes = [];
    this.m_actions = () => null;
    for (const button of table.querySelectorAll('button[data-sort]')) {
      button.addEventListener('click', () => this.sortBy(button.dataset.sort));
    }
    this.showSort();
  }

  /** Shows the processes of a sample in the current order. */
  render(processes) {
    this.m_processes = processes;
    const ordered = sortProcesses(processes, this.m_key, this.m_direction);
    const actions = ordered.map((process) => this.m_actions(process));
    const rows = ordered.map((process, i) => row(process, actions[i]));
    this.showActionsHeader(actions.some(Boolean));
    this.m_table.tBodies[0].replaceChildren(...rows);
  }

  // The actions column has a header cell while the rows carry actions, so the lines run on.
  showActionsHeader(shown) {
    const headers = this.m_table.tHead.rows[0];
    const cell = headers.querySelector('th.proc-actions');
    if (shown && !cell)
      headers.append(el('th', { scope: 'col', className: 'proc-actions', attrs: { 'aria-label': 'Actions' } }));
    else if (!shown && cell) cell.remove();
  }

  /** `actions(process)` gives each row's action menu, or null for none (processactions.js). */
  setRowActions(actions) {
    this.m_actions = actions;
    this.refresh();
  }

  /** Draws the rows again, as when who may act has changed. */
  refresh() {
    this.render(this.m_processes);
  }

  // A new column sorts names A–Z and numbers largest first; the same column again reverses.
  sortBy(key) {
    if (key === this.m_key) this.m_direction = this.m_direction === 'asc' ? 'desc' : 'asc';
    else [this.m_key, this.m_direction] = [key, TEXT_COLUMNS.has(key) ? 'asc' : 'desc'];
    this.showSort();
    this.render(this.m_processes);
  }

  showSort() {
    for (const header of this.m_table.tHead.querySelectorAll('th')) {
      const key = header.querySelector('button')?.dataset.sort;
      if (key === this.m_key)
        header.setAttribute('aria-sort', this.m_direction === 'asc' ? 'ascending' : 'descending');
      else header.removeAttribute('aria-sort');
    }
  }
}
