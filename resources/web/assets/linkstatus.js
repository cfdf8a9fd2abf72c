// What the status pill says about the link to the server. Pure: the unit tests import it.
import { formatAge } from './format.js';

/** Samples missed in a row after which a connected link counts as stale. */
export const STALE_INTERVALS = 3;

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
    if (age !== null && age > STALE_INTERVALS * intervalMs)
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
