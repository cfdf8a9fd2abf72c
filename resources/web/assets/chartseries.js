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

/** Memory and swap in use, in percent. */
export function selectMemory(names) {
  return present(names, [
    { name: 'mem.percent', label: 'Memory', colour: 0 },
    { name: 'swap.percent', label: 'Swap', colour: 5 },
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
      })),
  );
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
