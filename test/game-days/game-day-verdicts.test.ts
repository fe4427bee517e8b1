import { Match, type Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { DRILL_VERDICT_METRIC } from '../../lib/game-days/drill-verdict-metric';
import { synthApp } from '../stacks/synth-app';

describe('game-day verdicts with game days on', () => {
  let t: Template;
  let workload: Template;
  beforeAll(() => {
    const app = synthApp({ drills: { gameDays: true } });
    t = app.drillsTemplate;
    workload = app.workloadTemplate;
  });

  test('creates one "last game day was not HELD" alarm per scheduled drill, on the verdict the runner publishes', () => {
    const scheduled = catalogue.filter((d) => d.schedule);
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).filter((a) => a.Properties.MetricName === DRILL_VERDICT_METRIC.verdict);
    expect(alarms).toHaveLength(scheduled.length);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-task-stop-drain-game-day-not-held',
      Namespace: 'FisDrills',
      MetricName: 'DrillVerdict',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'ignore',
      Dimensions: Match.arrayWith([
        { Name: 'Drill', Value: 'task-stop-drain' },
        { Name: 'Service', Value: Match.anyValue() },
      ]),
    });
  });

  test("names the ECS service by its physical name, as the runner does (the workload's ServiceName output)", () => {
    const alarm = Object.values(t.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.MetricName === 'DrillVerdict');
    const service = (alarm?.Properties.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === 'Service')?.Value;
    const output = (workload.toJSON().Outputs as Record<string, { Value: { 'Fn::GetAtt': [string, string] } }>).ServiceName.Value['Fn::GetAtt'];
    expect(output[1]).toBe('Name');
    expect((service as { 'Fn::ImportValue': string })['Fn::ImportValue']).toContain(`ExportsOutputFnGetAtt${output[0]}Name`);
  });

  test('creates an encrypted topic that refuses publishing without TLS, and outputs its ARN', () => {
    t.resourceCountIs('AWS::SNS::Topic', 1);
    const topic = Object.values(t.findResources('AWS::SNS::Topic'))[0];
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain(':alias/aws/sns');
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) }),
    });
    t.hasOutput('GameDayTopicArn', { Value: { Ref: Match.stringLikeRegexp('GameDayVerdictsTopic') } });
  });
});

describe('game-day verdicts with game days off', () => {
  test('creates no topic and no verdict alarm', () => {
    const t = synthApp().drillsTemplate;
    t.resourceCountIs('AWS::SNS::Topic', 0);
    expect(Object.values(t.findResources('AWS::CloudWatch::Alarm')).filter((a) => a.Properties.MetricName === 'DrillVerdict')).toHaveLength(0);
  });
});
