// The alert rules of docs/settings.md "thresholds", with the unit each one's levels are in.
// The settings panel lists them in this order; the alerts panel labels values with the unit.

/** Every rule: settings key, human label and the unit of its warning/critical levels. */
export const RULES = [
  { key: 'cpu', label: 'CPU', unit: '%' },
  { key: 'memory', label: 'Memory', unit: '%' },
  { key: 'swap', label: 'Swap', unit: '%' },
  { key: 'disk', label: 'Disk space', unit: '%' },
  { key: 'temperature', label: 'Temperature', unit: '°C' },
  { key: 'errors', label: 'Server errors', unit: '/min' },
  { key: 'connections', label: 'Refused clients', unit: '/min' },
  { key: 'tick', label: 'Tick time', unit: '% of interval' },
  { key: 'history', label: 'Store failures', unit: '/min' },
  { key: 'notify', label: 'Failing channel', unit: 'min' },
  { key: 'pressure', label: 'Pressure', unit: '%' },
  { key: 'cgroup', label: 'Service CPU', unit: '% of a core' },
  { key: 'cgroupMemory', label: 'Service memory', unit: '%' },
  { key: 'gpu', label: 'GPU temperature', unit: '°C' },
  { key: 'gpuMemory', label: 'GPU memory', unit: '%' },
  { key: 'host', label: 'Fleet host', unit: 's' },
];

/** The four settings of each rule, with the unit of the value. */
export const RULE_FIELDS = [
  { key: 'warning', label: 'Warning' },
  { key: 'critical', label: 'Critical' },
  { key: 'for', label: 'For (s)' },
  { key: 'hysteresis', label: 'Hysteresis' },
];

/** The rule description for a settings key or alert rule name (undefined when unknown). */
export function ruleOf(key) {
  return RULES.find((rule) => rule.key === key);
}

/** The settings key of one field of one rule ("thresholds/cpu/warning"). */
export function thresholdKey(rule, field) {
  return `thresholds/${rule}/${field}`;
}
