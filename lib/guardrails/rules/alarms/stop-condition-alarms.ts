/**
 * The CloudWatch alarms an experiment template stops on, resolved to the `AWS::CloudWatch::Alarm`
 * resources of the templates checked. An alarm given as a literal ARN (or from outside) comes
 * back without `alarm`: it cannot be judged.
 */
import type { CfnResourceView, GuardrailContext } from '../../types';
import { rows } from '../ecs-links';

export const ALARM = 'AWS::CloudWatch::Alarm';

export interface StopConditionAlarm {
  /** The alarm's logical id, or its ARN as written. */
  readonly name: string;
  readonly alarm?: CfnResourceView;
}

export function stopConditionAlarms(template: CfnResourceView, context: GuardrailContext): StopConditionAlarm[] {
  return rows(template.properties.StopConditions)
    .filter((c) => c.Source === 'aws:cloudwatch:alarm')
    .map((c) => {
      const alarm = context.template.resolveResource(c.Value, template);
      return alarm?.type === ALARM ? { name: alarm.logicalId, alarm } : { name: typeof c.Value === 'string' ? c.Value : JSON.stringify(c.Value) };
    });
}
