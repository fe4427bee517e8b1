/**
 * Every action is in the FIS action catalogue (lib/fis/action-catalogue.ts, from the facts
 * sheet), takes only parameters it knows, has its required ones, and targets its resource type.
 * The catalogue holds every action of the FIS actions reference; an action FIS added since
 * shows up as unknown — suppress with a reason, or add it to the catalogue.
 */
import { fisAction } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { actionsOf, EXPERIMENT_TEMPLATE, targetNamesOf, targetsOf } from '../fis-links';

export const actionsMatchCatalogue: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const targets = new Map(targetsOf(resource));
  const failures: string[] = [];
  for (const [name, action] of actionsOf(resource)) {
    const id = String(action.ActionId);
    const spec = fisAction(id);
    if (!spec) {
      failures.push(`action ${name}: unknown action id ${id}`);
      continue;
    }
    const given = isRow(action.Parameters) ? Object.keys(action.Parameters) : [];
    const known = new Set(spec.parameters.map((p) => p.name));
    given.filter((p) => !known.has(p)).forEach((p) => failures.push(`action ${name}: ${id} takes no parameter '${p}'`));
    spec.parameters.filter((p) => p.required && !given.includes(p.name)).forEach((p) => failures.push(`action ${name}: ${id} needs parameter '${p.name}'`));
    for (const targetName of targetNamesOf(action)) {
      const type = targets.get(targetName)?.ResourceType;
      if (type !== undefined && spec.targetType !== 'none' && type !== spec.targetType) failures.push(`action ${name}: ${id} acts on ${spec.targetType}, target ${targetName} is ${String(type)}`);
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
