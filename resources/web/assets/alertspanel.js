// Alerts from the `alert` messages of docs/protocol.md: a table of what is firing, a banner above
// the page while anything is, an Acknowledge button for admins and a short list of recent
// events, each with what was running when its alert fired (toplists.js). The page never runs ahead of the server: a click sends `acknowledge`, and the row says
// "acknowledged" only once the server's `alert` message does. After every hello the server sends
// the active alerts again; they are collected apart and replace the table at the first sample,
// so an alert that resolved while the page was away disappears without the banner flickering.
import { el } from './dom.js';
import { formatCelsius, formatClock, formatNumber, formatPercent } from './format.js';
import { ruleOf } from './rules.js';
import { whatWasRunning } from './toplists.js';

const SEVERITY_ORDER = { critical: 0, warning: 1 };

/** Events the recent list keeps: the last few minutes' story, short enough to scan. */
export const RECENT_LIMIT = 10;

// The metric each rule watches, where a `sample` message carries it. The server's own counters
// (errors, connections, tick) are not in a sample: those alerts keep the value they came with.
const SAMPLE_VALUES = {
  cpu: (sample) => sample.cpu?.total,
  memory: (sample) => sample.mem?.percent,
  swap: (sample) => sample.swap?.percent,
  disk: (sample, instance) => sample.disks?.find((disk) => disk.mount === instance)?.percent,
  temperature: (sample, instance) => sample.temps?.find((temp) => temp.label === instance)?.celsius,
};

// The server's `since` (when the alert started firing) is an extension of the protocol's `ts`.
const since = (alert) => alert.since ?? alert.ts;

// Percentages and temperatures by the format table's rules, as the gauges and the desktop write
// them ("94 %", "48 °C"); the per-minute counters as plain numbers.
function withUnit(value, rule) {
  const unit = ruleOf(rule)?.unit ?? '';
  if (unit === '%') return formatPercent(value);
  if (unit === '°C') return formatCelsius(value);
  return `${formatNumber(value)} ${unit}`.trim();
}

function alertName(alert) {
  const label = ruleOf(alert.rule)?.label ?? alert.rule;
  return alert.instance ? `${label} ${alert.instance}` : label;
}

/** The alerts in display order: critical first, then the longest firing first. */
export function orderAlerts(alerts) {
  return [...alerts].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 2) - (SEVERITY_ORDER[b.severity] ?? 2) || since(a) - since(b),
  );
}

/**
 * The alert's metric now: its value in `sample` (a `sample` message) when the sample carries
 * it and is not older than the alert, else the value the alert message came with. The server
 * sends a tick's alerts before that tick's sample, so until it arrives the page's sample is
 * the one before the alert.
 */
export function liveValue(alert, sample) {
  const current = sample && !(sample.ts < alert.ts);
  const value = current ? SAMPLE_VALUES[alert.rule]?.(sample, alert.instance) : undefined;
  return Number.isFinite(value) ? value : alert.value;
}

/**
 * What one `alert` event did, read against the same alert's previous event when known: fired,
 * escalated, de-escalated, acknowledged, resolved or updated. A firing starts its `since`, so
 * its `ts` equals it; without a previous event an acknowledged one reads as acknowledged.
 */
export function eventKind(event, previous) {
  if (event.state === 'resolved') return 'resolved';
  if (event.ts === since(event)) return 'fired';
  if (previous?.state === 'firing' && previous.severity === event.severity)
    return event.acknowledged && !previous.acknowledged ? 'acknowledged' : 'updated';
  if (!previous && event.acknowledged) return 'acknowledged';
  return event.severity === 'critical' ? 'escalated' : 'de-escalated';
}

/**
 * The server's log, newest first as `GET /api/v1/alerts` sends it, as events `{ alert, kind }`
 * in the same order, each read against the same alert's next older entry.
 */
export function logEvents(log) {
  const last = new Map();
  const events = [];
  for (const alert of [...log].reverse()) {
    events.push({ alert, kind: eventKind(alert, last.get(alert.id)) });
    last.set(alert.id, alert);
  }
  return events.reverse();
}

// One event is one change of one alert: the same event from the log and from the WebSocket
// (or sent again after a reconnect) has the same key.
const eventKey = ({ alert }) =>
  `${alert.id}\n${alert.ts}\n${alert.state}\n${alert.severity}\n${alert.acknowledged}`;

