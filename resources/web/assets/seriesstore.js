// The client's memory of the stream: one time axis and one column per series, in fixed-size
// ring buffers, so a tab left open for days holds at most `capacity` rows. Rows are merged by
// the server's `seq` (live samples) and by timestamp (history messages and /api/v1/history), so
// the same tick is never held twice. Pure: no DOM, no network; the unit tests import it.

/** Flattens a `sample` message into the series names of the protocol's `history` message. */
export function flattenSample(sample) {
  const values = new Map();
  const put = (name, value) => values.set(name, typeof value === 'number' ? value : null);
  for (const key of ['total', 'user', 'system', 'iowait', 'steal']) put(`cpu.${key}`, sample.cpu?.[key]);
  (sample.cpu?.cores ?? []).forEach((value, index) => put(`cpu.cores[${index}]`, value));
  ['1', '5', '15'].forEach((name, index) => put(`load.${name}`, sample.load?.[index]));
  put('mem.percent', sample.mem?.percent);
  put('mem.used', sample.mem?.used);
  put('mem.cached', sample.mem?.cached);
  put('swap.percent', sample.swap?.percent);
  put('swap.used', sample.swap?.used);
  for (const net of sample.net ?? []) {
    put(`net[${net.iface}].rxBps`, net.rxBps);
    put(`net[${net.iface}].txBps`, net.txBps);
  }
  for (const disk of sample.disks ?? []) {
    put(`disks[${disk.mount}].readBps`, disk.readBps);
    put(`disks[${disk.mount}].writeBps`, disk.writeBps);
  }
  return values;
}

const CHARTED_SERIES = [
  /^cpu\./,
  /^load\./,
  /^mem\.(percent|used|cached)$/,
  /^swap\.(percent|used)$/,
  /^net\[.*\]\.(rx|tx)Bps$/,
  /^disks\[.*\]\.(read|write)Bps$/,
];

/** Whether the dashboard keeps a series of the server's history (the ones it charts). */
export function isChartedSeries(name) {
  return CHARTED_SERIES.some((pattern) => pattern.test(name));
}

export class SeriesStore {
  /** A store holding at most `capacity` rows (ticks). */
  constructor(capacity) {
    this.m_capacity = Math.max(1, Math.floor(capacity));
    this.m_ts = new Float64Array(this.m_capacity);
    // name → { values: Float64Array, newestTs: ms of its last value, movedTs: ms of its last
    // value other than 0 }
    this.m_columns = new Map();
    this.m_start = 0;
    this.m_size = 0;
    this.m_lastSeq = null; // the newest seq seen on the current connection
  }

  /** Rows the store can hold. */
  get capacity() {
    return this.m_capacity;
  }

  /** Rows held now. */
  get size() {
    return this.m_size;
  }

  /** Timestamp (ms) of the oldest row held, or NaN when empty. */
  get oldestTs() {
    return this.m_size ? this.m_ts[this.m_start] : NaN;
  }

  /** Timestamp (ms) of the newest row held, or NaN when empty. */
  get newestTs() {
    return this.m_size ? this.tsAt(this.m_size - 1) : NaN;
  }

  /** Names of the series held, in the order they first appeared. */
  names() {
    return [...this.m_columns.keys()];
  }

  /** Timestamp (ms) of the row at logical index (0 = oldest). */
  tsAt(index) {
    return this.m_ts[(this.m_start + index) % this.m_capacity];
  }

  /** Value of a series at logical index, NaN when the series had none at that tick. */
  valueAt(name, index) {
    const column = this.m_columns.get(name);
    return column ? column.values[(this.m_start + index) % this.m_capacity] : NaN;
  }

  /**
   * Whether a series has been 0 (or missing) in every row held: an interface or a mount that
   * moved no byte in the last hour, which the charts leave out unless asked.
   */
  isIdle(name) {
    const column = this.m_columns.get(name);
    return !column || column.movedTs < this.oldestTs;
  }

  /** A new connection: its server numbers ticks afresh (it may have restarted). */
  beginConnection() {
    this.m_lastSeq = null;
  }

  /**
   * Adds one live sample. Returns false, holding nothing new, when its seq was already seen on
   * this connection or its timestamp is already held.
   */
  addSample(seq, ts, values) {
    if (this.m_lastSeq !== null && seq <= this.m_lastSeq) return false;
    this.m_lastSeq = seq;
    if (this.m_size && ts <= this.newestTs) {
      const at = this.indexAtOrAfter(ts);
      if (at < this.m_size && this.tsAt(at) === ts) return false;
      return this.mergeRows([{ ts, values }]);
    }
    this.appendRow(ts, values);
    return true;
  }

  /**
   * Merges a columnar history (`ts` array, `series` object of arrays, as the `history` message
   * and /api/v1/history send it) by timestamp; `lastSeq` is the seq of its last row when known.
   * Returns whether any row was added.
   */
  mergeHistory(ts, series, lastSeq = null) {
    if (lastSeq !== null) this.m_lastSeq = Math.max(this.m_lastSeq ?? lastSeq, lastSeq);
    const names = Object.keys(series).filter(isChartedSeries);
    // A row with no number at all is how a server marks where it restarted; the page draws
    // gaps from the time between rows, and such a row merged among samples the page saw live
    // (the server's store lost its last flush) would break the line where nothing was missing.
    const rows = ts
      .map((time, row) => ({
        ts: time,
        values: new Map(names.map((name) => [name, series[name][row]])),
      }))
      .filter((row) => [...row.values.values()].some((value) => typeof value === 'number'));
    return this.mergeRows(rows);
  }

