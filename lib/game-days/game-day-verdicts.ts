import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { Drill } from '../drill';
import { DRILL_VERDICT_METRIC } from './drill-verdict-metric';

export interface GameDayVerdictsProps {
  /** The scheduled drills: one alarm each. */
  readonly drills: readonly Drill[];
  /** The ECS service's physical name (its `Name` attribute): the metrics' `Service` dimension. */
  readonly ecsServiceName: string;
  /** The config's service name: alarm and dashboard names. */
  readonly serviceName: string;
  /** An existing topic (its ARN) to publish to instead of making one. @default - a topic made here */
  readonly topicArn?: string;
}

/**
 * Where a game day's verdict lands: an SNS topic the runner publishes each run's summary to
 * (`drills run --notify <arn>`; subscribe on-call to it), one alarm per scheduled drill that is in
 * ALARM while the last run of that drill was not HELD, and a dashboard of verdicts and recovery
 * times. The alarm watches the Maximum of `DrillVerdict` (lib/game-days/drill-verdict-metric.ts);
 * a run publishes one datum, so missing data keeps the last state (`IGNORE`): the alarm stays in
 * ALARM until a later run of the drill holds (CloudWatch User Guide, "Configuring how CloudWatch
 * alarms treat missing data"). The topic made here is encrypted with the AWS managed key
 * `alias/aws/sns` and refuses publishing without TLS; the runner's role gets no KMS statement for
 * it (that key's policy is AWS's; not confirmed against a live account that none is needed). An
 * existing topic (`topicArn`) is used as it is: its key, if a customer managed one, is given to the
 * runner task separately (RunnerTaskProps.topicKeyArn).
 */
export class GameDayVerdicts extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: GameDayVerdictsProps) {
    super(scope, id);
    this.topic = props.topicArn
      ? sns.Topic.fromTopicArn(this, 'Topic', props.topicArn)
      : new sns.Topic(this, 'Topic', {
          displayName: `fis-drills game days of ${props.serviceName}`,
          masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
          enforceSSL: true,
        });
    new CfnOutput(this, 'TopicArn', { key: 'GameDayTopicArn', value: this.topic.topicArn, description: 'SNS topic each game day publishes its verdict to' });
    const m = DRILL_VERDICT_METRIC;
    const metric = (name: string, drill: Drill, statistic: string) =>
      new cloudwatch.Metric({ namespace: m.namespace, metricName: name, dimensionsMap: m.dimensions(props.ecsServiceName, drill.id), statistic, period: Duration.seconds(m.periodSeconds) });
    const widgets: cloudwatch.IWidget[] = [];
    for (const drill of props.drills) {
      this.alarms[drill.id] = new cloudwatch.Alarm(this, `NotHeld-${drill.id}`, {
        alarmName: `${props.serviceName}-${drill.id}-game-day-not-held`,
        alarmDescription: `The last game day of ${drill.id} on ${props.serviceName} was not HELD (value = its exit code); the evidence and the reason are in the SNS notification and the evidence bucket`,
        metric: metric(m.verdict, drill, 'Maximum'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.IGNORE,
      });
      widgets.push(
        new cloudwatch.GraphWidget({
          title: `${drill.id}: verdict (0 = HELD) and recovery seconds`,
          left: [metric(m.verdict, drill, 'Maximum')],
          right: [metric(m.recoverySeconds, drill, 'Maximum')],
          width: 12,
        }),
      );
    }
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { widgets: [widgets] });
  }
}
