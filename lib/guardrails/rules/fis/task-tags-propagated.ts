/**
 * An `aws:ecs:task` target selected by resource tags finds tasks only if the tasks carry those
 * tags. A service's tasks carry its tags only with `PropagateTags: SERVICE`, or the task
 * definition's with `PropagateTags: TASK_DEFINITION`; otherwise the tag sits on the service and
 * no task has it (ECS API CreateService `propagateTags`; fis-facts §2: FIS resolves task targets
 * by the tasks' own tags). The target then resolves nothing — with `skip`, the drill "completes".
 * The service is the target's `service` parameter, else a service in the templates tagged with
 * every tag the target selects; none found: not judged, with a note.
 */
import type { CfnResourceView, GuardrailContext, GuardrailRule } from '../../types';
import { isRow, rows, SERVICE, taskDefinitionOf, type Row } from '../ecs-links';
import { ECS_TASK_TARGET, EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';

/** A service's or task definition's tags: CloudFormation gives both as a `[{ Key, Value }]` list. */
function tagsOf(resource: CfnResourceView | undefined): Record<string, unknown> {
  return Object.fromEntries(rows(resource?.properties.Tags).map((t) => [String(t.Key), t.Value]));
}

const carries = (tags: Record<string, unknown>, wanted: Row): boolean => Object.entries(wanted).every(([k, v]) => tags[k] === v);

function serviceFor(target: Row, wanted: Row, from: CfnResourceView, context: GuardrailContext): CfnResourceView | undefined {
  const params = isRow(target.Parameters) ? target.Parameters : {};
  const byParam = params.service === undefined ? undefined : context.template.resolveResource(params.service, from);
  if (byParam?.type === SERVICE) return byParam;
  return context.template.ofType(SERVICE, from).find((s) => carries(tagsOf(s), wanted));
}

export const taskTagsPropagated: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures: string[] = [];
  const notes: string[] = [];
  let judged = 0;
  for (const [name, target] of targetsOf(resource)) {
    if (target.ResourceType !== ECS_TASK_TARGET || !isRow(target.ResourceTags) || Object.keys(target.ResourceTags).length === 0) continue;
    const wanted = target.ResourceTags;
    const service = serviceFor(target, wanted, resource, context);
    const shown = Object.entries(wanted)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    if (!service) {
      notes.push(`target ${name} selects tasks by tags ${shown}; no service in the templates checked has them: not judged`);
      continue;
    }
    judged += 1;
    const propagate = service.properties.PropagateTags;
    const source = propagate === 'SERVICE' ? tagsOf(service) : propagate === 'TASK_DEFINITION' ? tagsOf(taskDefinitionOf(service, context)) : undefined;
    if (source === undefined) {
      failures.push(
        `target ${name} selects tasks by tags ${shown}, but service ${service.logicalId} does not propagate tags to its tasks (PropagateTags ${String(propagate ?? 'unset')}): no task carries them, the target resolves nothing; set PropagateTags: SERVICE (with the tags on the service)`,
      );
    } else if (!carries(source, wanted)) {
      failures.push(`target ${name} selects tasks by tags ${shown}, but service ${service.logicalId} propagates its ${propagate === 'SERVICE' ? 'service' : 'task definition'} tags, which lack them`);
    }
  }
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; '), notes };
  if (notes.length > 0) return { compliance: 'not-applicable', notes };
  return judged > 0 ? 'compliant' : 'not-applicable';
};
