/** "Tasks running and targets healthy": step lines over the run, the desired count as a reference. Vega-Lite spec. */
import type { TopLevelSpec } from 'vega-lite';
import { chartMarks, timeAxis, Y_AXIS } from './chart-marks';
import type { FleetPoint } from './fleet-series';
import type { RunMarks } from './run-marks';

export function fleetChart(points: readonly FleetPoint[], marks: RunMarks, source: string, desired?: number): TopLevelSpec {
  const top = Math.max(1, desired ?? 0, ...points.map((p) => p.value));
  return {
    title: { text: 'Tasks running and targets healthy', subtitle: source, anchor: 'start' },
    width: 560,
    height: 140,
    layer: [
      ...(desired === undefined
        ? []
        : [{ data: { values: [{ desired }] }, mark: { type: 'rule' as const, color: '#999', strokeDash: [1, 3] }, encoding: { y: { field: 'desired', type: 'quantitative' as const } } }]),
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: timeAxis(marks),
          y: { field: 'value', type: 'quantitative', title: 'count', scale: { domain: [0, top + 0.5], nice: false }, axis: { ...Y_AXIS, tickMinStep: 1, format: 'd' } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['tasks running', 'targets healthy'], range: ['#4e79a7', '#f28e2b'] }, legend: { orient: 'top' } },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: ['tasks running', 'targets healthy'], range: [[1, 0], [5, 2]] } },
        },
      },
      ...chartMarks(marks),
    ],
  };
}
