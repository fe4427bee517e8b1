import { Annotations, ArnFormat, CfnOutput, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { catalogue } from '../../experiments';
import { DATABASE_DEFAULTS } from '../config-database';
import { templateOutputKey } from '../contract';
import { needsDatabase, type Drill, type StopConditionName } from '../drill';
import { DrillExperimentTemplate } from '../fis/drill-experiment-template';
import { ExperimentRole } from '../fis/experiment-role';
import { actionIdsOf, faultPlan, type FaultTargetRefs } from '../fis/fault-plan';
import { stopConditionChoice } from '../fis/stop-condition-choice';
import { inTaskActionsOf, TASK_PREREQUISITES_DOC } from '../fis/task-action-prerequisites';
import { ZonePlacementAutomation } from '../fis/zone-placement-automation';
import { DrillsDashboard } from '../game-days/drills-dashboard';
import { GameDaySchedules } from '../game-days/game-day-schedules';
import { GameDayVerdicts } from '../game-days/game-day-verdicts';
import { gameDayRunnerFor } from '../game-days/game-day-runner-for';
import { addRunnerOutputs } from '../game-days/runner-outputs';
import type { GameDayRunner } from '../game-days/run-task-target';
import { addFaultInjectionSupport } from '../workload/add-fault-injection-support';
import { ConstructPropsError } from '../workload/drain-ready-props';
import { StopConditionAlarms } from '../workload/stop-condition-alarms';
import { drilledService, type DrilledService } from './drilled-service';
import { addServiceOutputs } from './service-outputs';
import type { ServiceDrillsProps } from './service-drills-props';

export type { ExistingServiceReference, ServiceDatabaseReference, ServiceDrillsProps } from './service-drills-props';

const DEFAULT_PROCESS_NAME = 'node';

/**
 * Drills for one ECS Fargate service, in the stack it is created in: the stop-condition alarms,
 * the FIS experiment role and log group, one experiment template per drill (guarded by the
 * alarms, checked before and after the fault), a dashboard, optional game-day schedules and the
 * runner's stack outputs. Works with a service built in the same app
 * (`new ServiceDrills(this, 'Drills', { service, targetGroup, loadBalancer })`, or just
 * `{ service: albFargateService }`) and with one deployed elsewhere (`{ existing: { clusterName, … } }`).
 *
 * For a service built here, the task definition gets the SSM agent sidecar, `pidMode: task` and
 * fault injection when a drill uses an `aws:ecs:task-*` action (`faultInjectionSupport`); for an
 * existing service those are its owner's to add, and synth warns.
 *
 * @throws ConstructPropsError listing every problem with the props at once.
 */
export class ServiceDrills extends Construct {
  readonly name: string;
  readonly drills: readonly Drill[];
  readonly target: DrilledService;
  readonly stopConditions: StopConditionAlarms;
  readonly experimentRole: ExperimentRole;
  readonly logGroup: logs.LogGroup;
  readonly dashboard: DrillsDashboard;
  /** Template by drill id. */
  readonly templates: Readonly<Record<string, DrillExperimentTemplate>>;
  readonly gameDays?: GameDaySchedules;
  /** With game days: the verdict topic, the "not HELD" alarm per scheduled drill, their dashboard. */
  readonly gameDayVerdicts?: GameDayVerdicts;
  /** With game days: the runner task the schedules start, and its evidence bucket. */
  readonly gameDayRunner?: GameDayRunner;

  constructor(scope: Construct, id: string, props: ServiceDrillsProps) {
    super(scope, id);
    const { service, problems } = drilledService(this, props);
    // The dependency drills (needsDatabase) get a template only where the service has a database
    // (props.database); without one they are left out (docs/deploy.md, "A database").
    this.drills = (props.drills ?? catalogue).filter((d) => props.database !== undefined || !needsDatabase(d.fault));
    const ids = this.drills.map((d) => d.id);
    const twice = ids.filter((d, i) => ids.indexOf(d) !== i);
    if (twice.length > 0) problems.push(`drills lists ${[...new Set(twice)].join(', ')} more than once: give each drill once`);
    if (this.drills.length === 0) problems.push('drills is empty: give at least one drill, or leave drills out for the whole catalogue');
    if (props.gameDaysEnabled && !props.gameDays) problems.push('gameDaysEnabled is true without gameDays: set gameDays to make the schedules');
    if (props.gameDayTopicKeyArn !== undefined && props.gameDayTopicArn === undefined) {
      problems.push(`gameDayTopicKeyArn is ${props.gameDayTopicKeyArn} without gameDayTopicArn: the key is an existing topic's; give that topic's ARN too, or leave the key out`);
    }
    if (!service || problems.length > 0) throw new ConstructPropsError('ServiceDrills', problems);
    this.target = service;
    this.name = props.name ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    const processName = props.processName ?? DEFAULT_PROCESS_NAME;

    const usesTaskActions = this.drills.some((d) => inTaskActionsOf(d).length > 0);
    this.prepareTasks(props, usesTaskActions);
    if (this.drills.some((d) => d.fault.kind === 'kill-process') && props.processName === undefined) {
      Annotations.of(this).addWarningV2(
        'fis-drills:defaultProcessName',
        `kill-process drills kill the process named "${DEFAULT_PROCESS_NAME}" (processName is not set); set processName to your app's process as killall sees it`,
      );
    }

    this.stopConditions =
      props.alarms ??
      new StopConditionAlarms(this, 'StopConditions', {
        name: this.name,
        clusterName: service.clusterName,
        ecsServiceName: service.serviceName,
        loadBalancerFullName: service.loadBalancerFullName,
        targetGroupFullName: service.targetGroupFullName,
        zones: service.zones,
        stopConditions: props.stopConditions,
        deadMansSwitch: props.deadMansSwitch,
        ...(props.database ? { database: { clusterIdentifier: props.database.clusterIdentifier, maxConnections: props.database.maxConnections ?? DATABASE_DEFAULTS.maxConnections } } : {}),
      });

    // An az-outage keeps ECS placements out of the cut zone through an SSM automation.
    const canMovePlacements = (service.subnetIdsByZone ?? []).some((s) => s.length > 0);
    const zoneAutomation =
      this.drills.some((d) => d.fault.kind === 'az-outage') && canMovePlacements ? new ZonePlacementAutomation(this, 'ZonePlacement', { serviceArn: service.serviceArn }) : undefined;
    const databaseClusterArn = props.database
      ? Stack.of(this).formatArn({ service: 'rds', resource: 'cluster', resourceName: props.database.clusterIdentifier, arnFormat: ArnFormat.COLON_RESOURCE_NAME })
      : undefined;
    const refs: FaultTargetRefs = {
      clusterName: service.clusterName,
      serviceName: service.serviceName,
      vpcId: service.vpcId,
      zones: service.zones,
      processName,
      ...(props.database && databaseClusterArn ? { database: { port: props.database.port ?? DATABASE_DEFAULTS.port, clusterArn: databaseClusterArn } } : {}),
      ...(zoneAutomation
        ? {
            zonePlacement: { documentArn: zoneAutomation.documentArn, roleArn: zoneAutomation.role.roleArn, subnetIdsByZone: service.subnetIdsByZone ?? [] },
          }
        : {}),
    };
    const plans = this.drills.map((drill) => ({ drill, plan: faultPlan(drill, refs) }));

    this.experimentRole = new ExperimentRole(this, 'ExperimentRole', {
      // Every template also runs its alarm checks (lib/fis/alarm-checks.ts).
      actionIds: new Set([...actionIdsOf(plans.map((p) => p.plan)), 'aws:cloudwatch:assert-alarm-state', 'aws:fis:wait']),
      clusterName: refs.clusterName,
      vpcId: refs.vpcId,
      subnetIds: service.networkSubnetIds,
      reportBucket: props.reportBucket,
      ...(databaseClusterArn ? { databaseClusterArn } : {}),
      ...(zoneAutomation ? { zoneAutomation: { automationDefinitionArn: zoneAutomation.automationDefinitionArn, roleArn: zoneAutomation.role.roleArn } } : {}),
    });
    // Kept after `cdk destroy` (the experiments' record outlives the stack), so CloudFormation
    // names it: a fixed name plus Retain makes the next deploy fail with "already exists".
    this.logGroup = new logs.LogGroup(this, 'ExperimentLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });

    const stopConditions = this.stopConditions;
    const zoneAlarms = this.drills.flatMap((d) => {
      const zone = stopConditionChoice(d).healthyHostsOutsideZone;
      return zone !== undefined && d.stopConditions.includes('healthy-hosts') ? [stopConditions.healthyHostsOutsideZone(zone)] : [];
    });
    const alarms = [...Object.values(stopConditions.alarms).filter((a) => a !== undefined), ...new Set(zoneAlarms)];
    this.dashboard = new DrillsDashboard(this, 'Dashboard', { serviceName: this.name, metrics: stopConditions.metrics, alarms });

    const alarmArns: Partial<Record<StopConditionName, string>> = {};
    for (const [name, alarm] of Object.entries(stopConditions.alarms)) if (alarm) alarmArns[name as StopConditionName] = alarm.alarmArn;
    const report = props.reportBucket ? { bucketName: props.reportBucket, dashboardArn: this.dashboard.dashboardArn } : undefined;

    const templates: Record<string, DrillExperimentTemplate> = {};
    for (const { drill, plan } of plans) {
      const key = templateOutputKey(drill.id);
      // A zone drill's healthy-hosts guard watches the surviving zones only (stop-condition-choice.ts).
      const zone = stopConditionChoice(drill).healthyHostsOutsideZone;
      const drillAlarmArns = zone !== undefined && alarmArns['healthy-hosts'] ? { ...alarmArns, 'healthy-hosts': stopConditions.healthyHostsOutsideZone(zone).alarmArn } : alarmArns;
      templates[drill.id] = new DrillExperimentTemplate(this, key.replace(/Id$/, ''), {
        drill,
        plan,
        role: this.experimentRole.role,
        logGroup: this.logGroup,
        alarmArns: drillAlarmArns,
        serviceName: this.name,
        report,
      });
    }
    this.templates = templates;

    if (props.gameDays) {
      const scheduled = this.drills.filter((d) => d.schedule).map((drill) => ({ drill, templateId: templates[drill.id].templateId, templateArn: templates[drill.id].templateArn }));
      if (scheduled.length > 0) {
        const verdicts = new GameDayVerdicts(this, 'GameDayVerdicts', {
          drills: scheduled.map((s) => s.drill),
          ecsServiceName: service.serviceName,
          serviceName: this.name,
          topicArn: props.gameDayTopicArn,
        });
        const runner = gameDayRunnerFor(this, {
          ...service,
          service: props.service,
          name: this.name,
          topic: verdicts.topic,
          topicKeyArn: props.gameDayTopicKeyArn,
          versioned: props.gameDayEvidenceVersioning ?? true,
          imageDirectory: props.gameDayRunnerImageDirectory,
          profile: props.serviceProfile,
          drillIds: this.drills.map((d) => d.id),
        });
        this.gameDays = new GameDaySchedules(this, 'GameDays', { drills: scheduled, enabled: props.gameDaysEnabled ?? false, serviceName: this.name, runner });
        this.gameDayVerdicts = verdicts;
        this.gameDayRunner = runner;
      }
    }
    if (props.outputs ?? true) this.addOutputs(props.serviceOutputs ?? true, props.database);
  }

  /** The outputs the runner reads, with exactly its keys as logical ids (resolve-outputs.ts). */
  private addOutputs(serviceOutputs: boolean, database: ServiceDrillsProps['database']): void {
    const output = (key: string, value: string, description?: string) => new CfnOutput(this, key, { value, description }).overrideLogicalId(key);
    output('ExperimentLogGroupName', this.logGroup.logGroupName, 'CloudWatch Logs group the FIS experiments log to (schema 2)');
    for (const drill of this.drills) {
      const key = templateOutputKey(drill.id);
      output(key, this.templates[drill.id].templateId, `FIS experiment template of drill ${drill.id}`);
    }
    const db = database ? { databaseClusterIdentifier: database.clusterIdentifier, databasePort: database.port ?? DATABASE_DEFAULTS.port } : {};
    if (serviceOutputs) addServiceOutputs(this, { ...this.target, ...db }, 'The service behind its ALB');
    if (this.gameDayRunner) addRunnerOutputs(this, this.gameDayRunner);
  }

  private prepareTasks(props: ServiceDrillsProps, usesTaskActions: boolean): void {
    if (!usesTaskActions) return;
    const td = this.target.taskDefinition;
    if (td && (props.faultInjectionSupport ?? true)) {
      addFaultInjectionSupport(td);
      return;
    }
    if (!(props.taskDefinitionWarning ?? true)) return;
    const why = td ? 'faultInjectionSupport is false' : "the service's task definition is not in this app";
    Annotations.of(this).addWarningV2(
      'fis-drills:taskActionsUnchecked',
      `drills that run inside the task (${this.drills
        .filter((d) => inTaskActionsOf(d).length > 0)
        .map((d) => d.id)
        .join(
          ', ',
        )}) need the SSM agent sidecar, pidMode: task and enableFaultInjection: true on the task definition; ${why}, so synth cannot check them (\`drills preflight\` and \`drills doctor --live\` check the deployed service; ${TASK_PREREQUISITES_DOC})`,
    );
  }
}
