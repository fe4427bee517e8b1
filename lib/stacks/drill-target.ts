/**
 * What the Drills stack drills, whoever built it: the service's names, network and stop-condition
 * alarms. A managed service's come from its Workload stack (tokens, imported across stacks); an
 * existing service's from config (`existing`, lib/config-existing.ts), its alarms made in the
 * Drills stack itself, since there is no Workload stack.
 */
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DrillOptions } from '../config';
import { subnetIdsInZoneOrder, type ExistingService } from '../config-existing';
import { StopConditionAlarms } from '../workload/stop-condition-alarms';
import type { WorkloadStack } from './workload-stack';

export interface DrillTarget {
  readonly clusterName: string;
  /** The ECS service's physical name. */
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly vpcId: string;
  /** The service's zones, in the order az-outage's `zoneIndex` counts them. */
  readonly zones: readonly string[];
  /** The service's subnets per zone, in `zones` order. @default - unknown: az-outage cannot keep placements out of the zone */
  readonly subnetIdsByZone?: readonly (readonly string[])[];
  /** The subnets whose network ACL az-outage may swap. */
  readonly networkSubnetIds: readonly string[];
  readonly stopConditions: StopConditionAlarms;
}

/** A service this app built: everything from its Workload stack. */
export function managedTarget(workload: WorkloadStack): DrillTarget {
  const w = workload.workload;
  return {
    clusterName: w.cluster.clusterName,
    serviceName: w.service.serviceName,
    serviceArn: w.service.serviceArn,
    vpcId: w.vpc.vpcId,
    zones: w.zones,
    subnetIdsByZone: w.zones.map((zone) => w.vpc.privateSubnets.filter((s) => s.availabilityZone === zone).map((s) => s.subnetId)),
    networkSubnetIds: [...w.vpc.publicSubnets, ...w.vpc.privateSubnets].map((s) => s.subnetId),
    stopConditions: workload.stopConditions,
  };
}

/**
 * A service attached by name: its names from config, its alarms made in `scope` (the Drills
 * stack) on the load balancer and target group named in config. No AWS lookup: synth needs no
 * credentials.
 */
export function existingTarget(scope: Construct, name: string, existing: ExistingService, options: DrillOptions): DrillTarget {
  const stack = Stack.of(scope);
  const subnetIdsByZone = existing.subnetIdsByZone ? subnetIdsInZoneOrder(existing) : undefined;
  const stopConditions = new StopConditionAlarms(scope, 'StopConditions', {
    serviceName: name,
    options,
    loadBalancer: { loadBalancerFullName: existing.loadBalancerFullName },
    targetGroup: { targetGroupFullName: existing.targetGroupFullName },
    cluster: { clusterName: existing.clusterName },
    service: { serviceName: existing.serviceName },
    zones: existing.zones,
  });
  return {
    clusterName: existing.clusterName,
    serviceName: existing.serviceName,
    serviceArn: stack.formatArn({ service: 'ecs', resource: 'service', resourceName: `${existing.clusterName}/${existing.serviceName}` }),
    vpcId: existing.vpcId,
    zones: existing.zones,
    subnetIdsByZone,
    networkSubnetIds: (subnetIdsByZone ?? []).flat(),
    stopConditions,
  };
}
