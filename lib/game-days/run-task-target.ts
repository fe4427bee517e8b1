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
  /** The topic each run's summary goes to; the task gets it in its environment (RUNNER_ENV), not on its command line. */
  readonly topicArn: string;
  /** Stacks whose outputs describe the service and its templates (`drills run --stack …`). */
  readonly stackNames: readonly string[];
  /** The config's service name (`drills run --service <name>`). */
  readonly serviceName: string;
  /** True when `--service <name>` finds those stacks by their names (`<Prefix>-Drills`, `<Prefix>-Workload`: this app's own). */
  readonly foundByService: boolean;
}

/**
 * The runner's command line for one scheduled drill (the container's entrypoint is
 * `node dist/bin/drills.js`): `run <drill> --service <name> --yes --out s3://<bucket>/game-days/<name>`
 * (issue 14), the notification topic coming from the task's environment. A ServiceDrills in a
 * stack named otherwise (your own CDK app) cannot be found by `--service`, nor is it in the
 * image's cdk.json: it gets `--stack <name>` per stack instead, and the config's default traffic.
 */
export function gameDayCommand(runner: GameDayRunner, drill: Drill): string[] {
  const where = runner.foundByService ? ['--service', runner.serviceName] : runner.stackNames.flatMap((s) => ['--stack', s]);
  return ['run', drill.id, ...where, '--yes', '--out', runner.task.evidenceRoot];
}

/**
 * A schedule target that starts the runner task through ECS RunTask: Scheduler's universal
 * target `arn:aws:scheduler:::aws-sdk:ecs:runTask`. The role may run only this task definition in
 * this cluster and pass only its two roles (ECS Developer Guide, "Task role" and "iam:PassRole").
 * Two starts of one drill are kept apart by the runner's S3 lock, not here.
 *
 * The input, what is confirmed and what is not:
 * - confirmed (EventBridge Scheduler UG, managing-targets-universal.html): a universal target's
 *   `Input` is JSON of the target API's own request parameters, its shape set by that API;
 * - confirmed (ECS API Reference, RunTask; the SDKs' request syntax): RunTask's members are
 *   camelCase — `cluster`, `taskDefinition`, `launchType`, `count`, `startedBy`,
 *   `networkConfiguration.awsvpcConfiguration.{subnets, securityGroups, assignPublicIp}`,
 *   `overrides.containerOverrides[].{name, command}`, `tags[].{key, value}`;
 * - not confirmed: that Scheduler matches those member names case-sensitively as written here
 *   (its own examples in the CDK docs use PascalCase for another service), and that a schedule
 *   with this input starts a task — nothing here was run against a live account. The templated
 *   ECS target (CDK's EcsRunFargateTask, `EcsParameters`) has no container-override prop in
 *   aws-cdk-lib 2.275, hence the universal one.
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
