import type { Duration } from 'aws-cdk-lib';
import { SERVICE_ENV } from '../contract';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Props of DrainReadyFargateService: flat, readonly, every one optional with its default
 * (DRAIN_READY_DEFAULTS holds the values, in one place). Times are `Duration`s. The drain budget
 * (DESIGN "The drain budget"): stopTimeout > drainTimeout, deregistrationDelay and stopTimeout ≥
 * longestRequest; the guardrails (docs/guardrails.md) check the synthesized result again.
 */
export interface DrainReadyFargateServiceProps {
  /** The VPC. @default - a new VPC over `azCount` zones, public and private subnets, one NAT gateway per zone */
  readonly vpc?: ec2.IVpc;
  /** Zones of the new VPC; only when `vpc` is not given. @default 2 */
  readonly azCount?: number;
  /** The cluster; its VPC must be `vpc` when both are given. @default - a new cluster in the VPC with Container Insights on */
  readonly cluster?: ecs.ICluster;
  /** Subnets of the tasks. @default - the VPC's private subnets with egress */
  readonly taskSubnets?: ec2.SubnetSelection;
  /**
   * The load balancer to put the service behind; its listeners are made here (port 80, and 443
   * with `certificateArn`) unless `listener` is given.
   * @default - a new ALB, internet-facing in the public subnets (internal in the private ones with `internal`)
   */
  readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  /**
   * An existing listener of `loadBalancer` to add the service's target group to (with
   * `listenerRule` when the listener already has a default action). Needs `loadBalancer`.
   * @default - listeners are made on the load balancer
   */
  readonly listener?: elbv2.IApplicationListener;
  /** Priority and conditions of the rule on `listener`. @default - the target group becomes the listener's default action */
  readonly listenerRule?: { readonly priority: number; readonly conditions: readonly elbv2.ListenerCondition[] };
  /** An internal load balancer (private subnets, scheme internal); only for a load balancer made here. @default false */
  readonly internal?: boolean;
  /**
   * ACM certificate ARN: an HTTPS listener on 443 (TLS 1.3 policy, invalid headers dropped) and
   * HTTP on 80 redirecting to it. @default - HTTP on port 80 only
   */
  readonly certificateArn?: string;
  /**
   * With `certificateArn`: a port-80 listener that redirects to HTTPS (301). Turn it off for
   * HTTPS only (cdk-nag's ELBv2ACMCertificateRequired, in the NIST and HIPAA packs, flags any
   * listener without a certificate, the redirecting one included). @default true
   */
  readonly redirectHttp?: boolean;

  /** The app's image. @default - the demo service built from `demoImageDirectory` for `cpuArchitecture` */
  readonly image?: ecs.ContainerImage;
  /** Directory with the demo service's Dockerfile, used when `image` is not given. @default - `service/` under the working directory */
  readonly demoImageDirectory?: string;
  /**
   * The app container's health check (exec form: `['CMD', 'bin', 'arg']`).
   * @default - for the demo image `node dist/healthcheck.js` every 10 s, timeout 5 s, 3 retries, start period 10 s; for another image none (a synth warning)
   */
  readonly healthCheck?: ecs.HealthCheck;
  /** Task CPU architecture; the demo image is built for it and the SSM sidecar image is multi-architecture. @default ecs.CpuArchitecture.X86_64 */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /** Task CPU units. @default 256 */
  readonly cpu?: number;
  /** Task memory in MiB. @default 512 */
  readonly memoryLimitMiB?: number;
  /** The container port the app listens on (also `PORT` in its environment). @default 8080 */
  readonly containerPort?: number;
  /** Tasks to run. @default 2 */
  readonly desiredCount?: number;
  /** Extra environment of the app container; `PORT` and `DRAIN_TIMEOUT_MS` are set here and cannot be overridden. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Secrets of the app container, as references (`ecs.Secret.fromSecretsManager`,
   * `ecs.Secret.fromSsmParameter`, or `secretFromArn`): ECS injects the value at task start, the
   * template holds only the ARN. @default - none
   */
  readonly secrets?: Readonly<Record<string, ecs.Secret>>;
  /** Statements added to the task role (what the app calls). @default - only the SSM sidecar's statements */
  readonly taskRolePolicyStatements?: readonly iam.PolicyStatement[];
  /** Extra containers in the task, by container name (`containerName` is set to the key). @default - none besides the SSM agent sidecar */
  readonly sidecars?: Readonly<Record<string, ecs.ContainerDefinitionOptions>>;

  /** ECS stopTimeout: SIGKILL follows SIGTERM this much later (Fargate: at most 120 s). @default Duration.seconds(120) */
  readonly stopTimeout?: Duration;
  /** The app's drain deadline, given as `DRAIN_TIMEOUT_MS`; must be below stopTimeout. @default - stopTimeout − 10 s, or a fifth of it when shorter (lib/config-derive.ts) */
  readonly drainTimeout?: Duration;
  /** The ALB's deregistration delay; at least the longest request. @default Duration.seconds(90) */
  readonly deregistrationDelay?: Duration;
  /** The longest request the service serves (a whole SSE stream); tagged on the task definition for the guardrails. @default Duration.seconds(60) */
  readonly longestRequest?: Duration;
  /** ECS health-check grace period. @default Duration.seconds(30) */
  readonly healthCheckGracePeriod?: Duration;
  /** The ALB target health check; given keys replace the defaults. @default - path `/healthz`, every 10 s, timeout 5 s, 2 healthy / 2 unhealthy, HTTP 200 */
  readonly targetHealthCheck?: elbv2.HealthCheck;
  /** The ALB idle timeout, for a load balancer made here. @default - the longer of 60 s and longestRequest + 30 s */
  readonly idleTimeout?: Duration;
}

/** The defaults of DrainReadyFargateServiceProps, as plain numbers (seconds unless named otherwise). */
export const DRAIN_READY_DEFAULTS = {
  azCount: 2,
  cpu: 256,
  memoryLimitMiB: 512,
  containerPort: 8080,
  desiredCount: 2,
  stopTimeoutSeconds: 120,
  deregistrationDelaySeconds: 90,
  longestRequestSeconds: 60,
  healthCheckGracePeriodSeconds: 30,
  containerHealthCheck: { intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
  targetHealthCheck: { path: '/healthz', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2, healthyHttpCodes: '200' },
  minIdleTimeoutSeconds: 60,
  idleTimeoutMarginSeconds: 30,
} as const;

/** The app container's name, and the environment keys the construct owns. */
export const APP_CONTAINER_NAME = 'app';
export const OWNED_ENVIRONMENT = [SERVICE_ENV.port, SERVICE_ENV.drainTimeoutMs] as const;

/** Misuse of a construct's props: every problem, each naming the prop, the value and what to do. */
export class ConstructPropsError extends Error {
  constructor(
    construct: string,
    readonly problems: readonly string[],
  ) {
    super(`${construct} props have ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConstructPropsError';
  }
}
