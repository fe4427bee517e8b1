/**
 * A container health check with a command: ECS acts only on checks declared in the task
 * definition (not on a Dockerfile HEALTHCHECK), so without one a wedged task is never replaced.
 */
import type { GuardrailRule } from '../../types';
import { containerName, essentialContainers, isRow, TASK_DEFINITION, worstOf } from '../ecs-links';

export const containerHealthCheck: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const containers = essentialContainers(resource);
  const failures = containers
    .filter((c) => !(isRow(c.HealthCheck) && Array.isArray(c.HealthCheck.Command) && c.HealthCheck.Command.length > 0))
    .map((c) => `container ${containerName(c)}: no health check`);
  return worstOf(failures, containers.length);
};
