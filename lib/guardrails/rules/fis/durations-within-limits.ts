/**
 * Every duration parameter of a known action is an ISO 8601 duration within the range the FIS
 * actions reference gives for it (most: one minute to 12 hours; EBS: from one second; Spot
 * interruptions: 2 to 15 minutes; Direct Connect: from 10 minutes). A value that is not a
 * literal string (a parameter reference) is not judged.
 */
import { fisAction } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { isRow } from '../ecs-links';
import { actionsOf, EXPERIMENT_TEMPLATE } from '../fis-links';
import { isoDurationSeconds } from './iso-duration';

const human = (s: number): string => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export const durationsWithinLimits: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures: string[] = [];
  for (const [name, action] of actionsOf(resource)) {
    const id = String(action.ActionId);
    const params = isRow(action.Parameters) ? action.Parameters : {};
    for (const p of fisAction(id)?.parameters ?? []) {
      const value = params[p.name];
      if (!p.duration || typeof value !== 'string') continue;
      const range = `${human(p.duration.minSeconds)} to ${human(p.duration.maxSeconds)}`;
      const seconds = isoDurationSeconds(value);
      if (seconds === undefined) failures.push(`action ${name}: ${p.name} '${value}' is not an ISO 8601 duration (FIS takes e.g. PT5M, ${range})`);
      else if (seconds < p.duration.minSeconds || seconds > p.duration.maxSeconds) failures.push(`action ${name}: ${id} takes ${p.name} from ${range}, got ${value}`);
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
