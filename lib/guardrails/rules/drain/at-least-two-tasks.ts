/**
 * At least 2 tasks: with one, every stop (a deploy, a drill, a host retirement) is an outage.
 * An unset DesiredCount starts 1 task.
 */
import type { GuardrailRule } from '../../types';
import { asNumber, SERVICE } from '../ecs-links';

export const MIN_TASKS = 2;

export const atLeastTwoTasks: GuardrailRule = (resource) => {
  if (resource.type !== SERVICE || resource.properties.SchedulingStrategy === 'DAEMON') return 'not-applicable';
  const raw = resource.properties.DesiredCount;
  const desired = raw === undefined ? 1 : asNumber(raw);
  if (desired === undefined) return 'not-applicable';
  return desired < MIN_TASKS ? { compliance: 'non-compliant', detail: `desired count ${desired}` } : 'compliant';
};
