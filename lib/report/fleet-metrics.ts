/**
 * The journal's metric samples (AWS runs and `drills report`) → the fleet chart's data beside
 * the timeline's steps: ECS DescribeServices reads of the running count as points in time, and
 * each CloudWatch RunningTaskCount / HealthyHostCount datapoint as a flat segment over the period
 * it covers (its statistic is over the whole period, so it is drawn as one), cut to the run's
 * axis [0, endS]. Pure; a journal without `samples.metrics` gives none.
 */
import type { Journal } from '../runner/journal';
import type { MetricSample } from '../runner/samples';

/** An ECS read: one point. */
export interface FleetRead {
  readonly t: number;
  readonly value: number;
  readonly series: string;
  /** For the point's text alternative. */
  readonly label: string;
}

/** A CloudWatch datapoint: the statistic over [t, t2] (cut to the axis). */
export interface FleetPeriod {
  readonly t: number;
  readonly t2: number;
  readonly value: number;
  readonly series: string;
  readonly label: string;
}

export interface FleetMetrics {
  readonly reads: readonly FleetRead[];
  readonly periods: readonly FleetPeriod[];
  /** The last desired count ECS gave, when it gave one. */
  readonly desired?: number;
  /** The series names present, in legend order. */
  readonly series: readonly string[];
}

const ECS_RUNNING = 'tasks running (ECS DescribeServices)';

/** CloudWatch metrics drawn, and the quantity each counts. */
const CHARTED: Record<string, string> = { RunningTaskCount: 'tasks running', HealthyHostCount: 'targets healthy' };

function periodText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The legend name of a CloudWatch series, e.g. `HealthyHostCount (CloudWatch, Minimum per 1 min)`. */
function cloudWatchSeries(s: Pick<MetricSample, 'metric' | 'stat' | 'periodSeconds'>): string {
  return `${s.metric} (CloudWatch, ${s.stat ?? 'value'} per ${periodText(s.periodSeconds ?? 60)})`;
}

export function fleetMetrics(journal: Journal, endS: number): FleetMetrics {
  const samples = journal.samples.metrics ?? [];
  const seconds = (ms: number): number => Math.round(ms) / 1000;
  const reads: FleetRead[] = samples
    .filter((s) => s.source === 'ecs' && s.metric === 'runningCount')
    .map((s) => ({ t: seconds(s.atMs), value: s.value, series: ECS_RUNNING, label: `ECS runningCount ${s.value} at ${s.at}` }))
    .filter((r) => r.t >= 0 && r.t <= endS);
  const periods: FleetPeriod[] = [];
  for (const s of samples) {
    if (s.source !== 'cloudwatch' || CHARTED[s.metric] === undefined) continue;
    const from = seconds(s.atMs);
    const to = from + (s.periodSeconds ?? 60);
    if (to <= 0 || from >= endS) continue;
    const series = cloudWatchSeries(s);
    periods.push({ t: Math.max(0, from), t2: Math.min(endS, to), value: s.value, series, label: `${s.metric} ${s.stat ?? ''} ${s.value} for the ${periodText(s.periodSeconds ?? 60)} from ${s.at}` });
  }
  const desired = samples.filter((s) => s.source === 'ecs' && s.metric === 'desiredCount').at(-1)?.value;
  const series = [...new Set([...reads.map((r) => r.series), ...periods.map((p) => p.series)])];
  return { reads, periods, desired, series };
}
