/**
 * What synth can say about a service it did not build: the task definition is not the app's to
 * see, so a drill that runs inside the task gets a warning naming what it needs and the commands
 * that check the deployed one; and config's statement that the service's subnets are its own is
 * carried to the experiment templates as a tag, for the guardrail DRILL-FIS-21.
 */
import { Annotations } from 'aws-cdk-lib';
import * as fis from 'aws-cdk-lib/aws-fis';
import type { ExistingService } from '../config-existing';
import type { Drill } from '../drill';
import { inTaskActionsOf, TASK_PREREQUISITES_DOC } from '../fis/task-action-prerequisites';
import { DEDICATED_SUBNETS_TAG } from '../guardrails/rules/fis/zone-outage-on-own-subnets';
import type { DrillsStack } from './drills-stack';

export function noteExistingService(stack: DrillsStack, name: string, existing: ExistingService, drills: readonly Drill[]): void {
  // Set on the templates themselves (not through the Tags aspect, which runs after the guardrails read them).
  if (existing.dedicatedSubnets) {
    for (const t of stack.node.findAll()) if (t instanceof fis.CfnExperimentTemplate) t.tags.setTag(DEDICATED_SUBNETS_TAG, 'true');
  }
  // Only the drills that got a template (ServiceDrills leaves the dependency drills out without a database).
  const inTask = drills
    .filter((d) => stack.templates[d.id] !== undefined)
    .map((d) => ({ id: d.id, actions: inTaskActionsOf(d) }))
    .filter((d) => d.actions.length > 0);
  if (inTask.length === 0) return;
  const uses = inTask.map((d) => `${d.id} (${d.actions.join(', ')})`).join(', ');
  Annotations.of(stack).addWarningV2(
    'fis-drills:existingTaskDefinitionUnseen',
    `${uses} run(s) inside the task, but the task definition of the existing service ${existing.serviceName} (cluster ${existing.clusterName}) is not in this app, so synth cannot check it: ` +
      'it needs the SSM agent sidecar, pidMode: task and enableFaultInjection: true. ' +
      `\`drills preflight ${inTask[0].id} --service ${name}\` and \`drills doctor --live --cluster ${existing.clusterName} --service ${existing.serviceName}\` check the deployed one (${TASK_PREREQUISITES_DOC}).`,
  );
}
