/**
 * The ECS calls `drills run --remote` makes on the game-day runner task (ECS API Reference:
 * RunTask, DescribeTasks, StopTask, DescribeTaskDefinition): start it on Fargate in the runner's
 * private subnets with a command override, read its status, stop it, and find its log stream.
 */
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, RunTaskCommand, StopTaskCommand, type ECSClient } from '@aws-sdk/client-ecs';

/** What RunTask needs for the runner task (FARGATE, awsvpc, no public IP). */
export interface RunnerTaskStart {
  readonly cluster: string;
  readonly taskDefinition: string;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  /** The container to override (the task definition's runner container). */
  readonly container: string;
  /** The container's command: the `drills` arguments (the image's entrypoint runs the CLI). */
  readonly command: readonly string[];
  /** RunTask's `startedBy` (at most 128 letters, digits, `-`, `_`, `/`). */
  readonly startedBy: string;
  /** Environment variables set over the task definition's for this task (container override `environment`). @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** The runner task as DescribeTasks reports it. */
export interface RunnerTaskView {
  readonly arn: string;
  /** PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED */
  readonly lastStatus: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  /** The runner container's exit code, once it has one. */
  readonly exitCode?: number;
  /** The runner container's own reason (e.g. `OutOfMemoryError`), when ECS gives one. */
  readonly containerReason?: string;
}

/** Where the runner container logs (its `awslogs` settings) and how long ECS waits after SIGTERM. */
export interface RunnerLogSettings {
  readonly container: string;
  readonly logGroup: string;
  /** `awslogs-stream-prefix`: the stream of a task is `<prefix>/<container>/<task-id>`. */
  readonly streamPrefix: string;
  readonly region?: string;
  /** The container's stopTimeout in seconds (ECS's default when unset: 30). */
  readonly stopTimeoutSeconds: number;
}

export interface RunnerTaskApi {
  /** Starts one task; resolves with its ARN. @throws Error with ECS's failure reasons when it placed none. */
  runTask(start: RunnerTaskStart): Promise<string>;
  /** The task, or undefined when ECS no longer knows it. */
  describeTask(cluster: string, taskArn: string): Promise<RunnerTaskView | undefined>;
  /** Asks ECS to stop the task (SIGTERM to the container, SIGKILL after its stopTimeout). */
  stopTask(cluster: string, taskArn: string, reason: string): Promise<void>;
  /** @throws Error when the task definition has no container logging with `awslogs`. */
  logSettings(taskDefinition: string): Promise<RunnerLogSettings>;
}

/** ECS's stopTimeout when a container sets none, in seconds (ECS Developer Guide, container definition `stopTimeout`). */
const DEFAULT_STOP_TIMEOUT_SECONDS = 30;

export function runnerTaskApi(client: ECSClient): RunnerTaskApi {
  return {
    async runTask(s) {
      const out = await client.send(
        new RunTaskCommand({
          cluster: s.cluster,
          taskDefinition: s.taskDefinition,
          launchType: 'FARGATE',
          count: 1,
          startedBy: s.startedBy,
          networkConfiguration: { awsvpcConfiguration: { subnets: [...s.subnets], securityGroups: [...s.securityGroups], assignPublicIp: 'DISABLED' } },
          overrides: {
            containerOverrides: [{ name: s.container, command: [...s.command], ...(s.environment ? { environment: Object.entries(s.environment).map(([name, value]) => ({ name, value })) } : {}) }],
          },
          tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })),
        }),
      );
      const arn = out.tasks?.[0]?.taskArn;
      if (arn) return arn;
      const reasons = (out.failures ?? []).map((f) => `${f.arn ?? 'task'}: ${f.reason ?? 'unknown'}${f.detail ? ` (${f.detail})` : ''}`);
      throw new Error(`ECS RunTask started no task: ${reasons.join('; ') || 'no reason given'}`);
    },
    async describeTask(cluster, taskArn) {
      const out = await client.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
      const task = out.tasks?.find((t) => t.taskArn === taskArn) ?? out.tasks?.[0];
      if (!task) return undefined;
      const container = task.containers?.[0];
      return {
        arn: task.taskArn ?? taskArn,
        lastStatus: task.lastStatus ?? 'UNKNOWN',
        ...(task.stopCode ? { stopCode: task.stopCode } : {}),
        ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
        ...(container?.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
        ...(container?.reason ? { containerReason: container.reason } : {}),
      };
    },
    async stopTask(cluster, taskArn, reason) {
      await client.send(new StopTaskCommand({ cluster, task: taskArn, reason: reason.slice(0, 255) }));
    },
    async logSettings(taskDefinition) {
      const out = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
      const containers = out.taskDefinition?.containerDefinitions ?? [];
      const logged = containers.find((c) => c.logConfiguration?.logDriver === 'awslogs');
      const options = logged?.logConfiguration?.options ?? {};
      if (!logged?.name || !options['awslogs-group']) throw new Error(`task definition ${taskDefinition} has no container that logs with awslogs; the runner task logs to CloudWatch Logs`);
      return {
        container: logged.name,
        logGroup: options['awslogs-group'],
        streamPrefix: options['awslogs-stream-prefix'] ?? '',
        ...(options['awslogs-region'] ? { region: options['awslogs-region'] } : {}),
        stopTimeoutSeconds: logged.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS,
      };
    },
  };
}
