/** How the stop-condition rules read alarms and experiments: the metrics watched, the time to alarm, the experiment's length, the outage, and how findings are folded. */
import { secondsToAlarm, watchedMetrics } from '../../../lib/guardrails/rules/alarms/alarm-metrics';
import { drillTotalOutage } from '../../../lib/guardrails/rules/alarms/drill-total-outage';
import { experimentSeconds } from '../../../lib/guardrails/rules/alarms/experiment-seconds';
import { silentInOutage } from '../../../lib/guardrails/rules/alarms/silent-in-outage';
import { stopConditionAlarms } from '../../../lib/guardrails/rules/alarms/stop-condition-alarms';
import { unpublishedDimensions } from '../../../lib/guardrails/rules/alarms/unpublished-dimensions';
import { windowExceedsExperiment } from '../../../lib/guardrails/rules/alarms/window-exceeds-experiment';
import { alarmDimensionsPublished } from '../../../lib/guardrails/rules/fis/alarm-dimensions-published';
import { templateView } from '../../../lib/guardrails/template-view';
import type { CfnResourceView } from '../../../lib/guardrails/types';
import { compliantTemplate, judge, type Props } from '../fixture';

const FIS = 'KillDrill';
const dims = (...names: string[]) => names.map((Name) => ({ Name, Value: `${Name}-value` }));
const ELB = 'AWS/ApplicationELB';

function resource(type: string, properties: Props): CfnResourceView {
  return templateView([{ name: 'S', template: { Resources: { R: { Type: type, Properties: properties } } } }]).resources[0];
}
const alarm = (properties: Props) => resource('AWS::CloudWatch::Alarm', properties);
const experiment = (properties: Props) => resource('AWS::FIS::ExperimentTemplate', properties);
const stat = (Namespace: string, MetricName: string, extra: Props = {}) => ({
  Id: `m${MetricName}`,
  MetricStat: { Metric: { Namespace, MetricName, Dimensions: dims('LoadBalancer') }, Stat: 'Sum', ...extra },
});

describe('watchedMetrics', () => {
  it('reads a single-metric alarm with its dimension names sorted', () => {
    expect(watchedMetrics(alarm({ Namespace: ELB, MetricName: 'HealthyHostCount', Dimensions: dims('TargetGroup', 'LoadBalancer') }))).toEqual([
      { namespace: ELB, metricName: 'HealthyHostCount', dimensions: ['LoadBalancer', 'TargetGroup'] },
    ]);
  });
  it('reads the metrics of a metric-math alarm when the alarm names no complete single metric, and skips expressions and incomplete stats', () => {
    const metrics = [
      { Id: 'e', Expression: 'a + b' },
      { Id: 'x', MetricStat: { Stat: 'Sum' } },
      { Id: 'y', MetricStat: { Metric: { Namespace: ELB } } },
      { Id: 'z', MetricStat: { Metric: { MetricName: 'RequestCount' } } },
      stat(ELB, 'RequestCount'),
    ];
    const expected = [{ namespace: ELB, metricName: 'RequestCount', dimensions: ['LoadBalancer'] }];
    expect(watchedMetrics(alarm({ Metrics: metrics }))).toEqual(expected);
    expect(watchedMetrics(alarm({ MetricName: 'Orphan', Metrics: metrics }))).toEqual(expected);
    expect(watchedMetrics(alarm({ Namespace: ELB, Metrics: metrics }))).toEqual(expected);
  });
});

describe('secondsToAlarm', () => {
  it('multiplies the period by the data points to alarm, else by the evaluation periods', () => {
    expect(secondsToAlarm(alarm({ Period: 60, EvaluationPeriods: 3 }))).toBe(180);
    expect(secondsToAlarm(alarm({ Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 2 }))).toBe(120);
  });
  it("takes a metric-math alarm's longest period, from the query or its stat", () => {
    expect(secondsToAlarm(alarm({ EvaluationPeriods: 2, Metrics: [{ Id: 'e', Expression: 'x', Period: 300 }, stat(ELB, 'RequestCount', { Period: 60 })] }))).toBe(600);
  });
  it('gives no time without a period or without a count of data points', () => {
    expect(secondsToAlarm(alarm({ EvaluationPeriods: 2, Metrics: [{ Id: 'e', Expression: 'x' }] }))).toBeUndefined();
    expect(secondsToAlarm(alarm({ Period: 60 }))).toBeUndefined();
  });
});

