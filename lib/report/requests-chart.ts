/** "Requests over time": succeeded vs failed by status, per time bin, with the fault and recovery marked. Vega-Lite spec. */
import type { TopLevelSpec } from 'vega-lite';
import { chartMarks, timeAxis, Y_AXIS } from './chart-marks';
import type { RequestBin } from './request-series';
import type { RunMarks } from './run-marks';

const FAILURE_COLOURS = ['#d62728', '#ff7f0e', '#8c564b', '#e377c2', '#bcbd22', '#7f7f7f'];

export function requestsChart(bins: readonly RequestBin[], marks: RunMarks, widthS: number): TopLevelSpec {
  const outcomes = [...new Set(bins.map((b) => b.outcome))].filter((o) => o !== 'succeeded').sort();
  return {
    title: { text: 'Requests over time', subtitle: `per ${widthS} s; failed ones by status`, anchor: 'start' },
    width: 560,
    height: 180,
    layer: [
      {
        data: { values: bins.map((b) => ({ ...b })) },
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.3, clip: true },
        encoding: {
          x: { ...timeAxis(marks), bin: { binned: true, step: widthS } },
          x2: { field: 't2' },
          y: { field: 'count', type: 'quantitative', title: 'requests', stack: 'zero', axis: { ...Y_AXIS, tickMinStep: 1, format: 'd' } },
          color: {
            field: 'outcome',
            type: 'nominal',
            title: null,
            scale: { domain: ['succeeded', ...outcomes], range: ['#59a14f', ...outcomes.map((_, i) => FAILURE_COLOURS[i % FAILURE_COLOURS.length])] },
            legend: { orient: 'top', direction: 'horizontal' },
          },
          order: { field: 'outcome', sort: 'descending' },
          tooltip: [{ field: 't', title: 'from (s)' }, { field: 'outcome' }, { field: 'count' }],
        },
      },
      ...chartMarks(marks),
    ],
  };
}
