/**
 * The target group's deregistration delay is at least the longest request: while a stopped
 * task drains, the ALB cuts whatever is still in flight when the delay runs out (DESIGN "The
 * drain budget"). An unset delay is the ALB default, 300 s.
 */
import type { GuardrailRule } from '../../types';
import { asNumber, longestRequestSeconds, rows, SERVICE, targetGroupsOf, taskDefinitionOf, UNKNOWN_LONGEST_REQUEST } from '../ecs-links';

export const ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

export const deregistrationDelayCoversLongestRequest: GuardrailRule = (resource, context) => {
  if (resource.type !== SERVICE || rows(resource.properties.LoadBalancers).length === 0) return 'not-applicable';
  const taskDefinition = taskDefinitionOf(resource, context);
  if (!taskDefinition) return { compliance: 'not-applicable', detail: 'task definition not in the template' };
  const longest = longestRequestSeconds(taskDefinition, context);
  if (longest === undefined) return { compliance: 'not-applicable', detail: UNKNOWN_LONGEST_REQUEST };
  const groups = targetGroupsOf(resource, context);
  if (groups.length === 0) return { compliance: 'not-applicable', detail: 'target group not in the template: deregistration delay unmeasured' };
  const failures: string[] = [];
  for (const tg of groups) {
    const attribute = rows(tg.properties.TargetGroupAttributes).find((a) => a.Key === 'deregistration_delay.timeout_seconds');
    const delay = attribute ? asNumber(attribute.Value) : ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    if (delay !== undefined && delay < longest) {
      failures.push(`target group ${tg.logicalId}: deregistration delay ${delay} s < longest request ${longest} s`);
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
