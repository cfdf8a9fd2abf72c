// A machine made of files, for `vantage --proc-root --sys-root`, whose every number is known:
// tests/e2e/fixtures/machine copied to a temporary folder (host, CPU model, memory, load,
// uptime, processes, sensors), plus the files whose counters a kernel keeps moving, which a
// worker thread rewrites in place every STEP_MS: /proc/stat, net/dev, diskstats and one busy
// process's stat. The collectors keep these files open and pread them, so they are written
// through kept-open descriptors at offset 0 (same inode); counters only grow, so no write is
// shorter than the one before. The worker is a thread of its own so that the test's work on
// the main thread (Playwright) does not hold the counters back.
//
//   CPU: every step each of the 4 cores gets 10 jiffies split as the profile says, so its
//        percentage is the same whatever the number of steps between two ticks.
//   eth0: 2 MiB/s received, 200 KiB/s sent; wlan0 and lo stand still.
//   The disk /dev/vdb1 at `mount`: 8192 sectors/s read (4 MiB/s), 800 sectors/s written
//        (400 KiB/s). Its size is that of /dev (a devtmpfs, where nothing takes space: 0 % used),
//        as `mount` is a symlink to /dev and Vantage asks statvfs() about the path it mounts.
//   PID 4242 "busy-worker": 50 jiffies of user time a second, 50 % of one core.
//   Pressure: cpu some stalls 250 000 µs a second (25 %), with no full line as before Linux
//        5.13; memory's file (in the fixture) stands still; there is no io file.
import { once } from 'node:events';
import {
  closeSync,
  cpSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const FIXTURE = fileURLToPath(new URL('../fixtures/machine', import.meta.url));
const STEP_MS = 10;

/**
 * What each core does in one step, as [user, system, idle] jiffies (10 a core a step):
 * busy:   core 0 (8+1)/10 = 90 %, core 1 (3+1)/10 = 40 %, core 2 20 %, core 3 10 %;
 *         all cores (9+4+2+1)/40 = 40 %.
 * busier: every core (6+1)/10 = 70 %, all 70 %.
 * calm:   every core 1/10 = 10 %, all 10 %.
 */
/**
 * A settings file under which, on the fixture machine, exactly the memory alert fires (a
 * warning): the other rules wait a day before firing and CPU's levels are out of reach. The
 * fixture's memory is MemTotal 16777216 kB with 6291456 kB available, so
 * (16777216 − 6291456) / 16777216 = 10485760 / 16777216 = 62.5 % in use: over 60, under 90.
 */
const QUIET_RULES = ['swap', 'disk', 'temperature', 'errors', 'connections', 'tick'];
export const MEMORY_FIRING_CONFIG = `${QUIET_RULES.map((rule) => `[thresholds/${rule}]\nfor = 86400\n`).join('\n')}
[thresholds/memory]
warning = 60
critical = 90
for = 0

[thresholds/cpu]
warning = 100
critical = 100
for = 86400
`;

export const CPU_PROFILES = {
  busy: [
    [8, 1, 1],
    [3, 1, 6],
    [1, 1, 8],
    [1, 0, 9],
  ],
  busier: Array(4).fill([6, 1, 3]),
  calm: Array(4).fill([1, 0, 9]),
};

/** Bytes a second on eth0, sectors (512 bytes) a second on the disk, jiffies a second of PID 4242. */
export const RATES = {
  rx: 2 * 1024 * 1024,
  tx: 200 * 1024,
  sectorsRead: 8192,
  sectorsWritten: 800,
  busyWorker: 50,
  cpuStallUs: 250000,
};

// The moving files' text from the state: counters start high enough that their digits do not
// change during a test run, which keeps every write as long as the last one.
function statText(cores) {
  const line = (label, [user, system, idle]) => `${label} ${user} 0 ${system} ${idle} 25000 0 1000 0 0 0\n`;
  const total = cores.reduce((sum, core) => sum.map((value, i) => value + core[i]), [0, 0, 0]);
  return (
    line('cpu ', total) +
    cores.map((core, i) => line(`cpu${i}`, core)).join('') +
    'intr 0\nctxt 123456789\nbtime 1700000000\nprocesses 50000\nprocs_running 1\nprocs_blocked 0\n'
  );
}

// An interface's line: received bytes and packets, six zero counters, then the same sent.
const netLine = (iface, rx, tx) => `${iface.padStart(6)}: ${rx} 9000 0 0 0 0 0 0 ${tx} 7000 0 0 0 0 0 0\n`;

function netDevText(seconds) {
  return (
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|' +
    'bytes    packets errs drop fifo colls carrier compressed\n' +
    netLine('lo', 5000000, 5000000) +
    netLine(
      'eth0',
      1000000000000 + Math.floor(RATES.rx * seconds),
      100000000000 + Math.floor(RATES.tx * seconds),
    ) +
    netLine('wlan0', 7000000, 3000000)
  );
}

// A device's line: major, minor, name, then reads, merged, sectors read, ms reading, writes,
// merged, sectors written, ms writing, in flight, ms busy, weighted ms and the discard and flush
// counters of newer kernels.
const diskLine = (major, minor, name, read, written) =>
  `${major} ${minor} ${name} 9000 0 ${read} 800 4000 0 ${written} 600 0 900 1400 0 0 0 0 0 0\n`;

function diskStatsText({ major, minor }, seconds) {
  return (
    diskLine(8, 0, 'sda', 400000, 200000) +
    diskLine(
      major,
      minor,
      'vdb1',
      100000000 + Math.floor(RATES.sectorsRead * seconds),
      50000000 + Math.floor(RATES.sectorsWritten * seconds),
    )
  );
}

// Averages below the pressure rule's warning (10), so no test sees a pressure alert it did not ask
// for; the counter moves at RATES.cpuStallUs.
function cpuPressureText(seconds) {
  const total = 1000000000 + Math.floor(RATES.cpuStallUs * seconds);
  return `some avg10=4.50 avg60=2.50 avg300=1.00 total=${total}\n`;
}

// Fields 14 and 15 are user and system time, 20 the threads, 24 the resident pages (4 KiB each:
// 131072 pages are 512 MiB).
function busyWorkerText(seconds) {
  const utime = 1000000 + Math.floor(RATES.busyWorker * seconds);
  return (
    `4242 (busy-worker) R 1 4242 4242 0 -1 4194560 100 0 0 0 ${utime} 20000 0 0 20 0 8 0 300 ` +
    '340000000 131072 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n'
  );
}

// The device number (major, minor) of the filesystem holding `file`, as glibc's major()/minor()
// split st_dev.
function deviceOf(file) {
  const dev = statSync(file, { bigint: true }).dev;
  return {
    major: Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & 0xfffff000n)),
    minor: Number((dev & 0xffn) | ((dev >> 12n) & 0xffffff00n)),
  };
}

