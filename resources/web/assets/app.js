// The dashboard's wiring: one WebSocket feeds one SeriesStore and the latest sample; every
// change only marks the view dirty, and one requestAnimationFrame callback redraws what is
// dirty, so a burst of messages costs one redraw and a hidden tab costs none.
import { AlertsPanel, RecentAlerts } from './alertspanel.js';
import { selectCpu, selectDiskIo, selectLoad, selectMemory, selectNetwork } from './chartseries.js';
import { LineChartPanel, PAN_FRACTION, applyChartDefaults } from './charts.js';
import { Connection, takeTokenFromUrl, webSocketUrl } from './connection.js';
import { CoreStrip } from './corestrip.js';
import { DeliveryLog } from './deliverylog.js';
import { DisksPanel } from './diskspanel.js';
import { byId } from './dom.js';
import { formatBytes, formatClock, formatNumber, formatPercent, formatRate } from './format.js';
import { renderGpus } from './gpupanel.js';
import { Header } from './header.js';
import { staleAfterMs, staleReason } from './linkstatus.js';
import { NotifyPanel } from './notifypanel.js';
import { renderPressure } from './pressurepanel.js';
import { renderDevices } from './devicespanel.js';
import { ProcessActions } from './processactions.js';
import { ProcessTable } from './processtable.js';
import { SeriesStore, flattenSample, isChartedSeries } from './seriesstore.js';
import { ServicesView } from './servicesview.js';
import { SettingsPanel } from './settingspanel.js';
import { TempsPanel } from './tempspanel.js';
import { onSchemeChange, readTheme } from './theme.js';
import { HistoryRange, TimeSpan } from './timespan.js';
import { Views, actionTargets } from './views.js';

// The longest live window the store holds at the current interval; longer windows, and spans in
// the past the store does not reach, are asked of the server's history store (historyRequest).
const LONGEST_WINDOW_S = 3600;
const RANGE_MAX_SERIES = 32;
const RANGE_MAX_VALUES = 100000;
const HEADER_TICK_MS = 500;
// How long "Vantage restarted at ..." stays after reconnecting to a restarted server.
const RESTART_NOTICE_MS = 60000;

const state = {
  intervalMs: 1000,
  longestIntervalMs: 0, // the longest interval this page has seen: rows that far apart are no gap
  historySeconds: LONGEST_WINDOW_S,
  settings: {},
  latest: null, // the newest sample message
  lastSampleAt: null, // client time (ms) it arrived
  lastSeq: null, // seq of the newest sample: a server whose history starts lower has restarted
  restartedAt: null, // { ts: when the server restarted, shownUntil: client ms } after a restart
  stale: false,
  span: new TimeSpan(300000),
  range: null, // the HistoryRange drawn for a span the store does not hold
  rangeAsked: null, // { id, from, to } of the historyRequest waiting for its answer
  paused: false,
  pausedAtTs: NaN, // newest timestamp shown when the charts froze
  askedFromTs: Infinity, // oldest timestamp already asked of /api/v1/history
  serverSeries: [], // charted series the server listed in its last history message
  theme: null,
};
const view = { charts: false, panels: false, queued: false };

const store = new SeriesStore(capacityFor(state.intervalMs));
const connection = new Connection(webSocketUrl(), takeTokenFromUrl());
const header = new Header({
  hostname: byId('host-name'),
  os: byId('host-os'),
  cpu: byId('host-cpu'),
  uptime: byId('host-uptime'),
  pill: byId('status-pill'),
  state: byId('status-state'),
  detail: byId('status-detail'),
});
const charts = {
  cpu: new LineChartPanel(byId('chart-cpu'), { unit: 'percent', select: selectCpu, thresholds: true }),
  memory: new LineChartPanel(byId('chart-memory'), { unit: 'total', select: selectMemory, thresholds: true }),
  load: new LineChartPanel(byId('chart-load'), { unit: 'plain', select: selectLoad }),
  net: new LineChartPanel(byId('chart-net'), {
    unit: 'bytes',
    select: selectNetwork,
    idleToggle: byId('net-idle'),
  }),
  diskIo: new LineChartPanel(byId('chart-diskio'), {
    unit: 'bytes',
    select: selectDiskIo,
    idleToggle: byId('diskio-idle'),
  }),
};
const cores = new CoreStrip(byId('core-strip'), byId('core-scale'));
const disks = new DisksPanel(byId('disk-list'));
const temps = new TempsPanel(byId('temps-table'), byId('temps-empty'));
const processes = new ProcessTable(byId('procs-table'));
const alerts = new AlertsPanel(
  {
    table: byId('alerts-table'),
    empty: byId('alerts-empty'),
    status: byId('alerts-status'),
    banner: byId('alert-banner'),
    bannerTitle: byId('alert-banner-title'),
    bannerDetail: byId('alert-banner-detail'),
    bannerNote: byId('alert-banner-note'),
  },
  new RecentAlerts({
    details: byId('alerts-recent'),
    latest: byId('alerts-recent-latest'),
    list: byId('alerts-recent-list'),
  }),
  (id) => connection.send({ type: 'acknowledge', alert: id }),
);
const settingsPanel = new SettingsPanel(
  {
    dialog: byId('settings-dialog'),
    open: byId('settings-open'),
    close: byId('settings-close'),
    form: byId('settings-form'),
    rules: byId('settings-rules'),
    save: byId('settings-save'),
    status: byId('settings-status'),
    explanation: byId('settings-explanation'),
    authForm: byId('auth-form'),
    token: byId('token-input'),
    authStatus: byId('auth-status'),
  },
  { send: (message) => connection.send(message), authenticate: (token) => connection.authenticate(token) },
);

