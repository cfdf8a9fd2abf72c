// Row actions for the process table: send TERM, INT, HUP, KILL, STOP or CONT, or renice, after a
// confirmation naming the process (docs/protocol.md `processAction`). Offered only to admins of a
// server whose owner set server/allowProcessControl=true (hello's role and settings say so); the
// server checks both again. Each request carries the process's start time so that a PID reused
// since the list was drawn is not touched. Rows that lack it (the top list of a sample) take it as
// the dialog opens, from one `processRequest` for that PID, as the desktop does. The answer shows
// in the dialog.
import { el } from './dom.js';

export const ACTIONS = [
  { label: 'Terminate', signal: 'TERM' },
  { label: 'Interrupt', signal: 'INT' },
  { label: 'Hang up', signal: 'HUP' },
  { label: 'Kill', signal: 'KILL' },
  { label: 'Stop', signal: 'STOP' },
  { label: 'Continue', signal: 'CONT' },
  { label: 'Renice…', renice: true },
];

/** The processAction request for `process` ({pid, startTime}) and `action` (one of ACTIONS). */
export function actionMessage(process, action, nice) {
  const base = { type: 'processAction', pid: process.pid, startTime: process.startTime };
  return action.renice
    ? { ...base, action: 'renice', nice }
    : { ...base, action: 'signal', signal: action.signal };
}

export class ProcessActions {
  /** Adds an action menu to each row of `table` (a ProcessTable) and follows `connection`. */
  constructor(table, connection) {
    Object.assign(this, { m_table: table, m_connection: connection, m_admin: false, m_allowed: false });
    this.m_pending = null; // the id of the request the dialog waits for
    this.m_lookup = null; // { id, resolve } while a processRequest of ours waits for its answer
    this.build();
    table.setRowActions((process) => (this.enabled() ? this.menu(process) : null));
    connection.addEventListener('message', (event) => this.receive(event.detail));
  }

  enabled() {
    return this.m_admin && this.m_allowed;
  }

  build() {
    this.m_choice = el(
      'select',
      { name: 'action', attrs: { 'aria-label': 'Action' } },
      ...ACTIONS.map((action, i) => el('option', { value: String(i), textContent: action.label })),
    );
    this.m_text = el('p', { className: 'process-action-text' });
    this.m_nice = el('input', { type: 'number', min: -20, max: 19, step: 1, value: 10, name: 'nice' });
    this.m_niceField = el('label', {}, 'Nice value (-20 to 19) ', this.m_nice);
    this.m_status = el('p', { className: 'process-action-status', attrs: { role: 'status' } });
    this.m_confirm = el('button', { type: 'button', textContent: 'Confirm', name: 'confirm' });
    const close = el('button', { type: 'button', textContent: 'Close' });
    this.m_dialog = el(
      'dialog',
      { className: 'process-action-dialog', attrs: { 'aria-label': 'Process action' } },
      this.m_choice,
      this.m_text,
      this.m_niceField,
      this.m_status,
      el('div', { className: 'dialog-buttons' }, this.m_confirm, close),
    );
    this.m_choice.addEventListener('change', () => this.describe());
    this.m_confirm.addEventListener('click', () => this.send());
    close.addEventListener('click', () => this.m_dialog.close());
    document.body.append(this.m_dialog);
  }

  // A button, not a menu in the row: rows are drawn again every sample, and an open menu in one
  // would close under the user's pointer. The choice is made in the dialog, which stays.
  menu(process) {
    const button = el('button', {
      type: 'button',
      className: 'process-actions',
      textContent: '⋯',
      attrs: { 'aria-label': `Actions for process ${process.pid}`, 'data-pid': process.pid },
    });
    button.addEventListener('click', () => this.ask(process));
    return button;
  }

  describe() {
    const action = ACTIONS[Number(this.m_choice.value)];
    const name = `${this.m_target.name} (PID ${this.m_target.pid})`;
    this.m_text.textContent = action.renice ? `Change the nice value of ${name}?` : `Send ${action.signal} to ${name}?`;
    this.m_niceField.hidden = !action.renice;
    // Another choice clears the last answer; a missing start time stays said.
    if (this.m_target.startTime !== null) this.m_status.textContent = '';
    this.m_pending = null;
  }

  async ask(process) {
    this.m_target = { ...process };
    this.m_choice.value = '0';
    this.m_status.textContent = '';
    this.describe();
    this.m_confirm.disabled = false;
    this.m_dialog.showModal();
    if (this.m_target.startTime != null) return;
    this.m_confirm.disabled = true;
    const target = this.m_target;
    const startTime = await this.startTimeOf(process.pid);
    if (this.m_target !== target) return; // the dialog moved on to another process meanwhile
    target.startTime = startTime;
    this.m_confirm.disabled = startTime == null;
    if (startTime == null)
      this.m_status.textContent = `The server lists no start time for PID ${process.pid}: it may be gone.`;
  }

  // The start time the server reads for pid now, or null when the process is gone.
  startTimeOf(pid) {
    this.m_lookup?.resolve(null);
    return new Promise((resolve) => {
      const id = this.m_connection.send({ type: 'processRequest', pid });
      this.m_lookup = id === null ? null : { id, resolve };
      if (id === null) resolve(null);
    });
  }

  send() {
    const action = ACTIONS[Number(this.m_choice.value)];
    const nice = Number(this.m_nice.value);
    this.m_pending = this.m_connection.send(actionMessage(this.m_target, action, nice));
    this.m_status.textContent = this.m_pending === null ? 'Not connected.' : 'Sending…';
  }

  receive(message) {
    if (message.type === 'hello') this.restart(message);
    else if (message.type === 'auth') this.setAccess(message.role === 'admin', null);
    else if (message.type === 'settings') this.setAccess(this.m_admin, message.settings);
    else if (message.id !== undefined && message.id === this.m_lookup?.id) this.answerLookup(message);
    else if (message.id === undefined || message.id !== this.m_pending) return;
    else if (message.type === 'processAction') this.m_status.textContent = 'Done.';
    else if (message.type === 'error') this.m_status.textContent = message.message;
  }

  answerLookup(message) {
    this.m_lookup.resolve(message.type === 'process' ? (message.process?.startTime ?? null) : null);
    this.m_lookup = null;
  }

  // A new connection: a lookup in flight will get no answer.
  restart(hello) {
    this.m_lookup?.resolve(null);
    this.m_lookup = null;
    this.setAccess(hello.role === 'admin', hello.settings);
  }

  setAccess(admin, settings) {
    const allowed = settings ? settings['server/allowProcessControl'] === true : this.m_allowed;
    if (admin === this.m_admin && allowed === this.m_allowed) return;
    [this.m_admin, this.m_allowed] = [admin, allowed];
    this.m_table.refresh();
  }
}
