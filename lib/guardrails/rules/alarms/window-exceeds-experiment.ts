/** Why an alarm cannot reach ALARM before the experiment ends (it needs more data points than the experiment lasts), or undefined. */
import type { CfnResourceView } from '../../types';
import { asNumber } from '../ecs-links';
import { secondsToAlarm } from './alarm-metrics';

export function windowExceedsExperiment(alarm: CfnResourceView, experiment: number | undefined): string | undefined {
  const needs = secondsToAlarm(alarm);
  if (needs === undefined || experiment === undefined || experiment === 0 || needs <= experiment) return undefined;
  const p = alarm.properties;
  const points = asNumber(p.DatapointsToAlarm) ?? asNumber(p.EvaluationPeriods);
  const fit = Math.max(1, Math.floor(experiment / 60));
  return (
    `it needs ${points} data point(s) of ${needs / (points ?? 1)} s = ${needs} s to reach ALARM, and the experiment lasts at most ${experiment} s: ` +
    `it cannot stop the drill; use Period 60 with at most ${fit} data point(s) to alarm, or a longer fault`
  );
}
