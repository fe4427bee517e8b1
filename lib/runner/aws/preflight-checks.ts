/**
 * Pure preflight checks over facts fetched from AWS (issue 5 §3). One check per line, each ok
 * or failed with why. Nothing here calls AWS.
 */
import { DRILL_TAG } from '../../contract';
import { ACTIVE_STATUSES, type ExperimentSummaryView, type ExperimentTemplateView } from './fis-api';
import type { CallerIdentity } from './identity-api';
import { isHeartbeatAlarm } from './heartbeat';
import type { AlarmView } from './metrics-api';
import { missingTaskPrerequisites, TASK_PREREQUISITES_DOC } from '../../fis/task-action-prerequisites';
import type { ServiceView, TaskDefinitionView } from './service-api';
import { isSteady, steadyDetail } from './task-figures';

export interface PreflightCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface PreflightResult {
  readonly ok: boolean;
  readonly checks: readonly PreflightCheck[];
}

/** A fact, or why it could not be fetched. */
export type Fetched<T> = T | Error;

export interface PreflightFacts {
  readonly drillId: string;
  readonly expected: { readonly account?: string; readonly region?: string };
  readonly caller: Fetched<CallerIdentity>;
  readonly templateId?: string;
  readonly template?: Fetched<ExperimentTemplateView>;
  /** The alarms DescribeAlarms found for the template's stop conditions. */
  readonly alarms?: Fetched<readonly AlarmView[]>;
  /** The alarm names the template's stop conditions name. */
  readonly alarmNames: readonly string[];
  readonly service: Fetched<ServiceView>;
  readonly experiments: Fetched<readonly ExperimentSummaryView[]>;
  readonly probe: { readonly ok: boolean; readonly detail: string };
  /** The drill's in-task FIS actions and the service's task definition, when the drill has such actions. */
  readonly taskDefinition?: { readonly actions: readonly string[]; readonly view: Fetched<TaskDefinitionView> };
}

export interface PreflightOptions {
  /** Accept stop-condition alarms in INSUFFICIENT_DATA. @default false */
  readonly allowInsufficientData?: boolean;
  /** FIS active experiments per account and Region (L-F5FCA485, not adjustable). @default 5 */
  readonly activeExperimentQuota?: number;
}

export const ACTIVE_EXPERIMENT_QUOTA = 5;

export function preflightChecks(facts: PreflightFacts, options: PreflightOptions = {}): PreflightCheck[] {
  return [
    ...identityChecks(facts),
    templateCheck(facts),
    ...alarmChecks(facts, options.allowInsufficientData ?? false),
    serviceCheck(facts.service),
    ...taskDefinitionChecks(facts),
    ...experimentChecks(facts, options.activeExperimentQuota ?? ACTIVE_EXPERIMENT_QUOTA),
    { name: 'probe', ok: facts.probe.ok, detail: facts.probe.detail },
  ];
}

export function preflightResult(checks: readonly PreflightCheck[]): PreflightResult {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), checks };
}

function identityChecks(facts: PreflightFacts): PreflightCheck[] {
  if (facts.caller instanceof Error) {
    return [{ name: 'caller', ok: false, detail: `sts:GetCallerIdentity failed: ${facts.caller.message}` }];
  }
  const { account, region, arn } = facts.caller;
  const exp = facts.expected;
  const accountCheck: PreflightCheck =
    exp.account === undefined
      ? { name: 'account', ok: true, detail: `caller ${arn} in account ${account} (no expected account configured; pass --account to pin it)` }
      : exp.account === account
        ? { name: 'account', ok: true, detail: `caller ${arn} in account ${account}, as expected` }
        : { name: 'account', ok: false, detail: `caller is in account ${account} but the deployment is in ${exp.account}: refusing (check your profile or --account)` };
  const regionCheck: PreflightCheck =
    exp.region === undefined
      ? { name: 'region', ok: true, detail: `region ${region} (no expected region configured; pass --region to pin it)` }
      : exp.region === region
        ? { name: 'region', ok: true, detail: `region ${region}, as expected` }
        : { name: 'region', ok: false, detail: `clients use region ${region} but the deployment is in ${exp.region}: refusing (set AWS_REGION or --region)` };
  return [accountCheck, regionCheck];
}

