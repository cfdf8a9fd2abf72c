// The Processes view: every process of the machine from the `processes` topic, in a virtualized
// table (processgrid.js) that sorts by any column, filters by text, user and state, and nests
// processes under their parents (processtree.js), with a panel for the selected one
// (processdetail.js). The page subscribes only while the view is shown, the tab visible and the
// link up, and unsubscribes as soon as one of them is no longer true: a list nobody looks at
// costs the server nothing.
import { byId, el } from './dom.js';
import { ProcessDetail } from './processdetail.js';
import { ProcessGrid } from './processgrid.js';
import { TEXT_KEYS, applyProcesses, flatList, usersOf } from './processmodel.js';
import { treeList } from './processtree.js';

const TOPIC = 'processes';
// The states of /proc/PID/stat a process is seen in, for the state filter (proc(5)).
const STATES = [
  ['R', 'R running'],
  ['S', 'S sleeping'],
  ['D', 'D waiting on disk'],
  ['I', 'I idle kernel thread'],
  ['T', 'T stopped'],
  ['t', 't traced'],
  ['Z', 'Z zombie'],
  ['X', 'X dead'],
];

export class ProcessView {
  /** The view in the elements of index.html's #processes-view, over `connection`. */
  constructor(connection) {
    this.m_connection = connection;
    this.m_rows = new Map(); // pid → row, as the topic last said
    this.m_shown = false;
    this.m_subscribed = false; // a subscribe was sent on this connection and no unsubscribe since
    this.m_haveList = false; // the whole list of the current subscription arrived
    this.m_sort = { key: 'cpu', direction: 'desc' };
    this.m_collapsed = new Set();
    this.m_selected = null;
    this.m_users = '';
    this.m_queued = false;
    this.m_elements = {
      filter: byId('proc-filter'),
      user: byId('proc-user'),
      state: byId('proc-state'),
      tree: byId('proc-tree'),
      count: byId('proc-count'),
    };
    this.m_grid = new ProcessGrid(byId('proc-grid'));
    this.detail = new ProcessDetail(byId('proc-detail'), connection);
    this.build();
    connection.addEventListener('message', (event) => this.receive(event.detail));
    // Connected is true from the hello on, lost with the socket: subscribed after each hello.
    connection.addEventListener('statechange', () => this.sync());
    document.addEventListener('visibilitychange', () => this.sync());
  }

  build() {
    const { filter, user, state, tree } = this.m_elements;
    state.append(...STATES.map(([value, label]) => el('option', { value, textContent: label })));
    for (const input of [filter, user, state]) input.addEventListener('input', () => this.queue());
    tree.addEventListener('click', () => {
      tree.setAttribute('aria-pressed', String(tree.getAttribute('aria-pressed') !== 'true'));
      this.queue();
    });
    this.m_grid.addEventListener('sort', (event) => this.sortBy(event.detail));
    this.m_grid.addEventListener('select', (event) => this.select(event.detail));
    this.m_grid.addEventListener('toggle', (event) => this.toggle(event.detail));
    this.detail.addEventListener('close', () => this.select(null));
    this.m_grid.setSort(this.m_sort.key, this.m_sort.direction);
  }

  /** Shows or hides the view: it follows the topic only while shown. */
  setShown(shown) {
    this.m_shown = shown;
    this.sync();
    if (shown) this.queue();
  }

  wanted() {
    return this.m_shown && document.visibilityState === 'visible' && this.m_connection.connected;
  }

  // Subscribes or unsubscribes so that the page follows the topic exactly while it is wanted.
  sync() {
    const wanted = this.wanted();
    this.detail.setActive(wanted);
    if (!this.m_connection.connected) {
      // No subscription outlives its connection: the next one subscribes again if still wanted.
      this.m_subscribed = false;
      this.m_haveList = false;
      return;
    }
    if (wanted === this.m_subscribed) return;
    const type = wanted ? 'subscribe' : 'unsubscribe';
    if (this.m_connection.send({ type, topics: [TOPIC] }) === null) return;
    this.m_subscribed = wanted;
    this.m_haveList = false;
  }

  receive(message) {
    if (message.type !== 'processes' || message.id !== undefined || !this.m_subscribed) return;
    // Deltas sent before this subscription's whole list apply to a list the page no longer has.
    if (!message.full && !this.m_haveList) return;
    this.m_haveList = true;
    applyProcesses(this.m_rows, message);
    if (this.m_selected !== null) this.detail.update(this.m_rows.get(this.m_selected) ?? null);
    this.queue();
  }

  /** Whether `message` (an error) answered a request of this view, which has dealt with it. */
  handles(message) {
    return this.detail.handles(message);
  }

  // A new column sorts text A–Z and numbers largest first; the same column again reverses.
  sortBy(key) {
    const { m_sort: sort } = this;
    if (key === sort.key) sort.direction = sort.direction === 'asc' ? 'desc' : 'asc';
    else Object.assign(sort, { key, direction: TEXT_KEYS.has(key) ? 'asc' : 'desc' });
    this.m_grid.setSort(sort.key, sort.direction);
    this.queue();
  }

  select(pid) {
    this.m_selected = pid;
    this.m_grid.setSelected(pid);
    const row = pid === null ? undefined : this.m_rows.get(pid);
    if (row) this.detail.select(row);
    else this.detail.clear();
    this.detail.setActive(this.wanted());
    byId('processes-view').classList.toggle('with-detail', row !== undefined);
  }

  toggle(pid) {
    if (!this.m_collapsed.delete(pid)) this.m_collapsed.add(pid);
    this.queue();
  }

  queue() {
    if (this.m_queued || !this.m_shown) return;
    this.m_queued = true;
    requestAnimationFrame(() => {
      this.m_queued = false;
      this.render();
    });
  }

  render() {
    const { filter, user, state, tree, count } = this.m_elements;
    this.showUsers();
    const wanted = { text: filter.value, user: user.value, state: state.value };
    const nested = tree.getAttribute('aria-pressed') === 'true';
    const entries = nested
      ? treeList(this.m_rows, wanted, this.m_sort, this.m_collapsed)
      : flatList(this.m_rows, wanted, this.m_sort);
    this.m_grid.setEntries(entries, nested);
    count.dataset.total = this.m_rows.size;
    count.dataset.shown = entries.length;
    count.textContent = this.m_haveList ? `${entries.length} of ${this.m_rows.size} processes` : 'Loading…';
  }

  // The user filter offers the users that have processes now, and keeps the one chosen.
  showUsers() {
    const users = usersOf(this.m_rows);
    const key = users.join('\n');
    if (key === this.m_users) return;
    this.m_users = key;
    const select = this.m_elements.user;
    const chosen = select.value;
    const options = users.map((name) => el('option', { value: name, textContent: name }));
    select.replaceChildren(el('option', { value: '', textContent: 'Any user' }), ...options);
    if (chosen && !users.includes(chosen)) select.append(el('option', { value: chosen, textContent: chosen }));
    select.value = chosen;
  }
}
