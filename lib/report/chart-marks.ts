/**
 * The layers every run chart shares: the fault window (shaded; a line for an instant fault)
 * and the recovery (a dashed line), labelled, on the shared x axis [0, endS]. Vega-Lite
 * layers, pure data.
 */
import type { LayerSpec, UnitSpec } from 'vega-lite/build/src/spec';
import type { RunMarks } from './run-marks';

type Layer = LayerSpec<string> | UnitSpec<string>;

export const FAULT_COLOUR = '#d62728';
export const RECOVERY_COLOUR = '#2c7fb8';

/** The y axis of every run chart takes the same room, so the charts' x axes line up when stacked. */
export const Y_AXIS = { minExtent: 150, maxExtent: 150 } as const;

/** The x encoding all run charts use, so their axes line up. */
export function timeAxis(marks: RunMarks, title = 'seconds since the run started'): { field: string; type: 'quantitative'; scale: { domain: [number, number]; nice: false }; title: string } {
  return { field: 't', type: 'quantitative', scale: { domain: [0, marks.endS], nice: false }, title };
}

export function chartMarks(marks: RunMarks): Layer[] {
  const layers: Layer[] = [];
  const x = { ...timeAxis(marks), field: 't' };
  if (marks.faultStartS !== undefined && marks.faultEndS !== undefined && marks.faultEndS > marks.faultStartS) {
    layers.push({
      data: { values: [{ t: marks.faultStartS, t2: marks.faultEndS }] },
      mark: { type: 'rect', color: FAULT_COLOUR, opacity: 0.12 },
      encoding: { x, x2: { field: 't2' } },
    });
  }
  const lines: { t: number; label: string; colour: string; dash: number[] }[] = [];
  if (marks.faultStartS !== undefined) lines.push({ t: marks.faultStartS, label: 'fault', colour: FAULT_COLOUR, dash: [] });
  if (marks.faultEndS !== undefined) lines.push({ t: marks.faultEndS, label: 'fault ended', colour: FAULT_COLOUR, dash: [2, 2] });
  if (marks.recoveredS !== undefined) lines.push({ t: marks.recoveredS, label: 'recovered', colour: RECOVERY_COLOUR, dash: [6, 3] });
  for (const line of lines) {
    layers.push({
      data: { values: [line] },
      mark: { type: 'rule', color: line.colour, strokeDash: line.dash, strokeWidth: 1.5 },
      encoding: { x },
    });
    layers.push({
      data: { values: [line] },
      mark: { type: 'text', color: line.colour, align: 'left', baseline: 'top', dx: 3, dy: line.label === 'recovered' ? 12 : 0, fontSize: 10, y: 0 },
      encoding: { x, text: { field: 'label' } },
    });
  }
  return layers;
}
