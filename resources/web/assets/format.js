// Text for numbers: every value the page shows goes through here, so units are uniform. The
// rules (units, decimals, the space before a unit) are the colour and format table's, style.json,
// which the desktop's Format follows too; tests/fixtures/format-cases.json holds the strings both
// must give. Pure functions, no DOM: the unit tests import this file under node.
import style from './style.json' with { type: 'json' };

const RULES = style.format;
const { separator: SEPARATOR, unknown: UNKNOWN } = RULES;

// One decimal below the threshold, none from it up; a negative zero reads as 0.
function number(value, oneDecimalBelow) {
  return value.toFixed(Math.abs(value) < oneDecimalBelow ? 1 : 0);
}

/** Bytes as a human size with IEC units ("1.5 GiB", "977 MiB"); "—" when unknown. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return UNKNOWN;
  const { units, step, oneDecimalBelow } = RULES.bytes;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= step && unit < units.length - 1) {
    value /= step;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  // Whole bytes have no fraction; a larger unit follows the table.
  return `${sign}${number(value, unit === 0 ? 0 : oneDecimalBelow)}${SEPARATOR}${units[unit]}`;
}

/** Bytes per second as a human rate ("12.0 KiB/s"). */
export function formatRate(bytesPerSecond) {
  if (!Number.isFinite(bytesPerSecond)) return UNKNOWN;
  return `${formatBytes(bytesPerSecond)}${RULES.rate.per}`;
}

/** A percentage with one decimal below 10 and none above ("7.5 %", "42 %"). */
export function formatPercent(percent) {
  if (!Number.isFinite(percent)) return UNKNOWN;
  return `${number(percent, RULES.percent.oneDecimalBelow)}${SEPARATOR}${RULES.percent.unit}`;
}

/** Degrees Celsius ("48 °C"). */
export function formatCelsius(celsius) {
  if (!Number.isFinite(celsius)) return UNKNOWN;
  return `${number(celsius, RULES.celsius.oneDecimalBelow)}${SEPARATOR}${RULES.celsius.unit}`;
}

// At most the table's decimals, the zeros at the end dropped ("9.87", "15", "0.5"); String
// writes a negative zero as "0".
function trimmedNumber(value, decimals) {
  return String(Number(value.toFixed(decimals)));
}

/** Power with at most two decimals ("9.87 W", "15 W", "0.5 W"). */
export function formatWatts(watts) {
  if (!Number.isFinite(watts)) return UNKNOWN;
  return `${formatWattNumber(watts)}${SEPARATOR}${RULES.watts.unit}`;
}

/** Energy, written as watts are ("47.52 Wh"). */
export function formatWattHours(wattHours) {
  if (!Number.isFinite(wattHours)) return UNKNOWN;
  return `${formatWattNumber(wattHours)}${SEPARATOR}${RULES.watts.energyUnit}`;
}

/** Watts or watt-hours without the unit, for "41.3 of 47.52 Wh". */
export function formatWattNumber(value) {
  if (!Number.isFinite(value)) return UNKNOWN;
  return trimmedNumber(value, RULES.watts.mostDecimals);
}

/** A plain number with at most two decimals ("0.52"). */
export function formatNumber(value, decimals = 2) {
  if (!Number.isFinite(value)) return UNKNOWN;
  return trimmedNumber(value, decimals);
}

/** A duration in seconds, its two largest units ("3 d 4 h", "2 h 5 min", "4 min 7 s", "12 s"). */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return UNKNOWN;
  const { units, parts: most } = RULES.duration;
  let left = Math.floor(seconds);
  const parts = [];
  for (const [name, size] of units) {
    const amount = Math.floor(left / size);
    left %= size;
    // Once a unit is shown, the next one is too, even at 0: "1 h 0 min", never "1 h".
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${SEPARATOR}${name}`);
    if (parts.length === most) break;
  }
  return parts.length > 0 ? parts.join(' ') : `0${SEPARATOR}${units.at(-1)[0]}`;
}

/** An age in milliseconds as short text ("0.4 s", "12 s", "3 min"). */
export function formatAge(milliseconds) {
  if (!Number.isFinite(milliseconds)) return UNKNOWN;
  const seconds = Math.max(0, milliseconds) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** A timestamp (ms since the epoch) as local wall-clock time, "14:05" or "14:05:30". */
export function formatClock(timestamp, withSeconds = true) {
  const time = new Date(timestamp);
  const pad = (n) => String(n).padStart(2, '0');
  const hm = `${pad(time.getHours())}:${pad(time.getMinutes())}`;
  return withSeconds ? `${hm}:${pad(time.getSeconds())}` : hm;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A timestamp (ms since the epoch) as its local day, "7 Dec", for axes of days. */
export function formatDay(timestamp) {
  const time = new Date(timestamp);
  return `${time.getDate()} ${MONTHS[time.getMonth()]}`;
}

export const DAY_MS = 86400000;
// Up to an hour for live windows, then hours and days for spans of stored history (up to 30 d).
const TIME_STEPS_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
  604800,
].map((s) => s * 1000);

/**
 * Tick positions (ms) for a time axis from min to max: multiples of a round step (10 s, 1 min,
 * 5 min, ... 6 h, 1 d) of local time, chosen so that at most maxCount ticks fit; a day step
 * falls on local midnight.
 */
export function timeTicks(min, max, maxCount) {
  const span = max - min;
  if (!(span > 0) || maxCount < 1) return [];
  const step = TIME_STEPS_MS.find((s) => Math.floor(span / s) + 1 <= maxCount) ?? TIME_STEPS_MS.at(-1);
  // Local time is UTC minus the offset: steps of hours and days count from local midnight.
  const offset = new Date(min).getTimezoneOffset() * 60000;
  const ticks = [];
  const first = Math.ceil((min - offset) / step) * step + offset;
  for (let tick = first; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * A bytes axis with round ticks: `max` is the smallest 1, 2, 5 or 10 × 10^n of a binary unit at
 * or above the data's max, `step` splits it into 4 or 5 ticks, so the axis reads "0, 256 KiB/s,
 * 512 KiB/s" rather than "195.3 KiB/s". A nearly idle axis gets 0 to 1 KiB.
 */
export function niceBytesAxis(dataMax) {
  if (!(dataMax > 1024)) return { max: 1024, step: 256 };
  const power = Math.min(RULES.bytes.units.length - 1, Math.max(0, Math.floor(Math.log2(dataMax) / 10)));
  const unit = 1024 ** power;
  const scaled = dataMax / unit;
  const decade = 10 ** Math.floor(Math.log10(scaled));
  const mantissa = [1, 2, 5, 10].find((m) => m * decade >= scaled * (1 - 1e-12));
  const max = mantissa * decade * unit;
  return { max, step: mantissa >= 5 ? max / 5 : max / 4 };
}
