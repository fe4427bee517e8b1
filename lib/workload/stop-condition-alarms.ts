import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { DEFAULT_CONFIG, type StopConditionSettings } from '../config';
import type { StopConditionName } from '../drill';
import { databaseAlarms, type DatabaseAlarmSettings } from './database-alarms';
import { METRIC_DIMENSIONS } from './metric-dimensions';
import { PROBE_HEARTBEAT_METRIC, PROBE_HEARTBEAT_NAMESPACE, PROBE_HEARTBEAT_PERIOD_SECONDS, probeHeartbeatDimensions } from './probe-heartbeat';

/**
 * What the alarms watch, by physical names (CDK tokens are fine), so they fit a service this app
 * built as well as one attached by name.
 */
export interface StopConditionAlarmsProps {
  /** Names the alarms (`<name>-error-rate`, …). */
  readonly name: string;
  readonly clusterName: string;
  /** The ECS service's physical name: Container Insights' `ServiceName` and the heartbeat's dimension. */
  readonly ecsServiceName: string;
  /** `app/<name>/<id>` */
  readonly loadBalancerFullName: string;
  /** `targetgroup/<name>/<id>` */
  readonly targetGroupFullName: string;
  /** The service's zones, in the order az-outage's `zoneIndex` counts them. @default - no zone-aware alarm can be made */
  readonly zones?: readonly string[];
  /** Floors of the alarms. @default - 5 % errors, 1 healthy host, 1 running task (the config's defaults) */
  readonly stopConditions?: StopConditionSettings;
  /** Also make the probe-heartbeat alarm (the runner's dead-man's switch). @default false */
  readonly deadMansSwitch?: boolean;
  /** The service's database: also make the `database-connections` and `database-unavailable` alarms (database-alarms.ts). @default - no database alarms */
  readonly database?: DatabaseAlarmSettings;
}

const MINUTE = Duration.minutes(1);

/**
 * The CloudWatch alarms FIS stop conditions point at (fis-facts §4, §10). Each trips after two
 * one-minute datapoints of real harm, so a drill is stopped within about 1–2 minutes.
 *
 * TreatMissingData, chosen per alarm (CloudWatch UG, alarms-and-missing-data; ELB UG,
 * load-balancer-cloudwatch-metrics.html for what the ALB stops publishing):
 * - error-rate: `notBreaching`. Silence means no requests and no errors (an idle service), not a
 *   disaster; the total outage still shows because the expression reads ELB 5xx even when
 *   RequestCount is not published (no target to choose), as a rate of 1.
 * - healthy-hosts (and its zone-aware variant): `breaching`. HealthyHostCount is not published
 *   without registered targets: silence is the total outage this alarm exists for.
 * - running-tasks: `breaching`. Container Insights stops reporting a service that has no task
 *   to report on (not confirmed on an AWS page that 0 is never sent); silence must not read as OK.
 * - probe-heartbeat: `breaching`. A runner that stopped publishing is the dead man.
 */
