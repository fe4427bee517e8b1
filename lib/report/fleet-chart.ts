/**
 * "Tasks running and targets healthy": step lines over the run from the timeline, the desired
 * count as a reference; on AWS also ECS's own reads of the running count (points) and each
 * CloudWatch RunningTaskCount / HealthyHostCount datapoint as a flat segment over its period.
 * Blues count tasks, oranges and purples targets. Vega-Lite spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartMarks, timeAxis, Y_AXIS } from './chart-marks';
import type { FleetMetrics } from './fleet-metrics';
import type { FleetPoint } from './fleet-series';
import type { RunMarks } from './run-marks';

const STYLE: Record<string, { colour: string; dash: number[] }> = {
  'tasks running': { colour: '#4e79a7', dash: [1, 0] },
  'targets healthy': { colour: '#f28e2b', dash: [5, 2] },
  'tasks running (ECS DescribeServices)': { colour: '#1b3a5c', dash: [1, 0] },
};
const CLOUDWATCH_STYLE: Record<string, { colour: string; dash: number[] }> = {
  RunningTaskCount: { colour: '#76b7b2', dash: [1, 0] },
  HealthyHostCount: { colour: '#b07aa1', dash: [1, 0] },
};

function styleOf(series: string): { colour: string; dash: number[] } {
  return STYLE[series] ?? CLOUDWATCH_STYLE[series.split(' ')[0]] ?? { colour: '#999', dash: [1, 0] };
}

const NO_METRICS: FleetMetrics = { reads: [], periods: [], series: [] };

/** `points`: the timeline's steps (none when the timeline has no task or target event); `source`: the subtitle, where the data came from. */
export function fleetChart(points: readonly FleetPoint[], marks: RunMarks, source: string, desired?: number, metrics: FleetMetrics = NO_METRICS): TopLevelSpec {
  const top = Math.max(1, desired ?? 0, ...points.map((p) => p.value), ...metrics.reads.map((r) => r.value), ...metrics.periods.map((p) => p.value));
  const domain = [...new Set([...points.map((p) => p.series), ...metrics.series])];
  const y = { field: 'value', type: 'quantitative' as const, title: 'count', scale: { domain: [0, top + 0.5], nice: false }, axis: { ...Y_AXIS, tickMinStep: 1, format: 'd' } };
  const x = timeAxis(marks);
  // More than the two timeline series: one per row, so no name is cut short.
  const legend = domain.length > 2 ? { orient: 'top' as const, direction: 'vertical' as const, columns: 1, labelLimit: 480 } : { orient: 'top' as const };
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: domain.map((s) => styleOf(s).colour) }, legend };
  const strokeDash = { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: domain.map((s) => styleOf(s).dash) } };
  return {
    title: { text: 'Tasks running and targets healthy', subtitle: source, anchor: 'start' },
    width: 560,
    height: 140,
    layer: [
      ...(desired === undefined
        ? []
        : [{ data: { values: [{ desired }] }, mark: { type: 'rule' as const, color: '#999', strokeDash: [1, 3] }, encoding: { y: { field: 'desired', type: 'quantitative' as const } } }]),
      // Wide pale bands for tasks, a thin line for targets inside them: equal counts stay both visible.
      ...[
        { metric: 'RunningTaskCount', width: 7, opacity: 0.5 },
        { metric: 'HealthyHostCount', width: 2.5, opacity: 0.95 },
      ].flatMap((band) => {
        const values = metrics.periods.filter((p) => p.series.startsWith(`${band.metric} `));
        return values.length === 0
          ? []
          : [
              {
                data: { values: values.map((p) => ({ ...p })) },
                mark: { type: 'rule' as const, strokeWidth: band.width, opacity: band.opacity, strokeCap: 'butt' as const },
                encoding: { x, x2: { field: 't2' }, y, color, strokeDash, description: { field: 'label' } },
              },
            ];
      }),
      ...(points.length === 0
        ? []
        : [
            {
              data: { values: points.map((p) => ({ ...p })) },
              mark: { type: 'line' as const, interpolate: 'step-after' as const, strokeWidth: 2 },
              encoding: { x, y, color, strokeDash },
            },
          ]),
      ...(metrics.reads.length === 0
        ? []
        : [
            {
              data: { values: metrics.reads.map((r) => ({ ...r })) },
              mark: { type: 'line' as const, interpolate: 'step-after' as const, strokeWidth: 1, point: { size: 14, filled: true } },
              encoding: { x, y, color, strokeDash, description: { field: 'label' } },
            },
          ]),
      ...chartMarks(marks),
    ],
  };
}
