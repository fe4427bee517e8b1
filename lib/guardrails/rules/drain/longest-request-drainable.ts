/**
 * On Fargate a request longer than ~110 s cannot be drained: stopTimeout stops at 120 s and the
 * app must exit before it (DESIGN "The drain budget"). Such a request breaks on every stop,
 * whatever the settings; the warning says so, so the service can split or resume it.
 */
import { FARGATE_DRAINABLE_SECONDS } from '../../../config-validate';
import type { GuardrailRule } from '../../types';
import { essentialContainers, longestRequestSeconds, TASK_DEFINITION } from '../ecs-links';

export const longestRequestDrainable: GuardrailRule = (resource, context) => {
  if (resource.type !== TASK_DEFINITION || essentialContainers(resource).length === 0) return 'not-applicable';
  const compat = resource.properties.RequiresCompatibilities;
  if (!(Array.isArray(compat) && compat.includes('FARGATE'))) return 'not-applicable';
  const longest = longestRequestSeconds(resource, context);
  if (longest === undefined) return 'not-applicable'; // DRILL-DRAIN-5/-6 already note it
  return longest > FARGATE_DRAINABLE_SECONDS ? { compliance: 'non-compliant', detail: `longest request ${longest} s > ${FARGATE_DRAINABLE_SECONDS} s` } : 'compliant';
};
