/**
 * The steady-state gate (DESIGN "Services and their traffic"): before anything is injected the
 * probe's first requests and streams must have succeeded. A failure there is a broken setup
 * (a 404 on the stream path, a 401, a refused connection), not the fault's doing: nothing is
 * injected and the run ends ERROR with the cause. Pure: a snapshot of the probe in, a verdict out.
 */
import type { ProbeSpec } from '../drill';
import { failureLabel } from './explain-figures';
import { requestFailed } from './measure';
import type { JobSample, RequestSample, StreamSample } from './samples';

export interface ProbeSnapshot {
  readonly streams: readonly StreamSample[];
  readonly requests: readonly RequestSample[];
  readonly jobs?: readonly JobSample[];
  /** Streams (still open or ended) that received their first event. */
  readonly streamsWithFirstEvent: number;
}

/** How the probe's kinds of traffic are named in messages: the call and the traffic setting that says it. */
export interface ProbeLabels {
  readonly stream: string;
  readonly request: string;
  readonly job?: string;
}

export const DEFAULT_PROBE_LABELS: ProbeLabels = { stream: 'the streams (streams.path)', request: 'the requests (requests.path)', job: 'the jobs (jobs.submit)' };

export type SteadyState =
  | { readonly state: 'steady' }
  /** Not shown yet (no first event, no answer): worth waiting a little longer. */
  | { readonly state: 'pending'; readonly problem: string }
  | { readonly state: 'broken'; readonly problem: string };

export function steadyState(snap: ProbeSnapshot, spec: ProbeSpec, labels: ProbeLabels = DEFAULT_PROBE_LABELS): SteadyState {
  const brokenStream = snap.streams.find((s) => s.outcome === 'broken');
  if (brokenStream) return { state: 'broken', problem: answered(labels.stream, brokenStream.status, brokenStream.error) };
  const failed = snap.requests.find(requestFailed);
  if (failed) return { state: 'broken', problem: answered(labels.request, failed.status, failed.error) };
  const failedJob = snap.jobs?.find((j) => j.outcome === 'failed');
  if (failedJob) return { state: 'broken', problem: `${labels.job ?? 'a job'} failed: ${failedJob.error ?? 'no detail'}` };
  if (spec.requests.perSecond > 0 && snap.requests.length === 0) return { state: 'pending', problem: `${labels.request} had no answer yet` };
  // A stream that ended clean before its first event (no tokens asked) has shown what it could.
  const shown = snap.streamsWithFirstEvent + snap.streams.filter((st) => st.outcome === 'clean' && st.firstEventAtMs === undefined).length;
  if (shown < spec.streams.count) return { state: 'pending', problem: `${spec.streams.count - shown} of ${spec.streams.count} streams (${labels.stream}) had no first event yet` };
  return { state: 'steady' };
}

function answered(label: string, status: number | undefined, error: string | undefined): string {
  if (status !== undefined && status > 0) return `${label} answered ${status}${error && !error.startsWith('HTTP') ? ` (${error})` : ''}`;
  const what = failureLabel(status, error);
  return `${label} failed: ${what}${error && error !== what ? ` (${error})` : ''}`;
}
