// What was running at one moment: { cpu: [...], rss: [...] }, the top processes by CPU and by
// memory ({ pid, name, cpu, rss } each) as the server keeps them for every past minute and for
// every alert when it fired. Shown as two small tables side by side.
import { el } from './dom.js';
import { formatBytes, formatPercent } from './format.js';

const HEADINGS = [
  ['PID', 'num'],
  ['Name', ''],
  ['CPU %', 'num'],
  ['RSS', 'num'],
];

function row(process) {
  return el(
    'tr',
    {},
    el('td', { className: 'num', textContent: String(process.pid) }),
    el('td', { className: 'proc-name', textContent: process.name, title: process.name }),
    el('td', { className: 'num', textContent: formatPercent(process.cpu) }),
    el('td', { className: 'num', textContent: formatBytes(process.rss) }),
  );
}

function table(caption, processes) {
  return el(
    'table',
    { className: 'data-table top-list' },
    el('caption', { textContent: caption }),
    el(
      'thead',
      {},
      el('tr', {}, ...HEADINGS.map(([textContent, className]) => el('th', { scope: 'col', className, textContent }))),
    ),
    el('tbody', {}, ...processes.map(row)),
  );
}

/** Whether `top` names any process. */
export function hasProcesses(top) {
  return (top?.cpu?.length ?? 0) + (top?.rss?.length ?? 0) > 0;
}

/** The two tables "By CPU" and "By memory" of `top`. */
export function topLists(top) {
  return el('div', { className: 'top-lists' }, table('By CPU', top?.cpu ?? []), table('By memory', top?.rss ?? []));
}

// Which alerts' lists are open, by key: a row is built again at every alert event, and a list
// someone opened must stay open.
const openKeys = new Set();

/**
 * An alert's `top` as a collapsed "What was running" disclosure, or null when the alert has
 * none (an event from before Vantage recorded it). `key` keeps it open across re-renders.
 */
export function whatWasRunning(top, key) {
  if (!hasProcesses(top)) return null;
  const details = el(
    'details',
    { className: 'what-was-running', open: openKeys.has(key) },
    el('summary', { textContent: 'What was running' }),
    topLists(top),
  );
  details.addEventListener('toggle', () => (details.open ? openKeys.add(key) : openKeys.delete(key)));
  return details;
}
