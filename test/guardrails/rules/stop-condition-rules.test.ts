import { alarmDimensionsPublished } from '../../../lib/guardrails/rules/fis/alarm-dimensions-published';
import { alarmFiresInOutage } from '../../../lib/guardrails/rules/fis/alarm-fires-in-outage';
import { alarmWindowWithinExperiment } from '../../../lib/guardrails/rules/fis/alarm-window-within-experiment';
import { experimentSeconds } from '../../../lib/guardrails/rules/alarms/experiment-seconds';
import { templateView } from '../../../lib/guardrails/template-view';
import { compliantTemplate, judge, type Props } from '../fixture';

const FIS = 'KillDrill';
const LB = { Name: 'LoadBalancer', Value: 'app/lb/1' };
const TG = { Name: 'TargetGroup', Value: 'targetgroup/tg/1' };

/** The fixture with its only stop condition on an alarm of these properties. */
function withAlarm(alarm: Record<string, unknown>, edit: (fis: Props) => void = () => {}) {
  const t = compliantTemplate();
  t.Resources.ErrorRateAlarm.Properties = { ComparisonOperator: 'LessThanThreshold', Threshold: 1, Period: 60, EvaluationPeriods: 2, Statistic: 'Minimum', ...alarm };
  edit(t.Resources[FIS].Properties);
  return t;
}
const healthyHosts = (dims: unknown[], extra: Record<string, unknown> = {}) => ({ Namespace: 'AWS/ApplicationELB', MetricName: 'HealthyHostCount', Dimensions: dims, ...extra });
const stopAll = (fis: Props) => {
  fis.Targets.ServiceTasks.SelectionMode = 'ALL';
  fis.Actions.KillApp = { ActionId: 'aws:ecs:stop-task', Targets: { Tasks: 'ServiceTasks' } };
};
const timed = (duration: string) => (fis: Props) => {
  fis.Actions.Latency = { ActionId: 'aws:ecs:task-network-latency', Parameters: { duration, useEcsFaultInjectionEndpoints: 'true' }, Targets: { Tasks: 'ServiceTasks' } };
};

describe('DRILL-FIS-18 stop-condition alarms on published dimensions', () => {
  it('accepts HealthyHostCount by LoadBalancer and TargetGroup', () => {
    expect(judge(alarmDimensionsPublished, withAlarm(healthyHosts([LB, TG])), FIS).compliance).toBe('compliant');
  });
  it('fails HealthyHostCount by LoadBalancer alone, as an error when it is the only stop condition, naming the published sets', () => {
    const r = judge(alarmDimensionsPublished, withAlarm(healthyHosts([LB])), FIS);
    expect(r).toMatchObject({ compliance: 'non-compliant', severity: 'error' });
    expect(r.detail).toBe(
      'alarm ErrorRateAlarm: AWS/ApplicationELB HealthyHostCount by LoadBalancer is never published (published by LoadBalancer + TargetGroup; ' +
        'LoadBalancer + TargetGroup + AvailabilityZone): the alarm gets no data point and cannot fire; use one of those dimension sets (no other stop condition can fire)',
    );
  });
  it('fails an ELB metric by TargetGroup inside a metric-math alarm, as a warning when another stop condition still guards', () => {
    const t = withAlarm({ Metrics: [{ Id: 'e', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Dimensions: [LB, TG] }, Period: 60, Stat: 'Sum' } }] });
    t.Resources[FIS].Properties.StopConditions.push({ Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:eu-west-1:1:alarm:other' });
    expect(judge(alarmDimensionsPublished, t, FIS)).toMatchObject({
      compliance: 'non-compliant',
      severity: 'warning',
      detail: expect.stringMatching(/HTTPCode_ELB_5XX_Count by LoadBalancer \+ TargetGroup is never published.*still guard the drill/),
    });
  });
});

describe('DRILL-FIS-19 stop-condition alarms that still fire in the outage the drill causes', () => {
  it('accepts HealthyHostCount with missing data breaching on a drill that stops every task', () => {
    expect(judge(alarmFiresInOutage, withAlarm(healthyHosts([LB, TG], { TreatMissingData: 'breaching' }), stopAll), FIS).compliance).toBe('compliant');
  });
  it('accepts HealthyHostCount with missing data on a drill that stops one task (the metric keeps publishing)', () => {
    expect(judge(alarmFiresInOutage, withAlarm(healthyHosts([LB, TG], { TreatMissingData: 'missing' })), FIS).compliance).toBe('compliant');
  });
  it('fails ECS CPUUtilization with notBreaching on a drill that stops every task, saying which TreatMissingData to use', () => {
    const cpu = {
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Dimensions: [
        { Name: 'ClusterName', Value: 'c' },
        { Name: 'ServiceName', Value: 's' },
      ],
      TreatMissingData: 'notBreaching',
    };
    const r = judge(alarmFiresInOutage, withAlarm(cpu, stopAll), FIS);
    expect(r.severity).toBe('error');
    expect(r.detail).toMatch(
      /^alarm ErrorRateAlarm: action KillApp \(aws:ecs:stop-task\) ends every task of target ServiceTasks \(ALL\); then AWS\/ECS CPUUtilization stops: .*RUNNING tasks, and with TreatMissingData notBreaching .*set TreatMissingData: breaching/,
    );
  });
  it('fails HealthyHostCount with TreatMissingData unset on a drill that stops every task', () => {
    expect(judge(alarmFiresInOutage, withAlarm(healthyHosts([LB, TG]), stopAll), FIS).detail).toMatch(/TreatMissingData unset \(missing\)/);
  });
});

describe('DRILL-FIS-20 stop-condition alarms that can fire within the experiment', () => {
  it('measures the experiment as its longest chain of timed actions', () => {
    const t = compliantTemplate();
    Object.assign(t.Resources[FIS].Properties.Actions, {
      Wait: { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT2M' } },
      Latency: { ActionId: 'aws:ecs:task-network-latency', Parameters: { duration: 'PT3M' }, StartAfter: ['Wait'] },
      Other: { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT4M' } },
    });
    const view = templateView([{ name: 'S', template: t }]);
    expect(experimentSeconds(view.resources.find((r) => r.logicalId === FIS)!)).toBe(300);
  });
  it('accepts 2 × 60 s on a 5-minute fault, and any window on an experiment without timed actions (nothing runs long enough to stop)', () => {
    expect(judge(alarmWindowWithinExperiment, withAlarm(healthyHosts([LB, TG]), timed('PT5M')), FIS).compliance).toBe('compliant');
    expect(judge(alarmWindowWithinExperiment, withAlarm(healthyHosts([LB, TG])), FIS).compliance).toBe('compliant');
  });
  it('fails 3 × 300 s on a 5-minute fault, with the period that fits', () => {
    const r = judge(alarmWindowWithinExperiment, withAlarm(healthyHosts([LB, TG], { Period: 300, EvaluationPeriods: 3 }), timed('PT5M')), FIS);
    expect(r.detail).toBe(
      'alarm ErrorRateAlarm: it needs 3 data point(s) of 300 s = 900 s to reach ALARM, and the experiment lasts at most 300 s: ' +
        'it cannot stop the drill; use Period 60 with at most 5 data point(s) to alarm, or a longer fault (no other stop condition can fire)',
    );
  });
});
