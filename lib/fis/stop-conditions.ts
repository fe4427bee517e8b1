import type { CfnExperimentTemplate } from 'aws-cdk-lib/aws-fis';
import type { Drill, StopConditionName } from '../drill';

export interface ResolvedStopConditions {
  readonly stopConditions: CfnExperimentTemplate.ExperimentTemplateStopConditionProperty[];
  /** Names the drill asks for that have no alarm (e.g. probe-heartbeat with the switch off). */
  readonly skipped: StopConditionName[];
}

/**
 * Pure: a drill's stop-condition names → CloudWatch alarm stop conditions. Never `none`: a drill
 * left without any alarm is an error naming its file.
 */
export function resolveStopConditions(drill: Drill, alarmArns: Partial<Record<StopConditionName, string>>): ResolvedStopConditions {
  const names = [...new Set(drill.stopConditions)];
  const skipped = names.filter((n) => alarmArns[n] === undefined);
  const stopConditions = names.filter((n) => alarmArns[n] !== undefined).map((n) => ({ source: 'aws:cloudwatch:alarm', value: alarmArns[n] as string }));
  if (stopConditions.length === 0) {
    throw new Error(`${drill.file}: none of the stop conditions ${names.join(', ')} has an alarm in this stack; a FIS template must never run unguarded`);
  }
  return { stopConditions, skipped };
}
