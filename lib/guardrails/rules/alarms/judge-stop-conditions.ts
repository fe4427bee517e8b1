/**
 * Judges an experiment template's alarm stop conditions for one kind of "cannot fire" problem.
 * The finding is an error when no stop condition is left that can fire (every alarm has some
 * problem); a warning when another alarm stop condition — sound, or one the templates do not hold
 * and so cannot be judged — still guards the drill.
 */
import type { CfnResourceView, GuardrailContext, RuleOutcome } from '../../types';
import { EXPERIMENT_TEMPLATE } from '../fis-links';
import { drillTotalOutage } from './drill-total-outage';
import { experimentSeconds } from './experiment-seconds';
import { silentInOutage } from './silent-in-outage';
import { stopConditionAlarms } from './stop-condition-alarms';
import { unpublishedDimensions } from './unpublished-dimensions';
import { windowExceedsExperiment } from './window-exceeds-experiment';

export type AlarmProblem = 'dimensions' | 'silent' | 'window';

export function judgeStopConditions(template: CfnResourceView, context: GuardrailContext, kind: AlarmProblem): RuleOutcome {
  if (template.type !== EXPERIMENT_TEMPLATE) return { compliance: 'not-applicable' };
  const outage = drillTotalOutage(template);
  const seconds = experimentSeconds(template);
  const judged = stopConditionAlarms(template, context).map(({ name, alarm }) => ({
    name,
    problems: alarm
      ? {
          dimensions: unpublishedDimensions(alarm),
          silent: silentInOutage(alarm, outage),
          window: windowExceedsExperiment(alarm, seconds),
        }
      : undefined,
  }));
  if (judged.length === 0) return { compliance: 'not-applicable' };
  const failures = judged.filter((j) => j.problems?.[kind]).map((j) => `alarm ${j.name}: ${j.problems?.[kind]}`);
  if (failures.length === 0) return { compliance: judged.some((j) => j.problems) ? 'compliant' : 'not-applicable' };
  const guarding = judged.filter((j) => !j.problems || Object.values(j.problems).every((p) => p === undefined)).map((j) => j.name);
  const tail = guarding.length > 0 ? ` (stop condition(s) ${guarding.join(', ')} still guard the drill)` : ' (no other stop condition can fire)';
  return { compliance: 'non-compliant', severity: guarding.length > 0 ? 'warning' : 'error', detail: failures.join('; ') + tail };
}
