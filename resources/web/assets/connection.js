// The WebSocket to /ws. It reconnects by itself after every close, quickly at first (0.25 s,
// 0.5 s, 1 s) and then backing off to 10 s (backoff.js), and starts again from 0.25 s once a
// hello arrives. Messages are dispatched as 'message' events (detail: the parsed object);
// 'statechange' fires when connected, retryAt or attempt change; 'tokenrejected' when the token
// from the page URL was refused.
import { reconnectDelay } from './backoff.js';

export class Connection extends EventTarget {
  /** A connection to `url` (ws:// or wss://), with an admin `token` ('' for none). */
  constructor(url, token) {
    super();
    this.m_url = url;
    this.m_token = token;
    this.m_tokenWorked = false;
    this.m_candidateToken = '';
    this.m_socket = null;
    this.m_connected = false;
    this.m_attempt = 0;
    this.m_retryAt = null;
    this.m_nextId = 1;
  }

  /** Whether the server's hello arrived on the open socket. */
  get connected() {
    return this.m_connected;
  }

  /** When the next attempt starts (ms since the epoch), or null while connected or connecting. */
  get retryAt() {
    return this.m_retryAt;
  }

  /** Attempts made since the last successful connection (1 during the first retry). */
  get attempt() {
    return this.m_attempt;
  }

  /** Opens the first connection. */
  start() {
    this.open();
  }

  /** Sends a message with a fresh `id`; returns the id, or null when not connected. */
  send(message) {
    if (!this.m_socket || this.m_socket.readyState !== WebSocket.OPEN) return null;
    const id = this.m_nextId++;
    this.m_socket.send(JSON.stringify({ ...message, id }));
    return id;
  }

  /** Sends `auth`; the token is kept for later connections once the server accepts it. */
  authenticate(token) {
    this.m_candidateToken = token;
    return this.send({ type: 'auth', token });
  }

  /** The server accepted the last token sent with authenticate(). */
  tokenAccepted() {
    if (this.m_candidateToken) this.m_token = this.m_candidateToken;
    this.m_tokenWorked = true;
  }

  open() {
    this.m_retryAt = null;
    const url = this.m_token ? `${this.m_url}?token=${encodeURIComponent(this.m_token)}` : this.m_url;
    const socket = new WebSocket(url);
    let opened = false;
    socket.addEventListener('open', () => (opened = true));
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => this.closed(opened));
    this.m_socket = socket;
    this.changed();
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return; // the server only sends JSON; anything else is not ours to act on
    }
    if (message.type === 'hello') {
      this.m_connected = true;
      this.m_attempt = 0;
      if (this.m_token) this.m_tokenWorked = true;
      this.changed();
    }
    this.dispatchEvent(new CustomEvent('message', { detail: message }));
  }

  async closed(opened) {
    this.m_socket = null;
    this.m_connected = false;
    if (!opened && (await this.tokenRefused())) {
      this.m_token = '';
      this.dispatchEvent(new Event('tokenrejected'));
      this.open();
      return;
    }
    const delay = reconnectDelay(this.m_attempt, Math.random());
    this.m_attempt += 1;
    this.m_retryAt = Date.now() + delay;
    setTimeout(() => this.open(), delay);
    this.changed();
  }

  // A browser is not told why a WebSocket handshake failed. When a token that never worked was
  // on the URL and the server is up, the token is the likely reason (401): dropping it lets the
  // page work as a viewer instead of retrying forever.
  async tokenRefused() {
    if (!this.m_token || this.m_tokenWorked) return false;
    try {
      return (await fetch('healthz', { cache: 'no-store' })).ok;
    } catch {
      return false;
    }
  }

  changed() {
    this.dispatchEvent(new Event('statechange'));
  }
}

/** The page's own stream: `ws` beside the page (so a page under /hosts/<name>/ gets that host's). */
export function webSocketUrl() {
  const url = new URL('ws', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

// A token in the address bar (?token=...) is used for the WebSocket and then removed, so it
// does not stay in the history, in bookmarks or on a screen being shared.
export function takeTokenFromUrl() {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? '';
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
  }
  return token;
}
