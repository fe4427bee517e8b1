import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { StopConditionSettings } from '../config';
import type { Drill } from '../drill';
import type { RunnerServiceSettings } from '../game-days/runner-service-profile';
import type { StopConditionAlarms } from '../workload/stop-condition-alarms';

/**
 * A service this app did not build, named by physical names only (from the console, another
 * stack's outputs or Terraform). Nothing is looked up at synth: the values go into the
 * templates, alarms and role as given.
 */
export interface ExistingServiceReference {
  readonly clusterName: string;
  readonly serviceName: string;
  /** `targetgroup/<name>/<id>` (the part of the target group ARN after `:targetgroup/`… with the prefix). */
  readonly targetGroupFullName: string;
  /** `app/<name>/<id>` */
  readonly loadBalancerFullName: string;
  readonly vpcId: string;
  /** The service's availability zones (names, e.g. `eu-west-1a`), in the order az-outage's `zoneIndex` counts them. */
  readonly zones: readonly string[];
  /** Where the runner probes the service. @default - no `ServiceUrl` output (give `--url`-less runs nothing to probe) */
  readonly serviceUrl?: string;
  /** @default - `arn:<partition>:ecs:<region>:<account>:service/<clusterName>/<serviceName>` */
  readonly serviceArn?: string;
  /**
   * The service's subnets per zone, in `zones` order: az-outage keeps ECS placements out of the
   * cut zone's subnets. @default - az-outage does not move placements (replacements may land in the cut zone)
   */
  readonly subnetIdsByZone?: readonly (readonly string[])[];
  /** The VPC subnets whose network ACL az-outage may swap. @default - every subnet of `subnetIdsByZone` */
  readonly networkSubnetIds?: readonly string[];
}

/**
 * The service's database, by name: an Aurora cluster (this app's AuroraDatabase, or one deployed
 * elsewhere). The dependency drills (dependency-outage, database-failover) get templates only with one.
 */
export interface ServiceDatabaseReference {
  /** The DB cluster identifier (a token is fine): the FIS `aws:rds:cluster` target and the alarms' `DBClusterIdentifier`. */
  readonly clusterIdentifier: string;
  /** The port the tasks reach it on (dependency-outage black-holes it). @default 5432 */
  readonly port?: number;
  /** The `database-connections` stop condition trips above this many connections. @default 100 */
  readonly maxConnections?: number;
}

/**
 * Props of ServiceDrills. The service is given one of three ways:
 * - `service` as an `ApplicationLoadBalancedFargateService` (nothing else needed);
 * - `service`, `targetGroup` and `loadBalancer` (an `ecs.FargateService` or any built service);
 * - `existing`, by names only.
 * Everything else is optional.
 */
export interface ServiceDrillsProps {
  /** The service to drill. @default - none; `existing` must name one */
  readonly service?: ecs.IBaseService | ecsPatterns.ApplicationLoadBalancedFargateService;
  /** The service's target group. @default - the pattern's, when `service` is an ApplicationLoadBalancedFargateService */
  readonly targetGroup?: elbv2.ApplicationTargetGroup;
  /** The service's load balancer. @default - the pattern's, when `service` is an ApplicationLoadBalancedFargateService */
  readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  /** A service this app did not build, by names. @default - none; `service` must be given */
  readonly existing?: ExistingServiceReference;

  /** Names the alarms (`<name>-error-rate`), the dashboard (`<name>-drills`) and the FIS `service` tag. @default - a name unique in the app, from the construct path */
  readonly name?: string;
  /** The service's database: the dependency drills get templates, and its alarms guard them. @default - none (the dependency drills are left out) */
  readonly database?: ServiceDatabaseReference;
  /** The drills. @default - the whole catalogue (`catalogue`) */
  readonly drills?: readonly Drill[];
  /** The app's process name as `killall` sees it (kill-process drills). @default 'node' (a synth warning when a kill-process drill uses it) */
  readonly processName?: string;
  /** Floors of the stop-condition alarms. @default - 5 % errors, 1 healthy host, 1 running task */
  readonly stopConditions?: StopConditionSettings;
  /** Guard the drills with the runner's probe heartbeat too (dead-man's switch). @default false */
  readonly deadMansSwitch?: boolean;
  /** Alarms made elsewhere (another stack) to use instead of making them here. @default - made here from the props above */
  readonly alarms?: StopConditionAlarms;
  /** S3 bucket for FIS experiment reports. @default - no experiment reports */
  readonly reportBucket?: string;
  /** EventBridge Scheduler schedules for drills that declare one. @default false */
  readonly gameDays?: boolean;
  /** Schedules are created DISABLED unless this is true. @default false */
  readonly gameDaysEnabled?: boolean;
  /**
   * An existing SNS topic (its ARN) each game day's verdict and summary go to; the runner task may
   * publish only there. @default - a topic made here, encrypted with `alias/aws/sns` (GameDayVerdicts)
   */
  readonly gameDayTopicArn?: string;
  /**
   * The customer managed KMS key (its ARN) that encrypts `gameDayTopicArn`, if one does: the runner
   * task role gets `kms:GenerateDataKey*` and `kms:Decrypt` on it. @default - none (an unencrypted topic, or `alias/aws/sns`)
   */
  readonly gameDayTopicKeyArn?: string;
  /**
   * Version the game days' evidence bucket (journals are rewritten as a run goes; versions keep
   * each state for 30 days). Turn off outside production to save the storage.
   * @default true
   */
  readonly gameDayEvidenceVersioning?: boolean;
  /** The build context of the game-day runner's image (runner.Dockerfile). @default - this package's root */
  readonly gameDayRunnerImageDirectory?: string;
  /**
   * With game days: the service's settings as cdk.json's `service` takes them (lib/config-settings.ts),
   * above all `traffic` (what customers do: the runner's probe sends it) and `healthPath`. Checked at
   * synth by the same schema as cdk.json, resolved over the defaults, and put into the runner task
   * definition (`DRILLS_SERVICE_PROFILE`): the runner reads nothing else. Its `name`, if given, must be `name`'s.
   * @default - the defaults: the demo's traffic, with a synth warning
   */
  readonly serviceProfile?: RunnerServiceSettings;
  /**
   * Add what `aws:ecs:task-*` actions need to the service's task definition
   * (addFaultInjectionSupport) when a drill uses one; only for a service built in this app.
   * @default true
   */
  readonly faultInjectionSupport?: boolean;
  /**
   * Warn at synth when a drill runs inside the task (an `aws:ecs:task-*` action) and the task
   * definition is not this app's to change (`existing`, or `faultInjectionSupport: false`). The
   * app's own stacks turn it off where they say it themselves. @default true
   */
  readonly taskDefinitionWarning?: boolean;
  /** The service's subnets (az-outage keeps placements out of the cut zone's). @default - the private subnets with egress of the cluster's VPC */
  readonly serviceSubnets?: ec2.SubnetSelection;
  /**
   * Stack outputs with the runner's keys (`Drill<Id>TemplateId`, `ExperimentLogGroupName`, and
   * with `serviceOutputs` `ServiceUrl`, `ClusterName`, `ServiceName`, `LoadBalancerFullName`,
   * `TargetGroupFullName`), with exactly those logical ids: one ServiceDrills with outputs per stack.
   * @default true
   */
  readonly outputs?: boolean;
  /** Also output the service's names and URL (when `outputs`). @default true */
  readonly serviceOutputs?: boolean;
  /** The URL the runner probes. @default - `http://<load balancer DNS>` (`https://` when it has an HTTPS listener… not detected: give it), or `existing.serviceUrl` */
  readonly serviceUrl?: string;
}
