// Every process of the machine as the `processes` topic delivers it (docs/protocol.md): a whole
// list, then what changed each tick. Pure functions over a Map pid → row, no DOM: the unit tests
// import this file under node.

/** The columns of a row that sort as text; every other column sorts as a number. */
export const TEXT_KEYS = new Set(['user', 'name', 'state', 'unit', 'cmdline']);

// One collator for every comparison: localeCompare builds one per call, which is what makes a
// sort of 5,000 names slow.
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Applies one topic message to `rows` (Map pid → row): a whole list replaces everything; a delta
 * removes first, then adds, then changes field by field, so a PID reused within one tick (removed
 * and added together) ends up as the new process. Returns the PIDs whose rows changed or went.
 */
export function applyProcesses(rows, message) {
  const touched = new Set();
  if (message.full) {
    for (const pid of rows.keys()) touched.add(pid);
    rows.clear();
    for (const row of message.processes ?? []) {
      rows.set(row.pid, { ...row });
      touched.add(row.pid);
    }
    return touched;
  }
  for (const pid of message.removed ?? []) {
    rows.delete(pid);
    touched.add(pid);
  }
  for (const row of message.added ?? []) {
    rows.set(row.pid, { ...row });
    touched.add(row.pid);
  }
  for (const change of message.changed ?? []) {
    const row = rows.get(change.pid);
    if (!row) continue; // a change to a process this page never saw added: the next full list has it
    Object.assign(row, change);
    touched.add(change.pid);
  }
  return touched;
}

/**
 * A comparison of rows by `key` in `direction` ('asc' or 'desc'), ties by PID (ascending either
 * way) so rows whose values are equal keep their places while other values change. An unknown
 * (null) number sorts as the smallest, unknown text as empty.
 */
export function compareRows(key, direction) {
  const sign = direction === 'asc' ? 1 : -1;
  const byKey = TEXT_KEYS.has(key)
    ? (a, b) => collator.compare(a[key] ?? '', b[key] ?? '')
    : (a, b) => (a[key] ?? -Infinity) - (b[key] ?? -Infinity) || 0;
  return (a, b) => sign * byKey(a, b) || a.pid - b.pid;
}

/**
 * Whether `row` passes the filter { text, user, state }: `text` (any case) found in the name,
 * command line, user or unit, or equal to the PID; `user` and `state` equal, or '' for any.
 */
export function matchesFilter(row, { text = '', user = '', state = '' }) {
  if (user && row.user !== user) return false;
  if (state && row.state !== state) return false;
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  if (String(row.pid) === needle) return true;
  return [row.name, row.cmdline, row.user, row.unit].some((field) => field?.toLowerCase().includes(needle));
}

/** The rows of `rows` (Map) that pass `filter`, in the order `sort` ({ key, direction }) gives. */
export function flatList(rows, filter, sort) {
  const shown = [];
  for (const row of rows.values()) if (matchesFilter(row, filter)) shown.push({ row, depth: 0 });
  const compare = compareRows(sort.key, sort.direction);
  return shown.sort((a, b) => compare(a.row, b.row));
}

/** The users of `rows`, sorted, without unknown ones: the choices of the user filter. */
export function usersOf(rows) {
  const users = new Set();
  for (const row of rows.values()) if (row.user) users.add(row.user);
  return [...users].sort(collator.compare);
}