function templateCheck(facts: PreflightFacts): PreflightCheck {
  const name = 'template';
  if (!facts.templateId) return { name, ok: false, detail: `no template id output for drill ${facts.drillId}: is the drill deployed?` };
  if (!facts.template) return { name, ok: false, detail: `template ${facts.templateId} not read` };
  if (facts.template instanceof Error) return { name, ok: false, detail: `template ${facts.templateId}: ${facts.template.message}` };
  const tag = facts.template.tags[DRILL_TAG];
  if (tag !== facts.drillId) {
    return { name, ok: false, detail: `template ${facts.templateId} is tagged drill=${tag ?? '(none)'}, not ${facts.drillId}: refusing to run another drill's template` };
  }
  if (facts.template.stopConditionAlarmArns.length === 0) return { name, ok: false, detail: `template ${facts.templateId} has no CloudWatch-alarm stop condition: refusing to run unguarded` };
  return { name, ok: true, detail: `template ${facts.templateId} tagged drill=${tag}, ${facts.template.stopConditionAlarmArns.length} stop condition(s)` };
}

function alarmChecks(facts: PreflightFacts, allowInsufficientData: boolean): PreflightCheck[] {
  if (facts.alarms === undefined) return [];
  if (facts.alarms instanceof Error) return [{ name: 'stop-condition alarms', ok: false, detail: `cloudwatch:DescribeAlarms failed: ${facts.alarms.message}` }];
  const alarms = facts.alarms;
  return facts.alarmNames.map((alarmName) => {
    const name = `alarm ${alarmName}`;
    const alarm = alarms.find((a) => a.name === alarmName);
    if (!alarm) return { name, ok: false, detail: 'not found: the stop condition names an alarm that does not exist' };
    if (alarm.state === 'OK') return { name, ok: true, detail: 'OK' };
    if (isHeartbeatAlarm(alarmName)) {
      return { name, ok: false, detail: `${alarm.state}: the dead-man's switch is OK only while a runner publishes its heartbeat; \`drills run --heartbeat\` publishes and waits for it` };
    }
    if (alarm.state === 'INSUFFICIENT_DATA') {
      return allowInsufficientData
        ? { name, ok: true, detail: 'INSUFFICIENT_DATA (allowed by --allow-insufficient-data)' }
        : { name, ok: false, detail: 'INSUFFICIENT_DATA: a guard without data may not trip; wait for data or pass --allow-insufficient-data' };
    }
    return { name, ok: false, detail: `in ALARM${alarm.reason ? `: ${alarm.reason}` : ''}; FIS would stop the experiment at once` };
  });
}

function serviceCheck(service: Fetched<ServiceView>): PreflightCheck {
  const name = 'service steady';
  if (service instanceof Error) return { name, ok: false, detail: service.message };
  return { name, ok: isSteady(service), detail: steadyDetail(service) };
}

/**
 * The in-task actions' needs on the deployed task definition (an existing service's is not the
 * app's to check at synth): refuse, naming what is missing and where the fix is written.
 */
function taskDefinitionChecks(facts: PreflightFacts): PreflightCheck[] {
  const td = facts.taskDefinition;
  if (!td || td.actions.length === 0) return [];
  const name = 'task definition';
  if (td.view instanceof Error) return [{ name, ok: false, detail: `cannot read the service's task definition: ${td.view.message}` }];
  const missing = missingTaskPrerequisites(td.view, td.actions);
  if (missing.length === 0) return [{ name, ok: true, detail: `${td.view.name} has what ${td.actions.join(', ')} need(s): the SSM agent sidecar, enableFaultInjection, pidMode` }];
  return [
    {
      name,
      ok: false,
      detail: `${td.view.name} lacks ${missing.join(', ')}: ${facts.drillId}'s ${td.actions.join(', ')} would fail inside the task; add ${missing.length > 1 ? 'them' : 'it'} to the service's task definition and deploy it (${TASK_PREREQUISITES_DOC})`,
    },
  ];
}

function experimentChecks(facts: PreflightFacts, quota: number): PreflightCheck[] {
  if (facts.experiments instanceof Error) return [{ name: 'active experiments', ok: false, detail: `fis:ListExperiments failed: ${facts.experiments.message}` }];
  const active = facts.experiments.filter((e) => ACTIVE_STATUSES.includes(e.status));
  const onTemplate = active.filter((e) => facts.templateId !== undefined && e.templateId === facts.templateId);
  return [
    onTemplate.length === 0
      ? { name: 'no active experiment on template', ok: true, detail: 'none' }
      : { name: 'no active experiment on template', ok: false, detail: `already active: ${onTemplate.map((e) => `${e.id} (${e.status})`).join(', ')}` },
    active.length < quota
      ? { name: 'active-experiment quota', ok: true, detail: `${active.length} of ${quota} active in this account and region` }
      : { name: 'active-experiment quota', ok: false, detail: `${active.length} of ${quota} active: FIS would refuse another` },
  ];
}
