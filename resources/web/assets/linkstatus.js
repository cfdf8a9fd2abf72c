// What the status pill says about the link to the server, and whether the numbers on the page
// are stale. Pure: the unit tests import it.
import { formatAge } from './format.js';

/** Intervals without a sample after which the numbers count as stale... */
export const STALE_INTERVALS = 1.5;
/** ...but never before this many ms: a sample a little late on a busy machine is not an outage. */
export const STALE_MIN_MS = 1000;

/** How long (ms) after the newest sample arrived the page counts as stale, at `intervalMs`. */
export function staleAfterMs(intervalMs) {
  return Math.max(STALE_MIN_MS, STALE_INTERVALS * intervalMs);
}

/**
 * Why the numbers shown are not live, or null while they are (or before there are any): the
 * link is down ('server unreachable'), or connected but silent ('no data for N s', whole seconds
 * since the newest sample arrived). Same inputs as linkStatus.
 */
export function staleReason({ connected, lastSampleAt, intervalMs, now }) {
  if (lastSampleAt === null) return null;
  if (!connected) return 'server unreachable';
  const age = now - lastSampleAt;
  if (age <= staleAfterMs(intervalMs)) return null;
  return `no data for ${Math.floor(age / 1000)} s`;
}

/**
 * The pill's state and text from what the connection knows, all times in ms:
 * `connected` (hello received), `lastSampleAt` (when the newest sample arrived, client clock),
 * `intervalMs`, `now`, `retryAt` (when the next attempt starts, or null) and `attempt` (1 for the
 * first reconnect). States: connecting, live, stale, reconnecting.
 */
export function linkStatus({ connected, lastSampleAt, intervalMs, now, retryAt, attempt }) {
  const age = lastSampleAt === null ? null : now - lastSampleAt;
  const ageText = age === null ? '' : `last sample ${formatAge(age)} ago`;
  if (connected) {
    if (age !== null && age > staleAfterMs(intervalMs))
      return { state: 'stale', label: 'Stale', detail: ageText };
    return { state: 'live', label: 'Live', detail: age === null ? 'waiting for data' : ageText };
  }
  if (retryAt === null) return { state: 'connecting', label: 'Connecting', detail: ageText };
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  const when = seconds > 0 ? `retry in ${seconds} s` : 'retrying now';
  return {
    state: 'reconnecting',
    label: 'Reconnecting',
    detail: `attempt ${attempt}, ${when}${ageText ? `; ${ageText}` : ''}`,
  };
}
