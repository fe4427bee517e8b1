/**
 * The shared time axis of a run's charts: seconds since the run's clock origin (the journal's
 * `atMs` / 1000), with the fault window and the recovery marked. Pure.
 */
import type { Journal } from '../runner/journal';

export interface RunMarks {
  /** Last second anything was seen (timeline or samples); the axis runs [0, endS]. */
  readonly endS: number;
  /** The fault landed (first `fault-injected`). */
  readonly faultStartS?: number;
  /** The fault was lifted (`fault-ended`), for faults with a duration (a zone outage). */
  readonly faultEndS?: number;
  /** Back to desired and healthy: fault start + `recovery.seconds`. */
  readonly recoveredS?: number;
}

export function runMarks(journal: Journal): RunMarks {
  const seconds = (ms: number): number => Math.round(ms) / 1000;
  const start = journal.timeline.find((e) => e.kind === 'fault-injected');
  const faultStartS = start === undefined ? undefined : seconds(start.atMs);
  const end = journal.timeline.find((e) => e.kind === 'fault-ended' && (start === undefined || e.atMs >= start.atMs));
  const recovery = journal.figures?.['recovery.seconds'];
  const recoveredS = faultStartS !== undefined && recovery !== undefined ? Math.round((faultStartS + recovery) * 1000) / 1000 : undefined;
  const { streams, requests } = journal.samples;
  const lastMs = Math.max(0, ...journal.timeline.map((e) => e.atMs), ...streams.map((s) => s.endedAtMs), ...requests.map((r) => r.atMs + r.latencyMs));
  const endS = Math.max(seconds(lastMs), recoveredS ?? 0, 1);
  return { endS, faultStartS, faultEndS: end === undefined ? undefined : seconds(end.atMs), recoveredS };
}
