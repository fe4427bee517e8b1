/** Metric readings (wall time, as AWS gave them) → journal samples on a run's clock. Pure. */
import type { MetricReading, MetricSample } from './samples';

/** `origin`: the epoch ms of the clock's 0 (the journal's `startedAt`). Oldest first; a reading before the origin gets a negative `atMs`. */
export function onRunClock(readings: readonly MetricReading[], origin: number): MetricSample[] {
  return readings.map((r) => ({ ...r, atMs: r.at.getTime() - origin, at: r.at.toISOString() })).sort((a, b) => a.atMs - b.atMs);
}
