import type { CfnExperimentTemplate } from 'aws-cdk-lib/aws-fis';
import type { Drill, TaskSelection } from '../drill';
import { isoSeconds } from '../drill/iso-duration';

type Action = CfnExperimentTemplate.ExperimentTemplateActionProperty;
type Target = CfnExperimentTemplate.ExperimentTemplateTargetProperty;

/** What a fault needs to know about the deployed service (tokens are fine). */
export interface FaultTargetRefs {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly vpcId: string;
  /** The service's zones, in the order `zoneIndex` counts them. */
  readonly zones: readonly string[];
  /** The app's process name as killall sees it. */
  readonly processName: string;
  /**
   * The automation that keeps placements out of a cut zone (zone-placement-automation.ts) and
   * the service's subnets per zone, in `zones` order. @default - az-outage does not move placements
   */
  readonly zonePlacement?: {
    readonly documentArn: string;
    readonly roleArn: string;
    readonly subnetIdsByZone: readonly (readonly string[])[];
  };
  /**
   * The service's database (`service.database`): the port its tasks reach it on and the Aurora
   * cluster's ARN. @default - none: the dependency drills (needsDatabase) get no template
   */
  readonly database?: {
    readonly port: number;
    readonly clusterArn: string;
  };
}

/** The az-outage action that runs the zone-placement automation. */
export const KEEP_PLACEMENTS_ACTION = 'KeepPlacementsOutOfZone';
/** How much longer than the outage the automation may take (remove, restore, retries). */
const AUTOMATION_MARGIN_MINUTES = 10;

/** The FIS actions and targets of one drill's fault. */
export interface FaultPlan {
  readonly actions: Readonly<Record<string, Action>>;
  readonly targets: Readonly<Record<string, Target>>;
}

export function selectionMode(selection: TaskSelection): string {
  return 'count' in selection ? `COUNT(${selection.count})` : `PERCENT(${selection.percent})`;
}

function serviceTasks(refs: FaultTargetRefs, selection: string, filters?: Target['filters']): Target {
  return {
    resourceType: 'aws:ecs:task',
    selectionMode: selection,
    parameters: { cluster: refs.clusterName, service: refs.serviceName },
    ...(filters ? { filters } : {}),
  };
}

