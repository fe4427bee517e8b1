/**
 * When and how requests failed: per time window of the run (before the fault, while it lasted,
 * until recovery, after), how many were sent and how many failed with each status. Pure.
 */
import type { RequestSample } from '../runner/samples';
import { requestOutcome } from './request-series';
import type { RunMarks } from './run-marks';

export interface FailureWindow {
  /** e.g. `before the fault (0–3.1 s)`. */
  readonly window: string;
  readonly sent: number;
  readonly failed: number;
  /** Failures by outcome (`failed: HTTP 502`, `failed: no response`). */
  readonly byStatus: Readonly<Record<string, number>>;
}

export function failureBreakdown(requests: readonly RequestSample[], marks: RunMarks): FailureWindow[] {
  const cuts: { from: number; name: string }[] = [{ from: 0, name: marks.faultStartS === undefined ? 'the whole run' : 'before the fault' }];
  const { faultStartS: start, faultEndS: end, recoveredS: recovered } = marks;
  if (start !== undefined) {
    if (end !== undefined && end > start) cuts.push({ from: start, name: 'while the fault lasted' });
    else cuts.push({ from: start, name: recovered === undefined ? 'from the fault on (no recovery seen)' : 'from the fault to recovery' });
    if (end !== undefined && end > start && (recovered === undefined || recovered > end))
      cuts.push({ from: end, name: recovered === undefined ? 'after the fault (no recovery seen)' : 'after the fault, until recovery' });
    if (recovered !== undefined && recovered > Math.max(start, end ?? start)) cuts.push({ from: recovered, name: 'after recovery' });
  }
  return cuts.map((cut, i) => {
    const to = cuts[i + 1]?.from ?? Infinity;
    const inside = requests.filter((r) => r.atMs / 1000 >= cut.from && r.atMs / 1000 < to);
    const byStatus: Record<string, number> = {};
    for (const r of inside) {
      const outcome = requestOutcome(r);
      if (outcome !== 'succeeded') byStatus[outcome] = (byStatus[outcome] ?? 0) + 1;
    }
    const span = `${cut.from.toFixed(1)}–${(to === Infinity ? marks.endS : to).toFixed(1)} s`;
    return { window: `${cut.name} (${span})`, sent: inside.length, failed: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  });
}