// Admin only, each follows the connection's messages itself.
new NotifyPanel(byId('notify-panel'), connection);
new DeliveryLog({ details: byId('delivery-log'), count: byId('delivery-log-count'), list: byId('delivery-log-list') }, connection);
// The tabs and the views beside the dashboard; the Processes view's panel offers the same actions
// as the top table, through the same dialog.
const views = new Views(connection);
const services = new ServicesView(byId('services-root'));
new ProcessActions(actionTargets(processes, views.processes.detail), connection);

function capacityFor(intervalMs) {
  return Math.ceil((LONGEST_WINDOW_S * 1000) / intervalMs) + 2;
}

function invalidate({ charts: chartsDirty = false, panels = false }) {
  view.charts ||= chartsDirty;
  view.panels ||= panels;
  if (view.queued || document.visibilityState === 'hidden') return;
  view.queued = true;
  requestAnimationFrame(render);
}

function render() {
  view.queued = false;
  if (view.panels && state.latest) {
    renderPanels(state.latest);
    tickHeader(); // the pill and uptime follow a new sample at once, not at the next tick
  }
  // Charts of a hidden dashboard wait, still marked, until it is shown again.
  const chartsShown = views.current === 'dashboard';
  if (view.charts && chartsShown && store.size > 0) renderCharts();
  view.panels = false;
  view.charts &&= !chartsShown;
}

function levels(rule) {
  return {
    theme: state.theme,
    warning: state.settings[`thresholds/${rule}/warning`] ?? Infinity,
    critical: state.settings[`thresholds/${rule}/critical`] ?? Infinity,
  };
}

// The span every chart shows now: the chosen window up to the newest sample, frozen by Pause, or
// the span a zoom or pan fixed in the past.
function shownSpan() {
  if (state.span.live && state.paused) return state.span.range(state.pausedAtTs);
  return state.span.range(store.newestTs);
}

function renderCharts() {
  const { from: fromTs, to: toTs } = shownSpan();
  // Rows further apart than the page would wait before calling the data stale are an outage.
  const gapMs = staleAfterMs(state.longestIntervalMs);
  const source = wantsRange() && state.range ? state.range : store;
  for (const chart of Object.values(charts)) chart.render(source, fromTs, toTs, gapMs);
  cores.render(store, fromTs, toTs, levels('cpu'), gapMs);
  byId('cores-now').textContent = `${store.names().filter((n) => n.startsWith('cpu.cores[')).length} cores`;
}

function renderPanels(sample) {
  charts.memory.setTotal(sample.mem?.total);
  disks.render(sample.disks ?? [], levels('disk'));
  temps.render(sample.temps ?? []);
  renderPressure(sample);
  renderDevices(sample);
  renderGpus(sample);
  processes.render(sample.procs?.top ?? []);
  alerts.showSample(sample);
  renderCardValues(sample);
}

