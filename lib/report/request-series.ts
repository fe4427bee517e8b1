/**
 * Probe requests → counts per time bin, split into succeeded and failed by status: the data of
 * the "requests over time" chart. Pure.
 */
import type { RequestSample } from '../runner/samples';

export interface RequestBin {
  /** Bin start, seconds on the run's axis. */
  readonly t: number;
  /** Bin end (t + the bin width). */
  readonly t2: number;
  /** `succeeded`, or `failed: HTTP 502` / `failed: no response`. */
  readonly outcome: string;
  readonly count: number;
}

const STEPS = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

/** A round bin width giving about `bins` bins over `seconds`. */
export function binWidth(seconds: number, bins = 60): number {
  return STEPS.find((s) => seconds / s <= bins) ?? STEPS[STEPS.length - 1];
}

export function requestOutcome(r: RequestSample): string {
  if (r.status >= 200 && r.status < 400) return 'succeeded';
  return r.status === 0 ? 'failed: no response' : `failed: HTTP ${r.status}`;
}

export function requestSeries(requests: readonly RequestSample[], widthS: number): RequestBin[] {
  const counts = new Map<string, RequestBin>();
  for (const r of requests) {
    const t = Math.floor(r.atMs / 1000 / widthS) * widthS;
    const outcome = requestOutcome(r);
    const key = `${t}|${outcome}`;
    const bin = counts.get(key);
    counts.set(key, { t, t2: t + widthS, outcome, count: (bin?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => a.t - b.t || a.outcome.localeCompare(b.outcome));
}