// The worker: writes the moving files, then advances them every STEP_MS until terminated.
function runWriter({ procRoot, profile, device }) {
  const files = ['stat', 'net/dev', 'diskstats', '4242/stat', 'pressure/cpu'].map((name) =>
    path.join(procRoot, name),
  );
  const cores = CPU_PROFILES[profile].map((_, i) => [2000000 + i, 800000 + i, 30000000 + i]);
  let steps = CPU_PROFILES[profile];
  const started = performance.now();
  const texts = (seconds) => [
    statText(cores),
    netDevText(seconds),
    diskStatsText(device, seconds),
    busyWorkerText(seconds),
    cpuPressureText(seconds),
  ];
  mkdirSync(path.join(procRoot, 'net'), { recursive: true });
  mkdirSync(path.join(procRoot, '4242'), { recursive: true });
  mkdirSync(path.join(procRoot, 'pressure'), { recursive: true });
  texts(0).forEach((text, i) => writeFileSync(files[i], text));
  const descriptors = files.map((file) => openSync(file, 'r+'));
  parentPort.on('message', ({ cpu }) => {
    steps = CPU_PROFILES[cpu];
    parentPort.postMessage(cpu);
  });
  setInterval(() => {
    cores.forEach((core, i) => steps[i].forEach((jiffies, j) => (core[j] += jiffies)));
    texts((performance.now() - started) / 1000).forEach((text, i) => {
      const bytes = Buffer.from(text);
      writeSync(descriptors[i], bytes, 0, bytes.length, 0);
    });
  }, STEP_MS);
  parentPort.postMessage('ready');
}

// Replaces a file's text by one of the same length in place (same inode), as a sysfs or procfs
// value changes under a reader that keeps it open.
function overwrite(file, text) {
  const before = readFileSync(file, 'utf8');
  if (text.length !== before.length)
    throw new Error(`${file}: ${JSON.stringify(text)} is not as long as ${JSON.stringify(before)}`);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, text, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds the machine under `dir` and starts its counters with CPU `profile`; `disk` false leaves
 * the disk's mount point missing until attachDisk(). Resolves to { procRoot, sysRoot, mount,
 * setCpu(profile), setMemAvailable(kib), setTemperature(file, millidegrees), attachDisk(),
 * detachDisk(), stop() }.
 */
export async function startMachine(dir, { profile = 'busy', disk = true } = {}) {
  cpSync(FIXTURE, dir, { recursive: true });
  const procRoot = path.join(dir, 'proc');
  const sysRoot = path.join(dir, 'sys');
  // A long path, as container and backup mounts have: its row must still fit a phone.
  const mount = path.join(dir, 'mnt', 'archive', 'photos-and-videos-from-the-family-laptop');
  mkdirSync(path.dirname(mount), { recursive: true });
  mkdirSync(path.join(procRoot, 'self'), { recursive: true });
  writeFileSync(
    path.join(procRoot, 'self', 'mounts'),
    'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n' +
      'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n' +
      'tmpfs /run tmpfs rw,nosuid,nodev,size=1632528k,mode=755 0 0\n' +
      `/dev/vdb1 ${mount} ext4 rw,relatime 0 0\n`,
  );
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { procRoot, profile, device: deviceOf('/dev') },
  });
  await once(worker, 'message'); // the files are there
  const machine = {
    procRoot,
    sysRoot,
    mount,
    /** Switches every core to another profile from the next step on. */
    async setCpu(name) {
      worker.postMessage({ cpu: name });
      await once(worker, 'message');
    },
    /** Sets MemAvailable (kB), keeping the line's width. */
    setMemAvailable(kib) {
      const file = path.join(procRoot, 'meminfo');
      const text = readFileSync(file, 'utf8');
      const line = /^(MemAvailable: +)(\d+)/m;
      overwrite(
        file,
        text.replace(line, (_, label, old) => label + String(kib).padStart(old.length)),
      );
    },
    /** Sets a temperature input under sys/class/hwmon, e.g. ('hwmon1/temp1_input', 71000). */
    setTemperature(file, millidegrees) {
      overwrite(path.join(sysRoot, 'class', 'hwmon', file), `${millidegrees}\n`);
    },
    attachDisk: () => symlinkSync('/dev', mount),
    detachDisk: () => unlinkSync(mount),
    stop: () => worker.terminate(),
  };
  if (disk) machine.attachDisk();
  return machine;
}

if (!isMainThread) runWriter(workerData);
