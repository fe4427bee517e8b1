/** At most 5 stop conditions per template (FIS quota L-872EC72B, not adjustable): more fails at deploy. */
import type { GuardrailRule } from '../../types';
import { rows } from '../ecs-links';
import { EXPERIMENT_TEMPLATE } from '../fis-links';

export const MAX_STOP_CONDITIONS = 5;

export const stopConditionLimit: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const count = rows(resource.properties.StopConditions).length;
  return count > MAX_STOP_CONDITIONS ? { compliance: 'non-compliant', detail: `${count} stop conditions` } : 'compliant';
};