function renderCardValues(sample) {
  const sum = (list, key) => (list ?? []).reduce((total, item) => total + (item[key] ?? 0), 0);
  byId('cpu-now').textContent = formatPercent(sample.cpu?.total);
  byId('memory-now').textContent = `${formatBytes(sample.mem?.used)} of ${formatBytes(sample.mem?.total)}`;
  byId('load-now').textContent = (sample.load ?? []).map((value) => formatNumber(value)).join(' / ');
  byId('net-now').textContent =
    `↓ ${formatRate(sum(sample.net, 'rxBps'))} ↑ ${formatRate(sum(sample.net, 'txBps'))}`;
  byId('diskio-now').textContent =
    `R ${formatRate(sum(sample.disks, 'readBps'))} W ${formatRate(sum(sample.disks, 'writeBps'))}`;
  const procs = sample.procs ?? {};
  byId('procs-now').textContent =
    `${procs.count ?? '—'} processes, ${procs.running ?? '—'} running, ${procs.threads ?? '—'} threads`;
}

function tickHeader() {
  const link = {
    connected: connection.connected,
    lastSampleAt: state.lastSampleAt,
    intervalMs: state.intervalMs,
    retryAt: connection.retryAt,
    attempt: connection.attempt,
  };
  const now = Date.now();
  header.tick(link, now);
  showLinkNotice(staleReason({ ...link, now }), now);
}

// Stale numbers are never shown as live: while the link is down or silent, the cards and the
// alert banner are dimmed and a notice says since when and why. Otherwise the notice says, for
// a while, that the server restarted (its numbers started over).
function showLinkNotice(reason, now) {
  const stale = reason !== null;
  const notice = byId('link-notice');
  const lastUpdate = state.latest ? formatClock(state.latest.ts) : '—';
  if (stale !== state.stale) {
    state.stale = stale;
    byId('dashboard').classList.toggle('stale', stale);
    const banner = byId('alert-banner');
    banner.classList.toggle('stale', stale);
    if (stale) banner.dataset.stale = lastUpdate;
    else delete banner.dataset.stale;
  }
  if (stale) {
    setNotice(notice, 'stale', `Stale — last update ${lastUpdate}`, `(${reason})`);
  } else if (state.restartedAt && now < state.restartedAt.shownUntil) {
    setNotice(notice, 'restart', `Vantage restarted at ${formatClock(state.restartedAt.ts)}`, '');
  } else {
    notice.hidden = true;
    delete notice.dataset.kind;
  }
}

// Only the title is a live region, and it is written only when it changes, so the ticking
// reason ("no data for 5 s") is not read out every half second.
function setNotice(notice, kind, title, detail) {
  notice.hidden = false;
  notice.dataset.kind = kind;
  const titleElement = byId('link-notice-title');
  if (titleElement.textContent !== title) titleElement.textContent = title;
  byId('link-notice-detail').textContent = detail;
}

// A server whose ticks start over below the newest seq seen has restarted. Its seq counts from 1:
// a young server's history holds its first tick, an older one's reaches back less far and the
// start is reckoned from the interval (later than the truth when ticks came late).
function noticeRestart(message) {
  const restarted = state.lastSeq !== null && message.seq < state.lastSeq;
  state.lastSeq = message.seq;
  if (!restarted) return;
  const { ts, seq } = message;
  let startedTs = Date.now();
  if (ts.length >= seq && seq > 0) startedTs = ts[ts.length - seq];
  else if (ts.length) startedTs = ts.at(-1) - (seq - 1) * state.intervalMs;
  state.restartedAt = { ts: startedTs, shownUntil: Date.now() + RESTART_NOTICE_MS };
}

function useInterval(intervalMs) {
  if (!(intervalMs > 0)) return;
  state.longestIntervalMs = Math.max(state.longestIntervalMs, intervalMs);
  if (intervalMs === state.intervalMs) return;
  state.intervalMs = intervalMs;
  store.resize(capacityFor(intervalMs));
}

function applySettings(settings) {
  state.settings = { ...settings };
  settingsPanel.apply(settings);
  useInterval(settings['general/interval'] * 1000);
  state.historySeconds = settings['general/historySeconds'] ?? state.historySeconds;
  charts.cpu.setThresholds(settings['thresholds/cpu/warning'], settings['thresholds/cpu/critical']);
  charts.memory.setThresholds(settings['thresholds/memory/warning'], settings['thresholds/memory/critical']);
  invalidate({ charts: true, panels: true });
}

