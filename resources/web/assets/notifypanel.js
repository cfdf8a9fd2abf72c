// The notification channels in the settings dialog, for admins only (the server answers the
// notify* messages to admins alone): each channel with its last delivery, Send test with the
// result in its row, add, edit and remove. Edits go through setSettings (keys notify/<name>/…),
// so the server checks them as it checks any setting. Secrets (url, secret, token, headers)
// never come back from the server: the form says "set" or "not set" and offers Replace. Command
// channels run a program, so the page lists them but never creates, edits, tests or removes one.
import { el } from './dom.js';
import { formatClock } from './format.js';

const WEB_TYPES = ['webhook', 'ntfy', 'alertmanager'];
const SECRETS = [
  { field: 'url', label: 'URL', placeholder: 'https://…' },
  { field: 'secret', label: 'Signing secret', placeholder: 'HMAC key (webhook)' },
  { field: 'token', label: 'Bearer token', placeholder: 'access token' },
  { field: 'headers', label: 'Extra headers', placeholder: 'Name: value; Other: value' },
];
const NAME_PATTERN = '[A-Za-z0-9_\\-]{1,32}';
const SAVED_MESSAGE_MS = 3000;

/** A delivery ({ts, result, error, test}) in a few words: "14:05:30 delivered (test)". */
export function describeDelivery(delivery) {
  if (!delivery) return 'never';
  const what = delivery.result === 'delivered' ? 'delivered' : `failed: ${delivery.error}`;
  return `${formatClock(delivery.ts)} ${what}${delivery.test ? ' (test)' : ''}`;
}

function field(label, control) {
  return el('label', { className: 'notify-field' }, el('span', { textContent: label }), control);
}

function select(name, options) {
  return el('select', { name }, ...options.map((value) => el('option', { value, textContent: value })));
}

export class NotifyPanel {
  /** Fills `root` (a section of the settings dialog) and follows `connection`'s messages. */
  constructor(root, connection) {
    Object.assign(this, { m_root: root, m_connection: connection, m_admin: false, m_listId: null });
    this.m_channels = [];
    this.m_tests = new Map(); // request id → channel name
    this.m_testResults = new Map(); // channel name → { text, kind } of its last Send test
    this.m_saveId = null;
    this.m_removeId = null;
    this.m_editing = null; // the channel being edited, or {} for a new one
    this.build();
    connection.addEventListener('message', (event) => this.receive(event.detail));
  }

