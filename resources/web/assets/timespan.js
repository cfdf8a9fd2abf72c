// The time span every chart of the page shows, and a span of stored history the server sent for
// it. The span is either live (it ends at the newest sample and moves with it) or fixed in the
// past (after a drag to zoom or a pan): then samples still arrive but the view stays put.

// A zoom narrower than this is a slip of the pointer rather than a span to look at.
export const MIN_ZOOM_MS = 5000;

export class TimeSpan {
  /** A live span of windowMs. */
  constructor(windowMs) {
    this.m_windowMs = windowMs;
    this.m_endTs = null; // null: live
  }

  get windowMs() {
    return this.m_windowMs;
  }

  get live() {
    return this.m_endTs === null;
  }

  /** The span { from, to } (ms) to draw when the newest sample is at newestTs. */
  range(newestTs) {
    const to = this.m_endTs ?? newestTs;
    return { from: to - this.m_windowMs, to };
  }

  /** A window choice: its length, ending where the span ends now (live stays live). */
  choose(windowMs) {
    this.m_windowMs = windowMs;
  }

  /**
   * Zooms into the span between two timestamps, in either order; returns false, changing
   * nothing, for a span under MIN_ZOOM_MS.
   */
  zoom(aTs, bTs) {
    const from = Math.min(aTs, bTs);
    const to = Math.max(aTs, bTs);
    if (!(to - from >= MIN_ZOOM_MS)) return false;
    this.m_windowMs = to - from;
    this.m_endTs = to;
    return true;
  }

  /**
   * Moves the span by `fraction` of its length (negative: into the past). It never passes the
   * newest sample; a live span moved forward stays live.
   */
  pan(fraction, newestTs) {
    if (this.live && fraction >= 0) return;
    const { to } = this.range(newestTs);
    this.m_endTs = Math.min(newestTs, to + fraction * this.m_windowMs);
  }

  /** Back to now, following live samples. */
  goLive() {
    this.m_endTs = null;
  }
}

/**
 * A `historyRange` answer, read by the charts as they read the live SeriesStore (names,
 * indexAtOrAfter, points, isIdle). Its buckets are already as many as the chart has pixels and
 * its nulls are gaps, so points() gives them as they came.
 */
export class HistoryRange {
  /** The answer `message`, on a page whose samples come every intervalMs. */
  constructor(message, intervalMs) {
    this.from = message.from;
    this.to = message.to;
    this.step = message.step;
    this.m_ts = message.ts;
    this.m_series = message.series;
    this.m_min = message.min ?? {};
    this.m_max = message.max ?? {};
    // Averages of several samples: the chart draws the band each bucket's samples spread over.
    this.downsampled = message.tier >= 1 || message.step > intervalMs;
  }

  get size() {
    return this.m_ts.length;
  }

  names() {
    return Object.keys(this.m_series);
  }

  /** Whether the series never left 0 in the whole span. */
  isIdle(name) {
    const values = this.m_max[name] ?? this.m_series[name] ?? [];
    return !values.some((value) => value !== null && value !== 0);
  }

  /** Index of the first bucket at or after ts (size when none). */
  indexAtOrAfter(ts) {
    const index = this.m_ts.findIndex((bucketTs) => bucketTs >= ts);
    return index < 0 ? this.m_ts.length : index;
  }

  /** Chart points {x: ms, y} of the averages from bucket `from` on; y null for a gap. */
  points(name, from) {
    return this.column(this.m_series, name, from);
  }

  /** The band { min, max } (chart points) of a down-sampled span from bucket `from`, else null. */
  band(name, from) {
    if (!this.downsampled) return null;
    return { min: this.column(this.m_min, name, from), max: this.column(this.m_max, name, from) };
  }

  column(table, name, from) {
    const values = table[name] ?? [];
    return this.m_ts.slice(from).map((x, i) => ({ x, y: values[from + i] ?? null }));
  }
}