const handlers = {
  hello(message) {
    store.beginConnection();
    state.rangeAsked = null; // its answer went with the old connection
    useInterval(message.intervalMs);
    state.historySeconds = message.historySeconds ?? state.historySeconds;
    header.setHost(message.host ?? {});
    settingsPanel.setRole(message.role, message.tokenSet);
    applySettings(message.settings ?? {});
    alerts.setRole(message.role);
    alerts.beginReplay();
    loadAlertLog();
  },
  history(message) {
    noticeRestart(message);
    state.serverSeries = Object.keys(message.series).filter(isChartedSeries);
    store.mergeHistory(message.ts, message.series, message.seq);
    // The server sent all it had for these seconds: asking /api/v1/history for them is pointless.
    if (message.ts.length)
      state.askedFromTs = Math.min(state.askedFromTs, message.ts.at(-1) - message.seconds * 1000);
    invalidate({ charts: !state.paused });
    ensureHistory();
    ensureRange();
  },
  historyRange(message) {
    if (message.id !== state.rangeAsked?.id) return;
    state.rangeAsked = null;
    state.range = new HistoryRange(message, state.intervalMs);
    invalidate({ charts: true });
    ensureRange(); // the span moved again while this answer was on its way
  },
  sample(message) {
    alerts.endReplay();
    views.setServicesKnown(message.cgroups !== undefined);
    services.update(message);
    store.addSample(message.seq, message.ts, flattenSample(message));
    state.lastSeq = message.seq;
    if (!state.latest || message.ts >= state.latest.ts) state.latest = message;
    state.lastSampleAt = Date.now();
    header.setUptime(message.uptime, state.lastSampleAt);
    invalidate({ charts: !state.paused && state.span.live, panels: true });
    ensureRange();
  },
  alert: (message) => alerts.apply(message),
  settings: (message) => applySettings(message.settings ?? {}),
  error(message) {
    if (message.id !== undefined && message.id === state.rangeAsked?.id) {
      state.rangeAsked = null; // asked again when the span next moves
      console.warn(`vantage server: no history for the span: ${message.code}: ${message.message}`);
      return;
    }
    const handled = settingsPanel.handleError(message) || alerts.handleError(message);
    if (!handled && !views.processes.handles(message))
      console.warn(`vantage server: ${message.code}: ${message.message}`);
  },
  auth(message) {
    if (message.role !== 'admin') return;
    connection.tokenAccepted();
    settingsPanel.setRole('admin', true);
    alerts.setRole('admin');
  },
  result(message) {
    settingsPanel.handleResult(message);
    alerts.handleResult(message);
  },
};

// The recent alert events, fetched with every connection: events that happened while the page
// was away are in the server's log, and the list keeps each event once.
async function loadAlertLog() {
  try {
    const response = await fetch('api/v1/alerts', { cache: 'no-store' });
    if (response.ok) alerts.addLog((await response.json()).log ?? []);
  } catch (error) {
    console.warn(`vantage: no alert log from the server: ${error.message}`);
  }
}

// A window longer than what the store holds is filled from /api/v1/history, once per start
// time: the server may simply not have more, and asking again would not change that.
async function ensureHistory() {
  const newest = store.newestTs;
  const windowS = state.span.windowMs / 1000;
  if (!state.span.live || windowS > LONGEST_WINDOW_S) return; // a span for historyRequest
  const wantFromTs = newest - windowS * 1000;
  if (!Number.isFinite(newest) || store.oldestTs <= wantFromTs + state.intervalMs) return;
  if (state.askedFromTs <= wantFromTs) return;
  const askedBefore = state.askedFromTs;
  state.askedFromTs = wantFromTs;
  try {
    const body = await fetchHistory(Math.min(windowS, state.historySeconds));
    if (body && store.mergeHistory(body.ts, body.series)) invalidate({ charts: true });
  } catch (error) {
    state.askedFromTs = askedBefore; // the server is unreachable now: ask again on the next choice
    console.warn(`vantage: no history from the server: ${error.message}`);
  }
}

// The server answers 404 for a whole request when one series is unknown (an interface that
// went away since the history message): leave that one out and ask again.
async function fetchHistory(seconds) {
  let series = state.serverSeries.length ? state.serverSeries : store.names();
  for (let attempt = 0; attempt < 3 && series.length; attempt += 1) {
    const query = `series=${encodeURIComponent(series.join(','))}&seconds=${seconds}`;
    const response = await fetch(`api/v1/history?${query}`, { cache: 'no-store' });
    if (response.ok) return response.json();
    if (response.status !== 404) return null;
    const unknown = /unknown series: (.*)$/.exec((await response.json()).message ?? '')?.[1];
    if (!unknown) return null;
    series = series.filter((name) => name !== unknown);
  }
  return null;
}

// Whether the span is one the store cannot draw: a window longer than the store holds, or a
// span in the past that reaches before the store's oldest row.
function wantsRange() {
  if (state.span.live && state.span.windowMs <= LONGEST_WINDOW_S * 1000) return false;
  return state.span.live || !(shownSpan().from >= store.oldestTs - state.intervalMs);
}

