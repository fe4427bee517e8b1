/**
 * Pure: GetMetricData answers → one reading per datapoint, named by the metric and statistic
 * its query asked for, so the journal keeps the per-period series (not only the minima the
 * figures take). A series whose id no query has is left out.
 */
import type { MetricReading } from '../samples';
import type { MetricQuery, MetricSeries } from './metrics-api';

export function metricReadings(series: readonly MetricSeries[], queries: readonly MetricQuery[]): MetricReading[] {
  const readings: MetricReading[] = [];
  for (const s of series) {
    const q = queries.find((x) => x.id === s.id);
    if (!q) continue;
    s.values.forEach((value, i) => {
      const at = s.timestamps[i];
      if (at !== undefined && Number.isFinite(value)) readings.push({ at, source: 'cloudwatch', metric: q.metric, stat: q.stat, periodSeconds: q.periodSeconds, value });
    });
  }
  return readings.sort((a, b) => a.at.getTime() - b.at.getTime());
}
