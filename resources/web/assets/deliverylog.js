// The delivery log in the Alerts card, for admins (the server sends notifyLog to admins only):
// the last 200 deliveries to the notification channels, newest first, each with its time,
// channel, result, the alerts it carried and why it failed. Filled with notifyLog when the page
// becomes an admin, then kept current by the notifyDelivery the server pushes.
import { el } from './dom.js';
import { formatClock } from './format.js';

export const MAX_DELIVERIES = 200;

function entry(delivery) {
  const ok = delivery.result === 'delivered';
  const what = delivery.test ? 'test event' : delivery.alerts.join(', ') || 'Alertmanager refresh';
  return el(
    'li',
    { attrs: { 'data-result': delivery.result } },
    el('time', { dateTime: new Date(delivery.ts).toISOString(), textContent: formatClock(delivery.ts) }),
    el('span', { className: 'delivery-channel', textContent: delivery.channel }),
    el('span', { className: `badge ${ok ? 'badge-ok' : 'badge-critical'}`, textContent: ok ? 'delivered' : 'failed' }),
    el('span', { className: 'event-message', textContent: ok ? what : `${what}: ${delivery.error}` }),
  );
}

export class DeliveryLog {
  /** `elements`: details, count (in its summary) and list; follows `connection`'s messages. */
  constructor(elements, connection) {
    Object.assign(this, { m_ui: elements, m_connection: connection, m_admin: false, m_askId: null });
    this.m_entries = []; // oldest first, as the server keeps them
    connection.addEventListener('message', (event) => this.receive(event.detail));
  }

  receive(message) {
    if (message.type === 'hello' || message.type === 'auth') this.setAdmin(message.role === 'admin');
    else if (message.type === 'notifyLog' && message.id === this.m_askId) this.show(message.entries);
    else if (message.type === 'notifyDelivery' && this.m_admin) this.show([...this.m_entries, message.delivery]);
  }

  setAdmin(admin) {
    this.m_admin = admin;
    this.m_ui.details.hidden = !admin;
    if (admin) this.m_askId = this.m_connection.send({ type: 'notifyLog' });
  }

  show(entries) {
    this.m_entries = entries.slice(-MAX_DELIVERIES);
    const failed = this.m_entries.filter((delivery) => delivery.result !== 'delivered').length;
    this.m_ui.count.textContent = `${this.m_entries.length} recent${failed ? `, ${failed} failed` : ''}`;
    this.m_ui.list.replaceChildren(...this.m_entries.toReversed().map(entry));
  }
}
