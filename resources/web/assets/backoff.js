// When to try the WebSocket again after it closed: 0.5 s, doubling up to 10 s, each delay
// spread by ±25 % so that many tabs do not all knock on a restarted server in the same instant.
// Pure: the unit tests import it.

/** First delay before a reconnect attempt, in ms. */
export const FIRST_DELAY_MS = 500;
/** Longest delay between two attempts, in ms. */
export const MAX_DELAY_MS = 10000;

/**
 * Delay in ms before reconnect attempt number `attempt` (0 for the first one after a close);
 * `random` is a number in [0, 1) (Math.random in the page, fixed in tests).
 */
export function reconnectDelay(attempt, random) {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.75 + 0.5 * random)));
}
