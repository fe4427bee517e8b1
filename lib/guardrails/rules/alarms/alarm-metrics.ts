/**
 * Reads an `AWS::CloudWatch::Alarm` as synthesized: the metrics it watches (a single metric, or
 * each MetricStat of a metric-math alarm) with their dimension names, and the least time it
 * needs to reach ALARM (DatapointsToAlarm, else EvaluationPeriods, × Period), in seconds.
 */
import type { CfnResourceView } from '../../types';
import { asNumber, isRow, rows } from '../ecs-links';

export interface WatchedMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly string[];
}

const dimensionNames = (v: unknown): string[] =>
  rows(v)
    .map((d) => String(d.Name))
    .sort();

export function watchedMetrics(alarm: CfnResourceView): WatchedMetric[] {
  const p = alarm.properties;
  if (typeof p.MetricName === 'string' && typeof p.Namespace === 'string') {
    return [{ namespace: p.Namespace, metricName: p.MetricName, dimensions: dimensionNames(p.Dimensions) }];
  }
  return rows(p.Metrics)
    .map((m) => (isRow(m.MetricStat) && isRow(m.MetricStat.Metric) ? m.MetricStat.Metric : undefined))
    .filter((m): m is Readonly<Record<string, unknown>> => m !== undefined && typeof m.MetricName === 'string' && typeof m.Namespace === 'string')
    .map((m) => ({ namespace: String(m.Namespace), metricName: String(m.MetricName), dimensions: dimensionNames(m.Dimensions) }));
}

/** True for an alarm on one metric (not metric math). */
export const isSingleMetric = (alarm: CfnResourceView): boolean => typeof alarm.properties.MetricName === 'string';

/** Seconds before the alarm can first be in ALARM, or undefined when a value is not a literal. */
export function secondsToAlarm(alarm: CfnResourceView): number | undefined {
  const p = alarm.properties;
  const periods = [asNumber(p.Period), ...rows(p.Metrics).map((m) => asNumber(m.Period) ?? (isRow(m.MetricStat) ? asNumber(m.MetricStat.Period) : undefined))].filter(
    (n): n is number => n !== undefined,
  );
  const datapoints = asNumber(p.DatapointsToAlarm) ?? asNumber(p.EvaluationPeriods);
  if (periods.length === 0 || datapoints === undefined) return undefined;
  return Math.max(...periods) * datapoints;
}
