import { Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Drill } from '../drill';

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
}

/**
 * Unattended game days (fis-facts §8): one EventBridge Scheduler schedule per scheduled drill,
 * calling FIS StartExperiment through the universal target, with one role that may start only
 * these templates.
 *
 * `clientToken` is `<aws.scheduler.scheduled-time>`: every retry of one scheduled run carries
 * the same time, so FIS starts one experiment per run, never two (StartExperiment's
 * clientToken is an idempotency token). `<aws.scheduler.execution-id>` changes per attempt and
 * would not de-duplicate. Unconfirmed (fis-facts §8, "could not confirm" 4): whether Scheduler
 * would fill clientToken by itself, and the input key casing (camelCase used here, as the
 * universal target's API parameters are).
 */
export class GameDaySchedules extends Construct {
  readonly role: iam.Role;
  readonly schedules: scheduler.Schedule[] = [];

  constructor(scope: Construct, id: string, props: GameDaySchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'Lets EventBridge Scheduler start the fis-drills game-day experiments, and nothing else',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
    });
    const experiments = stack.formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' });
    for (const { drill, templateId, templateArn } of props.drills) {
      if (!drill.schedule) continue;
      const target = new targets.Universal({
        service: 'fis',
        action: 'startExperiment',
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({
          experimentTemplateId: templateId,
          clientToken: '<aws.scheduler.scheduled-time>',
          tags: { drill: drill.id, service: props.serviceName, trigger: 'game-day' },
        }),
        // StartExperiment authorizes against the template and the new experiment; tagging the
        // experiment at start may also need fis:TagResource (not confirmed, fis-facts §6).
        policyStatements: [new iam.PolicyStatement({ actions: ['fis:StartExperiment', 'fis:TagResource'], resources: [templateArn, experiments] })],
        retryAttempts: 2,
      });
      this.schedules.push(new scheduler.Schedule(this, `Schedule-${drill.id}`, {
        description: `Game day: ${drill.title}`,
        schedule: scheduler.ScheduleExpression.expression(drill.schedule, TimeZone.ETC_UTC),
        timeWindow: scheduler.TimeWindow.off(),
        target,
        enabled: props.enabled,
      }));
    }
  }
}
