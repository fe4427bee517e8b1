/**
 * `drills stop`: stop one experiment by id, or every active experiment this tool started for
 * this caller (tags `fis-drills:run-id` and `fis-drills:operator` = the caller's ARN), and wait
 * for each to reach a final state.
 */
import { isFinal } from './experiment-state';
import { ACTIVE_STATUSES, type ExperimentSummaryView, type ExperimentView, type FisApi } from './fis-api';
import { describeError } from './aws-error';
import { STOP_POLL, stopAndWait } from './experiment-wait';
import { MAX_TAG_VALUE, OPERATOR_TAG, RUN_ID_TAG } from '../../contract';

export interface StopOutcome {
  readonly id: string;
  readonly status: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Pure: the active experiments this tool started for this operator. */
export function mineToStop(experiments: readonly ExperimentSummaryView[], operatorArn: string): ExperimentSummaryView[] {
  return experiments.filter((e) => ACTIVE_STATUSES.includes(e.status) && e.tags[RUN_ID_TAG] !== undefined && e.tags[OPERATOR_TAG] === operatorArn.slice(0, MAX_TAG_VALUE));
}

export interface StopRequest {
  readonly fis: FisApi;
  readonly ids: readonly string[];
  /** Longest wait per experiment for a final state, ms. @default 180000 */
  readonly waitMs?: number;
  /** First pause between GetExperiment calls, ms; it grows by half up to 5 s. @default 1000 */
  readonly pollMs?: number;
  /** Ends the waits early (each outcome then says it was still stopping); every StopExperiment is sent first. */
  readonly signal?: AbortSignal;
}

/**
 * Stops each experiment (StopExperiment, retried while the error may pass) and waits, all at
 * once, until FIS says each is final (lib/runner/aws/experiment-wait.ts). Never throws: an
 * experiment that could not be read, stopped or seen final comes back with `ok: false`.
 */
export async function stopExperiments(req: StopRequest): Promise<StopOutcome[]> {
  return Promise.all(req.ids.map((id) => stopOne(req, id)));
}

async function stopOne(req: StopRequest, id: string): Promise<StopOutcome> {
  let experiment: ExperimentView;
  try {
    experiment = await req.fis.getExperiment(id);
  } catch (err) {
    return { id, status: 'unknown', ok: false, detail: `GetExperiment failed (nothing was stopped): ${describeError(err)}` };
  }
  if (isFinal(experiment.status)) return { id, status: experiment.status, ok: true, detail: `already ${experiment.status}` };
  const poll = req.pollMs === undefined ? STOP_POLL : { ...STOP_POLL, initialMs: req.pollMs, maxMs: Math.max(req.pollMs, STOP_POLL.maxMs) };
  const outcome = await stopAndWait(experiment, { fis: req.fis, timeoutMs: req.waitMs, poll, signal: req.signal });
  const status = outcome.experiment.status;
  switch (outcome.end) {
    case 'final':
      return { id, status, ok: true, detail: status };
    case 'stop-failed':
      return { id, status, ok: false, detail: `StopExperiment failed: ${outcome.stopError}` };
    case 'cancelled':
      return { id, status, ok: false, detail: `StopExperiment sent; still ${status} when the wait was interrupted` };
    default:
      return { id, status, ok: false, detail: `still ${status} after waiting; check the FIS console` };
  }
}
