/**
 * The service's health-check grace period is at least the container's health-check start
 * period: otherwise the ALB's checks count against a task that is still starting, and ECS
 * replaces it before it ever served (a replacement loop during a drill's recovery).
 */
import type { GuardrailRule } from '../../types';
import { asNumber, essentialContainers, isRow, rows, SERVICE, taskDefinitionOf } from '../ecs-links';

export const gracePeriodCoversStartPeriod: GuardrailRule = (resource, context) => {
  if (resource.type !== SERVICE || rows(resource.properties.LoadBalancers).length === 0) return 'not-applicable';
  const taskDefinition = taskDefinitionOf(resource, context);
  if (!taskDefinition) return { compliance: 'not-applicable', detail: 'task definition not in the template' };
  const startPeriods = essentialContainers(taskDefinition)
    .map((c) => (isRow(c.HealthCheck) ? asNumber(c.HealthCheck.StartPeriod) : undefined))
    .filter((s): s is number => s !== undefined);
  if (startPeriods.length === 0) return 'not-applicable';
  const startPeriod = Math.max(...startPeriods);
  const raw = resource.properties.HealthCheckGracePeriodSeconds;
  const grace = raw === undefined ? 0 : asNumber(raw);
  if (grace === undefined) return 'not-applicable';
  return grace < startPeriod ? { compliance: 'non-compliant', detail: `grace period ${grace} s < container start period ${startPeriod} s` } : 'compliant';
};
