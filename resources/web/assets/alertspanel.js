// Active alerts from the `alert` messages of docs/protocol.md: a table of what is firing and a
// banner above the page while anything is. A `resolved` message removes its alert. The server
// sends every active alert again after each hello, so the list is cleared on a new connection.
import { el } from './dom.js';
import { formatClock, formatNumber } from './format.js';
import { ruleOf } from './rules.js';

const SEVERITY_ORDER = { critical: 0, warning: 1 };

// The server's `since` (when the alert started firing) is an extension of the protocol's `ts`.
const since = (alert) => alert.since ?? alert.ts;

function withUnit(value, rule) {
  const unit = ruleOf(rule)?.unit ?? '';
  return `${formatNumber(value)} ${unit}`.trim();
}

// The instance (a mount, a sensor) goes on its own line and may break anywhere, so a long path
// cannot widen the table past a phone's screen.
function ruleCell(alert) {
  const instance = alert.instance
    ? el('span', { className: 'alert-instance', textContent: alert.instance })
    : null;
  return el('td', { title: alert.message ?? '' }, alert.rule, instance);
}

function alertRow(alert) {
  return el(
    'tr',
    {},
    el('td', {}, el('span', { className: `badge badge-${alert.severity}`, textContent: alert.severity })),
    ruleCell(alert),
    el('td', { className: 'num', textContent: withUnit(alert.value, alert.rule) }),
    el('td', { className: 'num', textContent: withUnit(alert.threshold, alert.rule) }),
    el('td', { className: 'num', textContent: formatClock(since(alert)) }),
  );
}

/** The alerts in display order: critical first, then the longest firing first. */
export function orderAlerts(alerts) {
  return [...alerts].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 2) - (SEVERITY_ORDER[b.severity] ?? 2) || since(a) - since(b),
  );
}

export class AlertsPanel {
  /** A panel over the alerts `table`, its `empty` text and the page's `banner`. */
  constructor(table, empty, banner) {
    Object.assign(this, { m_table: table, m_empty: empty, m_banner: banner });
    this.m_active = new Map();
  }

  /** Forgets every alert (a new connection will list the active ones again). */
  clear() {
    this.m_active.clear();
    this.render();
  }

  /** Applies one `alert` message. */
  apply(alert) {
    if (alert.state === 'firing') this.m_active.set(alert.id, alert);
    else this.m_active.delete(alert.id);
    this.render();
  }

  render() {
    const alerts = orderAlerts(this.m_active.values());
    this.m_table.hidden = alerts.length === 0;
    this.m_empty.hidden = alerts.length > 0;
    this.m_table.tBodies[0].replaceChildren(...alerts.map(alertRow));
    this.renderBanner(alerts);
  }

  renderBanner(alerts) {
    this.m_banner.hidden = alerts.length === 0;
    if (!alerts.length) return;
    const worst = alerts[0];
    const more = alerts.length > 1 ? ` (and ${alerts.length - 1} more)` : '';
    this.m_banner.dataset.severity = worst.severity;
    const severity = worst.severity === 'critical' ? 'Critical' : 'Warning';
    this.m_banner.textContent = `${severity}: ${worst.message ?? worst.rule}${more}`;
  }
}
