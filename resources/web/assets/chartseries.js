// Which of the store's series each chart draws, with labels and colours. Each function takes
// the store's series names and returns [{ name, label, colour, dashed }], colour being an index
// into the theme's series colours. Pure: the unit tests import it.

const NET_SERIES = /^net\[(.*)\]\.(rx|tx)Bps$/;
const DISK_SERIES = /^disks\[(.*)\]\.(read|write)Bps$/;

function present(names, specs) {
  const held = new Set(names);
  return specs.filter((spec) => held.has(spec.name));
}

/** CPU: total, then the user, system, I/O wait and steal parts, in percent. */
export function selectCpu(names) {
  return present(names, [
    { name: 'cpu.total', label: 'Total', colour: 0 },
    { name: 'cpu.user', label: 'User', colour: 1 },
    { name: 'cpu.system', label: 'System', colour: 2 },
    { name: 'cpu.iowait', label: 'I/O wait', colour: 3 },
    { name: 'cpu.steal', label: 'Steal', colour: 4 },
  ]);
}

/** Memory in use, the page cache and swap in use, in bytes (the axis ends at the memory's total). */
export function selectMemory(names) {
  return present(names, [
    { name: 'mem.used', label: 'Used', colour: 0 },
    { name: 'mem.cached', label: 'Cached', colour: 1 },
    { name: 'swap.used', label: 'Swap used', colour: 5 },
  ]);
}

/** Load averages over 1, 5 and 15 minutes. */
export function selectLoad(names) {
  return present(names, [
    { name: 'load.1', label: '1 min', colour: 0 },
    { name: 'load.5', label: '5 min', colour: 1 },
    { name: 'load.15', label: '15 min', colour: 2 },
  ]);
}

// One colour per device (interface or mount), solid for the first kind, dashed for the second.
function perDevice(names, pattern, kinds) {
  const devices = [...new Set(names.map((name) => pattern.exec(name)?.[1]).filter((d) => d !== undefined))];
  return devices.flatMap((device, index) =>
    kinds
      .filter((kind) => names.includes(kind.name(device)))
      .map((kind) => ({
        name: kind.name(device),
        label: `${device} ${kind.label}`,
        colour: index,
        dashed: kind.dashed,
        device,
      })),
  );
}

/**
 * The specs of a per-device chart without its idle devices: a device is idle when `isIdle(name)`
 * holds for every one of its series (no byte moved). Six interfaces that never carry traffic
 * would otherwise be six near-identical lines along the bottom, with a colour each. With
 * `showIdle` every device stays. Colours are dealt again over the devices shown, in order, so the
 * first colours go to the lines on screen. Returns { specs, idle: the number of idle devices }.
 */
export function withoutIdle(specs, isIdle, showIdle = false) {
  const devices = [...new Set(specs.map((spec) => spec.device))];
  const idle = new Set(
    devices.filter((device) => specs.every((spec) => spec.device !== device || isIdle(spec.name))),
  );
  const shown = devices.filter((device) => showIdle || !idle.has(device));
  return {
    specs: specs
      .filter((spec) => shown.includes(spec.device))
      .map((spec) => ({ ...spec, colour: shown.indexOf(spec.device) })),
    idle: idle.size,
  };
}

/** Receive (solid) and transmit (dashed) rates of every interface, in bytes per second. */
export function selectNetwork(names) {
  return perDevice(names, NET_SERIES, [
    { name: (iface) => `net[${iface}].rxBps`, label: '↓ rx', dashed: false },
    { name: (iface) => `net[${iface}].txBps`, label: '↑ tx', dashed: true },
  ]);
}

/** Read (solid) and write (dashed) rates of every mount, in bytes per second. */
export function selectDiskIo(names) {
  return perDevice(names, DISK_SERIES, [
    { name: (mount) => `disks[${mount}].readBps`, label: 'read', dashed: false },
    { name: (mount) => `disks[${mount}].writeBps`, label: 'write', dashed: true },
  ]);
}

/**
 * `text` cut to at most `max` characters by taking out its middle ("/tmp/…/family-laptop read"):
 * the start and the end of a mount path or a legend label say the most. Unchanged when it fits.
 */
export function elideMiddle(text, max) {
  if (text.length <= max) return text;
  if (max < 3) return '…';
  const tail = Math.floor((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}
