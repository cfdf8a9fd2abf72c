// The page header: which machine this is, how long it has been up (ticking between samples),
// the status pill saying whether the numbers below are live, and the way to the fleet page on a
// hub.
import { formatDuration } from './format.js';
import { linkStatus } from './linkstatus.js';

export class Header {
  /** The header over its elements from index.html (hostname, os, cpu, uptime, pill parts). */
  constructor(elements) {
    this.m_ui = elements;
    this.m_uptime = null; // { seconds, at: client ms when received }
  }

  /** Shows the `host` object of hello. */
  setHost(host) {
    this.m_ui.hostname.textContent = host.hostname ?? '—';
    this.m_ui.os.textContent =
      [host.os, host.kernel && `Linux ${host.kernel}`].filter(Boolean).join(' · ') || '—';
    const cpu = host.cpu ?? {};
    this.m_ui.cpu.textContent = cpu.count ? `${cpu.model ?? 'CPU'} × ${cpu.count}` : (cpu.model ?? '—');
    document.title = `${host.hostname ?? 'Vantage'} · Vantage`;
    showFleetLink();
  }

  /** Takes the `uptime` (s) of a sample received at client time `now` (ms). */
  setUptime(seconds, now) {
    this.m_uptime = Number.isFinite(seconds) ? { seconds, at: now } : null;
  }

  /** Refreshes the ticking parts: uptime and the pill (state, text and sample age). */
  tick(link, now) {
    if (this.m_uptime)
      this.m_ui.uptime.textContent = formatDuration(this.m_uptime.seconds + (now - this.m_uptime.at) / 1000);
    const status = linkStatus({ ...link, now });
    if (this.m_ui.pill.dataset.state !== status.state) {
      this.m_ui.pill.dataset.state = status.state;
      this.m_ui.state.textContent = status.label;
    }
    this.m_ui.detail.textContent = status.detail;
  }
}

// A hub (a Vantage following other hosts, docs/fleet.md) links to its fleet page; asked again at
// every hello, since the fleet list may have changed while the page was away. A host's page seen
// through its hub (/hosts/<name>/) links back to the hub's fleet page.
async function showFleetLink() {
  const link = document.getElementById('fleet-link');
  if (!link) return;
  if (/\/hosts\/[A-Za-z0-9_-]{1,32}\/$/.test(new URL('.', document.baseURI).pathname)) {
    link.setAttribute('href', '../../fleet');
    link.hidden = false;
    return;
  }
  try {
    const response = await fetch('api/v1/fleet', { cache: 'no-store' });
    link.hidden = !(response.ok && ((await response.json()).hosts ?? []).length > 0);
  } catch {
    link.hidden = true; // the server went away again: the next hello asks once more
  }
}