/** `held` and `added` events together, newest first, each once (a held one wins), at most `limit`. */
export function mergeEvents(held, added, limit = RECENT_LIMIT) {
  const byKey = new Map();
  for (const event of [...held, ...added]) if (!byKey.has(eventKey(event))) byKey.set(eventKey(event), event);
  return [...byKey.values()].sort((a, b) => b.alert.ts - a.alert.ts).slice(0, limit);
}

function eventItem({ alert, kind }) {
  return el(
    'li',
    {},
    el('time', {
      className: 'num',
      dateTime: new Date(alert.ts).toISOString(),
      title: new Date(alert.ts).toLocaleString(),
      textContent: formatClock(alert.ts),
    }),
    el('span', { className: `badge badge-${alert.severity}`, textContent: alert.severity }),
    el('span', { className: `event-kind event-${kind}`, textContent: kind }),
    el('span', { className: 'event-message', textContent: alert.message || alertName(alert) }),
    whatWasRunning(alert.top, eventKey({ alert })),
  );
}

export class RecentAlerts {
  /** The collapsible list of index.html: `details`, `latest` (in its summary) and `list` (an ol). */
  constructor(elements) {
    this.m_ui = elements;
    this.m_events = [];
  }

  /** Adds events `{ alert, kind }`, keeping the newest RECENT_LIMIT. */
  add(events) {
    this.m_events = mergeEvents(this.m_events, events);
    this.render();
  }

  render() {
    const [newest] = this.m_events;
    this.m_ui.details.hidden = !newest;
    this.m_ui.latest.textContent = newest
      ? `latest ${formatClock(newest.alert.ts)}, ${alertName(newest.alert)} ${newest.kind}`
      : '';
    this.m_ui.list.replaceChildren(...this.m_events.map(eventItem));
  }
}

function severityCell(alert) {
  return el(
    'td',
    {},
    el('span', { className: `badge badge-${alert.severity}`, textContent: alert.severity }),
  );
}

// The instance (a mount, a sensor) goes on its own line and may break anywhere, so a long path
// cannot widen the table past a phone's screen.
function ruleCell(alert) {
  const instance = alert.instance
    ? el('span', { className: 'alert-instance', textContent: alert.instance })
    : null;
  return el('td', { title: alert.message ?? '' }, alert.rule, instance);
}

export class AlertsPanel {
  /**
   * The panel over index.html's elements (table, empty, status, banner, bannerTitle,
   * bannerDetail, bannerNote), its `recent` list (a RecentAlerts) and `acknowledge(id)`, which
   * sends an `acknowledge` message and returns its request id (null when not connected).
   */
  constructor(elements, recent, acknowledge) {
    Object.assign(this, { m_ui: elements, m_recent: recent, m_acknowledge: acknowledge });
    this.m_active = new Map(); // firing alerts by id, as the table shows them
    this.m_incoming = null; // the active alerts resent after a hello, until the first sample
    this.m_pending = new Map(); // acknowledge request id → alert id
    this.m_valueCells = new Map(); // alert id → its Value cell, updated with every sample
    this.m_admin = false;
    this.m_sample = null;
  }

  /** Shows the Acknowledge buttons to an `admin`, the state alone to a `viewer`. */
  setRole(role) {
    this.m_admin = role === 'admin';
    this.render();
  }

  /** A new connection: the alerts that follow until the first sample are the whole active set. */
  beginReplay() {
    this.m_incoming = new Map();
    this.m_pending.clear(); // requests on the old connection will not be answered
  }

  /** The first sample of a connection: the resent alerts replace the table. */
  endReplay() {
    if (!this.m_incoming) return;
    this.m_active = this.m_incoming;
    this.m_incoming = null;
    this.render();
  }

  /** Applies one `alert` message. */
  apply(alert) {
    const alerts = this.m_incoming ?? this.m_active;
    const previous = alerts.get(alert.id) ?? this.m_active.get(alert.id);
    this.m_recent.add([{ alert, kind: eventKind(alert, previous) }]);
    if (alert.state === 'firing') alerts.set(alert.id, alert);
    else alerts.delete(alert.id);
    if (!this.m_incoming) this.render();
  }

  /** Adds the server's log (`log` of GET /api/v1/alerts) to the recent list. */
  addLog(log) {
    this.m_recent.add(logEvents(log));
  }