export class StopConditionAlarms extends Construct {
  /** Alarm by stop-condition name; `probe-heartbeat` only when the dead-man's switch is on. */
  readonly alarms: Partial<Record<StopConditionName, cloudwatch.Alarm>>;
  readonly metrics: { readonly errorRate: cloudwatch.IMetric; readonly healthyHosts: cloudwatch.IMetric; readonly runningTasks: cloudwatch.IMetric };
  private readonly props: StopConditionAlarmsProps;
  private readonly zoneAlarms = new Map<number, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: StopConditionAlarmsProps) {
    super(scope, id);
    const floors = props.stopConditions ?? DEFAULT_CONFIG.drills.stopConditions;
    const lb = props.loadBalancerFullName;
    const tg = props.targetGroupFullName;
    const alb = (metricName: string, statistic: string, dims: Record<string, string>) =>
      new cloudwatch.Metric({ namespace: 'AWS/ApplicationELB', metricName, statistic, period: MINUTE, dimensionsMap: dims });

    // ALB counts are published only when nonzero: FILL them with 0. RequestCount is not published
    // when a node has no target to choose, while the ELB answers 503 — the total outage — so a
    // minute with ELB 5xx and no RequestCount is a rate of 1, and a minute with neither is 0
    // (CloudWatch UG, using-metric-math.html: FILL, IF).
    const errorRate = new cloudwatch.MathExpression({
      expression: ERROR_RATE_EXPRESSION,
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
      dimensionsMap: METRIC_DIMENSIONS.containerInsightsService(props.clusterName, props.ecsServiceName),
    });
    this.metrics = { errorRate, healthyHosts, runningTasks };
    this.props = props;

    const name = (suffix: StopConditionName) => `${props.name}-${suffix}`;
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
      // Minimum over the load balancer's nodes: the lowest count any node saw. Right for drills
      // that keep every zone; an az-outage uses healthyHostsOutsideZone instead.
      'healthy-hosts': new cloudwatch.Alarm(this, 'HealthyHosts', {
        alarmName: name('healthy-hosts'),
        alarmDescription: `Stops FIS drills: fewer than ${floors.minHealthyHosts} healthy targets for 2 minutes`,
        metric: healthyHosts,
        threshold: floors.minHealthyHosts,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      'running-tasks': new cloudwatch.Alarm(this, 'RunningTasks', {
        alarmName: name('running-tasks'),
        alarmDescription: `Stops FIS drills: fewer than ${floors.minRunningTasks} running tasks for 2 minutes (Container Insights)`,
        metric: runningTasks,
        threshold: floors.minRunningTasks,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    };
    if (props.deadMansSwitch) {
      alarms['probe-heartbeat'] = new cloudwatch.Alarm(this, 'ProbeHeartbeat', {
        alarmName: name('probe-heartbeat'),
        alarmDescription: "Stops FIS drills when the runner stops reporting successful probes (dead-man's switch)",
        metric: new cloudwatch.Metric({
          namespace: PROBE_HEARTBEAT_NAMESPACE,
          metricName: PROBE_HEARTBEAT_METRIC,
          statistic: 'Sum',
          period: Duration.seconds(PROBE_HEARTBEAT_PERIOD_SECONDS),
          // The ECS service's physical name (CloudFormation generates it): what the runner publishes under.
          dimensionsMap: probeHeartbeatDimensions(props.ecsServiceName),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }
    if (props.database) Object.assign(alarms, databaseAlarms(this, props.name, props.database));
    this.alarms = alarms;
  }

  /**
   * The healthy-hosts stop condition of a drill that cuts zone `zoneIndex` off: healthy targets
   * summed over the other zones (HealthyHostCount by `AvailabilityZone`, ELB UG
   * load-balancer-cloudwatch-metrics.html), below the same floor for 2 minutes. The cut zone's
   * ALB node and targets go to 0 by design, which the load-balancer-wide Minimum would see at once
   * and stop the drill it guards. Whether the per-zone value counts the zone's targets or what the
   * zone's node sees is not confirmed; summing stays above the floor either way while the other
   * zones serve, and falls to 0 when none does. One alarm per zone, made on first use.
   * @throws Error when the zones are unknown or `zoneIndex` is outside them.
   */
  healthyHostsOutsideZone(zoneIndex: number): cloudwatch.Alarm {
    const existing = this.zoneAlarms.get(zoneIndex);
    if (existing) return existing;
    const zones = this.props.zones ?? [];
    if (zoneIndex < 0 || zoneIndex >= zones.length || zones.length < 2) {
      throw new Error(
        `healthyHostsOutsideZone: zone index ${zoneIndex} is outside the service's ${zones.length} zone(s); an az-outage needs at least 2 zones (raise service.azCount) and a zoneIndex among them`,
      );
    }
    const lb = this.props.loadBalancerFullName;
    const tg = this.props.targetGroupFullName;
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    zones.forEach((zone, i) => {
      if (i === zoneIndex) return;
      usingMetrics[`zone${i}`] = new cloudwatch.Metric({
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        statistic: 'Minimum',
        period: MINUTE,
        dimensionsMap: METRIC_DIMENSIONS.targetGroupInZone(lb, tg, zone),
      });
    });
    const floor = (this.props.stopConditions ?? DEFAULT_CONFIG.drills.stopConditions).minHealthyHosts;
    const alarm = new cloudwatch.Alarm(this, `HealthyHostsOutsideZone${zoneIndex}`, {
      alarmName: `${this.props.name}-healthy-hosts-outside-zone-${zoneIndex}`,
      alarmDescription: `Stops FIS zone drills: fewer than ${floor} healthy targets in the zones other than zone ${zoneIndex} for 2 minutes`,
      metric: new cloudwatch.MathExpression({
        expression: Object.keys(usingMetrics)
          .map((id) => `FILL(${id}, 0)`)
          .join(' + '),
        usingMetrics,
        period: MINUTE,
        label: `healthy targets outside zone ${zoneIndex}`,
      }),
      threshold: floor,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      // Silence (no registered target in any surviving zone) is the disaster: breaching.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.zoneAlarms.set(zoneIndex, alarm);
    return alarm;
  }
}

/** The 5xx share of requests, reading ELB 5xx as a rate of 1 when RequestCount is not published. */
export const ERROR_RATE_EXPRESSION = 'IF(FILL(requests, 0) > 0, (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 0), IF(FILL(elb5xx, 0) > 0, 1, 0))';
