// When to try the WebSocket again after it closed. A server that restarts is usually back within
// a few seconds, so the first retries come quickly (0.25 s, 0.5 s, then 1 s for a few seconds);
// a server that stays away is then asked less and less often, from 2 s doubling to 10 s. Each
// delay is spread by ±25 % so that many tabs do not all knock on a restarted server in the same
// instant. Pure: the unit tests import it.

/** Delays (ms) of the first attempts after a close, before the backoff starts. */
export const QUICK_DELAYS_MS = [250, 500, 1000, 1000, 1000];
/** First delay of the backoff, after the quick attempts, in ms. */
export const BACKOFF_DELAY_MS = 2000;
/** Longest delay between two attempts, in ms. */
export const MAX_DELAY_MS = 10000;

/**
 * Delay in ms before reconnect attempt number `attempt` (0 for the first one after a close);
 * `random` is a number in [0, 1) (Math.random in the page, fixed in tests).
 */
export function reconnectDelay(attempt, random) {
  const index = Math.max(0, attempt);
  const base =
    QUICK_DELAYS_MS[index] ??
    Math.min(MAX_DELAY_MS, BACKOFF_DELAY_MS * 2 ** (index - QUICK_DELAYS_MS.length));
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.75 + 0.5 * random)));
}
