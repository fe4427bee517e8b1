/**
 * Reading FIS experiment templates as synthesized: targets, actions, and the ECS service (and
 * its task definition) an `aws:ecs:task` target drills, resolved through the template view.
 */
import type { CfnResourceView, GuardrailContext } from '../types';
import { isRow, SERVICE, taskDefinitionOf, type Row } from './ecs-links';

export const EXPERIMENT_TEMPLATE = 'AWS::FIS::ExperimentTemplate';
export const ECS_TASK_TARGET = 'aws:ecs:task';

export const entriesOf = (v: unknown): [string, Row][] => (isRow(v) ? Object.entries(v).filter((e): e is [string, Row] => isRow(e[1])) : []);

export const targetsOf = (template: CfnResourceView): [string, Row][] => entriesOf(template.properties.Targets);
export const actionsOf = (template: CfnResourceView): [string, Row][] => entriesOf(template.properties.Actions);

/** The target names an action points at (`Targets: { Tasks: 'ServiceTasks' }`). */
export const targetNamesOf = (action: Row): string[] => (isRow(action.Targets) ? Object.values(action.Targets).filter((v): v is string => typeof v === 'string') : []);

export interface DrilledService {
  readonly action: string;
  readonly actionId: string;
  readonly target: string;
  readonly service?: CfnResourceView;
  readonly taskDefinition?: CfnResourceView;
  /** Why the service or its task definition could not be found. */
  readonly unresolved?: string;
}

function serviceOfTarget(target: Row, from: CfnResourceView, context: GuardrailContext): CfnResourceView | string {
  const params = isRow(target.Parameters) ? target.Parameters : {};
  if (params.service === undefined) return 'the target selects tasks by tags or ARNs, not by service';
  const resolved = context.template.resolveResource(params.service, from);
  if (resolved?.type === SERVICE) return resolved;
  if (typeof params.service === 'string') {
    const name = params.service.split('/').pop();
    const byName = context.template.ofType(SERVICE, from).find((s) => s.properties.ServiceName === name);
    if (byName) return byName;
  }
  return `service ${JSON.stringify(params.service)} is not in the templates checked`;
}

/** Each (action, aws:ecs:task target) pair of the actions `wanted` picks, with its service resolved. */
export function drilledServices(template: CfnResourceView, context: GuardrailContext, wanted: (actionId: string) => boolean): DrilledService[] {
  const targets = new Map(targetsOf(template));
  const out: DrilledService[] = [];
  for (const [action, spec] of actionsOf(template)) {
    const actionId = typeof spec.ActionId === 'string' ? spec.ActionId : '';
    if (!wanted(actionId)) continue;
    for (const name of targetNamesOf(spec)) {
      const target = targets.get(name);
      if (!target || target.ResourceType !== ECS_TASK_TARGET) continue;
      const service = serviceOfTarget(target, template, context);
      if (typeof service === 'string') {
        out.push({ action, actionId, target: name, unresolved: service });
        continue;
      }
      const taskDefinition = taskDefinitionOf(service, context);
      out.push(
        taskDefinition
          ? { action, actionId, target: name, service, taskDefinition }
          : { action, actionId, target: name, service, unresolved: `the task definition of service ${service.logicalId} is not in the templates checked` },
      );
    }
  }
  return out;
}
