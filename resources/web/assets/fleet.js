// The hub's fleet page (/fleet, docs/fleet.md): one WebSocket to the hub's own /ws, subscribed to
// the `fleet` topic, feeds one FleetModel; tiles and the fleet's alert list are redrawn from it
// once per animation frame after a message. The browser reaches only the hub, which holds the
// connections to the hosts. Token and link status work as on the dashboard (connection.js,
// linkstatus.js).
import { Connection, takeTokenFromUrl, webSocketUrl } from './connection.js';
import { byId } from './dom.js';
import { FleetAlerts } from './fleetalerts.js';
import { FleetModel, SORT_KEYS, matches, sortRows } from './fleetmodel.js';
import { FleetTiles } from './fleettiles.js';
import { formatClock } from './format.js';
import { linkStatus, staleReason } from './linkstatus.js';
import { onSchemeChange, readTheme } from './theme.js';
import { TimeSpan } from './timespan.js';

const TICK_MS = 500;
const MIN_CHART_MS = 60 * 1000;
// The sort, filter and window chosen, kept across reloads in this browser.
const VIEW_KEY = 'vantage.fleet.view';
const WINDOWS_S = [60, 300, 900, 3600];

const state = {
  intervalMs: 1000,
  lastMessageAt: null, // client time (ms) the newest fleet message arrived
  stale: false,
  view: readView(),
  queued: false,
  chartsDirty: false, // the charts wait for a message or a new window; a tick moves only the text
  subscribeId: null,
};
const span = new TimeSpan(state.view.window * 1000);
const model = new FleetModel();
const connection = new Connection(webSocketUrl(), takeTokenFromUrl());
const tiles = new FleetTiles(byId('fleet-tiles'), byId('fleet-empty'));
const alerts = new FleetAlerts(
  {
    table: byId('fleet-alerts-table'),
    body: byId('fleet-alerts-body'),
    empty: byId('fleet-alerts-empty'),
    count: byId('fleet-alerts-count'),
  },
  (message) => connection.send(message),
);
const auth = { form: byId('auth-form'), token: byId('token-input'), status: byId('auth-status'), id: null };

function readView() {
  const view = { sort: 'name', text: '', state: '', window: 300 };
  try {
    const saved = JSON.parse(window.localStorage.getItem(VIEW_KEY) ?? '{}');
    if (SORT_KEYS.includes(saved.sort)) view.sort = saved.sort;
    if (typeof saved.text === 'string') view.text = saved.text;
    if (['', 'up', 'connecting', 'down'].includes(saved.state)) view.state = saved.state;
    if (WINDOWS_S.includes(saved.window)) view.window = saved.window;
  } catch {
    // nothing saved, or not by this page: the defaults
  }
  return view;
}

function saveView() {
  try {
    window.localStorage.setItem(VIEW_KEY, JSON.stringify(state.view));
  } catch {
    // storage refused (private mode, quota): the choice lasts until the page closes
  }
}

function invalidate(charts = false) {
  state.chartsDirty ||= charts;
  if (state.queued || document.visibilityState === 'hidden') return;
  state.queued = true;
  requestAnimationFrame(render);
}

// A host's alerts for its tile: its own, and the hub's `host` alert about it.
function alertsFor(name) {
  return [...(model.host(name)?.row.alerts ?? []), ...alerts.hubAlertsAbout(name)];
}

// The span of the small charts: the chosen window up to the hub's newest message, but no further
// back than the oldest point held (and at least a minute), so a page just opened or a hub just
// started draws lines across the charts rather than a dot at their right edge.
function chartSpan(hosts) {
  const to = model.ts ?? Date.now();
  const oldest = Math.min(to, ...hosts.map(({ series }) => series.ts[0] ?? to));
  const { from } = span.range(to);
  return { from: Math.max(from, Math.min(oldest, to - MIN_CHART_MS)), to };
}

function render() {
  state.queued = false;
  const hosts = model.hosts();
  const shown = sortRows(
    hosts.map(({ row }) => row).filter((row) => matches(row, state.view)),
    state.view.sort,
  ).map((row) => model.host(row.name));
  // The hub's clock, moved on by the time since its message: a host's lastSeen is on that clock.
  const now = model.ts === null ? Date.now() : model.ts + (Date.now() - (state.lastMessageAt ?? Date.now()));
  tiles.render(shown, hosts.length, alertsFor, { span: chartSpan(hosts), charts: state.chartsDirty }, now);
  state.chartsDirty = false;
  byId('fleet-count').textContent = hosts.length ? `${shown.length} of ${hosts.length} hosts` : '';
  alerts.render(hosts);
}

