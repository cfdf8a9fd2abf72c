// The hub's side of bench/fleet/hosts.sh, with Node's own WebSocket (Node 20 needs
// --experimental-websocket; no package is loaded). Never a test.
//
//   node --experimental-websocket --no-warnings bench/fleet/hosts-client.mjs wait HUB_URL COUNT SECONDS
//     polls HUB_URL/api/v1/fleet until it lists COUNT hosts, every one "up"; exit 1 after SECONDS.
//   node --experimental-websocket --no-warnings bench/fleet/hosts-client.mjs states HUB_URL
//     prints how many hosts HUB_URL/api/v1/fleet lists in each state.
//   node --experimental-websocket --no-warnings bench/fleet/hosts-client.mjs subscribe HUB_URL
//     one client on HUB_URL's /ws subscribed to the `fleet` topic; prints what it received when
//     it is sent SIGTERM. A hub that refuses the topic keeps the client connected, reading the
//     samples every client gets, and the line says "no subscriber".

const [mode, hubUrl, ...rest] = process.argv.slice(2);
const usage = 'usage: hosts-client.mjs wait HUB_URL COUNT SECONDS | states HUB_URL | subscribe HUB_URL';
if (!hubUrl || !['wait', 'states', 'subscribe'].includes(mode)) {
  console.error(usage);
  process.exit(2);
}

async function fleetStates() {
  const answer = await fetch(new URL('/api/v1/fleet', hubUrl));
  if (!answer.ok) throw new Error(`GET /api/v1/fleet: HTTP ${answer.status}`);
  return (await answer.json()).hosts;
}

function summary(hosts) {
  const counts = {};
  for (const host of hosts) counts[host.state] = (counts[host.state] ?? 0) + 1;
  const down = hosts.find((host) => host.state === 'down');
  const reason = down ? ` (${down.name}: ${down.reason})` : '';
  return `${Object.entries(counts).map(([state, n]) => `${state}=${n}`).join(' ')}${reason}`;
}

async function waitUp(count, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const hosts = await fleetStates();
      last = summary(hosts);
      if (hosts.length === count && hosts.every((host) => host.state === 'up')) {
        console.log(`hub lists ${count} hosts, all up`);
        return 0;
      }
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`hub: not every host up after ${seconds} s: ${last}`);
  return 1;
}

function subscribe() {
  const socket = new WebSocket(new URL('/ws', hubUrl).href.replace(/^http/, 'ws'));
  const tally = { messages: 0, full: 0, bytes: 0, fewest: Infinity, most: 0, samples: 0 };
  let refused = null;
  let closed = null;
  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ type: 'subscribe', topics: ['fleet'], id: 1 }));
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'error' && message.id === 1) refused = `${message.code}: ${message.message}`;
    if (message.type === 'sample') tally.samples += 1;
    if (message.type !== 'fleet') return;
    tally.messages += 1;
    tally.bytes += event.data.length;
    if (message.full) tally.full += 1;
    tally.fewest = Math.min(tally.fewest, message.hosts.length);
    tally.most = Math.max(tally.most, message.hosts.length);
  });
  socket.addEventListener('close', (event) => {
    closed = `closed by the hub (${event.code})`;
  });
  process.on('SIGTERM', () => {
    const state = closed ?? 'open';
    if (tally.messages === 0) {
      const why = refused ? `the hub refused the topic, ${refused}` : 'no fleet message came';
      console.log(`client: no subscriber (${why}); connection ${state}, ${tally.samples} samples read`);
    } else {
      console.log(
        `client: subscribed to fleet; ${tally.messages} fleet messages (${tally.full} full),` +
          ` ${tally.fewest}..${tally.most} hosts each, ${(tally.bytes / tally.messages / 1024).toFixed(1)} KiB` +
          ` each on average; connection ${state}`,
      );
    }
    process.exit(0);
  });
}

if (mode === 'wait') process.exit(await waitUp(Number(rest[0]), Number(rest[1])));
if (mode === 'states') console.log(summary(await fleetStates()));
else subscribe();
