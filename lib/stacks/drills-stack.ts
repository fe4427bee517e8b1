import { CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DrillsConfig } from '../config';
import { subnetIdsInZoneOrder, type ExistingService } from '../config-existing';
import type { Drill } from '../drill';
import type { DrillExperimentTemplate } from '../fis/drill-experiment-template';
import type { ExperimentRole } from '../fis/experiment-role';
import type { DrillsDashboard } from '../game-days/drills-dashboard';
import type { GameDaySchedules } from '../game-days/game-day-schedules';
import { ServiceDrills } from '../service-drills/service-drills';
import type { ServiceDrillsProps } from '../service-drills/service-drills-props';
import type { WorkloadStack } from './workload-stack';

export interface DrillsStackProps extends StackProps {
  readonly config: DrillsConfig;
  /** The service this app built. Exactly one of `workload` and `existing`. */
  readonly workload?: WorkloadStack;
  /** A service attached by name (config `existing`): its alarms are made in this stack. */
  readonly existing?: ExistingService;
  /** The drill catalogue (`experiments/`). */
  readonly drills: readonly Drill[];
}

/**
 * The drills against one service: ServiceDrills (FIS experiment role and log group, one
 * experiment template per drill, a dashboard, optional game-day schedules), with the workload
 * stack's alarms for a service this app built, or its own alarms for one attached by name.
 * ServiceDrills sits at id `Default`, which CDK leaves out of logical ids, so the resources and
 * outputs keep the ids they had when this stack made them directly. The service's own outputs
 * (`ServiceUrl`, `ClusterName`, …) are the workload stack's, or build-app's for an existing one.
 */
export class DrillsStack extends Stack {
  readonly serviceDrills: ServiceDrills;
  readonly templates: Readonly<Record<string, DrillExperimentTemplate>>;
  readonly dashboard: DrillsDashboard;
  readonly experimentRole: ExperimentRole;
  readonly gameDays?: GameDaySchedules;

  constructor(scope: Construct, id: string, props: DrillsStackProps) {
    super(scope, id, props);
    // Exports/imports: the workload cannot be deleted or replaced under templates that point at it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config } = props;
    if (!props.workload === !props.existing) throw new Error(`DrillsStack ${id}: give exactly one of workload (a service this app built) and existing (one attached by name)`);
    const common: ServiceDrillsProps = {
      name: config.service.name,
      drills: props.drills,
      processName: config.service.processName,
      reportBucket: config.drills.reportBucket,
      gameDays: config.drills.gameDays,
      gameDaysEnabled: config.drills.gameDays && config.drills.gameDaysEnabled,
      gameDayTopicArn: config.drills.gameDaysTopicArn,
      gameDayTopicKeyArn: config.drills.gameDaysTopicKeyArn,
      // The runner task carries this service's resolved profile (cdk.json and -c as merged): its image has no config.
      serviceProfile: config.service,
      serviceOutputs: false,
    };
    this.serviceDrills = new ServiceDrills(
      this,
      'Default',
      props.workload
        ? {
            ...common,
            service: props.workload.workload.service,
            targetGroup: props.workload.workload.targetGroup,
            loadBalancer: props.workload.workload.loadBalancer,
            alarms: props.workload.stopConditions,
            ...(props.workload.database ? { database: { clusterIdentifier: props.workload.database.clusterIdentifier, port: props.workload.database.port } } : {}),
            // DrainReadyFargateService has the sidecar, pidMode task and fault injection already,
            // and the guardrails (DRILL-FIS-6) check them at synth: no "cannot check" warning.
            faultInjectionSupport: false,
            taskDefinitionWarning: false,
          }
        : {
            ...common,
            existing: existingReference(props.existing as ExistingService),
            ...(props.existing?.databaseClusterIdentifier
              ? { database: { clusterIdentifier: props.existing.databaseClusterIdentifier, ...(props.existing.databasePort ? { port: props.existing.databasePort } : {}) } }
              : {}),
            stopConditions: config.drills.stopConditions,
            deadMansSwitch: config.drills.deadMansSwitch,
            // build-app's noteExistingService warns, naming the --service to preflight.
            taskDefinitionWarning: false,
          },
    );
    this.templates = this.serviceDrills.templates;
    this.dashboard = this.serviceDrills.dashboard;
    this.experimentRole = this.serviceDrills.experimentRole;
    this.gameDays = this.serviceDrills.gameDays;
  }
}

/** Config `existing` as ServiceDrills takes it (subnets per zone in zones order). */
function existingReference(e: ExistingService): ServiceDrillsProps['existing'] {
  return {
    clusterName: e.clusterName,
    serviceName: e.serviceName,
    targetGroupFullName: e.targetGroupFullName,
    loadBalancerFullName: e.loadBalancerFullName,
    vpcId: e.vpcId,
    zones: e.zones,
    serviceUrl: e.serviceUrl,
    ...(e.subnetIdsByZone ? { subnetIdsByZone: subnetIdsInZoneOrder(e) } : {}),
  };
}
