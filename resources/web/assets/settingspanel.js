// The settings dialog: the interval and the four levels of every alert rule. An admin edits and
// saves them with one `setSettings` carrying only the changed keys; the server validates the
// change as a whole and its `error` is shown beside the form. A viewer sees the same values
// read-only, and, when the server has a token, a field to send it with `auth`.
import { el } from './dom.js';
import { RULES, RULE_FIELDS, thresholdKey } from './rules.js';
import { UnitRulesPanel } from './unitrules.js';

const SAVED_MESSAGE_MS = 3000;

function explanation(admin, tokenSet) {
  if (admin)
    return 'You are an admin: a change applies at once, for every client, and is saved in the server\u2019s settings file.';
  if (tokenSet) return 'Read-only: you are a viewer. Enter the server\u2019s token to change settings.';
  return 'Read-only: this server has no token, so settings change only on the machine itself (the desktop window or the settings file).';
}

function numberInput(key, label, step) {
  return el('input', {
    type: 'number',
    name: key,
    step,
    inputMode: 'decimal',
    attrs: { 'aria-label': label },
  });
}

function ruleRow(rule) {
  const cells = RULE_FIELDS.map((field) => {
    const step = field.key === 'for' ? '1' : 'any';
    return el(
      'td',
      { attrs: { 'data-label': field.label } },
      numberInput(thresholdKey(rule.key, field.key), `${rule.label} ${field.label.toLowerCase()}`, step),
    );
  });
  return el(
    'tr',
    {},
    el(
      'th',
      { scope: 'row' },
      rule.label,
      el('span', { className: 'muted unit', textContent: ` ${rule.unit}` }),
    ),
    ...cells,
  );
}

export class SettingsPanel {
  /**
   * The dialog's elements come from index.html; `send(message)` sends over the WebSocket and
   * returns the request id it used (null when not connected); `authenticate(token)` sends `auth`
   * and returns its id likewise.
   */
  constructor(elements, { send, authenticate }) {
    this.m_ui = elements;
    this.m_send = send;
    this.m_authenticate = authenticate;
    this.m_values = {};
    this.m_admin = false;
    this.m_pendingId = null;
    this.m_pendingChanges = {};
    this.m_authId = null;
    this.m_statusTimer = null;
    elements.rules.replaceChildren(...RULES.map(ruleRow));
    this.m_inputs = [...elements.form.querySelectorAll('input[name]')];
    this.m_units = new UnitRulesPanel(elements.form, send);
    this.connectEvents();
  }

  connectEvents() {
    const ui = this.m_ui;
    ui.open.addEventListener('click', () => ui.dialog.showModal());
    ui.close.addEventListener('click', () => ui.dialog.close());
    ui.form.addEventListener('submit', (event) => this.save(event));
    ui.authForm.addEventListener('submit', (event) => this.signIn(event));
    for (const input of this.m_inputs) input.addEventListener('input', () => input.classList.add('dirty'));
  }

  /** Shows what the user may do: `role` is admin or viewer, `tokenSet` from hello. */
  setRole(role, tokenSet) {
    this.m_admin = role === 'admin';
    this.m_ui.explanation.textContent = explanation(this.m_admin, tokenSet);
    this.m_ui.authForm.hidden = this.m_admin || !tokenSet;
    this.m_ui.save.hidden = !this.m_admin;
    for (const input of this.m_inputs) input.readOnly = !this.m_admin;
    this.m_units.setRole(this.m_admin);
  }

  /** Shows the server's settings (from hello or a `settings` message); fields being edited stay. */
  apply(settings) {
    this.m_values = { ...settings };
    for (const input of this.m_inputs) {
      if (!input.classList.contains('dirty') && input.name in settings)
        input.value = String(settings[input.name]);
    }
    this.m_units.apply(settings);
  }

  /** Whether an `error` message answers this panel's save or sign-in; if so it is shown. */
  handleError(error) {
    if (error.id === undefined || error.id === null) return false;
    if (this.m_units.handleAnswer(error, true)) return true;
    if (error.id === this.m_authId) {
      this.m_authId = null;
      this.m_ui.authStatus.textContent = error.message;
      return true;
    }
    if (error.id !== this.m_pendingId) return false;
    this.m_pendingId = null;
    this.showStatus(error.message, 'error');
    return true;
  }

  /** Handles the `result` of a save: the change is now the server's (its `settings` may follow). */
  handleResult(result) {
    if (this.m_units.handleAnswer(result, false)) return;
    if (result.id !== this.m_pendingId) return;
    this.m_pendingId = null;
    for (const input of this.m_inputs) input.classList.remove('dirty');
    this.apply({ ...this.m_values, ...this.m_pendingChanges });
    this.showStatus('Saved', 'ok', SAVED_MESSAGE_MS);
  }

  save(event) {
    event.preventDefault();
    if (!this.m_admin) return;
    const changes = this.changes();
    if (changes === null) return;
    if (Object.keys(changes).length === 0) {
      this.showStatus('Nothing changed', 'ok', SAVED_MESSAGE_MS);
      return;
    }
    this.m_pendingChanges = changes;
    this.m_pendingId = this.m_send({ type: 'setSettings', settings: changes });
    if (this.m_pendingId === null)
      this.showStatus('Not connected: try again when the status says Live', 'error');
    else this.showStatus('Saving\u2026', 'pending');
  }

  // The edited keys whose value differs from the server's, or null (and a message) when a field
  // is not a number: the server checks ranges, the page only that it sends numbers.
  changes() {
    const changes = {};
    for (const input of this.m_inputs) {
      const value = input.valueAsNumber;
      if (Number.isNaN(value)) {
        this.showStatus(`${input.getAttribute('aria-label') ?? input.name}: enter a number`, 'error');
        input.focus();
        return null;
      }
      if (value !== this.m_values[input.name]) changes[input.name] = value;
    }
    return changes;
  }

  /** Says that the token from the page's address was refused, so this page is a viewer. */
  tokenRefused() {
    this.m_ui.authStatus.textContent = 'The token in the page address was refused.';
  }

  signIn(event) {
    event.preventDefault();
    const token = this.m_ui.token.value.trim();
    this.m_ui.authStatus.textContent = token ? '' : 'Enter the token first';
    if (token) this.m_authId = this.m_authenticate(token);
  }

  showStatus(text, kind, clearAfterMs = 0) {
    clearTimeout(this.m_statusTimer);
    this.m_ui.status.textContent = text;
    this.m_ui.status.dataset.kind = kind;
    if (clearAfterMs)
      this.m_statusTimer = setTimeout(() => (this.m_ui.status.textContent = ''), clearAfterMs);
  }
}
