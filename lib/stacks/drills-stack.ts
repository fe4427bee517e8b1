import { CfnOutput, CrossStackReferences, ReferenceStrength, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DrillsConfig } from '../config';
import type { Drill, StopConditionName } from '../drill';
import { DrillExperimentTemplate } from '../fis/drill-experiment-template';
import { ExperimentRole } from '../fis/experiment-role';
import { actionIdsOf, faultPlan } from '../fis/fault-plan';
import { stopConditionChoice } from '../fis/stop-condition-choice';
import { templateOutputKey } from '../fis/template-output-key';
import { ZonePlacementAutomation } from '../fis/zone-placement-automation';
import { DrillsDashboard } from '../game-days/drills-dashboard';
import { GameDaySchedules } from '../game-days/game-day-schedules';
import { existingTarget, managedTarget } from './drill-target';
import type { ExistingService } from '../config-existing';
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
 * The drills against the workload: FIS experiment role and log group, one experiment template
 * per drill guarded by the workload's alarms, a dashboard, and optional game-day schedules.
 */
export class DrillsStack extends Stack {
  readonly templates: Record<string, DrillExperimentTemplate> = {};
  readonly dashboard: DrillsDashboard;
  readonly experimentRole: ExperimentRole;
  readonly gameDays?: GameDaySchedules;

  constructor(scope: Construct, id: string, props: DrillsStackProps) {
    super(scope, id, props);
    // Exports/imports: the workload cannot be deleted or replaced under templates that point at it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config, drills } = props;
    const serviceName = config.service.name;
    if (!props.workload === !props.existing) throw new Error(`DrillsStack ${id}: give exactly one of workload (a service this app built) and existing (one attached by name)`);
    const target = props.workload ? managedTarget(props.workload) : existingTarget(this, serviceName, props.existing as ExistingService, config.drills);
    const { stopConditions } = target;

    // An az-outage keeps ECS placements out of the cut zone through an SSM automation.
    const zoneAutomation = drills.some((d) => d.fault.kind === 'az-outage') && target.subnetIdsByZone
      ? new ZonePlacementAutomation(this, 'ZonePlacement', { serviceArn: target.serviceArn })
      : undefined;
    const refs = {
      clusterName: target.clusterName,
      serviceName: target.serviceName,
      vpcId: target.vpcId,
      zones: target.zones,
      processName: config.service.processName,
      ...(zoneAutomation && target.subnetIdsByZone ? {
        zonePlacement: { documentArn: zoneAutomation.documentArn, roleArn: zoneAutomation.role.roleArn, subnetIdsByZone: target.subnetIdsByZone },
      } : {}),
    };
    const plans = drills.map((drill) => ({ drill, plan: faultPlan(drill, refs) }));

    this.experimentRole = new ExperimentRole(this, 'ExperimentRole', {
      // Every template also runs its alarm checks (lib/fis/alarm-checks.ts).
      actionIds: new Set([...actionIdsOf(plans.map((p) => p.plan)), 'aws:cloudwatch:assert-alarm-state', 'aws:fis:wait']),
      clusterName: refs.clusterName,
      vpcId: refs.vpcId,
      subnetIds: target.networkSubnetIds,
      reportBucket: config.drills.reportBucket,
      ...(zoneAutomation ? { zoneAutomation: { automationDefinitionArn: zoneAutomation.automationDefinitionArn, roleArn: zoneAutomation.role.roleArn } } : {}),
    });
    // Kept after `cdk destroy` (the experiments' record outlives the stack), so CloudFormation
    // names it: a fixed name plus Retain makes the next deploy fail with "already exists"
    // (CloudFormation creates a new group; a retained one with the same name blocks it).
    const logGroup = new logs.LogGroup(this, 'ExperimentLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnOutput(this, 'ExperimentLogGroupName', { value: logGroup.logGroupName, description: 'CloudWatch Logs group the FIS experiments log to (schema 2)' });

    const zoneAlarms = drills.flatMap((d) => {
      const zone = stopConditionChoice(d).healthyHostsOutsideZone;
      return zone !== undefined && d.stopConditions.includes('healthy-hosts') ? [stopConditions.healthyHostsOutsideZone(zone)] : [];
    });
    const alarms = [...Object.values(stopConditions.alarms).filter((a) => a !== undefined), ...new Set(zoneAlarms)];
    this.dashboard = new DrillsDashboard(this, 'Dashboard', { serviceName, metrics: stopConditions.metrics, alarms });

    const alarmArns: Partial<Record<StopConditionName, string>> = {};
    for (const [name, alarm] of Object.entries(stopConditions.alarms)) if (alarm) alarmArns[name as StopConditionName] = alarm.alarmArn;
    const report = config.drills.reportBucket ? { bucketName: config.drills.reportBucket, dashboardArn: this.dashboard.dashboardArn } : undefined;

    for (const { drill, plan } of plans) {
      const key = templateOutputKey(drill.id);
      // A zone drill's healthy-hosts guard watches the surviving zones only (stop-condition-choice.ts).
      const zone = stopConditionChoice(drill).healthyHostsOutsideZone;
      const drillAlarmArns = zone !== undefined && alarmArns['healthy-hosts']
        ? { ...alarmArns, 'healthy-hosts': stopConditions.healthyHostsOutsideZone(zone).alarmArn }
        : alarmArns;
      const template = new DrillExperimentTemplate(this, key.replace(/Id$/, ''), {
        drill, plan, role: this.experimentRole.role, logGroup, alarmArns: drillAlarmArns, serviceName, report,
      });
      this.templates[drill.id] = template;
      new CfnOutput(this, key, { value: template.templateId, description: `FIS experiment template of drill ${drill.id}` });
    }

    if (config.drills.gameDays) {
      const scheduled = drills.filter((d) => d.schedule).map((drill) => ({
        drill,
        templateId: this.templates[drill.id].templateId,
        templateArn: this.templates[drill.id].templateArn,
      }));
      if (scheduled.length > 0) this.gameDays = new GameDaySchedules(this, 'GameDays', { drills: scheduled, enabled: config.drills.gameDaysEnabled, serviceName });
    }
  }
}
