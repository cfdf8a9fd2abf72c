// Pressure stall information (docs/metrics.md "Pressure"): how much of the time tasks waited for
// CPU, memory or I/O. A card of its own, placed after the load average, shown only while the
// server sends `pressure`: a kernel without PSI has no card rather than a table of zeros.
import { byId, el } from './dom.js';
import { formatPercent } from './format.js';

const RESOURCES = [
  { key: 'cpu', label: 'CPU' },
  { key: 'memory', label: 'Memory' },
  { key: 'io', label: 'I/O' },
];
const KINDS = ['some', 'full'];

// Share of the time between two samples spent stalled, from the kernel's counter: Δµs stalled /
// Δms × 1000 µs/ms, in percent. Unknown on the first sample, across a gap in totalUs, or when the
// counter went back (the kernel never does; a restarted server's first sample might).
export function stallRate(before, now, elapsedMs) {
  if (!before || !now || !(elapsedMs > 0)) return NaN;
  const stalledUs = now.totalUs - before.totalUs;
  if (!Number.isFinite(stalledUs) || stalledUs < 0) return NaN;
  return (100 * stalledUs) / (elapsedMs * 1000);
}

// In a narrow card the table keeps the 10 s averages, the figures PSI is read by; the 60 s
// averages and the rate of the last sample need a wider one.
const WIDE = 'num wide-only';

function headerRow() {
  const col = (textContent, className = 'num') => el('th', { scope: 'col', className, textContent });
  return el(
    'tr',
    {},
    col('Resource', ''),
    ...KINDS.flatMap((kind) => [col(`${kind} 10 s`), col(`${kind} 60 s`, WIDE), col(`${kind} now`, WIDE)]),
  );
}

class PressurePanel {
  constructor() {
    this.m_body = el('tbody');
    const title = el(
      'h2',
      { id: 'pressure-title', textContent: 'Pressure ' },
      el('span', { className: 'unit', textContent: '% of time stalled' }),
    );
    const table = el('table', { className: 'data-table', id: 'pressure-table' }, el('thead', {}, headerRow()), this.m_body);
    this.m_card = el(
      'section',
      { className: 'card', id: 'pressure-card', hidden: true, attrs: { 'aria-labelledby': 'pressure-title' } },
      el('header', { className: 'card-head' }, title),
      table,
    );
    byId('load-title').closest('section').after(this.m_card);
    this.m_previous = null;
  }

  render(sample) {
    const pressure = sample.pressure;
    this.m_card.hidden = !pressure;
    if (!pressure) {
      this.m_previous = null;
      return;
    }
    const before = this.m_previous;
    const elapsedMs = before ? sample.ts - before.ts : NaN;
    const cell = (value, className = 'num') => el('td', { className, textContent: formatPercent(value) });
    const rows = RESOURCES.filter(({ key }) => pressure[key]).map(({ key, label }) =>
      el(
        'tr',
        { attrs: { 'data-resource': key } },
        el('th', { scope: 'row', textContent: label }),
        ...KINDS.flatMap((kind) => {
          const stall = pressure[key][kind];
          // cpu has no full line before Linux 5.13: blank cells, not zeros.
          if (!stall) return [el('td'), el('td', { className: WIDE }), el('td', { className: WIDE })];
          const rate = stallRate(before?.pressure?.[key]?.[kind], stall, elapsedMs);
          return [cell(stall.avg10), cell(stall.avg60, WIDE), cell(rate, WIDE)];
        }),
      ),
    );
    this.m_body.replaceChildren(...rows);
    this.m_previous = { ts: sample.ts, pressure };
  }
}

let panel = null;

/** Shows the pressure of a sample; creates the card on first use. */
export function renderPressure(sample) {
  panel ??= new PressurePanel();
  panel.render(sample);
}
