// Every firing alert of the fleet in one list, each naming its host: the hosts' own alerts as the
// hub's `fleet` rows carry them, and the hub's own (its `alert` messages), where the `host` rule's
// alert about a silent host is listed under that host. An admin of the hub acknowledges from
// here: a host's alert goes back to that host through the hub ({"type":"acknowledge","alert",
// "host"}), which needs the hub to hold that host's admin token; a hub alert goes to the hub.
import { el } from './dom.js';
import { formatClock } from './format.js';

const SEVERITY_ORDER = { critical: 0, warning: 1 };
export const NO_TOKEN_TEXT = 'The hub has no admin token for this host, so it cannot acknowledge its alerts';

// Why the hub cannot pass an acknowledgement on now, as [tooltip, short note], or null when it can:
// the host is not up (its alerts are as last seen), or the hub holds no admin token for it.
function refusal(entry) {
  if (entry.state !== 'up')
    return [`${entry.host} is ${entry.state}: its alerts can be acknowledged once it is up again`, entry.state];
  if (!entry.admin) return [NO_TOKEN_TEXT, 'no admin token'];
  return null;
}

// A key naming one alert on one host, for pending requests and errors.
const keyOf = (host, id) => `${host}\u0000${id}`;

export class FleetAlerts {
  /** The list in `elements` (table body, empty text, count); `send(message)` returns its id. */
  constructor(elements, send) {
    this.m_ui = elements;
    this.m_send = send;
    this.m_admin = false;
    this.m_hubName = 'hub';
    this.m_hubAlerts = new Map(); // id → alert, the hub's own, firing
    this.m_pending = new Map(); // request id → key
    this.m_accepted = new Set(); // keys acknowledged by their host, until the alert says so
    this.m_errors = new Map(); // key → message of the last refusal
    this.m_lastHosts = [];
    this.m_shown = ''; // what the list shows, to redraw only when it changes
  }

  setRole(role) {
    this.m_admin = role === 'admin';
  }

  /** The hub's host name, under which its own alerts (other than the `host` rule's) are listed. */
  setHubName(name) {
    this.m_hubName = name || 'hub';
  }

  /** A new connection to the hub: its active alerts follow hello again. */
  beginConnection() {
    this.m_hubAlerts.clear();
    this.m_pending.clear();
  }

  /** Takes one of the hub's own `alert` messages. */
  applyHubAlert(alert) {
    if (alert.state === 'resolved') this.m_hubAlerts.delete(alert.id);
    else this.m_hubAlerts.set(alert.id, alert);
  }

  /** The hub's alerts about fleet host `name` (its `host` rule's), for its tile's colour. */
  hubAlertsAbout(name) {
    return [...this.m_hubAlerts.values()].filter((alert) => alert.rule === 'host' && alert.instance === name);
  }

  /** Handles a `result` for an acknowledgement; true if it was one. */
  handleResult(message) {
    const key = this.m_pending.get(message.id);
    if (key === undefined) return false;
    this.m_pending.delete(message.id);
    this.m_errors.delete(key);
    this.m_accepted.add(key);
    return true;
  }

  /** Handles an `error` for an acknowledgement: its message shows on the alert's row. */
  handleError(message) {
    const key = this.m_pending.get(message.id);
    if (key === undefined) return false;
    this.m_pending.delete(message.id);
    this.m_errors.set(key, message.message ?? message.code ?? 'refused');
    return true;
  }

  // Every alert to list, as { host, alert, admin, viaHost }: viaHost says the acknowledgement
  // names the host; admin whether the hub may acknowledge it at all.
  entries(hosts) {
    const entries = [];
    for (const { row } of hosts) {
      for (const alert of row.alerts ?? []) {
        if (alert.state === 'resolved') continue;
        entries.push({ host: row.name, state: row.state, alert, admin: row.admin === true, viaHost: true });
      }
    }
    for (const alert of this.m_hubAlerts.values()) {
      const host = alert.rule === 'host' ? alert.instance : this.m_hubName;
      entries.push({ host, state: 'up', alert, admin: true, viaHost: false });
    }
    return entries.sort(
      (a, b) =>
        (SEVERITY_ORDER[a.alert.severity] ?? 2) - (SEVERITY_ORDER[b.alert.severity] ?? 2) ||
        (b.alert.since ?? 0) - (a.alert.since ?? 0) ||
        a.host.localeCompare(b.host),
    );
  }

