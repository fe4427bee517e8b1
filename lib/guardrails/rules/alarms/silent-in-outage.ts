/**
 * Why a single-metric alarm cannot fire in the total outage the drill causes: its metric stops
 * being published then (silent-metrics.ts) and missing data is not treated as breaching.
 */
import type { CfnResourceView } from '../../types';
import { isSingleMetric, watchedMetrics } from './alarm-metrics';
import { SILENT_WHEN_SERVICE_GONE } from './silent-metrics';

export function silentInOutage(alarm: CfnResourceView, outage: string | undefined): string | undefined {
  if (!outage || !isSingleMetric(alarm)) return undefined;
  const [m] = watchedMetrics(alarm);
  const why = SILENT_WHEN_SERVICE_GONE[m.namespace]?.[m.metricName];
  const missing = alarm.properties.TreatMissingData;
  if (!why || missing === 'breaching') return undefined;
  return (
    `${outage}; then ${m.namespace} ${m.metricName} stops: ${why}, and with TreatMissingData ${String(missing ?? 'unset (missing)')} ` +
    'the alarm goes to INSUFFICIENT_DATA or stays OK instead of ALARM; set TreatMissingData: breaching'
  );
}
