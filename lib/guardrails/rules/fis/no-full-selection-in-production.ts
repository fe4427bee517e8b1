/**
 * In production, never `ALL` or `PERCENT(100)` of a service's tasks: a drill that stops every
 * task is an outage, not an experiment. Production is the guardrails' `environment` option (or
 * doctor's `--environment`) or the template's tag `environment=production`. A target narrowed
 * by an `AvailabilityZone` filter (the az-outage drill: ALL tasks of one zone) is a subset.
 */
import type { CfnResourceView, GuardrailContext, GuardrailRule } from '../../types';
import { isRow, rows } from '../ecs-links';
import { ECS_TASK_TARGET, EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';

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

export const noFullSelectionInProduction: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE || !isProduction(resource, context)) return 'not-applicable';
  const failures = targetsOf(resource)
    .filter(([, t]) => t.ResourceType === ECS_TASK_TARGET && selectsEverything(t.SelectionMode))
    .filter(([, t]) => !rows(t.Filters).some((f) => f.Path === 'AvailabilityZone'))
    .map(([name, t]) => `target ${name} selects ${String(t.SelectionMode)}`);
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