function tick() {
  const link = {
    connected: connection.connected,
    lastSampleAt: state.lastMessageAt,
    intervalMs: state.intervalMs,
    retryAt: connection.retryAt,
    attempt: connection.attempt,
  };
  const now = Date.now();
  const status = linkStatus({ ...link, now });
  const pill = byId('status-pill');
  if (pill.dataset.state !== status.state) {
    pill.dataset.state = status.state;
    byId('status-state').textContent = status.label;
  }
  byId('status-detail').textContent = status.detail.replace('last sample', 'last update');
  showStale(staleReason({ ...link, now }));
  invalidate(); // "last seen … ago" moves on between messages
}

// Numbers from a lost hub are never shown as live: the tiles and the list grey out under a notice
// saying since when and why, as on the dashboard.
function showStale(reason) {
  const stale = reason !== null;
  const notice = byId('link-notice');
  if (stale !== state.stale) {
    state.stale = stale;
    byId('fleet').classList.toggle('stale', stale);
  }
  notice.hidden = !stale;
  if (!stale) {
    delete notice.dataset.kind;
    return;
  }
  notice.dataset.kind = 'stale';
  const title = `Stale — last update ${model.ts === null ? '—' : formatClock(model.ts)}`;
  const titleElement = byId('link-notice-title');
  if (titleElement.textContent !== title) titleElement.textContent = title;
  byId('link-notice-detail').textContent = `(${reason})`;
}

function setRole(role, tokenSet) {
  alerts.setRole(role);
  auth.form.hidden = role === 'admin' || !tokenSet;
  invalidate();
}

const handlers = {
  hello(message) {
    if (message.intervalMs > 0) state.intervalMs = message.intervalMs;
    byId('hub-name').textContent = message.host?.hostname ? `· ${message.host.hostname}` : '';
    document.title = message.host?.hostname ? `Fleet · ${message.host.hostname} · Vantage` : 'Fleet · Vantage';
    alerts.setHubName(message.host?.hostname);
    alerts.beginConnection();
    setRole(message.role, message.tokenSet);
    state.subscribeId = connection.send({ type: 'subscribe', topics: ['fleet'] });
  },
  fleet(message) {
    if (message.full) model.clear();
    model.apply(message);
    state.lastMessageAt = Date.now();
    invalidate(true);
  },
  alert(message) {
    alerts.applyHubAlert(message);
    invalidate();
  },
  auth(message) {
    if (message.role !== 'admin') return;
    connection.tokenAccepted();
    auth.id = null;
    auth.token.value = '';
    auth.status.textContent = '';
    setRole('admin', true);
  },
  result(message) {
    if (alerts.handleResult(message)) invalidate();
  },
  error(message) {
    if (message.id !== undefined && message.id === auth.id) {
      auth.id = null;
      auth.status.textContent = message.message;
    } else if (message.id !== undefined && message.id === state.subscribeId) {
      // A Vantage without the fleet topic (an older one, or one that is no hub).
      byId('fleet-empty').textContent = `This Vantage shows no fleet: ${message.message}`;
    } else if (alerts.handleError(message)) {
      invalidate();
    } else {
      console.warn(`vantage hub: ${message.code}: ${message.message}`);
    }
  },
};

function showWindow() {
  for (const button of document.querySelectorAll('button[data-window]'))
    button.setAttribute('aria-pressed', String(Number(button.dataset.window) === state.view.window));
}

function start() {
  tiles.setTheme(readTheme());
  onSchemeChange(() => tiles.setTheme(readTheme()));
  const sort = byId('fleet-sort');
  const stateFilter = byId('fleet-state');
  const filter = byId('fleet-filter');
  sort.value = state.view.sort;
  stateFilter.value = state.view.state;
  filter.value = state.view.text;
  showWindow();
  const choose = (change) => {
    Object.assign(state.view, change);
    saveView();
    invalidate(true);
  };
  sort.addEventListener('change', () => choose({ sort: sort.value }));
  stateFilter.addEventListener('change', () => choose({ state: stateFilter.value }));
  filter.addEventListener('input', () => choose({ text: filter.value }));
  for (const button of document.querySelectorAll('button[data-window]')) {
    button.addEventListener('click', () => {
      span.choose(Number(button.dataset.window) * 1000);
      choose({ window: Number(button.dataset.window) });
      showWindow();
    });
  }
  auth.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = auth.token.value.trim();
    auth.status.textContent = token ? '' : 'Enter the token first';
    if (token) auth.id = connection.authenticate(token);
  });
  document.addEventListener('visibilitychange', () => invalidate(true));
  connection.addEventListener('message', (event) => handlers[event.detail.type]?.(event.detail));
  connection.addEventListener('statechange', tick);
  connection.addEventListener('tokenrejected', () => {
    auth.status.textContent = 'The token in the page address was refused.';
  });
  setInterval(tick, TICK_MS);
  connection.start();
}

start();
