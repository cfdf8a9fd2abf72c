// "Top processes at 14:05": pointing at a chart (hover, or a tap) at a time in a past minute
// asks the server what was running then (GET api/v1/processes?at=MS, which the store answers
// from its per-minute record) and shows it in the panel under the charts. Each minute is asked
// once: answers are kept for the life of the page. One question at a time: minutes pointed at
// while one is being answered are not queued, only the last of them is asked next, so sweeping
// across a month-long chart costs a few requests, not one per minute crossed. A minute not over
// yet has no record: pointing there changes nothing.
import { formatClock, formatDay } from './format.js';
import { hasProcesses, topLists } from './toplists.js';

const MINUTE_MS = 60000;
// The store writes a minute's record at its first flush after the minute ends (every
// history/flushSeconds, at most 60 s): an empty answer for a minute that recent may still
// fill, so it is asked again once this long has passed.
const RECENT_MS = 3 * MINUTE_MS;
const RETRY_EMPTY_MS = 15000;

const answers = new Map(); // minute start → { body, askedAt }
let shownMinute = null; // the minute the panel shows, or waits for
let asking = false;

function known(minute) {
  const held = answers.get(minute);
  if (!held) return false;
  const mayFill = held.body.minute === null && minute > Date.now() - RECENT_MS;
  return !(mayFill && Date.now() - held.askedAt > RETRY_EMPTY_MS);
}

async function fetchMinute(minute) {
  const askedAt = Date.now();
  const response = await fetch(`api/v1/processes?at=${minute}`, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  answers.set(minute, { body, askedAt });
}

// "14:05", or "6 Dec 14:05" for a minute of another day.
function minuteLabel(minute) {
  const today = new Date().toDateString() === new Date(minute).toDateString();
  return today ? formatClock(minute, false) : `${formatDay(minute)} ${formatClock(minute, false)}`;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  return p;
}

function show(panel, minute, content) {
  panel.hidden = false;
  panel.querySelector('.past-processes-title').textContent = `Top processes at ${minuteLabel(minute)}`;
  panel.querySelector('.past-processes-body').replaceChildren(content);
}

function showAnswer(panel, minute) {
  const { body } = answers.get(minute);
  show(panel, minute, hasProcesses(body) ? topLists(body) : note('Nothing was recorded for this minute'));
}

// Asks for the minute shown until it is known, then for the one pointed at meanwhile, if any.
async function askShown(panel) {
  asking = true;
  while (shownMinute !== null && !known(shownMinute)) {
    const minute = shownMinute;
    try {
      await fetchMinute(minute);
      if (shownMinute === minute) showAnswer(panel, minute);
    } catch (error) {
      if (shownMinute === minute) {
        shownMinute = null; // pointing there again asks again
        show(panel, minute, note(`Could not read what was running: ${error.message}`));
      }
    }
  }
  asking = false;
}

/** The pointer is at `ts` (ms since the epoch) on a chart. */
export function pointAt(ts) {
  const panel = document.getElementById('past-processes');
  if (!panel || !Number.isFinite(ts)) return;
  const minute = Math.floor(ts / MINUTE_MS) * MINUTE_MS;
  if (minute + MINUTE_MS > Date.now() || minute === shownMinute) return;
  shownMinute = minute;
  if (known(minute)) {
    showAnswer(panel, minute);
    return;
  }
  show(panel, minute, note('Reading…'));
  if (!asking) askShown(panel);
}
