import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Drill } from '../drill';
import { RUNNER_CONTAINER, type RunnerTask } from './runner-task';

/** What a game-day schedule needs to start the runner task instead of FIS. */
export interface GameDayRunner {
  readonly task: RunnerTask;
  readonly cluster: ecs.ICluster;
  readonly topicArn: string;
  /** Stacks whose outputs describe the service and its templates (`drills run --stack …`). */
  readonly stackNames: readonly string[];
}

/** The runner's command line for one scheduled drill (the container's entrypoint is `node dist/bin/drills.js`). */
export function gameDayCommand(runner: GameDayRunner, drill: Drill): string[] {
  return ['run', drill.id, '--yes', '--out', runner.task.evidenceRoot, '--notify', runner.topicArn, ...runner.stackNames.flatMap((s) => ['--stack', s])];
}

/**
 * A schedule target that starts the runner task through ECS RunTask (Scheduler's universal
 * target; input in the ECS API's own camelCase member names — the casing Scheduler expects is
 * not confirmed, as for the FIS target in game-day-schedules.ts). The role may run only this task
 * definition in this cluster and pass only its two roles (ECS Developer Guide, "Task role" and
 * "iam:PassRole"). Two starts of one drill are kept apart by the runner's S3 lock, not here.
 */
export function runTaskTarget(role: iam.IRole, runner: GameDayRunner, drill: Drill, serviceName: string): targets.Universal {
  const { task, cluster } = runner;
  const td = task.taskDefinition;
  return new targets.Universal({
    service: 'ecs',
    action: 'runTask',
    role,
    input: scheduler.ScheduleTargetInput.fromObject({
      cluster: cluster.clusterArn,
      taskDefinition: td.taskDefinitionArn,
      launchType: 'FARGATE',
      count: 1,
      startedBy: 'fis-drills-game-day',
      networkConfiguration: { awsvpcConfiguration: { subnets: cluster.vpc.selectSubnets(task.subnets).subnetIds, securityGroups: [task.securityGroup.securityGroupId], assignPublicIp: 'DISABLED' } },
      overrides: { containerOverrides: [{ name: RUNNER_CONTAINER, command: gameDayCommand(runner, drill) }] },
      tags: [
        { key: 'drill', value: drill.id },
        { key: 'service', value: serviceName },
        { key: 'trigger', value: 'game-day' },
      ],
    }),
    policyStatements: [
      new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [td.taskDefinitionArn], conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } } }),
      // RunTask with tags needs ecs:TagResource on the new task (ECS Developer Guide, "Grant permission to tag resources on creation").
      new iam.PolicyStatement({ actions: ['ecs:TagResource'], resources: ['*'], conditions: { StringEquals: { 'ecs:CreateAction': 'RunTask' } } }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [td.taskRole.roleArn, td.obtainExecutionRole().roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    ],
    retryAttempts: 2,
  });
}
