// Temperatures of every sensor the server found, with the sensor's own high and critical levels.
import { el } from './dom.js';
import { formatCelsius } from './format.js';

// Above the sensor's own levels the reading is coloured like an alert would be.
function level(temp) {
  if (Number.isFinite(temp.critical) && temp.celsius >= temp.critical) return 'num level-critical';
  if (Number.isFinite(temp.high) && temp.celsius >= temp.high) return 'num level-warning';
  return 'num';
}

function row(temp) {
  const cell = (value, className = 'num') => el('td', { className, textContent: formatCelsius(value) });
  return el(
    'tr',
    {},
    el('th', { scope: 'row', textContent: temp.label }),
    cell(temp.celsius, level(temp)),
    cell(temp.high),
    cell(temp.critical),
  );
}

export class TempsPanel {
  /** A panel over a table's body, with `empty` shown instead of `table` when there are no sensors. */
  constructor(table, empty) {
    this.m_table = table;
    this.m_empty = empty;
  }

  /** Shows the temps of a sample. */
  render(temps) {
    this.m_table.hidden = temps.length === 0;
    this.m_empty.hidden = temps.length > 0;
    this.m_table.tBodies[0].replaceChildren(...temps.map(row));
  }
}
