// Levels per unit in the settings dialog (docs/settings.md "Levels per unit"): the services and
// containers that have their own Service CPU or Service memory levels, each row editable by an
// admin, plus a form to add one, chosen from the units the machine reports now or typed. Keys are
// thresholds/<rule>/<unit>/<field>, the unit encoded as the server spells it; a row is removed by
// setting its prefix to null. The server checks every change as it checks any setting, and its
// `error` is shown under the list. A viewer sees the list read-only.
import { el } from './dom.js';
import { RULE_FIELDS, ruleOf } from './rules.js';

export const UNIT_RULES = ['cgroup', 'cgroupMemory'];
const SAVED_MESSAGE_MS = 3000;
const KEPT = /^[A-Za-z0-9_.@-]$/;

/** The unit as its keys spell it: A-Z a-z 0-9 _ . @ - as they are, other UTF-8 bytes %XX. */
export function encodeUnit(unit) {
  let out = '';
  for (const byte of new TextEncoder().encode(unit)) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && KEPT.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unitPrefix(rule, unit) {
  return `thresholds/${rule}/${encodeUnit(unit)}/`;
}

/** Every {rule, unit} with levels of its own in `settings`, by unit then rule. */
export function unitsWithLevels(settings) {
  const found = [];
  for (const key of Object.keys(settings)) {
    const match = /^thresholds\/(cgroup|cgroupMemory)\/([^/]+)\/enabled$/.exec(key);
    if (!match) continue;
    try {
      found.push({ rule: match[1], unit: decodeURIComponent(match[2]) });
    } catch {
      // not a spelling the server writes
    }
  }
  return found.sort((a, b) => a.unit.localeCompare(b.unit) || a.rule.localeCompare(b.rule));
}

export class UnitRulesPanel {
  /** Builds its section after `anchor`; `send(message)` returns the request id or null. */
  constructor(anchor, send) {
    this.m_send = send;
    this.m_admin = false;
    this.m_values = {};
    this.m_pending = new Map(); // request id → what it was, for the status line
    this.build();
    anchor.after(this.m_root);
  }

  build() {
    this.m_rows = el('tbody');
    const heads = ['Unit', 'Rule', ...RULE_FIELDS.map((f) => f.label), 'Watched', ''];
    this.m_table = el(
      'table',
      { className: 'data-table settings-table unit-rules-table' },
      el('thead', {}, el('tr', {}, ...heads.map((t) => el('th', { scope: 'col', textContent: t })))),
      this.m_rows,
    );
    this.m_empty = el('p', { className: 'muted', textContent: 'No unit has levels of its own.' });
    this.m_unitInput = el('input', {
      type: 'text',
      name: 'unit',
      required: true,
      spellcheck: false,
      placeholder: 'Unit or container, such as nginx.service',
      attrs: { list: 'unit-rules-known', 'aria-label': 'Unit or container' },
    });
    this.m_known = el('datalist', { id: 'unit-rules-known' });
    this.m_ruleSelect = el(
      'select',
      { name: 'rule', attrs: { 'aria-label': 'Rule' } },
      ...UNIT_RULES.map((rule) => el('option', { value: rule, textContent: ruleOf(rule).label })),
    );
    this.m_addForm = el(
      'form',
      { className: 'auth-form unit-rules-add' },
      this.m_unitInput,
      this.m_known,
      this.m_ruleSelect,
      el('button', { type: 'submit', className: 'button', textContent: 'Add' }),
    );
    this.m_addForm.addEventListener('submit', (event) => this.add(event));
    this.m_unitInput.addEventListener('focus', () => this.loadKnownUnits());
    this.m_status = el('p', { className: 'form-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.m_root = el(
      'section',
      { className: 'unit-rules', attrs: { 'aria-label': 'Levels per unit' } },
      el('h3', { textContent: 'Levels per unit' }),
      el('p', {
        className: 'muted',
        textContent:
          'A service or container may have its own Service CPU or Service memory levels; a level left as it is follows the shared one above, and Watched off leaves the unit alone.',
      }),
      el('div', { className: 'table-scroll' }, this.m_table),
      this.m_empty,
      this.m_addForm,
      this.m_status,
    );
  }

  setRole(admin) {
    this.m_admin = admin;
    this.m_addForm.hidden = !admin;
    this.render();
  }

  apply(settings) {
    this.m_values = settings;
    this.render();
  }

  // Rows are rebuilt from the server's values, except while one of their fields is being edited.
  render() {
    const focused = document.activeElement;
    if (focused?.tagName === 'INPUT' && this.m_rows.contains(focused)) return;
    const entries = unitsWithLevels(this.m_values);
    this.m_rows.replaceChildren(...entries.map((entry) => this.row(entry)));
    this.m_table.hidden = entries.length === 0;
    this.m_empty.hidden = entries.length > 0;
  }

  row({ rule, unit }) {
    const prefix = unitPrefix(rule, unit);
    const label = ruleOf(rule);
    const inputs = RULE_FIELDS.map((field) =>
      el('input', {
        type: 'number',
        name: prefix + field.key,
        step: field.key === 'for' ? '1' : 'any',
        inputMode: 'decimal',
        readOnly: !this.m_admin,
        value: String(this.m_values[prefix + field.key] ?? ''),
        attrs: { 'aria-label': `${unit} ${label.label} ${field.label.toLowerCase()}` },
      }),
    );
    const watched = el('input', {
      type: 'checkbox',
      name: `${prefix}enabled`,
      checked: this.m_values[`${prefix}enabled`] !== false,
      disabled: !this.m_admin,
      attrs: { 'aria-label': `${unit} ${label.label} watched` },
    });
    const actions = el('td', {});
    if (this.m_admin) {
      const save = el('button', { type: 'button', className: 'button', textContent: 'Save' });
      save.addEventListener('click', () => this.save(prefix, inputs, watched, unit));
      const remove = el('button', { type: 'button', className: 'button', textContent: 'Remove' });
      remove.addEventListener('click', () => this.request({ [prefix]: null }, `${unit} follows the shared levels`));
      actions.append(save, remove);
    }
    return el(
      'tr',
      { attrs: { 'data-unit': unit, 'data-rule': rule } },
      el('th', { scope: 'row', textContent: unit }),
      el('td', {}, label.label, el('span', { className: 'muted unit', textContent: ` ${label.unit}` })),
      ...inputs.map((input, i) => el('td', { attrs: { 'data-label': RULE_FIELDS[i].label } }, input)),
      el('td', {}, watched),
      actions,
    );
  }

  save(prefix, inputs, watched, unit) {
    const changes = {};
    for (const input of inputs) {
      const value = input.valueAsNumber;
      if (Number.isNaN(value)) {
        this.showStatus(`${input.getAttribute('aria-label')}: enter a number`, 'error');
        input.focus();
        return;
      }
      if (value !== this.m_values[input.name]) changes[input.name] = value;
    }
    if (watched.checked !== (this.m_values[watched.name] !== false)) changes[watched.name] = watched.checked;
    if (Object.keys(changes).length === 0) this.showStatus('Nothing changed', 'ok', SAVED_MESSAGE_MS);
    else this.request(changes, `${unit} saved`);
  }

  add(event) {
    event.preventDefault();
    const unit = this.m_unitInput.value.trim();
    if (!unit) return;
    const rule = this.m_ruleSelect.value;
    this.request({ [`${unitPrefix(rule, unit)}enabled`]: true }, `${unit} added`);
    this.m_unitInput.value = '';
  }

  request(changes, done) {
    const id = this.m_send({ type: 'setSettings', settings: changes });
    if (id === null) {
      this.showStatus('Not connected: try again when the status says Live', 'error');
      return;
    }
    this.m_pending.set(id, done);
    this.showStatus('Saving\u2026', 'pending');
  }

  /** Whether an `error` or `result` answers one of this panel's requests; if so it is shown. */
  handleAnswer(message, failed) {
    if (!this.m_pending.has(message.id)) return false;
    const done = this.m_pending.get(message.id);
    this.m_pending.delete(message.id);
    if (failed) this.showStatus(message.message, 'error');
    else this.showStatus(done, 'ok', SAVED_MESSAGE_MS);
    return true;
  }

  // The units the machine reports now, for the Add field's suggestions; slices are left out as
  // the rules leave them out.
  async loadKnownUnits() {
    try {
      const response = await fetch('api/v1/snapshot', { cache: 'no-store' });
      if (!response.ok) return;
      const snapshot = await response.json();
      const names = [...new Set((snapshot.cgroups ?? []).filter((c) => c.kind !== 'slice').map((c) => c.name))];
      names.sort((a, b) => a.localeCompare(b));
      this.m_known.replaceChildren(...names.map((name) => el('option', { value: name })));
    } catch {
      // typing a name still works
    }
  }

  showStatus(text, kind, clearAfterMs = 0) {
    clearTimeout(this.m_statusTimer);
    this.m_status.textContent = text;
    this.m_status.dataset.kind = kind;
    if (clearAfterMs) this.m_statusTimer = setTimeout(() => (this.m_status.textContent = ''), clearAfterMs);
  }
}
