import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthApp, type SynthesizedApp } from '../stacks/synth-app';

describe('stop-condition alarms with the default config', () => {
  let built: SynthesizedApp;
  let t: Template;
  beforeAll(() => {
    built = synthApp();
    t = built.workloadTemplate;
  });

  test('trips the error-rate alarm on (target 5xx + ELB 5xx) / requests above the limit for 2 minutes, missing data not breaching', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-error-rate',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0.05,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '(FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests', ReturnData: true }),
        Match.objectLike({
          Id: 'target5xx',
          ReturnData: false,
          MetricStat: Match.objectLike({
            Period: 60,
            Stat: 'Sum',
            Metric: Match.objectLike({
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: Match.arrayWith([Match.objectLike({ Name: 'LoadBalancer' }), Match.objectLike({ Name: 'TargetGroup' })]),
            }),
          }),
        }),
        Match.objectLike({ Id: 'elb5xx', MetricStat: Match.objectLike({ Period: 60, Metric: Match.objectLike({ MetricName: 'HTTPCode_ELB_5XX_Count' }) }) }),
        Match.objectLike({ Id: 'requests', MetricStat: Match.objectLike({ Period: 60, Metric: Match.objectLike({ MetricName: 'RequestCount' }) }) }),
      ]),
    });
  });

  test('trips the healthy-hosts alarm below the floor on the target group\'s minimum HealthyHostCount', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-healthy-hosts',
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HealthyHostCount',
      Statistic: 'Minimum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      TreatMissingData: 'missing',
      Dimensions: [
        { Name: 'LoadBalancer', Value: { 'Fn::GetAtt': [Match.anyValue(), 'LoadBalancerFullName'] } },
        { Name: 'TargetGroup', Value: { 'Fn::GetAtt': [Match.anyValue(), 'TargetGroupFullName'] } },
      ],
    });
  });

  test('trips the running-tasks alarm below the floor on Container Insights RunningTaskCount for the service', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-running-tasks',
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [
        { Name: 'ClusterName', Value: { Ref: Match.stringLikeRegexp('Cluster') } },
        { Name: 'ServiceName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('Service'), 'Name'] } },
      ],
    });
  });

  test('creates no probe-heartbeat alarm while the dead-man\'s switch is off', () => {
    t.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(built.workload.stopConditions.alarms['probe-heartbeat']).toBeUndefined();
  });
});

describe('stop-condition alarms with the dead-man\'s switch and other floors', () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp({
      service: { desiredCount: 4 },
      drills: { deadMansSwitch: true, stopConditions: { maxErrorRate: 0.2, minHealthyHosts: 2, minRunningTasks: 3 } },
    }).workloadTemplate;
  });

  test('adds a 10-second probe-heartbeat alarm that treats missing data as breaching', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-probe-heartbeat',
      Namespace: 'FisDrills',
      MetricName: 'ProbeSuccess',
      Dimensions: [{ Name: 'Service', Value: 'drills-demo' }],
      Period: 10,
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  test('takes each floor from the config', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'drills-demo-error-rate', Threshold: 0.2 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'drills-demo-healthy-hosts', Threshold: 2 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'drills-demo-running-tasks', Threshold: 3 });
  });
});
