// The page's views: the dashboard of cards, every process, and services. The choice is the
// address's hash (#processes, #services; none for the dashboard), so a reload or a shared link
// opens the same view, and the browser's back button goes to the one before.
import { byId } from './dom.js';
import { ProcessView } from './processview.js';

const VIEWS = ['dashboard', 'processes', 'services'];

/** The view a hash names: 'processes', 'services', or 'dashboard' for anything else. */
export function viewOfHash(hash) {
  const name = hash.replace(/^#/, '');
  return VIEWS.includes(name) && name !== 'dashboard' ? name : 'dashboard';
}

/**
 * One target for ProcessActions (processactions.js) that offers the action menu in each of
 * `tables` (the top table, the detail panel: each with setRowActions and refresh), so that one
 * dialog serves them all.
 */
export function actionTargets(...tables) {
  return {
    setRowActions: (actions) => tables.forEach((table) => table.setRowActions(actions)),
    refresh: () => tables.forEach((table) => table.refresh()),
  };
}

export class Views extends EventTarget {
  /** The tabs and views of index.html, the Processes view over `connection`. Event: 'change'. */
  constructor(connection) {
    super();
    this.processes = new ProcessView(connection);
    this.m_servicesKnown = false;
    this.m_current = null;
    this.m_parts = {
      dashboard: [byId('dashboard'), byId('chart-controls')],
      processes: [byId('processes-view')],
      services: [byId('services-view')],
    };
    window.addEventListener('hashchange', () => this.follow());
    this.follow();
  }

  /** The view shown: 'dashboard', 'processes' or 'services'. */
  get current() {
    return this.m_current;
  }

  /**
   * Whether the server reports services (its samples carry `cgroups`): the Services tab is
   * offered only then, and a #services address waits for it on the dashboard.
   */
  setServicesKnown(known) {
    if (known === this.m_servicesKnown) return;
    this.m_servicesKnown = known;
    byId('tab-services').hidden = !known;
    this.follow();
  }

  follow() {
    let view = viewOfHash(window.location.hash);
    if (view === 'services' && !this.m_servicesKnown) view = 'dashboard';
    if (view === this.m_current) return;
    this.m_current = view;
    for (const [name, parts] of Object.entries(this.m_parts))
      for (const part of parts) part.hidden = name !== view;
    for (const tab of document.querySelectorAll('.view-tabs a')) {
      if (viewOfHash(new URL(tab.href).hash) === view) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    this.processes.setShown(view === 'processes');
    this.dispatchEvent(new Event('change'));
  }
}
