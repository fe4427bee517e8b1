/** The run's clock: monotonic milliseconds since the run began, plus wall time for the journal. */
export interface Clock {
  nowMs(): number;
  wallIso(atMs?: number): string;
}

export function monotonicClock(): Clock {
  const origin = process.hrtime.bigint();
  const wallOrigin = Date.now();
  return {
    nowMs: () => Number(process.hrtime.bigint() - origin) / 1e6,
    wallIso: (atMs?: number) => new Date(wallOrigin + (atMs ?? Number(process.hrtime.bigint() - origin) / 1e6)).toISOString(),
  };
}
