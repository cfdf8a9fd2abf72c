// Row actions for the process table: send TERM, INT, HUP, KILL, STOP or CONT, or renice, after a
// confirmation naming the process (docs/protocol.md `processAction`). Offered only to admins of a
// server whose owner set server/allowProcessControl=true (hello's role and settings say so); the
// server checks both again. Each request carries the process's start time so that a PID reused
// since the list was drawn is not touched: rows that lack it (the top list of a sample) take it
// from /api/v1/processes when the dialog opens. The answer shows in the dialog.
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

/** The start time of `pid` in a /api/v1/processes answer, or null when it is not there. */
export function startTimeIn(answer, pid) {
  return answer?.processes?.find((p) => p.pid === pid)?.startTime ?? null;
}

export class ProcessActions {
  /** Adds an action menu to each row of `table` (a ProcessTable) and follows `connection`. */
  constructor(table, connection) {
    Object.assign(this, { m_table: table, m_connection: connection, m_admin: false, m_allowed: false });
    this.m_pending = null; // the id of the request the dialog waits for
    this.build();
    table.setRowActions((process) => (this.enabled() ? this.menu(process) : null));
    connection.addEventListener('message', (event) => this.receive(event.detail));
  }

  enabled() {
    return this.m_admin && this.m_allowed;
  }

  build() {
    this.m_text = el('p', { className: 'process-action-text' });
    this.m_nice = el('input', { type: 'number', min: -20, max: 19, step: 1, value: 10, name: 'nice' });
    this.m_niceField = el('label', {}, 'Nice value (-20 to 19) ', this.m_nice);
    this.m_status = el('p', { className: 'process-action-status', attrs: { role: 'status' } });
    this.m_confirm = el('button', { type: 'button', textContent: 'Confirm' });
    const cancel = el('button', { type: 'button', textContent: 'Close' });
    this.m_dialog = el(
      'dialog',
      { className: 'process-action-dialog', attrs: { 'aria-label': 'Process action' } },
      this.m_text,
      this.m_niceField,
      this.m_status,
      el('div', { className: 'dialog-buttons' }, this.m_confirm, cancel),
    );
    this.m_confirm.addEventListener('click', () => this.send());
    cancel.addEventListener('click', () => this.m_dialog.close());
    document.body.append(this.m_dialog);
  }

  menu(process) {
    const select = el(
      'select',
      { className: 'process-actions', attrs: { 'aria-label': `Actions for process ${process.pid}` } },
      el('option', { value: '', textContent: '⋯' }),
      ...ACTIONS.map((action, i) => el('option', { value: String(i), textContent: action.label })),
    );
    select.addEventListener('change', () => {
      if (select.value !== '') this.ask(process, ACTIONS[Number(select.value)]);
      select.value = '';
    });
    return select;
  }

  async ask(process, action) {
    this.m_target = { ...process };
    this.m_action = action;
    this.m_pending = null;
    const name = `${process.name} (PID ${process.pid})`;
    this.m_text.textContent = action.renice ? `Change the nice value of ${name}?` : `Send ${action.signal} to ${name}?`;
    this.m_niceField.hidden = !action.renice;
    this.m_status.textContent = '';
    this.m_confirm.disabled = false;
    this.m_dialog.showModal();
    if (this.m_target.startTime != null) return;
    this.m_confirm.disabled = true;
    try {
      const response = await fetch('api/v1/processes', { cache: 'no-store' });
      this.m_target.startTime = startTimeIn(await response.json(), process.pid);
    } catch {
      this.m_target.startTime = null;
    }
    this.m_confirm.disabled = this.m_target.startTime == null;
    if (this.m_target.startTime == null)
      this.m_status.textContent = `The server's process list gives no start time for PID ${process.pid}: it may be gone.`;
  }

  send() {
    const nice = Number(this.m_nice.value);
    this.m_pending = this.m_connection.send(actionMessage(this.m_target, this.m_action, nice));
    this.m_status.textContent = this.m_pending === null ? 'Not connected.' : 'Sending…';
    this.m_confirm.disabled = this.m_pending !== null;
  }

  receive(message) {
    if (message.type === 'hello') this.setAccess(message.role === 'admin', message.settings);
    else if (message.type === 'auth') this.setAccess(message.role === 'admin', null);
    else if (message.type === 'settings') this.setAccess(this.m_admin, message.settings);
    else if (message.id === undefined || message.id !== this.m_pending) return;
    else if (message.type === 'processAction') this.m_status.textContent = 'Done.';
    else if (message.type === 'error') this.m_status.textContent = message.message;
  }

  setAccess(admin, settings) {
    const allowed = settings ? settings['server/allowProcessControl'] === true : this.m_allowed;
    if (admin === this.m_admin && allowed === this.m_allowed) return;
    [this.m_admin, this.m_allowed] = [admin, allowed];
    this.m_table.refresh();
  }
}