// Asks the server for the span shown, unless the range drawn already covers it to within a
// pixel (a live span moves a pixel every windowMs / width ms, a minute or so for 24 h) or an
// answer is still coming: one request at a time, so a burst of pans costs one more request.
function ensureRange() {
  if (!wantsRange() || state.rangeAsked || !Number.isFinite(store.newestTs)) return;
  const { from, to } = shownSpan();
  // About one bucket per pixel of the widest chart.
  const width = Math.max(100, Math.round(byId('chart-cpu').clientWidth));
  const range = state.range;
  const slack = range ? Math.max(range.step, (to - from) / width) : 0;
  if (range && Math.abs(range.from - from) <= slack && Math.abs(range.to - to) <= slack) return;
  // The core strip draws from the live store; the rest within the server's bounds of one request:
  // 32 series, series × points at most 100,000 (docs/api.md).
  const names = state.serverSeries.length ? state.serverSeries : store.names().filter(isChartedSeries);
  const series = names.filter((name) => !name.startsWith('cpu.cores[')).slice(0, RANGE_MAX_SERIES);
  const points = Math.min(width, Math.floor(RANGE_MAX_VALUES / Math.max(1, series.length)));
  const request = { type: 'historyRequest', series, from: Math.round(from), to: Math.round(to), points };
  const id = connection.send(request);
  if (id !== null) state.rangeAsked = { id, from, to };
}

function showSpan() {
  const { span } = state;
  for (const button of document.querySelectorAll('button[data-window]')) {
    const chosen = span.live && Number(button.dataset.window) * 1000 === span.windowMs;
    button.setAttribute('aria-pressed', String(chosen));
  }
  byId('live').hidden = span.live;
  invalidate({ charts: true });
  ensureHistory();
  ensureRange();
}

function setWindow(seconds) {
  state.span.choose(seconds * 1000);
  showSpan();
}

function zoomTo(fromTs, toTs) {
  if (state.span.zoom(fromTs, toTs)) showSpan();
}

function pan(fraction) {
  if (!Number.isFinite(store.newestTs)) return;
  state.span.pan(fraction, store.newestTs);
  showSpan();
}

function goLive() {
  state.span.goLive();
  if (state.paused) togglePause();
  showSpan();
}

// Left and right arrows pan every chart, unless a form field or the settings dialog has them.
function panByKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || byId('settings-dialog').open) return;
  if (event.defaultPrevented || views.current !== 'dashboard') return;
  if (event.target.closest?.('input, select, textarea')) return;
  const fraction = { ArrowLeft: -PAN_FRACTION, ArrowRight: PAN_FRACTION }[event.key];
  if (fraction === undefined) return;
  event.preventDefault();
  pan(fraction);
}

function togglePause() {
  state.paused = !state.paused;
  state.pausedAtTs = store.newestTs;
  const button = byId('pause');
  button.setAttribute('aria-pressed', String(state.paused));
  button.textContent = state.paused ? 'Resume' : 'Pause';
  byId('pause-note').hidden = !state.paused;
  invalidate({ charts: true });
}

function applyTheme() {
  state.theme = readTheme();
  applyChartDefaults(state.theme);
  for (const chart of Object.values(charts)) chart.applyTheme(state.theme);
  invalidate({ charts: true, panels: true });
}

function start() {
  applyTheme();
  onSchemeChange(applyTheme);
  for (const button of document.querySelectorAll('button[data-window]')) {
    button.addEventListener('click', () => setWindow(Number(button.dataset.window)));
  }
  byId('pause').addEventListener('click', togglePause);
  byId('live').addEventListener('click', goLive);
  for (const chart of Object.values(charts)) chart.followSpanGestures({ zoom: zoomTo, pan });
  document.addEventListener('keydown', panByKey);
  views.addEventListener('change', () => invalidate({ charts: !state.paused, panels: true }));
  views.addEventListener('change', () => services.render()); // a view shown again is redrawn at once
  for (const id of ['net-idle', 'diskio-idle'])
    byId(id).addEventListener('click', () => invalidate({ charts: true }));
  document.addEventListener('visibilitychange', () => invalidate({ charts: !state.paused, panels: true }));
  connection.addEventListener('message', (event) => handlers[event.detail.type]?.(event.detail));
  connection.addEventListener('statechange', tickHeader);
  connection.addEventListener('tokenrejected', () => settingsPanel.tokenRefused());
  setInterval(tickHeader, HEADER_TICK_MS);
  connection.start();
}

start();