  acknowledge(entry) {
    const message = { type: 'acknowledge', alert: entry.alert.id };
    if (entry.viaHost) message.host = entry.host;
    const id = this.m_send(message);
    const key = this.keyOfEntry(entry);
    if (id === null) {
      this.m_errors.set(key, 'Not connected to the hub');
      return;
    }
    this.m_errors.delete(key);
    this.m_pending.set(id, key);
  }

  keyOfEntry(entry) {
    return keyOf(entry.viaHost ? entry.host : '', entry.alert.id);
  }

  stateCell(entry) {
    const key = this.keyOfEntry(entry);
    const error = this.m_errors.get(key);
    const cell = el('div', { className: 'fleet-alert-actions' });
    if (entry.alert.acknowledged) {
      cell.append(el('span', { className: 'muted', textContent: 'Acknowledged' }));
    } else if (this.m_admin) {
      // Accepted by the host: the alert saying so comes with the hub's next tick.
      const waiting = [...this.m_pending.values()].includes(key) || this.m_accepted.has(key);
      const refused = refusal(entry);
      const button = el('button', {
        type: 'button',
        className: 'button',
        textContent: waiting ? 'Acknowledging…' : 'Acknowledge',
        disabled: waiting || refused !== null,
        title: refused ? refused[0] : `Acknowledge on ${entry.host}`,
      });
      button.addEventListener('click', () => {
        this.acknowledge(entry);
        this.render(this.m_lastHosts);
      });
      cell.append(button);
      // A disabled button shows no tooltip in every browser: the reason is written beside it too.
      if (refused) cell.append(el('span', { className: 'fleet-alert-note muted', textContent: refused[1] }));
    } else {
      cell.append(el('span', { className: 'muted', textContent: 'Not acknowledged' }));
    }
    if (error)
      cell.append(el('span', { className: 'fleet-alert-error', textContent: error, attrs: { role: 'alert' } }));
    return el('td', { className: 'fleet-alert-state' }, cell);
  }

  /**
   * Redraws the list from the fleet's hosts ({row}) and the hub's own alerts, only when what it
   * shows changed: a button rebuilt every tick would lose a click in flight.
   */
  render(hosts) {
    this.m_lastHosts = hosts;
    const entries = this.entries(hosts);
    const unacknowledged = new Set(
      entries.filter(({ alert }) => !alert.acknowledged).map((entry) => this.keyOfEntry(entry)),
    );
    for (const key of this.m_accepted) if (!unacknowledged.has(key)) this.m_accepted.delete(key);
    const shown = JSON.stringify([
      this.m_admin,
      entries.map(({ host, alert, admin, state }) => [
        host,
        alert.id,
        alert.severity,
        alert.message,
        alert.since,
        alert.acknowledged,
        admin,
        state,
      ]),
      [...this.m_pending.values()],
      [...this.m_accepted],
      [...this.m_errors],
    ]);
    if (shown === this.m_shown) return;
    this.m_shown = shown;
    const rows = entries.map((entry) =>
      el(
        'tr',
        { attrs: { 'data-host': entry.host, 'data-alert': entry.alert.id, 'data-severity': entry.alert.severity } },
        el('td', { className: 'fleet-alert-host', textContent: entry.host }),
        el(
          'td',
          { className: 'fleet-alert-severity' },
          el('span', { className: `badge badge-${entry.alert.severity}`, textContent: entry.alert.severity }),
        ),
        el('td', { className: 'fleet-alert-message', textContent: entry.alert.message ?? entry.alert.id }),
        el('td', {
          className: 'num fleet-alert-since',
          textContent: Number.isFinite(entry.alert.since) ? formatClock(entry.alert.since) : '—',
        }),
        this.stateCell(entry),
      ),
    );
    this.m_ui.body.replaceChildren(...rows);
    this.m_ui.table.hidden = entries.length === 0;
    this.m_ui.empty.hidden = entries.length > 0;
    this.m_ui.count.textContent = entries.length ? String(entries.length) : '';
  }
}
