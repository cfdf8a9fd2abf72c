// Space used on each mounted filesystem: a bar per mount coloured by the `disk` rule's levels.
import { elideMiddle } from './chartseries.js';
import { el } from './dom.js';
import { formatBytes, formatPercent } from './format.js';
import { levelColour } from './theme.js';

// A mount path longer than half the list's width (app.css gives it at most half) is cut in its
// middle, keeping the start and the end, which tell mounts apart; the whole path is its tooltip.
// About this many CSS pixels a character of the bold name.
const MOUNT_CHAR_PX = 8;

function diskItem(disk, { theme, warning, critical }, mountChars) {
  const fill = el('div', { className: 'bar-fill' });
  fill.style.width = `${Math.min(100, Math.max(0, disk.percent ?? 0))}%`;
  fill.style.backgroundColor = levelColour(theme, disk.percent, warning, critical);
  const bar = el(
    'div',
    {
      className: 'bar',
      attrs: {
        role: 'meter',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': disk.percent ?? 0,
        'aria-label': `${disk.mount} used`,
      },
    },
    fill,
  );
  return el(
    'li',
    { className: 'disk' },
    el(
      'div',
      { className: 'disk-head' },
      el('span', { className: 'disk-mount', textContent: elideMiddle(disk.mount, mountChars), title: disk.mount }),
      el('span', { className: 'muted disk-device', textContent: `${disk.device} · ${disk.fs}` }),
      el('span', { className: 'num', textContent: formatPercent(disk.percent) }),
    ),
    bar,
    el('div', {
      className: 'muted num',
      textContent: `${formatBytes(disk.used)} of ${formatBytes(disk.total)} used`,
    }),
  );
}

export class DisksPanel {
  /** A panel filling the list element `list`. */
  constructor(list) {
    this.m_list = list;
    this.m_shown = null; // the disks and levels last shown
    this.m_width = list.clientWidth;
    // Paths are cut for the list's width: a new width (a phone turned, a window resized) cuts
    // them again at once rather than at the next sample, so they never run past the row.
    new ResizeObserver(() => {
      if (this.m_list.clientWidth === this.m_width || !this.m_shown) return;
      this.render(...this.m_shown);
    }).observe(list);
  }

  /** Shows the disks of a sample; `levels` holds theme, warning and critical (percent). */
  render(disks, levels) {
    this.m_shown = [disks, levels];
    this.m_width = this.m_list.clientWidth;
    if (!disks.length) {
      this.m_list.replaceChildren(el('li', { className: 'empty', textContent: 'No filesystems reported' }));
      return;
    }
    const mountChars = Math.max(12, Math.floor(this.m_list.clientWidth / 2 / MOUNT_CHAR_PX));
    this.m_list.replaceChildren(...disks.map((disk) => diskItem(disk, levels, mountChars)));
  }
}
