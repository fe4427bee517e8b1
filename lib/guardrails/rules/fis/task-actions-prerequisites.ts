/**
 * The `aws:ecs:task-*` actions run inside the task through the SSM agent sidecar: the drilled
 * service's task definition needs `enableFaultInjection`, the sidecar, and for kill-process
 * and the network actions `pidMode: task`; on Fargate the network actions must also set
 * `useEcsFaultInjectionEndpoints=true` (fis-facts §1). Without them the drill does nothing or
 * fails at run time. A target whose service cannot be resolved is not judged (a note says why).
 */
import { FIS_ACTIONS } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { containersOf, isRow, isTrue } from '../ecs-links';
import { actionsOf, drilledServices, EXPERIMENT_TEMPLATE } from '../fis-links';

const spec = (id: string) => (Object.prototype.hasOwnProperty.call(FIS_ACTIONS, id) ? FIS_ACTIONS[id] : undefined);

export const taskActionsPrerequisites: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const drilled = drilledServices(resource, context, (id) => spec(id)?.needsSidecar === true);
  const failures: string[] = [];
  const unresolved: string[] = [];
  for (const d of drilled) {
    if (!d.taskDefinition) {
      unresolved.push(`action ${d.action}: ${d.unresolved}`);
      continue;
    }
    const td = d.taskDefinition.properties;
    const missing: string[] = [];
    if (!isTrue(td.EnableFaultInjection)) missing.push('enableFaultInjection');
    if (spec(d.actionId)?.needsPidModeTask && td.PidMode !== 'task') missing.push('pidMode task');
    if (!containersOf(d.taskDefinition).some((c) => JSON.stringify([c.Image, c.Name]).includes('ssm-agent'))) missing.push('the SSM agent sidecar');
    const fargate = Array.isArray(td.RequiresCompatibilities) && td.RequiresCompatibilities.includes('FARGATE');
    const params = actionsOf(resource).find(([name]) => name === d.action)?.[1].Parameters;
    if (fargate && d.actionId.startsWith('aws:ecs:task-network-') && !(isRow(params) && isTrue(params.useEcsFaultInjectionEndpoints))) {
      missing.push('useEcsFaultInjectionEndpoints=true (Fargate)');
    }
    if (missing.length > 0) failures.push(`action ${d.action} (${d.actionId}) on task definition ${d.taskDefinition.logicalId}: no ${missing.join(', no ')}`);
  }
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; ') };
  if (unresolved.length > 0) return { compliance: 'not-applicable', detail: unresolved.join('; ') };
  return drilled.length > 0 ? 'compliant' : 'not-applicable';
};
