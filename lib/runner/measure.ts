/** Probe samples → the DESIGN figures (streams.*, requests.*, jobs.*). Pure. */
import type { Figures } from '../drill/figures';
import type { JobSample, RequestSample, StreamSample } from './samples';

/** What the probe could see: which kinds it sent, and whether it knew which task served. */
export interface MeasureScope {
  /** Kinds not sent are left unmeasured (their figures absent). @default every kind with samples, streams and requests always */
  readonly kinds?: { readonly streams: boolean; readonly requests: boolean; readonly jobs: boolean };
  /** False when no attribution header told which task served: streams.brokenOffTarget is unmeasured. @default true */
  readonly attributed?: boolean;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[rank];
}

/**
 * Pure: the probe's figures from its samples (streams, requests, jobs; times in ms on the run's
 * clock, figures in the units their names say). A stream or request served by one of
 * `faultTargets` counts as "on target" when the samples know which task served. A kind the
 * probe did not send (`scope.kinds`) yields no figures, so its expectations are "not judged"
 * rather than zero. Never throws; a figure with no samples is left out, not 0.
 */
export function measure(
  samples: { streams: readonly StreamSample[]; requests: readonly RequestSample[]; jobs?: readonly JobSample[] },
  faultTargets: readonly string[],
  scope: MeasureScope = {},
): Figures {
  const { streams, requests } = samples;
  const jobs = samples.jobs ?? [];
  const kinds = scope.kinds ?? { streams: true, requests: true, jobs: jobs.length > 0 };
  const figures: Figures = {};
  if (kinds.streams) Object.assign(figures, streamFigures(streams, faultTargets, scope.attributed ?? true));
  if (kinds.requests) {
    const failed = requests.filter(requestFailed).length;
    figures['requests.total'] = requests.length;
    figures['requests.failed'] = failed;
    if (requests.length > 0) figures['requests.errorRate'] = round(failed / requests.length, 4);
    const p99 = percentile(
      requests.map((r) => r.latencyMs),
      99,
    );
    if (p99 !== undefined) figures['requests.p99Ms'] = round(p99);
  }
  if (kinds.jobs) {
    const succeeded = jobs.filter((j) => j.outcome === 'succeeded').length;
    figures['jobs.total'] = jobs.length;
    figures['jobs.succeeded'] = succeeded;
    figures['jobs.failed'] = jobs.length - succeeded;
    if (jobs.length > 0) figures['jobs.seconds.max'] = round(Math.max(...jobs.map((j) => j.endedAtMs - j.startedAtMs)) / 1000);
  }
  return figures;
}

/**
 * Did the request fail? Its status is not one the traffic profile expects (`ok`, set by the
 * probe), or, where `ok` was not recorded, it got no answer (status 0) or one outside 2xx–3xx.
 * The one definition the figures, their explanations and the steady-state gate share.
 */
export function requestFailed(r: RequestSample): boolean {
  return !(r.ok ?? (r.status >= 200 && r.status < 400));
}

/**
 * Was `task` (what an attribution header named) one of the fault's targets? Targets may be
 * longer forms of the same id (an ECS task ARN ends with the task id).
 */
export function servedByTarget(task: string, faultTargets: readonly string[]): boolean {
  return faultTargets.some((t) => t === task || t.endsWith(`/${task}`) || task.endsWith(`/${t}`));
}

function streamFigures(streams: readonly StreamSample[], faultTargets: readonly string[], attributed: boolean): Figures {
  const figures: Figures = {};
  const broken = streams.filter((s) => s.outcome === 'broken');
  figures['streams.total'] = streams.length;
  figures['streams.clean'] = streams.length - broken.length;
  figures['streams.broken'] = broken.length;
  // Unattributed breaks count as off target (a break the probe cannot place is not excused).
  if (attributed) figures['streams.brokenOffTarget'] = broken.filter((s) => s.task === undefined || !servedByTarget(s.task, faultTargets)).length;
  const ttfts = streams.filter((s) => s.firstEventAtMs !== undefined).map((s) => (s.firstEventAtMs as number) - s.startedAtMs);
  const p50 = percentile(ttfts, 50);
  if (p50 !== undefined) figures['streams.ttftMs.p50'] = round(p50);
  if (ttfts.length > 0) figures['streams.ttftMs.max'] = round(Math.max(...ttfts));
  if (streams.length > 0) figures['streams.seconds.max'] = round(Math.max(...streams.map((s) => s.endedAtMs - s.startedAtMs)) / 1000);
  figures['streams.bytes'] = streams.reduce((n, s) => n + s.bytes, 0);
  figures['streams.events'] = streams.reduce((n, s) => n + s.events, 0);
  return figures;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The longest stream, the way a drill write-up gives it. */
export function longestStream(streams: readonly StreamSample[]): StreamSample | undefined {
  return streams.reduce<StreamSample | undefined>((best, s) => (best === undefined || s.endedAtMs - s.startedAtMs > best.endedAtMs - best.startedAtMs ? s : best), undefined);
}
