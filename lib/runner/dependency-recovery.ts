/** dependency.recoverySeconds from the probe's requests and the moment the dependency was back. Pure. */
import type { RequestSample, TimelineEvent } from './samples';

/**
 * Seconds from `backAtMs` (the dependency reachable again) to the end of the last failed request
 * that ended after it; 0 when none failed after it. Undefined — not reached, censored by the
 * runner — when no request succeeded after that last failure (the service never used the
 * dependency again within the run), or when the dependency was never seen back.
 */
export function dependencyRecoverySeconds(requests: readonly RequestSample[], backAtMs: number | undefined): number | undefined {
  if (backAtMs === undefined) return undefined;
  const ended = requests.map((r) => ({ endMs: r.atMs + r.latencyMs, ok: r.ok ?? (r.status >= 200 && r.status < 400) })).filter((r) => r.endMs >= backAtMs);
  const failedEnds = ended.filter((r) => !r.ok).map((r) => r.endMs);
  if (failedEnds.length === 0) return ended.length > 0 ? 0 : undefined;
  const lastFailure = Math.max(...failedEnds);
  if (!ended.some((r) => r.ok && r.endMs > lastFailure)) return undefined;
  return Math.round(lastFailure - backAtMs) / 1000;
}

/** When the dependency was back: the first `fault-ended` on the run's timeline at or after the fault. */
export function dependencyBackAtMs(timeline: readonly TimelineEvent[]): number | undefined {
  const fault = timeline.find((e) => e.kind === 'fault-injected');
  if (!fault) return undefined;
  return timeline.find((e) => e.kind === 'fault-ended' && e.atMs >= fault.atMs)?.atMs;
}
