/**
 * `drills stop`: stop one experiment by id, or every active experiment this tool started for
 * this caller (tags `fis-drills:run-id` and `fis-drills:operator` = the caller's ARN), and wait
 * for each to reach a final state.
 */
import { isFinal } from './experiment-state';
import { ACTIVE_STATUSES, type ExperimentSummaryView, type ExperimentView, type FisApi } from './fis-api';
import { describeError } from './aws-error';
import { MAX_TAG_VALUE, OPERATOR_TAG, RUN_ID_TAG } from './fis-tags';

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
  readonly waitMs?: number;
  readonly pollMs?: number;
}

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
  try {
    experiment = await req.fis.stopExperiment(id);
  } catch (err) {
    return { id, status: 'unknown', ok: false, detail: `StopExperiment failed: ${describeError(err)}` };
  }
  const deadline = Date.now() + (req.waitMs ?? 180_000);
  while (!isFinal(experiment.status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, req.pollMs ?? 2000));
    experiment = await req.fis.getExperiment(id).catch(() => experiment);
  }
  const ok = isFinal(experiment.status);
  return { id, status: experiment.status, ok, detail: ok ? `${experiment.status}` : `still ${experiment.status} after waiting; check the FIS console` };
}
