/**
 * ECS Exec off on a service the `aws:ecs:task-*` actions drill: ECS Exec starts an SSM agent
 * in the task, and the FIS sidecar's script exits when one is already running (fis-facts §1).
 */
import { FIS_ACTIONS } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { isTrue } from '../ecs-links';
import { drilledServices, EXPERIMENT_TEMPLATE } from '../fis-links';

const usesSidecar = (id: string): boolean => Object.prototype.hasOwnProperty.call(FIS_ACTIONS, id) && FIS_ACTIONS[id].needsSidecar === true;

export const noEcsExecOnDrilledService: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const drilled = drilledServices(resource, context, usesSidecar);
  const services = drilled.filter((d) => d.service !== undefined);
  const failures = services.filter((d) => isTrue(d.service?.properties.EnableExecuteCommand)).map((d) => `action ${d.action} drills service ${d.service?.logicalId}, which has ECS Exec enabled`);
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; ') };
  const unresolved = drilled.filter((d) => d.service === undefined);
  if (unresolved.length > 0) return { compliance: 'not-applicable', detail: unresolved.map((d) => `action ${d.action}: ${d.unresolved}`).join('; ') };
  return services.length > 0 ? 'compliant' : 'not-applicable';
};
