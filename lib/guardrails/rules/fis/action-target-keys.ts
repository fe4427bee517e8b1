/**
 * Each action's `targets` uses the one key its action takes (`Tasks` for the ECS task actions,
 * `Instances`, `Subnets` …, from the action catalogue), and an action with a resource type has
 * a target. FIS rejects anything else when the template is created, late in a deploy, and
 * cfn-lint does not look. Unknown action ids are DRILL-FIS-5's.
 */
import { fisAction } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { actionsOf, EXPERIMENT_TEMPLATE } from '../fis-links';

export const actionTargetKeys: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures: string[] = [];
  for (const [name, action] of actionsOf(resource)) {
    const id = String(action.ActionId);
    const spec = fisAction(id);
    if (!spec) continue;
    const keys = isRow(action.Targets) ? Object.keys(action.Targets) : [];
    if (spec.targetKey === undefined) {
      if (keys.length > 0) failures.push(`action ${name}: ${id} takes no target, got key(s) ${keys.join(', ')}`);
      continue;
    }
    const wrong = keys.filter((k) => k !== spec.targetKey);
    if (wrong.length > 0) failures.push(`action ${name}: ${id} takes target key '${spec.targetKey}' (${spec.targetType}), not ${wrong.map((k) => `'${k}'`).join(', ')}`);
    else if (keys.length === 0) failures.push(`action ${name}: ${id} needs a target under key '${spec.targetKey}' (${spec.targetType})`);
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
