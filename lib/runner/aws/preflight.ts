/**
 * `drills preflight`: fetch the facts (every call independent, failures kept as facts) and run
 * the pure checks. Never starts an experiment, except a `--dry-run` one with actionsMode
 * skip-all, which injects nothing and lists the targets FIS would resolve.
 */
import { alarmNameOf, targetIdsOf } from './experiment-state';
import { stopAndWait, waitUntilFinal } from './experiment-wait';
import { describeError } from './aws-error';
import { DRY_RUN_TAG } from '../../contract';
import { experimentTags } from './fis-tags';
import type { ExperimentView, FisApi, ExperimentTemplateView } from './fis-api';
import type { CallerIdentity, IdentityApi } from './identity-api';
import type { MetricsApi } from './metrics-api';
import { preflightChecks, preflightResult, type Fetched, type PreflightCheck, type PreflightFacts, type PreflightResult } from './preflight-checks';
import { templateIdFor, type DeployedService } from './resolve-outputs';
import type { ServiceApi, ServiceView } from './service-api';

export interface AwsApis {
  readonly fis: FisApi;
  readonly metrics: MetricsApi;
  readonly service: ServiceApi;
  readonly identity: IdentityApi;
}

export type UrlProbe = (url: string) => Promise<{ ok: boolean; detail: string }>;

export interface PreflightRequest {
  readonly apis: AwsApis;
  readonly deployed: DeployedService;
  readonly drillId: string;
  /** Expected account and region; default: what the outputs say. */
  readonly expected?: { readonly account?: string; readonly region?: string };
  readonly allowInsufficientData?: boolean;
  readonly probe?: UrlProbe;
  /** The drill's FIS actions that run inside the task (inTaskActionsOf): the service's task definition is checked for them. @default - none, not checked */
  readonly inTaskActions?: readonly string[];
  /** Start the template with actionsMode skip-all and list what it would hit. */
  readonly dryRun?: {
    readonly runId: string;
    /** Longest wait for the skip-all experiment to end, ms. @default 120000 */
    readonly timeoutMs?: number;
    /** First pause between GetExperiment calls, ms (grows by half, to 5 s at most). @default 2000 */
    readonly pollMs?: number;
    /** Ends the wait (Ctrl-C): the skip-all experiment is stopped and the check fails as interrupted. */
    readonly signal?: AbortSignal;
  };
}

export interface PreflightOutcome extends PreflightResult {
  readonly caller?: CallerIdentity;
  readonly template?: ExperimentTemplateView;
  readonly templateId?: string;
}

export async function runPreflight(req: PreflightRequest): Promise<PreflightOutcome> {
  const { apis, deployed, drillId } = req;
  const templateId = templateIdFor(deployed, drillId);
  const [caller, template, service, experiments, probe] = await Promise.all([
    fetched(apis.identity.callerIdentity()),
    templateId ? fetched(apis.fis.getTemplate(templateId)) : Promise.resolve(undefined),
    fetched(apis.service.describeService(deployed.clusterName, deployed.serviceName)),
    fetched(apis.fis.listExperiments()),
    (req.probe ?? httpProbe)(deployed.serviceUrl).catch((err: unknown) => ({ ok: false, detail: describeError(err) })),
  ]);
  const alarmNames = template && !(template instanceof Error) ? template.stopConditionAlarmArns.map(alarmNameOf) : [];
  const alarms = alarmNames.length > 0 ? await fetched(apis.metrics.describeAlarms(alarmNames)) : undefined;
  const taskDefinition = await taskDefinitionFacts(apis, service, req.inTaskActions ?? []);
  const expected = { account: req.expected?.account ?? deployed.account, region: req.expected?.region ?? deployed.region };
  const checks: PreflightCheck[] = preflightChecks(
    { drillId, expected, caller, templateId, template, alarms, alarmNames, service, experiments, probe, taskDefinition },
    { allowInsufficientData: req.allowInsufficientData },
  );
  if (req.dryRun && templateId && !(caller instanceof Error) && checks.every((c) => c.ok)) checks.push(await dryRunCheck(apis.fis, templateId, drillId, caller.arn, req.dryRun));
  return {
    ...preflightResult(checks),
    caller: caller instanceof Error ? undefined : caller,
    template: template && !(template instanceof Error) ? template : undefined,
    templateId,
  };
}

/** The service's task definition, read only when the drill has actions that run inside the task. */
async function taskDefinitionFacts(apis: AwsApis, service: Fetched<ServiceView>, actions: readonly string[]): Promise<PreflightFacts['taskDefinition']> {
  if (actions.length === 0) return undefined;
  if (service instanceof Error) return { actions, view: new Error(`the service could not be read (${service.message})`) };
  if (!service.taskDefinition) return { actions, view: new Error('DescribeServices named no task definition') };
  return { actions, view: await fetched(apis.service.describeTaskDefinition(service.taskDefinition)) };
}

/** A skip-all experiment, tagged like a real run (operator included) so `drills stop --all-mine` finds one left behind. */
async function dryRunCheck(fis: FisApi, templateId: string, drillId: string, operatorArn: string, dry: NonNullable<PreflightRequest['dryRun']>): Promise<PreflightCheck> {
  const name = 'dry run (skip-all)';
  let experiment: ExperimentView;
  try {
    experiment = await fis.startExperiment({
      templateId,
      clientToken: `${dry.runId}-dry-run`,
      tags: { ...experimentTags(drillId, dry.runId, operatorArn), [DRY_RUN_TAG]: 'true' },
      actionsMode: 'skip-all',
    });
  } catch (err) {
    return { name, ok: false, detail: `StartExperiment (skip-all) failed: ${describeError(err)}` };
  }
  const poll = { initialMs: dry.pollMs ?? 2000, maxMs: Math.max(dry.pollMs ?? 2000, 5000), factor: 1.5 };
  const waited = await waitUntilFinal(experiment, { fis, timeoutMs: dry.timeoutMs ?? 120_000, poll, signal: dry.signal });
  experiment = waited.experiment;
  if (waited.end === 'cancelled') {
    // It injects nothing, but an active experiment makes the next preflight refuse: stop it (bounded).
    const stopped = await stopAndWait(experiment, { fis, timeoutMs: 30_000 });
    return { name, ok: false, detail: `interrupted; experiment ${experiment.id} (skip-all, injects nothing) ${stopped.experiment.status}` };
  }
  const targets = targetIdsOf(await fis.listResolvedTargets(experiment.id).catch(() => []));
  const ok = experiment.status === 'completed' && targets.length > 0;
  const why = experiment.status === 'completed' ? '' : ` (experiment ${experiment.status}${experiment.reason ? `: ${experiment.reason}` : ''})`;
  return { name, ok, detail: `experiment ${experiment.id} would hit ${targets.length} target(s): ${targets.join(', ') || 'none'}${why}` };
}

/** GET the service URL once: it answers when it returns any status below 500 within 5 s. */
export const httpProbe: UrlProbe = async (url) => {
  const started = Date.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status < 500, detail: `GET ${url} → ${res.status} in ${Date.now() - started} ms` };
  } catch (err) {
    return { ok: false, detail: `GET ${url} failed: ${describeError((err as { cause?: unknown }).cause ?? err)}` };
  }
};

async function fetched<T>(p: Promise<T>): Promise<Fetched<T>> {
  try {
    return await p;
  } catch (err) {
    return err instanceof Error ? new Error(describeError(err)) : new Error(String(err));
  }
}
