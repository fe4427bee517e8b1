import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { APP_CONTAINER_NAME, DRAIN_READY_DEFAULTS, type DrainReadyFargateServiceProps } from './drain-ready-props';

export interface ServiceFront {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** `http` or `https` (with a certificate). */
  readonly protocol: 'http' | 'https';
}

export interface ServiceFrontInput {
  readonly vpc: ec2.IVpc;
  readonly service: ecs.FargateService;
  readonly containerPort: number;
  readonly deregistrationDelaySeconds: number;
  readonly longestRequestSeconds: number;
}

/**
 * The load balancer side of DrainReadyFargateService (ids under `scope`: `LoadBalancer`,
 * `LoadBalancer/Http`, `…/AppGroup`): a new ALB or the given one, the listeners (HTTP, or HTTPS
 * with HTTP redirecting to it), or the given listener, and the target group that drains for the
 * deregistration delay.
 */
export function serviceFront(scope: Construct, props: DrainReadyFargateServiceProps, input: ServiceFrontInput): ServiceFront {
  const d = DRAIN_READY_DEFAULTS.targetHealthCheck;
  const targets: elbv2.AddApplicationTargetsProps = {
    port: input.containerPort,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [input.service.loadBalancerTarget({ containerName: APP_CONTAINER_NAME, containerPort: input.containerPort })],
    deregistrationDelay: Duration.seconds(input.deregistrationDelaySeconds),
    healthCheck: {
      path: d.path,
      interval: Duration.seconds(d.intervalSeconds),
      timeout: Duration.seconds(d.timeoutSeconds),
      healthyThresholdCount: d.healthyThreshold,
      unhealthyThresholdCount: d.unhealthyThreshold,
      healthyHttpCodes: d.healthyHttpCodes,
      ...props.targetHealthCheck,
    },
  };
  const protocol = props.certificateArn ? 'https' : 'http';

  if (props.listener && props.loadBalancer) {
    const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', { vpc: input.vpc, ...targets });
    props.listener.addTargetGroups('Service', {
      targetGroups: [targetGroup],
      ...(props.listenerRule ? { priority: props.listenerRule.priority, conditions: [...props.listenerRule.conditions] } : {}),
    });
    return { loadBalancer: props.loadBalancer, targetGroup, protocol };
  }

  const loadBalancer =
    props.loadBalancer ??
    new elbv2.ApplicationLoadBalancer(scope, 'LoadBalancer', {
      vpc: input.vpc,
      internetFacing: !props.internal,
      vpcSubnets: { subnetType: props.internal ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC },
      // Above the longest stream, so the ALB never cuts an idle-looking SSE connection first.
      idleTimeout: props.idleTimeout ?? Duration.seconds(Math.max(DRAIN_READY_DEFAULTS.minIdleTimeoutSeconds, Math.ceil(input.longestRequestSeconds) + DRAIN_READY_DEFAULTS.idleTimeoutMarginSeconds)),
      // With TLS on, requests with header fields the ALB cannot parse are dropped, not forwarded.
      ...(props.certificateArn ? { dropInvalidHeaderFields: true } : {}),
    });
  const open = !props.internal;
  if (!props.certificateArn) {
    const listener = loadBalancer.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open });
    return { loadBalancer, targetGroup: listener.addTargets('App', targets), protocol };
  }
  const https = loadBalancer.addListener('Https', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    open,
  });
  if (props.redirectHttp ?? true) {
    loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
  }
  return { loadBalancer, targetGroup: https.addTargets('App', targets), protocol };
}
