/**
 * How long before SIGKILL the app's drain deadline ends: 10 s, or a fifth of stopTimeout when that
 * is shorter (s). DESIGN "The drain budget": the app must finish draining and exit before SIGKILL.
 */
export function drainMarginSeconds(stopTimeoutSeconds: number): number {
  return Math.min(10, stopTimeoutSeconds / 5);
}

/**
 * The drain deadline a stopTimeout leaves the app, in ms: stopTimeout − drainMarginSeconds
 * (stopTimeout 120 s → 110 s, 30 s → 24 s, 10 s → 8 s).
 */
export function derivedDrainTimeoutMs(stopTimeoutSeconds: number): number {
  return Math.round((stopTimeoutSeconds - drainMarginSeconds(stopTimeoutSeconds)) * 1000);
}

/** The shortest stopTimeout (s, ≤ 120) whose derived drain deadline still covers the longest request. */
export function minStopTimeoutForDerivedDrain(longestRequestSeconds: number): number {
  let stop = Math.ceil(longestRequestSeconds) + 1;
  while (stop < 120 && derivedDrainTimeoutMs(stop) < longestRequestSeconds * 1000) stop += 1;
  return stop;
}
