/**
 * `linuxParameters.initProcessEnabled` on: an init process forwards SIGTERM to the app and
 * reaps zombies, so a stop reaches the app even when it is not written to run as PID 1.
 */
import type { GuardrailRule } from '../../types';
import { containerName, essentialContainers, isRow, isTrue, TASK_DEFINITION, worstOf } from '../ecs-links';

export const initProcessEnabled: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const containers = essentialContainers(resource);
  const failures = containers.filter((c) => !(isRow(c.LinuxParameters) && isTrue(c.LinuxParameters.InitProcessEnabled))).map((c) => `container ${containerName(c)}: initProcessEnabled off`);
  return worstOf(failures, containers.length);
};
