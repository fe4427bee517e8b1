/**
 * stopTimeout is at least the longest request: when SIGTERM arrives with requests still in
 * flight (seen in the field), SIGKILL follows stopTimeout later and ends them.
 */
import type { GuardrailRule } from '../../types';
import { asNumber, containerName, essentialContainers, longestRequestSeconds, TASK_DEFINITION, UNKNOWN_LONGEST_REQUEST, worstOf } from '../ecs-links';

export const stopTimeoutCoversLongestRequest: GuardrailRule = (resource, context) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const containers = essentialContainers(resource);
  if (containers.length === 0) return 'not-applicable';
  const longest = longestRequestSeconds(resource, context);
  if (longest === undefined) return { compliance: 'not-applicable', detail: UNKNOWN_LONGEST_REQUEST };
  const failures: string[] = [];
  let judged = 0;
  for (const c of containers) {
    const stopTimeout = asNumber(c.StopTimeout);
    if (stopTimeout === undefined) continue; // unset is DRILL-DRAIN-1's finding
    judged += 1;
    if (stopTimeout < longest) failures.push(`container ${containerName(c)}: stopTimeout ${stopTimeout} s < longest request ${longest} s`);
  }
  return worstOf(failures, judged);
};