  build() {
    this.m_rows = el('tbody');
    this.m_table = el(
      'table',
      { className: 'data-table notify-table' },
      el(
        'thead',
        {},
        el('tr', {}, ...['Channel', 'Type', 'Last delivery', ''].map((t) => el('th', { scope: 'col', textContent: t }))),
      ),
      this.m_rows,
    );
    this.m_empty = el('p', { className: 'empty', textContent: 'No notification channels yet' });
    this.m_status = el('p', { className: 'form-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    const add = el('button', { type: 'button', className: 'button', textContent: 'Add channel' });
    add.addEventListener('click', () => this.edit({}));
    this.m_form = this.buildForm();
    this.m_root.replaceChildren(
      el('h3', { textContent: 'Notifications' }),
      el('p', {
        className: 'muted',
        textContent: 'Where alerts are sent when nobody is looking. Command channels are set on the machine itself.',
      }),
      this.m_table,
      this.m_empty,
      this.m_form,
      el('div', { className: 'dialog-actions' }, this.m_status, add),
    );
    this.m_root.hidden = true;
  }

  buildForm() {
    const form = el('form', { className: 'notify-editor', noValidate: true, hidden: true });
    this.m_secrets = new Map();
    const secretFields = SECRETS.map((secret) => this.secretField(secret));
    const checkbox = (name) => el('input', { type: 'checkbox', name });
    form.append(
      el('h4', { className: 'notify-editor-title' }),
      field('Name', el('input', { name: 'name', required: true, pattern: NAME_PATTERN, spellcheck: false })),
      field('Type', select('type', WEB_TYPES)),
      ...secretFields,
      field('Least severity', select('minSeverity', ['warning', 'critical'])),
      field('Rules', el('input', { name: 'rules', placeholder: 'all, or cpu,disk,…', spellcheck: false })),
      field('Remind every (min, 0 = never)', el('input', { type: 'number', name: 'repeat', min: 0, step: 1 })),
      el(
        'div',
        { className: 'notify-switches' },
        field('Enabled', checkbox('enabled')),
        field('Send resolved', checkbox('resolved')),
        field('Accept any certificate', checkbox('insecure')),
      ),
    );
    const save = el('button', { type: 'submit', className: 'button primary', textContent: 'Save channel' });
    const cancel = el('button', { type: 'button', className: 'button', textContent: 'Cancel' });
    cancel.addEventListener('click', () => this.closeEditor());
    form.append(el('div', { className: 'dialog-actions' }, cancel, save));
    form.addEventListener('submit', (event) => this.save(event));
    return form;
  }

  // A secret shows whether it is set; Replace opens an input for a new value (empty clears it).
  secretField({ field: name, label, placeholder }) {
    const input = el('input', { name, placeholder, autocomplete: 'off', spellcheck: false });
    const state = el('span', { className: 'notify-secret-state' });
    const replace = el('button', { type: 'button', className: 'button small', textContent: 'Replace' });
    replace.addEventListener('click', () => this.openSecret(name, true));
    this.m_secrets.set(name, { input, state, replace });
    return field(label, el('span', { className: 'notify-secret' }, state, replace, input));
  }

  openSecret(name, open) {
    const { input, state, replace } = this.m_secrets.get(name);
    input.hidden = !open;
    input.value = '';
    replace.hidden = open;
    state.hidden = open;
    if (open && this.m_editing?.name) input.focus();
  }

  receive(message) {
    const handler = {
      hello: () => this.setAdmin(message.role === 'admin'),
      auth: () => this.setAdmin(message.role === 'admin'),
      settings: () => this.request(),
      notifyDelivery: () => this.request(),
      notifyChannels: () => message.id === this.m_listId && this.show(message.channels),
      notifyTest: () => this.testEnded(message),
      result: () => this.succeeded(message.id),
      error: () => this.failed(message),
    }[message.type];
    handler?.();
  }

  setAdmin(admin) {
    this.m_admin = admin;
    this.m_root.hidden = !admin;
    this.request();
  }

  request() {
    if (this.m_admin) this.m_listId = this.m_connection.send({ type: 'notifyChannels' });
  }

  show(channels) {
    this.m_channels = channels;
    this.m_empty.hidden = channels.length > 0;
    this.m_table.hidden = channels.length === 0;
    this.m_rows.replaceChildren(...channels.map((channel) => this.row(channel)));
  }

  row(channel) {
    const last = el('td', { className: 'notify-last' }, describeDelivery(channel.last));
    if (channel.last && channel.last.result !== 'delivered') last.dataset.kind = 'error';
    if (channel.problem) last.append(el('span', { className: 'notify-problem', textContent: channel.problem }));
    const type = `${channel.type || '—'}${channel.enabled ? '' : ' (off)'}`;
    return el(
      'tr',
      { attrs: { 'data-channel': channel.name } },
      el('th', { scope: 'row', textContent: channel.name }),
      el('td', { textContent: type }),
      last,
      el('td', { className: 'notify-actions' }, ...this.actions(channel)),
    );
  }

  actions(channel) {
    if (channel.type === 'command') return [el('span', { className: 'muted', textContent: 'set on the machine' })];
    const button = (text, action) => {
      const element = el('button', { type: 'button', className: 'button small', textContent: text });
      element.addEventListener('click', action);
      return element;
    };
    const result = el('span', { className: 'notify-test-result', attrs: { role: 'status' } });
    const shown = this.m_testResults.get(channel.name);
    if (shown) Object.assign(result, { textContent: shown.text }).dataset.kind = shown.kind;
    // A desktop channel shows on the machine's own screen: tested and removed from here, edited
    // there, as the form has no fields of its own for it.
    const editable = WEB_TYPES.includes(channel.type);
    return [
      button('Send test', () => this.test(channel.name, result)),
      editable ? button('Edit', () => this.edit(channel)) : null,
      button('Remove', () => this.remove(channel.name)),
      result,
    ].filter((element) => element !== null);
  }

  test(name, result) {
    const id = this.m_connection.send({ type: 'notifyTest', channel: name });
    if (id === null) return;
    this.m_tests.set(id, name);
    this.m_testResults.set(name, { text: 'Sending…', kind: 'pending' });
    Object.assign(result, { textContent: 'Sending…' }).dataset.kind = 'pending';
  }

  testEnded(message) {
    const name = this.m_tests.get(message.id);
    if (name === undefined) return;
    this.m_tests.delete(message.id);
    const { delivery } = message;
    this.showTestResult(name, delivery.result === 'delivered' ? 'delivered' : `failed: ${delivery.error}`, delivery.result);
  }

  // The list is drawn again after each delivery: the result is kept for the channel's next row.
  showTestResult(name, text, result) {
    const shown = { text, kind: result === 'delivered' ? 'ok' : 'error' };
    this.m_testResults.set(name, shown);
    const element = this.m_rows.querySelector(`tr[data-channel="${CSS.escape(name)}"] .notify-test-result`);
    if (element) Object.assign(element, { textContent: text }).dataset.kind = shown.kind;
  }

  edit(channel) {
    this.m_editing = channel;
    const form = this.m_form;
    const isNew = !channel.name;
    form.querySelector('.notify-editor-title').textContent = isNew ? 'New channel' : `Channel ${channel.name}`;
    form.elements.name.value = channel.name ?? '';
    form.elements.name.readOnly = !isNew;
    form.elements.type.value = channel.type || 'webhook';
    form.elements.minSeverity.value = channel.minSeverity ?? 'warning';
    form.elements.rules.value = channel.rules ?? 'all';
    form.elements.repeat.value = String(channel.repeat ?? 0);
    form.elements.enabled.checked = channel.enabled ?? true;
    form.elements.resolved.checked = channel.resolved ?? true;
    form.elements.insecure.checked = channel.insecure ?? false;
    for (const [name, { state }] of this.m_secrets) {
      state.textContent = channel[name] ? 'set' : 'not set';
      this.openSecret(name, isNew || !channel[name]);
    }
    form.hidden = false;
    (isNew ? form.elements.name : form.elements.type).focus();
  }

  closeEditor() {
    this.m_editing = null;
    this.m_form.hidden = true;
  }

  // The keys that differ from the channel as the server has it; secrets only where Replace is open.
  changes() {
    const form = this.m_form.elements;
    const channel = this.m_editing;
    const name = form.name.value.trim();
    const values = {
      type: form.type.value,
      minSeverity: form.minSeverity.value,
      rules: form.rules.value.trim() || 'all',
      repeat: Number(form.repeat.value),
      enabled: form.enabled.checked,
      resolved: form.resolved.checked,
      insecure: form.insecure.checked,
    };
    for (const [field, { input }] of this.m_secrets) {
      if (!input.hidden && (input.value !== '' || channel[field])) values[field] = input.value.trim();
    }
    const changes = {};
    for (const [key, value] of Object.entries(values)) {
      if (!channel.name || channel[key] !== value) changes[`notify/${name}/${key}`] = value;
    }
    return changes;
  }

  save(event) {
    event.preventDefault();
    const name = this.m_form.elements.name;
    if (!name.checkValidity()) {
      this.showStatus('Name: 1 to 32 letters, digits, - or _', 'error');
      name.focus();
      return;
    }
    if (!this.m_editing.name && this.m_channels.some((channel) => channel.name === name.value.trim())) {
      this.showStatus(`A channel "${name.value.trim()}" exists already: edit it instead`, 'error');
      return;
    }
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      this.closeEditor();
      return;
    }
    this.m_saveId = this.m_connection.send({ type: 'setSettings', settings: changes });
    this.showStatus(this.m_saveId === null ? 'Not connected' : 'Saving…', this.m_saveId === null ? 'error' : 'pending');
  }

  remove(name) {
    if (!window.confirm(`Remove the notification channel "${name}"? Its undelivered events go with it.`)) return;
    this.m_removeId = this.m_connection.send({ type: 'notifyRemove', channel: name });
  }

  succeeded(id) {
    if (id === null || id === undefined) return;
    if (id === this.m_saveId) {
      this.m_saveId = null;
      this.closeEditor();
      this.showStatus('Channel saved', 'ok', SAVED_MESSAGE_MS);
    } else if (id === this.m_removeId) {
      this.m_removeId = null;
      this.showStatus('Channel removed', 'ok', SAVED_MESSAGE_MS);
    }
  }

  failed(error) {
    const name = this.m_tests.get(error.id);
    if (name !== undefined) {
      this.m_tests.delete(error.id);
      this.showTestResult(name, error.message, 'error');
    } else if (error.id !== undefined && (error.id === this.m_saveId || error.id === this.m_removeId)) {
      this.m_saveId = this.m_removeId = null;
      this.showStatus(error.message, 'error');
    }
  }

  showStatus(text, kind, clearAfterMs = 0) {
    clearTimeout(this.m_statusTimer);
    this.m_status.textContent = text;
    this.m_status.dataset.kind = kind;
    if (clearAfterMs) this.m_statusTimer = setTimeout(() => (this.m_status.textContent = ''), clearAfterMs);
  }
}