  /** Keeps the newest rows in a store of a new capacity (the interval changed). */
  resize(capacity) {
    const rows = this.rows();
    this.m_capacity = Math.max(1, Math.floor(capacity));
    this.rebuild(rows);
  }

  /** Index of the first row at or after ts (size when none). */
  indexAtOrAfter(ts) {
    let low = 0;
    let high = this.m_size;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.tsAt(middle) < ts) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Chart points {x: ms, y} of rows from index `from` to the end, at most about maxPoints: longer
   * spans are cut into buckets, each giving its lowest and highest value (in time order) at the
   * bucket's first and last timestamp, so spikes stay visible and every series of one chart
   * shares the same x values. A bucket with no value gives a null y (a gap in the line). Two rows
   * more than `gapMs` apart (an outage) get a null point halfway between them, so the line
   * breaks there instead of running straight across time nobody measured; no bucket spans one.
   */
  points(name, from, maxPoints, gapMs = Infinity) {
    const count = this.m_size - from;
    if (count <= 0) return [];
    const bucket = count <= maxPoints ? 1 : Math.ceil(count / Math.max(1, Math.floor(maxPoints / 2)));
    const points = [];
    let runStart = from;
    for (let index = from + 1; index <= this.m_size; index += 1) {
      const gap = index < this.m_size && this.tsAt(index) - this.tsAt(index - 1) > gapMs;
      if (index < this.m_size && !gap) continue;
      for (let start = runStart; start < index; start += bucket)
        points.push(...this.bucketPoints(name, start, Math.min(index, start + bucket)));
      if (gap) points.push({ x: (this.tsAt(index - 1) + this.tsAt(index)) / 2, y: null });
      runStart = index;
    }
    return points;
  }

  bucketPoints(name, start, end) {
    let low = null;
    let high = null;
    for (let index = start; index < end; index += 1) {
      const value = this.valueAt(name, index);
      if (Number.isNaN(value)) continue;
      if (low === null || value < low.value) low = { index, value };
      if (high === null || value > high.value) high = { index, value };
    }
    const first = this.tsAt(start);
    if (low === null) return [{ x: first, y: null }];
    if (end - start === 1) return [{ x: first, y: low.value }];
    const [earlier, later] = low.index <= high.index ? [low, high] : [high, low];
    return [
      { x: first, y: earlier.value },
      { x: this.tsAt(end - 1), y: later.value },
    ];
  }

  appendRow(ts, values) {
    const slot = (this.m_start + this.m_size) % this.m_capacity;
    if (this.m_size === this.m_capacity) this.m_start = (this.m_start + 1) % this.m_capacity;
    else this.m_size += 1;
    this.m_ts[slot] = ts;
    for (const column of this.m_columns.values()) column.values[slot] = NaN;
    for (const [name, value] of values) {
      if (value === null || value === undefined) continue;
      const column = this.column(name);
      column.values[slot] = value;
      column.newestTs = Math.max(column.newestTs, ts);
      if (value !== 0) column.movedTs = Math.max(column.movedTs, ts);
    }
    this.dropVanishedColumns();
  }

  column(name) {
    let column = this.m_columns.get(name);
    if (!column) {
      column = {
        values: new Float64Array(this.m_capacity).fill(NaN),
        newestTs: -Infinity,
        movedTs: -Infinity,
      };
      this.m_columns.set(name, column);
    }
    return column;
  }

  // A series whose last value has rotated out (an interface that went away) is forgotten, so
  // the charts stop listing it and the store does not grow with every name ever seen.
  dropVanishedColumns() {
    const oldest = this.oldestTs;
    for (const [name, column] of this.m_columns) {
      if (column.newestTs < oldest) this.m_columns.delete(name);
    }
  }

  // All rows, oldest first, as { ts, values: Map } (NaN cells left out).
  rows() {
    const rows = [];
    for (let index = 0; index < this.m_size; index += 1) {
      const values = new Map();
      for (const name of this.m_columns.keys()) {
        const value = this.valueAt(name, index);
        if (!Number.isNaN(value)) values.set(name, value);
      }
      rows.push({ ts: this.tsAt(index), values });
    }
    return rows;
  }

  // The slow path, for history and out-of-order rows: a sorted merge of what is held with the
  // new rows; a timestamp already held keeps its row, only filling the series it lacked.
  mergeRows(incoming) {
    const held = this.rows();
    const byTs = new Map(held.map((row) => [row.ts, row]));
    let added = false;
    for (const row of incoming) {
      const existing = byTs.get(row.ts);
      if (!existing) {
        byTs.set(row.ts, { ts: row.ts, values: new Map(row.values) });
        added = true;
        continue;
      }
      for (const [name, value] of row.values) {
        if (!existing.values.has(name) && value !== null && value !== undefined)
          existing.values.set(name, value);
      }
    }
    this.rebuild([...byTs.values()].sort((a, b) => a.ts - b.ts));
    return added;
  }

  rebuild(rows) {
    this.m_ts = new Float64Array(this.m_capacity);
    this.m_columns = new Map();
    this.m_start = 0;
    this.m_size = 0;
    for (const row of rows.slice(-this.m_capacity)) this.appendRow(row.ts, row.values);
  }
}
