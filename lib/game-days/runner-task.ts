import * as path from 'path';
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RUNNER_ENV } from '../contract';
import { suppressGuardrail } from '../guardrails/suppress-guardrail';
import { runnerPolicy } from '../runner/aws/runner-policy';

export interface RunnerTaskProps {
  /** The config's service name: the `service` tag of its FIS templates, the evidence prefix. */
  readonly serviceName: string;
  /** The service's cluster: the task runs there, in its VPC. */
  readonly cluster: ecs.ICluster;
  /** Where in the VPC. @default - the VPC's private subnets with egress */
  readonly subnets?: ec2.SubnetSelection;
  readonly evidenceBucket: s3.IBucket;
  /** Where each run's summary goes: the container gets it as `DRILLS_NOTIFY_TOPIC_ARN` (RUNNER_ENV), the role may publish only there. */
  readonly topic: sns.ITopic;
  /** The customer managed KMS key that encrypts `topic`, if one does (runnerPolicy's notifyKeyArn). @default - none */
  readonly topicKeyArn?: string;
  /** The build context of runner.Dockerfile. @default - this package's root */
  readonly imageDirectory?: string;
  /**
   * The service's profile as JSON (runnerServiceProfile, lib/game-days/runner-service-profile.ts):
   * the container gets it as `DRILLS_SERVICE_PROFILE` (RUNNER_ENV) and reads its config from it, the
   * image carrying none.
   */
  readonly serviceProfile: string;
}

/** The container's name in the task definition (RunTask overrides name it). */
export const RUNNER_CONTAINER = 'drills';

/** This package's root (bin/, lib/, runner.Dockerfile), from lib/game-days or dist/lib/game-days. */
function packageRoot(): string {
  const up = path.resolve(__dirname, '../..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/**
 * The `drills` runner as a Fargate task for one service: the CLI's image (runner.Dockerfile,
 * built by CDK at deploy time; exec-form entrypoint, user `node`), a task definition with a
 * 120 s stop timeout (the most Fargate allows: SIGTERM makes the runner stop the experiment and
 * finish its journal before SIGKILL), logs to a log group kept 3 months, a security group with
 * egress only, a task role holding exactly the runner's policy (lib/runner/aws/runner-policy.ts)
 * for this service, its evidence prefix and its topic, and the service's profile in the
 * container's environment (the only config the task has).
 */
export class RunnerTask extends Construct {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;
  readonly logGroup: logs.LogGroup;
  readonly subnets: ec2.SubnetSelection;
  /** `s3://<bucket>/game-days/<service>`: the runs' evidence root. */
  readonly evidenceRoot: string;
  /** The evidence bucket's name and the prefix in it (`game-days/<service>`) the task role may write. */
  readonly evidenceBucketName: string;
  readonly evidencePrefix: string;

  constructor(scope: Construct, id: string, props: RunnerTaskProps) {
    super(scope, id);
    const prefix = `game-days/${props.serviceName}`;
    this.evidenceRoot = `s3://${props.evidenceBucket.bucketName}/${prefix}`;
    this.evidenceBucketName = props.evidenceBucket.bucketName;
    this.evidencePrefix = prefix;
    this.subnets = props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    const taskRole = new iam.Role(this, 'TaskRole', {
      description: `The fis-drills game-day runner of ${props.serviceName}: the runner's documented policy, nothing else`,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }),
    });
    const policy = runnerPolicy({
      partition: Aws.PARTITION,
      region: Stack.of(this).region,
      account: Stack.of(this).account,
      service: props.serviceName,
      evidence: { bucket: props.evidenceBucket.bucketName, prefix },
      notifyTopicArn: props.topic.topicArn,
      notifyKeyArn: props.topicKeyArn,
    });
    new iam.Policy(this, 'RunnerPolicy', { document: iam.PolicyDocument.fromJson(policy), roles: [taskRole] });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: 512,
      memoryLimitMiB: 1024,
      taskRole,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    this.taskDefinition.addContainer(RUNNER_CONTAINER, {
      image: ecs.ContainerImage.fromAsset(props.imageDirectory ?? packageRoot(), { file: 'runner.Dockerfile' }),
      essential: true,
      stopTimeout: Duration.seconds(120),
      // tini as PID 1 passes SIGTERM on to node (the CLI handles it; ECS Developer Guide, initProcessEnabled).
      linuxParameters: new ecs.LinuxParameters(this, 'Linux', { initProcessEnabled: true }),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'runner' }),
      environment: { [RUNNER_ENV.notifyTopicArn]: props.topic.topicArn, [RUNNER_ENV.serviceProfile]: props.serviceProfile },
    });
    suppressGuardrail(
      this.taskDefinition,
      'DRILL-DRAIN-3',
      "The runner is a run-to-completion task, not a service: it answers no requests, nothing would replace it, and its runs are bounded by the drill's own timeouts.",
    );
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: `fis-drills game-day runner of ${props.serviceName}: egress only (AWS APIs, the service URL)`,
      allowAllOutbound: true,
    });
  }
}
