/**
 * In production, never `ALL` or `PERCENT(100)` of a service's tasks: a drill that stops every
 * task is an outage, not an experiment. Production is the guardrails' `environment` option (or
 * doctor's `--environment`) or the template's tag `environment=production`. A target narrowed
 * by an `AvailabilityZone` filter (the az-outage drill: ALL tasks of one zone) is a subset. A
 * target that only `aws:ecs:task-network-blackhole-port` acts on, cutting egress to one port (the
 * dependency-outage drill), is not an outage of the service: every task keeps running and
 * serving, only its way to that dependency goes dark — which is the drill.
 */
import type { CfnResourceView, GuardrailContext, GuardrailRule } from '../../types';
import { isRow, rows } from '../ecs-links';
import { actionsOf, ECS_TASK_TARGET, EXPERIMENT_TEMPLATE, targetNamesOf, targetsOf } from '../fis-links';

export function isProduction(template: CfnResourceView, context: GuardrailContext): boolean {
  if (context.environment === 'production') return true;
  const tags = template.properties.Tags;
  return isRow(tags) && Object.entries(tags).some(([k, v]) => k.toLowerCase() === 'environment' && String(v).toLowerCase() === 'production');
}

export function selectsEverything(mode: unknown): boolean {
  if (typeof mode !== 'string') return false;
  const m = mode.replace(/\s+/g, '').toUpperCase();
  const percent = /^PERCENT\((\d+(?:\.\d+)?)\)$/.exec(m);
  return m === 'ALL' || (percent !== null && Number(percent[1]) >= 100);
}

/** Every action on `target` black-holes one egress port: the tasks stay up, a dependency goes dark. */
function onlyDependencyCut(template: CfnResourceView, target: string): boolean {
  const using = actionsOf(template).filter(([, a]) => targetNamesOf(a).includes(target));
  const egressPortOnly = ([, a]: [string, Record<string, unknown>]) =>
    a.ActionId === 'aws:ecs:task-network-blackhole-port' && isRow(a.Parameters) && a.Parameters.trafficType === 'egress' && a.Parameters.port !== undefined;
  return using.length > 0 && using.every(egressPortOnly);
}

export const noFullSelectionInProduction: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE || !isProduction(resource, context)) return 'not-applicable';
  const failures = targetsOf(resource)
    .filter(([, t]) => t.ResourceType === ECS_TASK_TARGET && selectsEverything(t.SelectionMode))
    .filter(([, t]) => !rows(t.Filters).some((f) => f.Path === 'AvailabilityZone'))
    .filter(([name]) => !onlyDependencyCut(resource, name))
    .map(([name, t]) => `target ${name} selects ${String(t.SelectionMode)}`);
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
