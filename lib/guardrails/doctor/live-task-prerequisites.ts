/**
 * `drills doctor --live`: the deployed task definition against the in-task FIS actions of the
 * drills the service gets (lib/fis/task-action-prerequisites.ts). The pack's DRILL-FIS-6 judges
 * the same from an experiment template, which a live read does not have; this judges it from
 * the drills. One error finding, `DRILL-LIVE-1`, naming what is missing and the fix.
 */
import type { Drill } from '../../drill';
import { inTaskActionsOf, missingTaskPrerequisites, TASK_PREREQUISITES_DOC, type TaskDefinitionFacts } from '../../fis/task-action-prerequisites';
import type { Finding, NamedTemplate } from '../types';

export const LIVE_TASK_PREREQUISITES_RULE = 'DRILL-LIVE-1';

/** The findings for `live` (liveServiceTemplate's shape: one `TaskDefinition` resource); none when nothing is missing. */
export function liveTaskFindings(live: NamedTemplate, drills: readonly Drill[]): Finding[] {
  const td = live.template.Resources?.TaskDefinition?.Properties ?? {};
  const containers = Array.isArray(td.ContainerDefinitions) ? (td.ContainerDefinitions as { Name?: string; Image?: string }[]) : [];
  const facts: TaskDefinitionFacts = {
    enableFaultInjection: td.EnableFaultInjection === true,
    pidMode: typeof td.PidMode === 'string' ? td.PidMode : undefined,
    containers: containers.map((c) => ({ name: c.Name, image: c.Image })),
  };
  const inTask = drills.map((d) => ({ id: d.id, actions: inTaskActionsOf(d) })).filter((d) => d.actions.length > 0);
  const missing = missingTaskPrerequisites(
    facts,
    inTask.flatMap((d) => d.actions),
  );
  if (missing.length === 0) return [];
  return [
    {
      rule: LIVE_TASK_PREREQUISITES_RULE,
      severity: 'error',
      resource: `${live.name}/TaskDefinition`,
      message: `The task definition${typeof td.Family === 'string' ? ` ${td.Family}` : ''} lacks ${missing.join(', ')}: ${inTask.map((d) => `${d.id} (${d.actions.join(', ')})`).join(', ')} would fail inside the task. Add ${missing.length > 1 ? 'them' : 'it'} to the service's task definition and deploy it (${TASK_PREREQUISITES_DOC}).`,
    },
  ];
}
