import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthApp, type SynthesizedApp } from '../stacks/synth-app';

describe('stop-condition alarms with the default config', () => {
  let built: SynthesizedApp;
  let t: Template;
  beforeAll(() => {
    built = synthApp();
    t = built.workloadTemplate;
  });

  test('trips the error-rate alarm on (target 5xx + ELB 5xx) / requests above the limit for 2 minutes, idle minutes not breaching', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-error-rate',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0.05,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(FILL(requests, 0) > 0, (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 0), IF(FILL(elb5xx, 0) > 0, 1, 0))', ReturnData: true }),
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

  test("trips the healthy-hosts alarm below the floor on the target group's minimum HealthyHostCount", () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-healthy-hosts',
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HealthyHostCount',
      Statistic: 'Minimum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      TreatMissingData: 'breaching',
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
      TreatMissingData: 'breaching',
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [
        { Name: 'ClusterName', Value: { Ref: Match.stringLikeRegexp('Cluster') } },
        { Name: 'ServiceName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('Service'), 'Name'] } },
      ],
    });
  });

  test('treats missing data as breaching on the alarms whose metric goes silent in a total outage (HealthyHostCount, RunningTaskCount), and not on the error rate', () => {
    const missing = Object.fromEntries(Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((r) => [r.Properties.AlarmName as string, r.Properties.TreatMissingData as string]));
    expect(missing).toEqual(
      expect.objectContaining({
        'drills-demo-error-rate': 'notBreaching',
        'drills-demo-healthy-hosts': 'breaching',
        'drills-demo-running-tasks': 'breaching',
      }),
    );
  });

  test('guards the az-outage drill with healthy targets summed over the zones it does not cut, by AvailabilityZone, silence breaching', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-healthy-hosts-outside-zone-0',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'breaching',
      Metrics: [
        Match.objectLike({ Expression: 'FILL(zone1, 0)', ReturnData: true }),
        Match.objectLike({
          Id: 'zone1',
          ReturnData: false,
          MetricStat: Match.objectLike({
            Stat: 'Minimum',
            Period: 60,
            Metric: Match.objectLike({
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'HealthyHostCount',
              Dimensions: Match.arrayWith([{ Name: 'AvailabilityZone', Value: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] } }]),
            }),
          }),
        }),
      ],
    });
    const zoneAlarm = Object.values(t.findResources('AWS::CloudWatch::Alarm')).find((r) => r.Properties.AlarmName === 'drills-demo-healthy-hosts-outside-zone-0');
    expect(JSON.stringify(zoneAlarm?.Properties.Metrics)).not.toContain('"Fn::Select":[0,');
  });

  test('fails to make a zone-aware alarm for a zone the service does not span', () => {
    expect(() => built.workload.stopConditions.healthyHostsOutsideZone(2)).toThrow(/zone index 2 is outside the service's 2 zone\(s\)/);
  });

  test("creates no probe-heartbeat alarm while the dead-man's switch is off", () => {
    t.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(built.workload.stopConditions.alarms['probe-heartbeat']).toBeUndefined();
  });
});

describe("stop-condition alarms with the dead-man's switch and other floors", () => {
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
      // The ECS service's physical name (generated by CloudFormation), which the runner publishes under.
      Dimensions: [{ Name: 'Service', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Name'] } }],
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
