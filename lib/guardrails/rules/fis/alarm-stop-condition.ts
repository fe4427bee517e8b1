/**
 * At least one CloudWatch-alarm stop condition and no `none`: a drill without one keeps
 * injecting while customers are hurt (AWS's own template library ships `none`).
 */
import type { GuardrailRule } from '../../types';
import { rows } from '../ecs-links';
import { EXPERIMENT_TEMPLATE } from '../fis-links';

export const ALARM_SOURCE = 'aws:cloudwatch:alarm';

export const alarmStopCondition: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const conditions = rows(resource.properties.StopConditions);
  if (conditions.some((c) => c.Source === 'none')) return { compliance: 'non-compliant', detail: "a stop condition has source 'none'" };
  if (!conditions.some((c) => c.Source === ALARM_SOURCE && c.Value !== undefined && c.Value !== '')) {
    return { compliance: 'non-compliant', detail: 'no aws:cloudwatch:alarm stop condition' };
  }
  return 'compliant';
};
