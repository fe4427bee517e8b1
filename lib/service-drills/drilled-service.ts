import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import type { Construct } from 'constructs';
import type { ServiceDrillsProps } from './service-drills-props';

/** The service as the drills see it: physical names (or tokens), zones and subnets. */
export interface DrilledService {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly loadBalancerFullName: string;
  readonly targetGroupFullName: string;
  readonly vpcId: string;
  readonly zones: readonly string[];
  /** In `zones` order. @default - az-outage does not move placements */
  readonly subnetIdsByZone?: readonly (readonly string[])[];
  /** Subnets whose network ACL az-outage may swap. */
  readonly networkSubnetIds: readonly string[];
  readonly serviceUrl?: string;
  /** The task definition, when it is this app's to change and to see. */
  readonly taskDefinition?: ecs.FargateTaskDefinition;
}

function isPattern(s: ServiceDrillsProps['service']): s is ecsPatterns.ApplicationLoadBalancedFargateService {
  return s !== undefined && 'service' in s && 'targetGroup' in s && 'loadBalancer' in s;
}

/**
 * Pure but for CDK references: the DrilledService of ServiceDrills props, or the problems that
 * stop it being one (each naming the prop and what to do).
 */
export function drilledService(scope: Construct, props: ServiceDrillsProps): { service?: DrilledService; problems: string[] } {
  const problems: string[] = [];
  if (props.existing && props.service) problems.push('both service and existing are given: give service (built in this app) or existing (by names), not both');
  if (props.existing) {
    const e = props.existing;
    if (e.subnetIdsByZone && e.subnetIdsByZone.length !== e.zones.length) {
      problems.push(`existing.subnetIdsByZone has ${e.subnetIdsByZone.length} entries for ${e.zones.length} zone(s): give one list of subnet ids per zone, in zones order`);
    }
    if (e.zones.length === 0) problems.push('existing.zones is empty: name the availability zones the service runs in');
    const arn = e.serviceArn ?? Stack.of(scope).formatArn({ service: 'ecs', resource: 'service', resourceName: `${e.clusterName}/${e.serviceName}` });
    const networkSubnetIds = e.networkSubnetIds ?? (e.subnetIdsByZone ?? []).flat();
    return { problems, service: { ...e, serviceUrl: props.serviceUrl ?? e.serviceUrl, serviceArn: arn, networkSubnetIds } };
  }
  if (!props.service) {
    problems.push('no service: give service (an ecs.FargateService with targetGroup and loadBalancer, or an ApplicationLoadBalancedFargateService) or existing (names of a deployed service)');
    return { problems };
  }
  const pattern = isPattern(props.service) ? props.service : undefined;
  const service = pattern ? pattern.service : (props.service as ecs.IBaseService);
  const targetGroup = props.targetGroup ?? pattern?.targetGroup;
  const loadBalancer = props.loadBalancer ?? pattern?.loadBalancer;
  if (!targetGroup) problems.push("targetGroup is missing: give the service's ApplicationTargetGroup (its full name names the alarms' metrics)");
  if (!loadBalancer) problems.push("loadBalancer is missing: give the service's ApplicationLoadBalancer (its full name names the alarms' metrics)");
  if (!targetGroup || !loadBalancer) return { problems };

  const vpc = service.cluster.vpc;
  const zones = vpc.availabilityZones;
  const selected = vpc.selectSubnets(props.serviceSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
  const taskDefinition = service instanceof ecs.BaseService && service.taskDefinition instanceof ecs.FargateTaskDefinition ? service.taskDefinition : undefined;
  return {
    problems,
    service: {
      clusterName: service.cluster.clusterName,
      serviceName: service.serviceName,
      serviceArn: service.serviceArn,
      loadBalancerFullName: loadBalancer.loadBalancerFullName,
      targetGroupFullName: targetGroup.targetGroupFullName,
      vpcId: vpc.vpcId,
      zones,
      subnetIdsByZone: zones.map((zone) => selected.filter((s) => s.availabilityZone === zone).map((s) => s.subnetId)),
      networkSubnetIds: [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map((s) => s.subnetId),
      serviceUrl: props.serviceUrl ?? `http://${loadBalancer.loadBalancerDnsName}`,
      taskDefinition,
    },
  };
}
