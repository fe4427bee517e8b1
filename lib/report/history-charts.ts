/**
 * Vega-Lite specs for the evidence root's index: recovery time per drill over time, and every
 * run's verdict per drill over time. Pure data.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { HistoryLine } from './history-line';

export const VERDICT_COLOURS: Record<string, string> = {
  HELD: '#1a7f37',
  VIOLATED: '#cf222e',
  ABORTED: '#9a6700',
  NOT_INJECTED: '#6e7781',
  ERROR: '#24292f',
  UNFINISHED: '#afb8c1',
};

/** Run start on a UTC time axis, labelled to the minute. */
const TIME = { field: 'when', type: 'temporal', title: 'run started (UTC)', scale: { type: 'utc' }, axis: { format: '%b %d %H:%M', labelOverlap: true } } as const;

const rows = (lines: readonly HistoryLine[]) => lines.map((l) => ({ ...l, key: `${l.drill} (${l.mode})` }));

export function recoveryHistoryChart(lines: readonly HistoryLine[]): TopLevelSpec {
  return {
    title: { text: 'Recovery time per drill', subtitle: 'seconds from the fault to desired and healthy again', anchor: 'start' },
    width: 560,
    height: 200,
    data: { values: rows(lines.filter((l) => l.recoverySeconds !== undefined)) },
    mark: { type: 'line', point: { filled: true, size: 60 } },
    encoding: {
      x: TIME,
      y: { field: 'recoverySeconds', type: 'quantitative', title: 'recovery (s)' },
      color: { field: 'key', type: 'nominal', title: null, legend: { orient: 'top' } },
    },
  };
}

export function verdictHistoryChart(lines: readonly HistoryLine[]): TopLevelSpec {
  const verdicts = Object.keys(VERDICT_COLOURS);
  return {
    title: { text: 'Verdicts per drill', subtitle: 'one mark per run', anchor: 'start' },
    width: 560,
    height: { step: 24 },
    data: { values: rows(lines) },
    mark: { type: 'point', filled: true, size: 90 },
    encoding: {
      x: TIME,
      y: { field: 'key', type: 'nominal', title: null, axis: { labelLimit: 260 } },
      color: { field: 'verdict', type: 'nominal', title: null, scale: { domain: verdicts, range: verdicts.map((v) => VERDICT_COLOURS[v]) }, legend: { orient: 'top' } },
      shape: { field: 'verdict', type: 'nominal', title: null, legend: { orient: 'top' }, scale: { domain: verdicts, range: ['circle', 'cross', 'triangle-up', 'diamond', 'square', 'circle'] } },
    },
  };
}