describe('windowExceedsExperiment', () => {
  const twoMinutes = alarm({ Period: 60, EvaluationPeriods: 2 });
  it('says nothing when either length is unknown, the experiment has no length, or the alarm fits exactly', () => {
    expect(windowExceedsExperiment(alarm({ EvaluationPeriods: 2 }), 60)).toBeUndefined();
    expect(windowExceedsExperiment(twoMinutes, undefined)).toBeUndefined();
    expect(windowExceedsExperiment(twoMinutes, 0)).toBeUndefined();
    expect(windowExceedsExperiment(twoMinutes, 120)).toBeUndefined();
  });
  it('names the window and the fit when the alarm needs longer than the experiment', () => {
    expect(windowExceedsExperiment(twoMinutes, 119)).toBe(
      'it needs 2 data point(s) of 60 s = 120 s to reach ALARM, and the experiment lasts at most 119 s: it cannot stop the drill; use Period 60 with at most 1 data point(s) to alarm, or a longer fault',
    );
  });
});

describe('experimentSeconds', () => {
  const wait = (duration: unknown, extra: Props = {}) => ({ ActionId: 'aws:fis:wait', Parameters: { duration }, ...extra });
  it('ignores actions it does not know and start-after names that are not actions', () => {
    expect(experimentSeconds(experiment({ Actions: { W: wait('PT2M', { StartAfter: ['Missing', 7] }), Odd: { ActionId: 'aws:nope:thing', Parameters: { duration: 'PT9M' } } } }))).toBe(120);
  });
  it('reads only the duration parameters that are set', () => {
    const latency = { ActionId: 'aws:ecs:task-network-latency', Parameters: { delayMilliseconds: '200', useEcsFaultInjectionEndpoints: 'true' } };
    expect(experimentSeconds(experiment({ Actions: { W: wait('PT2M'), L: latency } }))).toBe(120);
    expect(experimentSeconds(experiment({ Actions: { W: wait('PT2M'), L: { ...latency, Parameters: { ...latency.Parameters, duration: 'PT3M' } } } }))).toBe(180);
  });
  it('has no length when a duration is not a literal, even in a chain', () => {
    expect(experimentSeconds(experiment({ Actions: { W: wait({ Ref: 'D' }) } }))).toBeUndefined();
    expect(experimentSeconds(experiment({ Actions: { W: wait('PT1M'), V: wait({ Ref: 'D' }, { StartAfter: ['W'] }) } }))).toBeUndefined();
  });
  it('has no length when the start-after chain loops', () => {
    expect(experimentSeconds(experiment({ Actions: { A: wait('PT1M', { StartAfter: ['B'] }), B: wait('PT1M', { StartAfter: ['A'] }) } }))).toBeUndefined();
  });
});

