import * as path from 'path';
import { Annotations, Duration, Fn, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { APP_CONTAINER_NAME, ConstructPropsError, DRAIN_READY_DEFAULTS, type DrainReadyFargateServiceProps } from './drain-ready-props';
import { drainReadyProblems, secondsOr, type DrainBudget } from './drain-ready-validate';
import { DEMO_HEALTH_CHECK_COMMAND, demoImage } from './service-image';
import { serviceFront } from './service-front';
import { SsmAgentSidecar } from './ssm-agent-sidecar';
import { derivedDrainTimeoutMs } from '../config-derive';
import { LONGEST_REQUEST_TAG, SERVICE_ENV } from '../contract';

export { APP_CONTAINER_NAME } from './drain-ready-props';
export type { DrainReadyFargateServiceProps } from './drain-ready-props';

/**
 * A Fargate service behind an ALB whose settings fit the drain budget (DESIGN "The drain
 * budget"), ready for the FIS ECS actions (fault injection on, `pidMode: task`, the SSM agent
 * sidecar): every setting that matters is set here explicitly, none is left to a CDK default.
 * With no props it builds its own VPC, cluster and ALB and runs the demo image; give `vpc`,
 * `cluster`, `loadBalancer` (or `listener`) to drop it into a network you have.
 *
 * @throws ConstructPropsError listing every problem with the props at once.
 */
export class DrainReadyFargateService extends Construct {
  readonly vpc: ec2.IVpc;
  /** The zones the service spans, in the order az-outage's `zoneIndex` counts them. */
  readonly zones: readonly string[];
  readonly cluster: ecs.ICluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly appContainer: ecs.ContainerDefinition;
  readonly sidecar: SsmAgentSidecar;
  /** Extra containers from `sidecars`, by name. */
  readonly sidecarContainers: Readonly<Record<string, ecs.ContainerDefinition>>;
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly logGroup: logs.LogGroup;
  /** The drain budget applied, in seconds. */
  readonly drainBudget: DrainBudget;
  private readonly protocol: 'http' | 'https';

  constructor(scope: Construct, id: string, props: DrainReadyFargateServiceProps = {}) {
    super(scope, id);
    const D = DRAIN_READY_DEFAULTS;
    const stopTimeoutSeconds = secondsOr(props.stopTimeout, D.stopTimeoutSeconds);
    this.drainBudget = {
      stopTimeoutSeconds,
      drainTimeoutSeconds: secondsOr(props.drainTimeout, derivedDrainTimeoutMs(stopTimeoutSeconds) / 1000),
      deregistrationDelaySeconds: secondsOr(props.deregistrationDelay, D.deregistrationDelaySeconds),
      longestRequestSeconds: secondsOr(props.longestRequest, D.longestRequestSeconds),
    };
    const problems = drainReadyProblems(props, this.drainBudget);
    if (problems.length > 0) throw new ConstructPropsError('DrainReadyFargateService', problems);
    const containerPort = props.containerPort ?? D.containerPort;
    const cpuArchitecture = props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;

    const given = props.vpc ?? props.cluster?.vpc;
    this.vpc = given ?? this.newVpc(props.azCount ?? D.azCount);
    this.zones = this.vpc.availabilityZones;
    this.cluster =
      props.cluster ??
      new ecs.Cluster(this, 'Cluster', {
        vpc: this.vpc,
        containerInsightsV2: ecs.ContainerInsights.ENABLED,
        enableFargateCapacityProviders: false,
      });

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu ?? D.cpu,
      memoryLimitMiB: props.memoryLimitMiB ?? D.memoryLimitMiB,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture },
      // FIS task actions: the fault-injection endpoints, and one PID namespace for the task so
      // kill-process in the sidecar sees the app's process.
      enableFaultInjection: true,
      pidMode: ecs.PidMode.TASK,
    });
    for (const statement of props.taskRolePolicyStatements ?? []) this.taskDefinition.addToTaskRolePolicy(statement);

    // The drain budget's longest request, for the guardrail rules that read it from the task definition.
    Tags.of(this.taskDefinition).add(LONGEST_REQUEST_TAG, String(this.drainBudget.longestRequestSeconds));

    this.appContainer = this.taskDefinition.addContainer(APP_CONTAINER_NAME, {
      containerName: APP_CONTAINER_NAME,
      image: props.image ?? demoImage(props.demoImageDirectory ?? path.resolve('service'), cpuArchitecture).image,
      essential: true,
      portMappings: [{ containerPort, protocol: ecs.Protocol.TCP }],
      stopTimeout: Duration.seconds(stopTimeoutSeconds),
      linuxParameters: new ecs.LinuxParameters(this, 'AppLinuxParameters', { initProcessEnabled: true }),
      healthCheck: this.healthCheck(props),
      environment: {
        ...props.environment,
        [SERVICE_ENV.port]: String(containerPort),
        [SERVICE_ENV.drainTimeoutMs]: String(Math.round(this.drainBudget.drainTimeoutSeconds * 1000)),
      },
      ...(props.secrets ? { secrets: { ...props.secrets } } : {}),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: APP_CONTAINER_NAME }),
    });

    this.sidecar = new SsmAgentSidecar(this, 'SsmAgent', { taskDefinition: this.taskDefinition, logGroup: this.logGroup });
    const sidecars: Record<string, ecs.ContainerDefinition> = {};
    for (const [name, options] of Object.entries(props.sidecars ?? {})) {
      sidecars[name] = this.taskDefinition.addContainer(`Sidecar-${name}`, {
        logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: name }),
        ...options,
        containerName: name,
      });
    }
    this.sidecarContainers = sidecars;

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? D.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? Duration.seconds(D.healthCheckGracePeriodSeconds),
      // The FIS sidecar exits when ECS Exec's agent runs next to it.
      enableExecuteCommand: false,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      assignPublicIp: false,
      vpcSubnets: props.taskSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
    });

    const front = serviceFront(this, props, {
      vpc: this.vpc,
      service: this.service,
      containerPort,
      deregistrationDelaySeconds: this.drainBudget.deregistrationDelaySeconds,
      longestRequestSeconds: this.drainBudget.longestRequestSeconds,
    });
    this.loadBalancer = front.loadBalancer;
    this.targetGroup = front.targetGroup;
    this.protocol = front.protocol;
  }

  /** `http://<alb dns>`, or `https://` with a certificate. */
  get serviceUrl(): string {
    return `${this.protocol}://${this.loadBalancer.loadBalancerDnsName}`;
  }

  private newVpc(azCount: number): ec2.Vpc {
    // Zones as tokens (Fn::GetAZs), so the stack stays environment-agnostic for any azCount.
    return new ec2.Vpc(this, 'Vpc', {
      availabilityZones: Array.from({ length: azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      // One NAT gateway per zone: the SSM sidecar and image pulls in the surviving zones must
      // not depend on the zone an az-outage drill takes down.
      natGateways: azCount,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });
  }

  private healthCheck(props: DrainReadyFargateServiceProps): ecs.HealthCheck | undefined {
    const c = DRAIN_READY_DEFAULTS.containerHealthCheck;
    const timings = { interval: Duration.seconds(c.intervalSeconds), timeout: Duration.seconds(c.timeoutSeconds), retries: c.retries, startPeriod: Duration.seconds(c.startPeriodSeconds) };
    if (props.healthCheck) return { ...timings, ...props.healthCheck };
    if (!props.image) return { ...timings, command: DEMO_HEALTH_CHECK_COMMAND };
    Annotations.of(this).addWarningV2(
      'fis-drills:noContainerHealthCheck',
      "the app container has no health check: an image was given without healthCheck (in the app's config: service.imageUri is set without service.healthCheckCommand), so ECS relies on the ALB alone; give an exec-form command",
    );
    return undefined;
  }
}
