// Fans, batteries and power sources, and the clock of each CPU (docs/metrics.md): a card of its
// own after the temperatures, with a table per kind the machine has. A machine with none of them
// (most virtual machines) has no card rather than empty tables.
import { byId, el } from './dom.js';
import { formatPercent, formatWattHours, formatWattNumber, formatWatts } from './format.js';

const UNKNOWN = '—';

/** A clock in MHz as people read it: "800 MHz" below 1 GHz, else "3.40 GHz"; "—" when unknown. */
export function formatClock(mhz) {
  if (!Number.isFinite(mhz)) return UNKNOWN;
  return mhz < 1000 ? `${Math.round(mhz)} MHz` : `${(mhz / 1000).toFixed(2)} GHz`;
}

/** A fan speed, whole revolutions per minute ("1205 rpm"). */
export function formatRpm(rpm) {
  return Number.isFinite(rpm) ? `${Math.round(rpm)} rpm` : UNKNOWN;
}

/**
 * What one power supply says, in words: a source "plugged in" / "unplugged"; a battery its
 * status, and the energy it holds of full when the driver says ("Discharging, 41.3 of 47.52 Wh").
 */
export function supplyState(supply) {
  if (supply.online === true) return 'plugged in';
  if (supply.online === false) return 'unplugged';
  const parts = [];
  if (supply.status) parts.push(supply.status);
  if (Number.isFinite(supply.energyWh) && Number.isFinite(supply.energyFullWh)) {
    parts.push(`${formatWattNumber(supply.energyWh)} of ${formatWattHours(supply.energyFullWh)}`);
  }
  return parts.length > 0 ? parts.join(', ') : UNKNOWN;
}

function table(id, columns) {
  const head = el(
    'tr',
    {},
    ...columns.map((text, i) => el('th', { scope: 'col', className: i === 0 ? '' : 'num', textContent: text })),
  );
  const body = el('tbody');
  const element = el('table', { className: 'data-table', id, hidden: true }, el('thead', {}, head), body);
  return { element, body };
}

function row(label, ...cells) {
  return el(
    'tr',
    {},
    el('th', { scope: 'row', textContent: label }),
    ...cells.map((text) => el('td', { className: 'num', textContent: text })),
  );
}

class DevicesPanel {
  constructor() {
    this.m_fans = table('fans-table', ['Fan', 'Speed']);
    this.m_power = table('power-table', ['Power supply', 'Charge', 'Power', 'State']);
    this.m_clocks = table('clocks-table', ['CPU', 'Clock']);
    this.m_card = el(
      'section',
      { className: 'card', id: 'devices-card', hidden: true, attrs: { 'aria-labelledby': 'devices-title' } },
      el('header', { className: 'card-head' }, el('h2', { id: 'devices-title', textContent: 'Fans, power and clocks' })),
      this.m_fans.element,
      this.m_power.element,
      this.m_clocks.element,
    );
    byId('temps-title').closest('section').after(this.m_card);
  }

  render(sample) {
    const fans = sample.fans ?? [];
    const power = sample.power ?? [];
    // A CPU without cpufreq is null: no row rather than a dash among real clocks.
    const clocks = (sample.cpu?.coreMhz ?? []).map((mhz, cpu) => [cpu, mhz]).filter(([, mhz]) => Number.isFinite(mhz));
    fill(this.m_fans, fans.map((fan) => row(fan.label, formatRpm(fan.rpm))));
    fill(
      this.m_power,
      power.map((supply) =>
        row(supply.name, formatPercent(supply.capacity), formatWatts(supply.watts), supplyState(supply)),
      ),
    );
    fill(this.m_clocks, clocks.map(([cpu, mhz]) => row(`CPU ${cpu}`, formatClock(mhz))));
    this.m_card.hidden = fans.length + power.length + clocks.length === 0;
  }
}

function fill(part, rows) {
  part.element.hidden = rows.length === 0;
  part.body.replaceChildren(...rows);
}

let panel = null;

/** Shows the fans, power supplies and CPU clocks of a sample; creates the card on first use. */
export function renderDevices(sample) {
  panel ??= new DevicesPanel();
  panel.render(sample);
}
