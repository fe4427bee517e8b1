import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import type { DrillOptions } from '../config';
import type { StopConditionName } from '../drill';
import { METRIC_DIMENSIONS } from './metric-dimensions';
import { PROBE_HEARTBEAT_METRIC, PROBE_HEARTBEAT_NAMESPACE, PROBE_HEARTBEAT_PERIOD_SECONDS, probeHeartbeatDimensions } from './probe-heartbeat';

export interface StopConditionAlarmsProps {
  /** Names the alarms (`<name>-error-rate`, …). The heartbeat's dimension is the ECS service's physical name. */
  readonly serviceName: string;
  readonly options: DrillOptions;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly cluster: ecs.ICluster;
  readonly service: ecs.IBaseService;
}

const MINUTE = Duration.minutes(1);

/**
 * The CloudWatch alarms FIS stop conditions point at (fis-facts §4, §10). Each trips after two
 * one-minute datapoints of real harm, so a drill is stopped within about 1–2 minutes.
 */
export class StopConditionAlarms extends Construct {
  /** Alarm by stop-condition name; `probe-heartbeat` only when the dead-man's switch is on. */
  readonly alarms: Partial<Record<StopConditionName, cloudwatch.Alarm>>;
  readonly metrics: { readonly errorRate: cloudwatch.IMetric; readonly healthyHosts: cloudwatch.IMetric; readonly runningTasks: cloudwatch.IMetric };

  constructor(scope: Construct, id: string, props: StopConditionAlarmsProps) {
    super(scope, id);
    const floors = props.options.stopConditions;
    const lb = props.loadBalancer.loadBalancerFullName;
    const tg = props.targetGroup.targetGroupFullName;
    const alb = (metricName: string, statistic: string, dims: Record<string, string>) =>
      new cloudwatch.Metric({ namespace: 'AWS/ApplicationELB', metricName, statistic, period: MINUTE, dimensionsMap: dims });

    // ALB counts are published only when nonzero: FILL the 5xx with 0, and let a minute without
    // requests be missing data (not breaching).
    const errorRate = new cloudwatch.MathExpression({
      expression: '(FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
      usingMetrics: {
        target5xx: alb('HTTPCode_Target_5XX_Count', 'Sum', METRIC_DIMENSIONS.targetGroup(lb, tg)),
        elb5xx: alb('HTTPCode_ELB_5XX_Count', 'Sum', METRIC_DIMENSIONS.loadBalancer(lb)),
        requests: alb('RequestCount', 'Sum', METRIC_DIMENSIONS.loadBalancer(lb)),
      },
      period: MINUTE,
      label: '5xx share of requests',
    });
    const healthyHosts = alb('HealthyHostCount', 'Minimum', METRIC_DIMENSIONS.targetGroup(lb, tg));
    const runningTasks = new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      statistic: 'Minimum',
      period: MINUTE,
      dimensionsMap: METRIC_DIMENSIONS.containerInsightsService(props.cluster.clusterName, props.service.serviceName),
    });
    this.metrics = { errorRate, healthyHosts, runningTasks };

    const name = (suffix: StopConditionName) => `${props.serviceName}-${suffix}`;
    const alarms: Partial<Record<StopConditionName, cloudwatch.Alarm>> = {
      'error-rate': new cloudwatch.Alarm(this, 'ErrorRate', {
        alarmName: name('error-rate'),
        alarmDescription: `Stops FIS drills: 5xx (target + ELB) above ${floors.maxErrorRate * 100} % of requests for 2 minutes`,
        metric: errorRate,
        threshold: floors.maxErrorRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      // HealthyHostCount and RunningTaskCount are published every minute while the target group
      // and the service exist (0 included); a gap means CloudWatch has no data, which should show
      // as INSUFFICIENT_DATA (the runner's preflight reports it) rather than stop or pass a drill.
      'healthy-hosts': new cloudwatch.Alarm(this, 'HealthyHosts', {
        alarmName: name('healthy-hosts'),
        alarmDescription: `Stops FIS drills: fewer than ${floors.minHealthyHosts} healthy targets for 2 minutes`,
        metric: healthyHosts,
        threshold: floors.minHealthyHosts,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      }),
      'running-tasks': new cloudwatch.Alarm(this, 'RunningTasks', {
        alarmName: name('running-tasks'),
        alarmDescription: `Stops FIS drills: fewer than ${floors.minRunningTasks} running tasks for 2 minutes (Container Insights)`,
        metric: runningTasks,
        threshold: floors.minRunningTasks,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      }),
    };
    if (props.options.deadMansSwitch) {
      alarms['probe-heartbeat'] = new cloudwatch.Alarm(this, 'ProbeHeartbeat', {
        alarmName: name('probe-heartbeat'),
        alarmDescription: 'Stops FIS drills when the runner stops reporting successful probes (dead-man\'s switch)',
        metric: new cloudwatch.Metric({
          namespace: PROBE_HEARTBEAT_NAMESPACE,
          metricName: PROBE_HEARTBEAT_METRIC,
          statistic: 'Sum',
          period: Duration.seconds(PROBE_HEARTBEAT_PERIOD_SECONDS),
          // The ECS service's physical name (CloudFormation generates it): what the runner publishes under.
          dimensionsMap: probeHeartbeatDimensions(props.service.serviceName),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }
    this.alarms = alarms;
  }
}
