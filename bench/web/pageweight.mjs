// The dashboard's page weight as a browser sees it: a real vantage (headless, a temporary home)
// and Debian's Chromium with a fresh profile load the page, then load it again; prints the bytes
// that crossed the network each time (headers and bodies, as Chromium's DevTools count them) and
// how many answers were 304. Never a test.
//   node bench/web/pageweight.mjs VANTAGE_BINARY
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.argv[2];
if (!binary) {
  console.error('usage: node bench/web/pageweight.mjs VANTAGE_BINARY');
  process.exit(2);
}
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vantage-pageweight-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: `${home}/config`, XDG_DATA_HOME: `${home}/data` };
const server = spawn(binary, ['--headless', '--port', '0', '--config', `${home}/v.conf`], { env });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const match = /Serving dashboard at (\S+)/.exec(String(chunk));
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`vantage exited with ${code}`)));
});

const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
});
const page = context.pages()[0] ?? (await context.newPage());
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
let bytes = 0;
let answers = 0;
let notModified = 0;
cdp.on('Network.responseReceived', (event) => {
  answers += 1;
  if (event.response.status === 304) notModified += 1;
});
cdp.on('Network.loadingFinished', (event) => {
  bytes += event.encodedDataLength;
});

async function visit(name) {
  bytes = 0;
  answers = 0;
  notModified = 0;
  await page.goto(url, { waitUntil: 'networkidle' });
  console.log(`${name}: ${bytes} bytes in ${answers} answers (${notModified} of them 304)`);
}
await visit('first visit');
await visit('revisit');
await context.close();
server.kill();
fs.rmSync(home, { recursive: true, force: true });
