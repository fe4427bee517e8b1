/**
 * The action of an experiment template that ends every task of a service — stop-task or
 * kill-process on an `aws:ecs:task` target selecting ALL or PERCENT(100), not narrowed to a zone
 * by an AvailabilityZone filter — described for a finding, or undefined when there is none.
 */
import type { CfnResourceView } from '../../types';
import { rows } from '../ecs-links';
import { actionsOf, ECS_TASK_TARGET, targetNamesOf, targetsOf } from '../fis-links';
import { selectsEverything } from '../fis/no-full-selection-in-production';

const ENDS_TASKS = new Set(['aws:ecs:stop-task', 'aws:ecs:task-kill-process']);

export function drillTotalOutage(template: CfnResourceView): string | undefined {
  const targets = new Map(targetsOf(template));
  for (const [name, action] of actionsOf(template)) {
    if (!ENDS_TASKS.has(String(action.ActionId))) continue;
    for (const targetName of targetNamesOf(action)) {
      const t = targets.get(targetName);
      if (!t || t.ResourceType !== ECS_TASK_TARGET || !selectsEverything(t.SelectionMode)) continue;
      if (rows(t.Filters).some((f) => f.Path === 'AvailabilityZone')) continue;
      return `action ${name} (${String(action.ActionId)}) ends every task of target ${targetName} (${String(t.SelectionMode)})`;
    }
  }
  return undefined;
}
