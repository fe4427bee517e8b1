import * as path from 'path';
import { Annotations, Duration, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServiceProfile } from '../config';
import { serviceImage } from './service-image';
import { SsmAgentSidecar } from './ssm-agent-sidecar';

export const APP_CONTAINER_NAME = 'app';

export interface DrainReadyFargateServiceProps {
  /** The service profile from the config (`loadConfig`): image, port, drain budget, health checks. */
  readonly profile: ServiceProfile;
  /**
   * Directory holding the demo service's Dockerfile, built when `profile.imageUri` is unset.
   * @default - `service/` under the working directory (the CDK CLI runs the app from the repository root)
   */
  readonly demoImageDirectory?: string;
}

/**
 * A Fargate service behind an ALB whose settings fit the drain budget (DESIGN "The drain
 * budget"), ready for the FIS ECS actions: every setting that matters is set here explicitly,
 * none is left to a CDK default.
 */
export class DrainReadyFargateService extends Construct {
  readonly vpc: ec2.Vpc;
  /** The zones the service spans, in the order az-outage's `zoneIndex` counts them. */
  readonly zones: readonly string[];
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly appContainer: ecs.ContainerDefinition;
  readonly sidecar: SsmAgentSidecar;
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: DrainReadyFargateServiceProps) {
    super(scope, id);
    const p = props.profile;

    // Zones as tokens (Fn::GetAZs), so the stack stays environment-agnostic for any azCount.
    this.zones = Array.from({ length: p.azCount }, (_, i) => Fn.select(i, Fn.getAzs()));
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: [...this.zones],
      // One NAT gateway per zone: the SSM sidecar and image pulls in the surviving zones must
      // not depend on the zone an az-outage drill takes down.
      natGateways: p.azCount,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: this.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: false,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: p.cpu,
      memoryLimitMiB: p.memoryMiB,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
      // FIS task actions: the fault-injection endpoints, and one PID namespace for the task so
      // kill-process in the sidecar sees the app's process.
      enableFaultInjection: true,
      pidMode: ecs.PidMode.TASK,
    });

    // The drain budget's longest request, for the guardrail rules that read it from the task definition.
    Tags.of(this.taskDefinition).add('fis-drills:longest-request-seconds', String(p.longestRequestSeconds));

    const image = serviceImage(p, props.demoImageDirectory ?? path.resolve('service'));
    const hc = p.containerHealthCheck;
    if (!image.healthCheckCommand) {
      Annotations.of(this).addWarningV2('fis-drills:noContainerHealthCheck',
        `service.imageUri is set without service.healthCheckCommand: the container has no health check, so ECS relies on the ALB alone (set service.healthCheckCommand to an exec-form command)`);
    }
    this.appContainer = this.taskDefinition.addContainer(APP_CONTAINER_NAME, {
      containerName: APP_CONTAINER_NAME,
      image: image.image,
      essential: true,
      portMappings: [{ containerPort: p.containerPort, protocol: ecs.Protocol.TCP }],
      stopTimeout: Duration.seconds(p.stopTimeoutSeconds),
      linuxParameters: new ecs.LinuxParameters(this, 'AppLinuxParameters', { initProcessEnabled: true }),
      healthCheck: image.healthCheckCommand && {
        command: image.healthCheckCommand,
        interval: Duration.seconds(hc.intervalSeconds),
        timeout: Duration.seconds(hc.timeoutSeconds),
        retries: hc.retries,
        startPeriod: Duration.seconds(hc.startPeriodSeconds),
      },
      environment: {
        PORT: String(p.containerPort),
        DRAIN_TIMEOUT_MS: String(p.drainTimeoutMs),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: APP_CONTAINER_NAME }),
    });

    this.sidecar = new SsmAgentSidecar(this, 'SsmAgent', { taskDefinition: this.taskDefinition, logGroup: this.logGroup });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: p.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(p.healthCheckGracePeriodSeconds),
      // The FIS sidecar exits when ECS Exec's agent runs next to it.
      enableExecuteCommand: false,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      assignPublicIp: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      // Above the longest stream, so the ALB never cuts an idle-looking SSE connection first.
      idleTimeout: Duration.seconds(Math.max(60, Math.ceil(p.longestRequestSeconds) + 30)),
    });
    const listener = this.loadBalancer.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: true });
    const a = p.albHealthCheck;
    this.targetGroup = listener.addTargets('App', {
      port: p.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: APP_CONTAINER_NAME, containerPort: p.containerPort })],
      deregistrationDelay: Duration.seconds(p.deregistrationDelaySeconds),
      healthCheck: {
        path: p.healthPath,
        interval: Duration.seconds(a.intervalSeconds),
        timeout: Duration.seconds(a.timeoutSeconds),
        healthyThresholdCount: a.healthyThreshold,
        unhealthyThresholdCount: a.unhealthyThreshold,
        healthyHttpCodes: '200',
      },
    });
  }

  /** `http://<alb dns>` */
  get serviceUrl(): string {
    return `http://${this.loadBalancer.loadBalancerDnsName}`;
  }
}