  /** Shows the metrics of a new `sample` in the Value column and the banner. */
  showSample(sample) {
    this.m_sample = sample;
    for (const [id, cell] of this.m_valueCells) {
      const alert = this.m_active.get(id);
      cell.textContent = withUnit(liveValue(alert, sample), alert.rule);
    }
    this.renderBannerDetail();
  }

  /** Handles a `result`: an acknowledge was done (its `alert` message came before). */
  handleResult(result) {
    if (!this.m_pending.delete(result.id)) return;
    this.render();
  }

  /** Whether an `error` message answers one of this panel's requests; if so it is shown. */
  handleError(error) {
    const alertId = this.m_pending.get(error.id);
    if (alertId === undefined) return false;
    this.m_pending.delete(error.id);
    const alert = this.m_active.get(alertId);
    this.showStatus(`Could not acknowledge ${alert ? alertName(alert) : alertId}: ${error.message}`);
    this.render();
    return true;
  }

  acknowledge(alert, button) {
    const requestId = this.m_acknowledge(alert.id);
    if (requestId === null) {
      this.showStatus('Not connected: try again when the status says Live');
      return;
    }
    this.showStatus('');
    this.m_pending.set(requestId, alert.id);
    button.disabled = true;
  }

  showStatus(text) {
    this.m_ui.status.textContent = text;
    this.m_ui.status.hidden = !text;
  }

  render() {
    const alerts = orderAlerts(this.m_active.values());
    this.m_ui.table.hidden = alerts.length === 0;
    this.m_ui.empty.hidden = alerts.length > 0;
    this.m_valueCells.clear();
    this.m_ui.table.tBodies[0].replaceChildren(...alerts.map((alert) => this.row(alert)));
    this.renderBanner(alerts);
  }

  row(alert) {
    const value = el('td', {
      className: 'num',
      textContent: withUnit(liveValue(alert, this.m_sample), alert.rule),
      attrs: { 'data-label': 'Value' },
    });
    this.m_valueCells.set(alert.id, value);
    return el(
      'tr',
      { className: alert.acknowledged ? 'acknowledged' : '' },
      severityCell(alert),
      ruleCell(alert),
      value,
      el('td', {
        className: 'num',
        textContent: withUnit(alert.threshold, alert.rule),
        attrs: { 'data-label': 'Threshold' },
      }),
      el('td', {
        className: 'num',
        textContent: formatClock(since(alert)),
        attrs: { 'data-label': 'Since' },
      }),
      el('td', { className: 'alert-state' }, this.stateOf(alert)),
    );
  }

  // Acknowledged, or for an admin a button to acknowledge, or for a viewer the plain fact.
  stateOf(alert) {
    if (alert.acknowledged) return el('span', { className: 'alert-ack', textContent: 'acknowledged' });
    if (!this.m_admin) return el('span', { className: 'muted', textContent: 'not acknowledged' });
    const button = el('button', {
      type: 'button',
      className: 'button small',
      textContent: 'Acknowledge',
      disabled: [...this.m_pending.values()].includes(alert.id),
      attrs: { 'aria-label': `Acknowledge ${alertName(alert)}` },
    });
    button.addEventListener('click', () => this.acknowledge(alert, button));
    return button;
  }

  // The title and note change only with alert events (they are live regions); the value,
  // which changes every sample, is beside them and not announced.
  renderBanner(alerts) {
    const ui = this.m_ui;
    ui.banner.hidden = alerts.length === 0;
    if (!alerts.length) return;
    const worst = alerts[0];
    const seen = alerts.every((alert) => alert.acknowledged);
    ui.banner.dataset.severity = worst.severity;
    ui.banner.dataset.acknowledged = String(seen);
    ui.bannerTitle.textContent = `${worst.severity === 'critical' ? 'Critical' : 'Warning'}: ${alertName(worst)}`;
    const notes = [];
    if (alerts.length > 1) notes.push(`and ${alerts.length - 1} more`);
    if (seen) notes.push(alerts.length > 1 ? 'all acknowledged' : 'acknowledged');
    ui.bannerNote.textContent = notes.join(', ');
    this.renderBannerDetail();
  }

  renderBannerDetail() {
    const worst = orderAlerts(this.m_active.values())[0];
    if (!worst) return;
    const value = withUnit(liveValue(worst, this.m_sample), worst.rule);
    this.m_ui.bannerDetail.textContent = `at ${value} (${worst.severity} at ${withUnit(worst.threshold, worst.rule)})`;
  }
}
