// Order of the active alerts: critical before warning, then the one firing longest first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderAlerts } from '../../../../resources/web/assets/alertspanel.js';

test('critical first, then by when the alert started', () => {
  const alerts = [
    { id: 'memory', severity: 'warning', ts: 5000, since: 1000 },
    { id: 'cpu', severity: 'critical', ts: 9000 },
    { id: 'disk:/', severity: 'warning', ts: 3000 },
    { id: 'swap', severity: 'critical', ts: 4000 },
  ];
  // critical: swap (4000) then cpu (9000); warning: memory (since 1000) then disk (3000).
  assert.deepEqual(
    orderAlerts(alerts).map((a) => a.id),
    ['swap', 'cpu', 'memory', 'disk:/'],
  );
});
