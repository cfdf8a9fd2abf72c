// The fleet as the hub's `fleet` topic describes it (docs/fleet.md): one row per host, with the
// series of its mini charts, kept from message to message. Pure, no DOM.

/** The keys of a row's series and points, as the hub sends them. */
export const SERIES_KEYS = ['cpu', 'mem', 'disk', 'net', 'load'];
/** How far back the hub's series reach; older points are dropped. */
export const SERIES_MS = 3600 * 1000;

const STATE_ORDER = { down: 0, connecting: 1, up: 2 };
const SEVERITY_ORDER = { critical: 0, warning: 1 };

/** 'critical', 'warning' or null: the worst severity among firing alerts. */
export function worstSeverity(alerts) {
  let worst = null;
  for (const alert of alerts ?? []) {
    if (alert.state === 'resolved') continue;
    if (alert.severity === 'critical') return 'critical';
    if (alert.severity === 'warning') worst = 'warning';
  }
  return worst;
}

/**
 * Where a host's dashboard opens. A host of the fleet list opens through the hub, at
 * hosts/<name>/ beside this page (the hub relays its stream and API calls, docs/fleet.md), so the
 * browser needs to reach only the hub. A host known only from Prometheus has no connection there:
 * its dashboard is at its instance (host:port), on plain http as Prometheus scrapes it. Null when
 * there is neither.
 */
export function dashboardUrl(row) {
  if (row.source !== 'prometheus' && row.name) return `hosts/${encodeURIComponent(row.name)}/`;
  if (!row.instance) return null;
  try {
    return new URL(`http://${row.instance}/`).href;
  } catch {
    return null; // an instance no URL can hold: no link rather than a broken one
  }
}

function emptySeries() {
  return { ts: [], ...Object.fromEntries(SERIES_KEYS.map((key) => [key, []])) };
}

function copySeries(from) {
  const series = emptySeries();
  const length = from?.ts?.length ?? 0;
  series.ts = (from?.ts ?? []).slice();
  for (const key of SERIES_KEYS) {
    const values = from?.[key] ?? [];
    series[key] = Array.from({ length }, (_, i) => values[i] ?? null);
  }
  return series;
}

// Drops points older than SERIES_MS before the newest one.
function trim(series) {
  const newest = series.ts.at(-1);
  let drop = 0;
  while (drop < series.ts.length && series.ts[drop] < newest - SERIES_MS) drop += 1;
  if (drop === 0) return;
  series.ts.splice(0, drop);
  for (const key of SERIES_KEYS) series[key].splice(0, drop);
}

function append(series, points) {
  const count = points?.ts?.length ?? 0;
  for (let i = 0; i < count; i += 1) {
    // A point the client holds already (a message seen twice) would draw the line back in time.
    if (series.ts.length && points.ts[i] <= series.ts.at(-1)) continue;
    series.ts.push(points.ts[i]);
    for (const key of SERIES_KEYS) series[key].push(points[key]?.[i] ?? null);
  }
}

export class FleetModel {
  constructor() {
    this.m_hosts = new Map(); // name → { row, series }
    this.m_ts = null;
  }

  /** The hub's time of the last message (ms), or null before the first. */
  get ts() {
    return this.m_ts;
  }

  /** Every host, by name: [{ row, series }]. */
  hosts() {
    return [...this.m_hosts.values()];
  }

  host(name) {
    return this.m_hosts.get(name) ?? null;
  }

  /** Takes a `fleet` message: every host is in it, a host missing from it was removed. */
  apply(message) {
    if (Number.isFinite(message.ts)) this.m_ts = message.ts;
    const next = new Map();
    for (const row of message.hosts ?? []) {
      const { series: full, points, ...rest } = row;
      const old = message.full ? null : this.m_hosts.get(row.name);
      const series = full || !old ? copySeries(full) : old.series;
      if (!full) append(series, points);
      trim(series);
      next.set(row.name, { row: rest, series });
    }
    this.m_hosts = next;
  }

  /** Forgets every host (a new connection to the hub sends them all again). */
  clear() {
    this.m_hosts = new Map();
    this.m_ts = null;
  }
}

/** Whether a row passes the filter: `text` in its name (any case) and `state` ('' for any). */
export function matches(row, { text = '', state = '' }) {
  if (state && row.state !== state) return false;
  return row.name.toLowerCase().includes(text.trim().toLowerCase());
}

// Hosts that need a look come first: down, then by worst alert, then connecting.
function attention(row) {
  const severity = SEVERITY_ORDER[worstSeverity(row.alerts)] ?? 2;
  return (STATE_ORDER[row.state] ?? 3) * 3 + severity;
}

// Busiest first; an unknown value after every known one.
function descending(a, b) {
  const known = (value) => Number.isFinite(value);
  if (known(a) !== known(b)) return known(a) ? -1 : 1;
  return known(a) ? b - a : 0;
}

const SORTS = {
  name: () => 0,
  state: (a, b) => attention(a) - attention(b),
  cpu: (a, b) => descending(a.cpu?.total, b.cpu?.total),
  mem: (a, b) => descending(a.mem?.percent, b.mem?.percent),
};

/** The sort keys the page offers. */
export const SORT_KEYS = Object.keys(SORTS);

/** The rows in the order `sort` asks, ties by name. */
export function sortRows(rows, sort) {
  const compare = SORTS[sort] ?? SORTS.name;
  return rows.slice().sort((a, b) => compare(a, b) || a.name.localeCompare(b.name));
}
