/** Every target an action points at is defined in the template's `Targets` (FIS rejects the template otherwise). */
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { actionsOf, EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';

export const actionTargetsExist: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const defined = targetsOf(resource).map(([name]) => name);
  const failures: string[] = [];
  for (const [name, action] of actionsOf(resource)) {
    for (const [key, target] of Object.entries(isRow(action.Targets) ? action.Targets : {})) {
      if (typeof target !== 'string' || defined.includes(target)) continue;
      const known = defined.length > 0 ? `the template defines ${defined.map((d) => `'${d}'`).join(', ')}` : 'the template defines no target';
      failures.push(`action ${name}: ${key} points at target '${target}', which does not exist (${known})`);
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