describe('drillTotalOutage', () => {
  const tasks = (extra: Props = {}) => ({ ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', ...extra });
  const drill = (action: string, target: Props, targetName = 'T') => experiment({ Targets: { T: target }, Actions: { Act: { ActionId: action, Targets: { Tasks: targetName } } } });
  it('names the action that ends every task of a target', () => {
    expect(drillTotalOutage(drill('aws:ecs:stop-task', tasks()))).toBe('action Act (aws:ecs:stop-task) ends every task of target T (ALL)');
    expect(drillTotalOutage(drill('aws:ecs:stop-task', tasks({ Filters: [{ Path: 'LaunchType', Values: ['FARGATE'] }] })))).toBe('action Act (aws:ecs:stop-task) ends every task of target T (ALL)');
  });
  it('sees no outage from an action that does not end tasks, a missing target, another resource type, or one zone', () => {
    expect(drillTotalOutage(drill('aws:ecs:task-cpu-stress', tasks()))).toBeUndefined();
    expect(drillTotalOutage(drill('aws:ecs:stop-task', tasks(), 'Missing'))).toBeUndefined();
    expect(drillTotalOutage(drill('aws:ecs:stop-task', { ResourceType: 'aws:ec2:instance', SelectionMode: 'ALL' }))).toBeUndefined();
    expect(drillTotalOutage(drill('aws:ecs:stop-task', tasks({ Filters: [{ Path: 'AvailabilityZone', Values: ['eu-west-1a'] }] })))).toBeUndefined();
  });
});

describe('stopConditionAlarms and the metrics they watch', () => {
  it('lists the alarm stop conditions only: by logical id when the alarm is in the template, else as written', () => {
    const t = compliantTemplate();
    const imported = { 'Fn::ImportValue': 'Other:Alarm' };
    t.Resources[FIS].Properties.StopConditions.push(
      { Source: 'none' },
      { Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ext' },
      { Source: 'aws:cloudwatch:alarm', Value: imported },
    );
    const view = templateView([{ name: 'S', template: t }]);
    const drill = view.resources.find((r) => r.logicalId === FIS)!;
    const found = stopConditionAlarms(drill, { template: view, environment: 'non-production' });
    expect(found.map((f) => [f.name, f.alarm?.logicalId])).toEqual([
      ['ErrorRateAlarm', 'ErrorRateAlarm'],
      ['arn:aws:cloudwatch:eu-west-1:1:alarm:ext', undefined],
      [JSON.stringify(imported), undefined],
    ]);
  });
  it('finds a dimension set published only when every name matches, in any order', () => {
    expect(unpublishedDimensions(alarm({ Namespace: ELB, MetricName: 'HealthyHostCount', Dimensions: dims('AvailabilityZone', 'TargetGroup', 'LoadBalancer') }))).toBeUndefined();
    expect(unpublishedDimensions(alarm({ Namespace: ELB, MetricName: 'HealthyHostCount', Dimensions: dims('LoadBalancer', 'Zone') }))).toMatch(
      /^AWS\/ApplicationELB HealthyHostCount by LoadBalancer \+ Zone is never published/,
    );
  });
  it('names a metric watched with no dimension, and leaves metrics it has no list for alone', () => {
    expect(unpublishedDimensions(alarm({ Namespace: ELB, MetricName: 'HealthyHostCount' }))).toMatch(/^AWS\/ApplicationELB HealthyHostCount by no dimension is never published/);
    expect(unpublishedDimensions(alarm({ Namespace: 'Custom/App', MetricName: 'Errors' }))).toBeUndefined();
  });
  it('does not call a metric-math alarm silent in an outage (its expression may fill the gap)', () => {
    expect(silentInOutage(alarm({ Metrics: [stat(ELB, 'HealthyHostCount')] }), 'every task ends')).toBeUndefined();
    expect(silentInOutage(alarm({ Namespace: 'Custom/App', MetricName: 'Errors' }), 'every task ends')).toBeUndefined();
  });
});

describe('the stop-condition findings, folded over the alarms', () => {
  const withStops = (alarms: Record<string, Props>, stops: unknown[]) => {
    const t = compliantTemplate();
    for (const [id, p] of Object.entries(alarms))
      t.Resources[id] = { Type: 'AWS::CloudWatch::Alarm', Properties: { ComparisonOperator: 'LessThanThreshold', Threshold: 1, Period: 60, EvaluationPeriods: 2, Statistic: 'Minimum', ...p } };
    t.Resources[FIS].Properties.StopConditions = stops;
    return t;
  };
  const alarmRef = (id: string) => ({ Source: 'aws:cloudwatch:alarm', Value: { 'Fn::GetAtt': [id, 'Arn'] } });
  const bad = { Namespace: ELB, MetricName: 'HealthyHostCount', Dimensions: dims('LoadBalancer') };
  const good = { Namespace: ELB, MetricName: 'HealthyHostCount', Dimensions: dims('LoadBalancer', 'TargetGroup') };

  it('does not apply to a drill without alarm stop conditions, nor judge alarms it cannot read', () => {
    expect(judge(alarmDimensionsPublished, withStops({}, [{ Source: 'none' }]), FIS)).toEqual({ compliance: 'not-applicable' });
    expect(judge(alarmDimensionsPublished, withStops({}, [{ Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ext' }]), FIS)).toEqual({ compliance: 'not-applicable' });
  });
  it('passes when one alarm it can read is fine, beside one it cannot read', () => {
    expect(judge(alarmDimensionsPublished, withStops({ Good: good }, [alarmRef('Good'), { Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ext' }]), FIS)).toEqual({
      compliance: 'compliant',
    });
  });
  it('warns, naming the alarm that still guards, when another alarm of the drill has no problem', () => {
    const r = judge(alarmDimensionsPublished, withStops({ Bad: bad, Good: good }, [alarmRef('Bad'), alarmRef('Good')]), FIS);
    expect(r).toEqual({
      compliance: 'non-compliant',
      severity: 'warning',
      detail: expect.stringMatching(/^alarm Bad: AWS\/ApplicationELB HealthyHostCount by LoadBalancer is never published .* \(stop condition\(s\) Good still guard the drill\)$/),
    });
  });
  it('errors, listing every failing alarm, when none is left to guard', () => {
    const r = judge(alarmDimensionsPublished, withStops({ Bad: bad, Worse: { ...bad, MetricName: 'UnHealthyHostCount' } }, [alarmRef('Bad'), alarmRef('Worse')]), FIS);
    expect(r.severity).toBe('error');
    expect(r.detail).toMatch(/^alarm Bad: .*dimension sets; alarm Worse: .*UnHealthyHostCount.* \(no other stop condition can fire\)$/);
  });
});
