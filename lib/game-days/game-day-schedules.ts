import { RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DRILL_TAG, gameDayScheduleGroup, SERVICE_TAG, TRIGGER_TAG } from '../contract';
import type { Drill } from '../drill';
import { runTaskTarget, type GameDayRunner } from './run-task-target';

export interface ScheduledDrill {
  readonly drill: Drill;
  readonly templateId: string;
  readonly templateArn: string;
}

export interface GameDaySchedulesProps {
  /** Drills that declare a `schedule`, with their templates. */
  readonly drills: readonly ScheduledDrill[];
  /** Schedules are created DISABLED unless this is true (`drills.gameDaysEnabled`). */
  readonly enabled: boolean;
  readonly serviceName: string;
  /** Start the runner task (probe, verdict, evidence in S3) instead of the FIS template. @default - FIS StartExperiment directly */
  readonly runner?: GameDayRunner;
}

/**
 * Unattended game days (fis-facts §8): one EventBridge Scheduler schedule per scheduled drill.
 * With a `runner` (ServiceDrills gives one whenever the service's VPC is known) each schedule
 * starts the runner task (run-task-target.ts): probe, verdict, evidence in S3, notification.
 * Without one it calls FIS StartExperiment through the universal target, with one role that may
 * start only these templates, as below (no probe, no verdict; `drills report` judges it later).
 *
 * `clientToken` is `fis-drills:<service>:<drill>:<aws.scheduler.scheduled-time>`
 * (gameDayClientToken): every retry of one scheduled run carries the same time, so FIS starts
 * one experiment per run, never two (StartExperiment's clientToken is an idempotency token);
 * the service and drill make it unique per schedule, so two drills on the same cron do not
 * collide on one token (the time alone would make the second StartExperiment an idempotent
 * replay of the first). `<aws.scheduler.execution-id>` changes per attempt and would not
 * de-duplicate (EventBridge Scheduler UG, managing-schedule-context-attributes.html).
 * Unconfirmed (fis-facts §8, "could not confirm" 4): whether Scheduler would fill clientToken
 * by itself, and the input key casing (camelCase used here, as the universal target's API
 * parameters are).
 *
 * The role may also create FIS's service-linked role: FIS creates it the first time an
 * experiment starts in an account, with the caller's permissions, so the account's first
 * experiment started by a schedule would fail without it (FIS UG
 * security_iam_id-based-policy-examples.html and start-experiment-from-template.html;
 * fis-facts §6). Scoped to that role (`AWSServiceRoleForFIS`, FIS UG
 * using-service-linked-roles.html) and to `iam:AWSServiceName = fis.amazonaws.com`.
 */
export class GameDaySchedules extends Construct {
  readonly role: iam.Role;
  readonly schedules: scheduler.Schedule[] = [];
  /** `fis-drills-<service>`: every schedule of this service, so one AWS CLI loop can pause them all (docs/game-days.md). */
  readonly group: scheduler.ScheduleGroup;

  constructor(scope: Construct, id: string, props: GameDaySchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'Lets EventBridge Scheduler start the fis-drills game-day experiments, and nothing else',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
    });
    // Deleted with the stack (CDK's default keeps it): a kept group of a fixed name would fail the next deploy with "already exists".
    this.group = new scheduler.ScheduleGroup(this, 'Group', { scheduleGroupName: gameDayScheduleGroup(props.serviceName), removalPolicy: RemovalPolicy.DESTROY });
    const experiments = stack.formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' });
    for (const { drill, templateId, templateArn } of props.drills) {
      if (!drill.schedule) continue;
      const target = props.runner
        ? runTaskTarget(this.role, props.runner, drill, props.serviceName)
        : new targets.Universal({
            service: 'fis',
            action: 'startExperiment',
            role: this.role,
            input: scheduler.ScheduleTargetInput.fromObject({
              experimentTemplateId: templateId,
              clientToken: gameDayClientToken(props.serviceName, drill.id),
              tags: { [DRILL_TAG]: drill.id, [SERVICE_TAG]: props.serviceName, [TRIGGER_TAG]: 'game-day' },
            }),
            // StartExperiment authorizes against the template and the new experiment; tagging the
            // experiment at start may also need fis:TagResource (not confirmed, fis-facts §6).
            policyStatements: [new iam.PolicyStatement({ actions: ['fis:StartExperiment', 'fis:TagResource'], resources: [templateArn, experiments] })],
            retryAttempts: 2,
          });
      this.schedules.push(
        new scheduler.Schedule(this, `Schedule-${drill.id}`, {
          description: `Game day: ${drill.title}`,
          schedule: scheduler.ScheduleExpression.expression(drill.schedule, TimeZone.ETC_UTC),
          timeWindow: scheduler.TimeWindow.off(),
          target,
          scheduleGroup: this.group,
          enabled: props.enabled,
        }),
      );
    }
    if (this.schedules.length > 0 && !props.runner) this.allowFisServiceLinkedRole(stack);
  }

  private allowFisServiceLinkedRole(stack: Stack): void {
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CreateFisServiceLinkedRole',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'aws-service-role/fis.amazonaws.com/AWSServiceRoleForFIS' })],
        conditions: { StringEquals: { 'iam:AWSServiceName': 'fis.amazonaws.com' } },
      }),
    );
  }
}

/** The StartExperiment idempotency token of a schedule: unique per service and drill, the same for every retry of one run. */
export function gameDayClientToken(serviceName: string, drillId: string): string {
  return `fis-drills:${serviceName}:${drillId}:<aws.scheduler.scheduled-time>`;
}
