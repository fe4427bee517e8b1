/**
 * stopTimeout set, and at most 120 s (the Fargate maximum; unset means 30 s on Fargate and the
 * agent's default on EC2 — either way a value nobody chose for the drain budget).
 */
import type { GuardrailRule } from '../../types';
import { asNumber, containerName, essentialContainers, TASK_DEFINITION, worstOf } from '../ecs-links';

export const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;

export const stopTimeoutBounded: GuardrailRule = (resource) => {
  if (resource.type !== TASK_DEFINITION) return 'not-applicable';
  const containers = essentialContainers(resource);
  const failures: string[] = [];
  for (const c of containers) {
    const raw = c.StopTimeout;
    const seconds = asNumber(raw);
    if (raw === undefined) failures.push(`container ${containerName(c)}: stopTimeout unset`);
    else if (seconds === undefined)
      continue; // a token we cannot read: not judged
    else if (seconds > FARGATE_MAX_STOP_TIMEOUT_SECONDS) failures.push(`container ${containerName(c)}: stopTimeout ${seconds} s`);
  }
  return worstOf(failures, containers.length);
};
