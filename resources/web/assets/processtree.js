// The process list as a tree by parent (ppid): each process under its parent, siblings in the
// chosen order, collapsed parents without their descendants, and a filter that keeps the
// ancestors of every match so a match is always seen where it lives. Pure, no DOM.
import { compareRows, matchesFilter } from './processmodel.js';

/**
 * The children of each PID of `rows` (Map pid → row), and the roots: processes whose parent is
 * not in the list (PID 1 and kthreadd under 0, or a parent that ended this tick).
 */
export function childrenByParent(rows) {
  const children = new Map();
  const roots = [];
  for (const row of rows.values()) {
    if (row.ppid === row.pid || !rows.has(row.ppid)) {
      roots.push(row);
      continue;
    }
    if (!children.has(row.ppid)) children.set(row.ppid, []);
    children.get(row.ppid).push(row);
  }
  return { children, roots };
}

// The PIDs to show for `filter`: every match and each of its ancestors; null when nothing is
// filtered, which keeps every row.
function keptPids(rows, filter) {
  if (!filter.text?.trim() && !filter.user && !filter.state) return null;
  const kept = new Set();
  for (const row of rows.values()) {
    if (!matchesFilter(row, filter)) continue;
    // Up the parents until one already kept: its own ancestors were kept with it.
    for (let at = row; at && !kept.has(at.pid); at = rows.get(at.ppid)) {
      kept.add(at.pid);
      if (at.ppid === at.pid) break;
    }
  }
  return kept;
}

/**
 * The rows of the tree in display order, each { row, depth, parent (it has children shown or
 * hidden), collapsed }: depth first, siblings sorted by `sort` ({ key, direction }), nothing
 * below a PID in `collapsed` (a Set).
 */
export function treeList(rows, filter, sort, collapsed) {
  const { children, roots } = childrenByParent(rows);
  const kept = keptPids(rows, filter);
  const compare = compareRows(sort.key, sort.direction);
  const visible = (list) => (kept ? list.filter((row) => kept.has(row.pid)) : list).sort(compare);
  const out = [];
  // An explicit stack rather than recursion: a long chain of parents cannot overflow it.
  const stack = visible(roots)
    .reverse()
    .map((row) => ({ row, depth: 0 }));
  while (stack.length) {
    const { row, depth } = stack.pop();
    const below = visible(children.get(row.pid) ?? []);
    const isCollapsed = collapsed.has(row.pid);
    out.push({ row, depth, parent: below.length > 0, collapsed: isCollapsed && below.length > 0 });
    if (isCollapsed) continue;
    for (let i = below.length - 1; i >= 0; i -= 1) stack.push({ row: below[i], depth: depth + 1 });
  }
  return out;
}
