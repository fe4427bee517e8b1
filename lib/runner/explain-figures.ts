/**
 * Why a figure has its value, read from what the run saw (samples and timeline), so a broken
 * expectation names its cause: "9 × 502 between +2.6 s and +3.5 s", "SIGTERM dropped on
 * t1-zone-a: the main process has no SIGTERM handler". Pure; times are seconds on the run's
 * clock (+0 = run start), as in the timeline.
 */
import type { FigureName } from '../drill';
import { requestFailed, servedByTarget } from './measure';
import type { RequestSample, StreamSample, TimelineEvent } from './samples';

export interface RunRecord {
  readonly streams: readonly StreamSample[];
  readonly requests: readonly RequestSample[];
  readonly timeline: readonly TimelineEvent[];
  /** The tasks (or subnets) the fault hit. */
  readonly faultTargets: readonly string[];
}

export function explainFigures(run: RunRecord): Partial<Record<FigureName, string>> {
  const causes: Partial<Record<FigureName, string>> = {};
  const set = (name: FigureName, cause: string | undefined) => {
    if (cause) causes[name] = cause;
  };
  const failed = run.requests.filter(requestFailed);
  set('requests.errorRate', failedRequests(failed));
  set('requests.failed', failedRequests(failed));
  const broken = run.streams.filter((s) => s.outcome === 'broken');
  set('streams.broken', brokenStreams(broken));
  set('streams.brokenOffTarget', brokenStreams(broken.filter((s) => s.task === undefined || !servedByTarget(s.task, run.faultTargets))));
  set('tasks.sigkilled', sigkills(run.timeline));
  set('recovery.seconds', recoveryCause(run.timeline));
  const slowest = [...run.streams].filter((s) => s.firstEventAtMs !== undefined).sort((a, b) => ttft(b) - ttft(a))[0];
  if (slowest) set('streams.ttftMs.max', `slowest first event ${seconds(ttft(slowest))} s${slowest.task ? ` from ${slowest.task}` : ''}`);
  return causes;
}

/** A failed request or stream by its status, or by what went wrong when no answer came. */
export function failureLabel(status: number | undefined, error: string | undefined): string {
  if (status !== undefined && status > 0) return String(status);
  if (!error) return 'no answer';
  if (/ECONNREFUSED/.test(error)) return 'connection refused';
  if (/ECONNRESET|socket hang up|closed/.test(error)) return 'connection reset';
  if (/timeout|no end after/i.test(error)) return 'timeout';
  return error;
}

function failedRequests(failed: readonly RequestSample[]): string | undefined {
  if (failed.length === 0) return undefined;
  const times = failed.map((r) => r.atMs);
  return `${counted(failed.map((r) => failureLabel(r.status, r.error)))} ${span(times)}`;
}

function brokenStreams(broken: readonly StreamSample[]): string | undefined {
  if (broken.length === 0) return undefined;
  const labels = broken.map((s) => (s.broken === 'http-status' ? `HTTP ${s.status}` : `${s.broken}${s.error ? ` (${s.error})` : ''}`));
  const tasks = [...new Set(broken.map((s) => s.task ?? 'an unknown task'))];
  return `${counted(labels)} on ${tasks.join(', ')} ${span(broken.map((s) => s.endedAtMs))}`;
}

function sigkills(timeline: readonly TimelineEvent[]): string | undefined {
  const killed = timeline.filter((e) => e.kind === 'sigkill-sent' && /stopTimeout/.test(e.detail ?? ''));
  if (killed.length === 0) return undefined;
  return killed
    .map((kill) => {
      const term = timeline.find((e) => e.kind === 'sigterm-sent' && e.task === kill.task && e.atMs <= kill.atMs);
      if (term?.detail?.startsWith('dropped')) return `SIGTERM dropped on ${kill.task}: the main process has no SIGTERM handler (a shell as PID 1, or no handler)`;
      return `${kill.task} ${kill.detail}: its drain outlasted stopTimeout`;
    })
    .join('; ');
}

function recoveryCause(timeline: readonly TimelineEvent[]): string | undefined {
  const replaced = timeline.filter((e) => e.kind === 'note' && /container health check failed/.test(e.detail ?? ''));
  if (replaced.length > 0) return `${replaced.length} task(s) replaced by the container health check (${[...new Set(replaced.map((e) => e.task))].join(', ')})`;
  const fault = timeline.find((e) => e.kind === 'fault-injected');
  const started = timeline.find((e) => e.kind === 'replacement-started' && (fault === undefined || e.atMs >= fault.atMs));
  if (fault && started) return `first replacement started ${seconds(started.atMs - fault.atMs)} s after the fault`;
  return undefined;
}

/** "9 × 502, 1 × timeout" — most frequent first. */
function counted(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${n} × ${label}`)
    .join(', ');
}

function span(timesMs: readonly number[]): string {
  const first = Math.min(...timesMs);
  const last = Math.max(...timesMs);
  return first === last ? `at +${seconds(first)} s` : `between +${seconds(first)} s and +${seconds(last)} s`;
}

function ttft(s: StreamSample): number {
  return (s.firstEventAtMs as number) - s.startedAtMs;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