/** Pure: a drill's fault as FIS actions and targets (fis-facts §1–§3). Parameter values are strings. */
export function faultPlan(drill: Drill, refs: FaultTargetRefs): FaultPlan {
  const fault = drill.fault;
  switch (fault.kind) {
    case 'stop-task':
      return {
        targets: { ServiceTasks: serviceTasks(refs, selectionMode(fault.targets)) },
        actions: { StopTasks: { actionId: 'aws:ecs:stop-task', description: 'ECS StopTask: deregister, SIGTERM, SIGKILL after stopTimeout', targets: { Tasks: 'ServiceTasks' } } },
      };
    case 'kill-process':
      return {
        targets: { ServiceTasks: serviceTasks(refs, selectionMode(fault.targets)) },
        actions: {
          KillProcess: {
            actionId: 'aws:ecs:task-kill-process',
            description: `killall -${fault.signal} ${refs.processName} through the SSM sidecar, no deregistration first`,
            parameters: { processName: refs.processName, signal: fault.signal, installDependencies: 'true' },
            targets: { Tasks: 'ServiceTasks' },
          },
        },
      };
    case 'az-outage': {
      const zone = refs.zones[fault.zoneIndex];
      if (zone === undefined) {
        throw new Error(`${drill.file}: fault.zoneIndex ${fault.zoneIndex} is outside the service's ${refs.zones.length} zone(s); use 0 to ${refs.zones.length - 1} or raise service.azCount`);
      }
      return {
        targets: {
          ZoneSubnets: { resourceType: 'aws:ec2:subnet', selectionMode: 'ALL', parameters: { availabilityZoneIdentifier: zone, vpc: refs.vpcId } },
          ZoneTasks: serviceTasks(refs, 'ALL', [{ path: 'AvailabilityZone', values: [zone] }]),
        },
        actions: {
          DisruptZone: {
            actionId: 'aws:network:disrupt-connectivity',
            description: "Deny all traffic in and out of the zone's subnets",
            parameters: { duration: fault.duration.aws, scope: 'all' },
            targets: { Subnets: 'ZoneSubnets' },
          },
          StopZoneTasks: { actionId: 'aws:ecs:stop-task', description: "Stop the service's tasks in the zone", targets: { Tasks: 'ZoneTasks' } },
          ...(refs.zonePlacement ? { [KEEP_PLACEMENTS_ACTION]: keepPlacementsOut(drill, refs, fault.zoneIndex, fault.duration.aws) } : {}),
        },
      };
    }
    case 'dependency-outage':
      return {
        targets: { ServiceTasks: serviceTasks(refs, 'ALL') },
        actions: {
          BlackholeDatabasePort: {
            actionId: 'aws:ecs:task-network-blackhole-port',
            description: "Drop the tasks' outbound TCP traffic to the database port (connections hang, not refused)",
            // On Fargate the network actions must use the ECS fault-injection endpoints (fis-facts §1, UG ecs-task-actions).
            parameters: {
              duration: fault.duration.aws,
              port: String(databaseOf(drill, refs).port),
              trafficType: 'egress',
              protocol: 'tcp',
              useEcsFaultInjectionEndpoints: 'true',
              installDependencies: 'true',
            },
            targets: { Tasks: 'ServiceTasks' },
          },
        },
      };
    case 'database-failover':
      return {
        targets: { DatabaseCluster: { resourceType: 'aws:rds:cluster', selectionMode: 'ALL', resourceArns: [databaseOf(drill, refs).clusterArn] } },
        actions: {
          FailoverDatabase: { actionId: 'aws:rds:failover-db-cluster', description: 'Fail the Aurora cluster over to a reader: every connection drops', targets: { Clusters: 'DatabaseCluster' } },
        },
      };
  }
}

function databaseOf(drill: Drill, refs: FaultTargetRefs): NonNullable<FaultTargetRefs['database']> {
  if (!refs.database) throw new Error(`${drill.file}: the ${drill.fault.kind} drill needs the service's database; set service.database (e.g. -c service.database=true), or leave the drill out`);
  return refs.database;
}

/**
 * `aws:ssm:start-automation-execution` of the zone-placement automation: the zone's subnets out of
 * the service for the outage's duration, then back (FIS actions reference: documentArn,
 * documentParameters as a JSON object of strings or string lists, maxDuration PT1M–PT12H).
 */
function keepPlacementsOut(drill: Drill, refs: FaultTargetRefs, zoneIndex: number, duration: string): Action {
  const placement = refs.zonePlacement as NonNullable<FaultTargetRefs['zonePlacement']>;
  const subnets = placement.subnetIdsByZone[zoneIndex] ?? [];
  if (subnets.length === 0) throw new Error(`${drill.file}: the service has no subnet in zone ${zoneIndex} to keep placements out of`);
  const minutes = Math.ceil(isoSeconds(duration) / 60) + AUTOMATION_MARGIN_MINUTES;
  return {
    actionId: 'aws:ssm:start-automation-execution',
    description: "Keep ECS placements out of the cut zone for the outage, then restore the service's subnets whatever happens",
    parameters: {
      documentArn: placement.documentArn,
      documentParameters: JSON.stringify({
        AutomationAssumeRole: placement.roleArn,
        ClusterName: refs.clusterName,
        ServiceName: refs.serviceName,
        SubnetIds: [...subnets],
        Duration: duration,
      }),
      maxDuration: `PT${minutes}M`,
    },
  };
}

/** Every FIS action id a set of plans uses. */
export function actionIdsOf(plans: readonly FaultPlan[]): Set<string> {
  return new Set(plans.flatMap((p) => Object.values(p.actions).map((a) => a.actionId)));
}
