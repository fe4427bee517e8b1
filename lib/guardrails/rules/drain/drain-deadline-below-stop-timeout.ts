/**
 * The app's drain deadline (env DRAIN_TIMEOUT_MS) is below stopTimeout, so the app finishes
 * in-flight work and exits before SIGKILL. A container without the variable is not judged.
 */
import type { GuardrailRule } from '../../types';
import { asNumber, containerName, DRAIN_TIMEOUT_ENV, envOf, essentialContainers, TASK_DEFINITION, worstOf } from '../ecs-links';

export const drainDeadlineBelowStopTimeout: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const failures: string[] = [];
  let judged = 0;
  for (const c of essentialContainers(resource)) {
    const deadlineMs = asNumber(envOf(c, DRAIN_TIMEOUT_ENV));
    const stopTimeout = asNumber(c.StopTimeout);
    if (deadlineMs === undefined || stopTimeout === undefined) continue;
    judged += 1;
    if (deadlineMs >= stopTimeout * 1000) {
      failures.push(`container ${containerName(c)}: ${DRAIN_TIMEOUT_ENV}=${deadlineMs} is not below stopTimeout ${stopTimeout} s`);
    }
  }
  return worstOf(failures, judged);
};
