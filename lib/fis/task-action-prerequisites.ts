/**
 * What the `aws:ecs:task-*` actions need on the drilled service's task definition (FIS actions
 * reference, "ECS actions": they run an SSM document through the SSM agent sidecar, with
 * `enableFaultInjection`, and kill-process and the network actions with `pidMode: task`; fis-facts
 * §1). Pure: the synth warning for an existing service, `drills preflight` and `drills doctor
 * --live` read the same list.
 */
import type { Drill } from '../drill';
import { fisAction } from './action-catalogue';
import { actionIdsOf, faultPlan } from './fault-plan';

/** The parts of a task definition that decide it (ECS DescribeTaskDefinition or the template). */
export interface TaskDefinitionFacts {
  readonly enableFaultInjection?: boolean;
  readonly pidMode?: string;
  readonly containers: readonly { readonly name?: string; readonly image?: string }[];
}

/** The in-task FIS actions of a drill's fault (empty for stop-task and az-outage). */
export function inTaskActionsOf(drill: Drill): string[] {
  // Names do not change which actions a fault uses: placeholders will do.
  const refs = {
    clusterName: 'cluster',
    serviceName: 'service',
    vpcId: 'vpc',
    zones: Array.from({ length: 16 }, (_, i) => `zone-${i}`),
    processName: 'app',
    database: { port: 5432, clusterArn: 'arn:aws:rds:region:111122223333:cluster:db' },
  };
  return [...actionIdsOf([faultPlan(drill, refs)])].filter((id) => fisAction(id)?.needsSidecar === true);
}

/**
 * What `td` lacks for `actionIds`, as the fix names it: `enableFaultInjection: true`,
 * `pidMode: task`, `the SSM agent sidecar` (a container whose name or image says ssm-agent, as
 * DRILL-FIS-6 looks for it). Empty when nothing is missing or no action runs in the task.
 */
export function missingTaskPrerequisites(td: TaskDefinitionFacts, actionIds: readonly string[]): string[] {
  const specs = actionIds.map(fisAction).filter((s) => s?.needsSidecar === true);
  if (specs.length === 0) return [];
  const missing: string[] = [];
  if (td.enableFaultInjection !== true) missing.push('enableFaultInjection: true');
  if (specs.some((s) => s?.needsPidModeTask) && td.pidMode !== 'task') missing.push('pidMode: task');
  if (!td.containers.some((c) => `${c.name ?? ''} ${c.image ?? ''}`.includes('ssm-agent'))) missing.push('the SSM agent sidecar');
  return missing;
}

/** Where the fix is written down. */
export const TASK_PREREQUISITES_DOC = 'docs/deploy.md, "What an existing service needs"';
