/**
 * The swimlane: one row per stream (or job), grouped by the task that served it — start to
 * end as a bar, clean or broken, a tick at the first token, a cross where a broken one broke.
 * Vega-Lite spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartMarks, timeAxis, Y_AXIS } from './chart-marks';
import type { RunMarks } from './run-marks';
import { lanesTitle } from './lanes-title';
import type { Lane } from './stream-lanes';

export function streamsChart(lanes: readonly Lane[], marks: RunMarks): TopLevelSpec {
  const rows = lanes.map((l) => ({ ...l, t: l.start, row: `${shortTask(l.task)} · ${l.item}`, outcome: l.outcome === 'clean' ? 'clean' : `broken`, detail: l.detail ?? '' }));
  const order = rows.map((r) => r.row);
  const named = lanesTitle(lanes);
  const y = { field: 'row', type: 'nominal' as const, title: `task · ${named.item}`, sort: order, axis: { ...Y_AXIS, labelLimit: Y_AXIS.minExtent - 5, labelFontSize: 10 } };
  const x = timeAxis(marks);
  return {
    title: { text: named.title, subtitle: 'start → end; tick: first token; ✕: where it broke', anchor: 'start' },
    width: 560,
    height: { step: 14 },
    layer: [
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar', height: 8, clip: true },
            encoding: {
              x,
              x2: { field: 'end' },
              y,
              color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: ['clean', 'broken'], range: ['#59a14f', '#d62728'] }, legend: { orient: 'top' } },
              tooltip: [
                { field: 'row', title: 'what' },
                { field: 'start', title: 'start (s)' },
                { field: 'firstToken', title: 'first token (s)' },
                { field: 'end', title: 'end (s)' },
                { field: 'detail', title: 'how it ended' },
              ],
            },
          },
          {
            transform: [{ filter: 'isValid(datum.firstToken)' }],
            mark: { type: 'tick', color: '#1f1f1f', thickness: 2, size: 10 },
            encoding: { x: { ...x, field: 'firstToken' }, y },
          },
          {
            transform: [{ filter: "datum.outcome === 'broken'" }],
            mark: { type: 'point', shape: 'cross', color: '#1f1f1f', filled: true, size: 60, angle: 45 },
            encoding: { x: { ...x, field: 'end' }, y },
          },
        ],
      },
      ...chartMarks(marks),
    ],
  };
}

/** ECS task ids are 32 hex digits: their first 8 tell tasks apart on a chart (the tables keep them whole). */
function shortTask(task: string): string {
  return /^[0-9a-f]{20,}$/.test(task) ? `${task.slice(0, 8)}…` : task;
}
