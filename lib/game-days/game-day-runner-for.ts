import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { EvidenceBucket } from './evidence-bucket';
import type { GameDayRunner } from './run-task-target';
import { cloudFormationStacksOf } from '../runner/aws/service-stacks';
import { ConstructPropsError } from '../workload/drain-ready-props';
import { RunnerTask } from './runner-task';
import { runnerServiceProfile, type RunnerServiceSettings } from './runner-service-profile';

export interface GameDayRunnerScope {
  /** The service object when it is built in this app (its cluster, VPC and stack are used). */
  readonly service?: unknown;
  /** The service's names, for one attached by name. */
  readonly clusterName: string;
  readonly vpcId: string;
  readonly zones: readonly string[];
  readonly subnetIdsByZone?: readonly (readonly string[])[];
  readonly name: string;
  readonly topic: sns.ITopic;
  /** The customer managed KMS key of `topic`, if one encrypts it. @default - none */
  readonly topicKeyArn?: string;
  /** Versioning of the evidence bucket (production). */
  readonly versioned: boolean;
  /** The runner image's build context. @default - this package's root */
  readonly imageDirectory?: string;
  /** The service's settings the runner task carries (runnerServiceProfile). @default - the defaults (the demo's traffic), with a warning */
  readonly profile?: RunnerServiceSettings;
  /** The drills the service has templates for (the profile's `drills`). */
  readonly drillIds: readonly string[];
}

/**
 * The evidence bucket and the runner task of one service's game days, in the service's cluster
 * and VPC: for a service built in this app its cluster (private subnets with egress); for one
 * attached by name, its cluster by name and `subnetIdsByZone` as the task's subnets. Undefined,
 * with a warning, when an attached service gives no subnets (its schedules then start FIS directly).
 * The task carries the service's profile (`profile` resolved, runnerServiceProfile).
 * @throws ConstructPropsError when the profile has problems or is too large for the task definition.
 */
export function gameDayRunnerFor(scope: Construct, s: GameDayRunnerScope): GameDayRunner | undefined {
  const built = (s.service as { cluster?: ecs.ICluster } | undefined)?.cluster;
  const subnetIds = (s.subnetIdsByZone ?? []).flat();
  if (!built && subnetIds.length === 0) {
    Annotations.of(scope).addWarningV2(
      'fis-drills:gameDayRunnerWithoutSubnets',
      "game days start the FIS templates directly (no probe, no verdict): give existing.subnetIdsByZone (private subnets) so the runner task can run in the service's VPC",
    );
    return undefined;
  }
  const cluster =
    built ??
    ecs.Cluster.fromClusterAttributes(scope, 'GameDayCluster', {
      clusterName: s.clusterName,
      vpc: ec2.Vpc.fromVpcAttributes(scope, 'GameDayVpc', { vpcId: s.vpcId, availabilityZones: [...s.zones], privateSubnetIds: subnetIds }),
    });
  const profile = runnerServiceProfile({ name: s.name, settings: s.profile, drillIds: s.drillIds });
  if ('problems' in profile) throw new ConstructPropsError('ServiceDrills', profile.problems);
  if (s.profile?.traffic === undefined) {
    Annotations.of(scope).addWarningV2(
      'fis-drills:gameDayDemoTraffic',
      `the game-day runner of ${s.name} sends the demo's traffic (no serviceProfile.traffic given): give ServiceDrills serviceProfile: { traffic, healthPath } with your service's own (docs/your-service.md)`,
    );
  }
  const bucket = new EvidenceBucket(scope, 'GameDayEvidence', { production: s.versioned }).bucket;
  const task = new RunnerTask(scope, 'GameDayRunner', {
    serviceName: s.name,
    cluster,
    evidenceBucket: bucket,
    topic: s.topic,
    topicKeyArn: s.topicKeyArn,
    imageDirectory: s.imageDirectory,
    serviceProfile: profile.json,
    ...(built ? {} : { subnets: { subnets: subnetIds.map((id, i) => ec2.Subnet.fromSubnetId(scope, `GameDaySubnet${i}`, id)) } }),
  });
  const own = Stack.of(scope).stackName;
  const serviceStack = built ? Stack.of(s.service as Construct).stackName : own;
  const stackNames = [...new Set([serviceStack, own])];
  // `drills run --service <name>` reads `<Prefix>-Drills` (and `<Prefix>-Workload`) from CloudFormation (service-stacks.ts).
  const named = cloudFormationStacksOf(s.name);
  const foundByService = own === named.drills && stackNames.every((n) => n === named.drills || n === named.workload);
  return { task, cluster, topicArn: s.topic.topicArn, stackNames, serviceName: s.name, foundByService };
}
