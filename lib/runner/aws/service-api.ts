import { DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { TaskDefinitionFacts } from '../../fis/task-action-prerequisites';

export interface DeploymentView {
  readonly id?: string;
  /** PRIMARY, ACTIVE or INACTIVE */
  readonly status?: string;
  /** IN_PROGRESS, COMPLETED or FAILED */
  readonly rolloutState?: string;
  readonly running: number;
  readonly desired: number;
}

export interface ServiceEventView {
  readonly id?: string;
  readonly createdAt: Date;
  readonly message: string;
}

export interface ServiceView {
  readonly name: string;
  readonly status?: string;
  readonly running: number;
  readonly desired: number;
  readonly pending: number;
  readonly deployments: readonly DeploymentView[];
  /** Newest first, as ECS returns them (at most the last 100). */
  readonly events: readonly ServiceEventView[];
  /** `ENABLED` or `DISABLED` (ECS Service.availabilityZoneRebalancing); undefined when ECS did not say. */
  readonly azRebalancing?: string;
  /** The ARN of the task definition the service runs (its primary deployment's). */
  readonly taskDefinition?: string;
}

/** A task definition, as far as the FIS in-task actions care (ECS DescribeTaskDefinition). */
export interface TaskDefinitionView extends TaskDefinitionFacts {
  readonly arn: string;
  /** `family:revision` */
  readonly name: string;
}

export interface ContainerView {
  readonly name?: string;
  readonly exitCode?: number;
  readonly reason?: string;
}

export interface TaskView {
  readonly arn: string;
  readonly id: string;
  readonly lastStatus?: string;
  readonly desiredStatus?: string;
  readonly zone?: string;
  readonly createdAt?: Date;
  readonly startedAt?: Date;
  readonly stoppingAt?: Date;
  readonly stoppedAt?: Date;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly containers: readonly ContainerView[];
}

/** A task ECS did not describe, and why (`MISSING`: stopped tasks are kept about an hour). */
export interface TaskFailureView {
  readonly arn: string;
  readonly reason: string;
}

export interface TasksView {
  readonly tasks: readonly TaskView[];
  /** DescribeTasks `failures` (DescribeTasks API reference, Failure): never dropped. */
  readonly failures: readonly TaskFailureView[];
}

/** ECS keeps the newest 100 events of a service (DescribeServices API reference, Service.events). */
export const MAX_SERVICE_EVENTS = 100;

/** The ECS operations the runner needs. */
export interface ServiceApi {
  /** DescribeServices for one service; throws naming cluster, service and ECS's failure reason (`MISSING`). */
  describeService(cluster: string, service: string): Promise<ServiceView>;
  /** DescribeTasks in batches of 100; tasks ECS could not find come back as failures. */
  describeTasks(cluster: string, taskArns: readonly string[]): Promise<TasksView>;
  /** DescribeTaskDefinition; throws ECS's error (ClientException for one that does not exist). */
  describeTaskDefinition(taskDefinition: string): Promise<TaskDefinitionView>;
}

const MAX_TASKS_PER_DESCRIBE = 100;

export function serviceApi(client: ECSClient): ServiceApi {
  return {
    async describeService(cluster, service) {
      const out = await client.send(new DescribeServicesCommand({ cluster, services: [service] }));
      const s = out.services?.[0];
      if (!s) {
        const why = out.failures?.[0]?.reason ?? 'not returned';
        throw new Error(`ECS service ${service} in cluster ${cluster}: ${why}`);
      }
      return {
        name: s.serviceName ?? service,
        status: s.status,
        running: s.runningCount ?? 0,
        desired: s.desiredCount ?? 0,
        pending: s.pendingCount ?? 0,
        deployments: (s.deployments ?? []).map((d) => ({ id: d.id, status: d.status, rolloutState: d.rolloutState, running: d.runningCount ?? 0, desired: d.desiredCount ?? 0 })),
        events: (s.events ?? []).map((e) => ({ id: e.id, createdAt: e.createdAt ?? new Date(0), message: e.message ?? '' })),
        azRebalancing: s.availabilityZoneRebalancing,
        taskDefinition: s.taskDefinition,
      };
    },
    async describeTaskDefinition(taskDefinition) {
      const td = (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition;
      if (!td) throw new Error(`ECS task definition ${taskDefinition}: not returned`);
      return {
        arn: td.taskDefinitionArn ?? taskDefinition,
        name: td.family && td.revision !== undefined ? `${td.family}:${td.revision}` : taskDefinition,
        enableFaultInjection: td.enableFaultInjection,
        pidMode: td.pidMode,
        containers: (td.containerDefinitions ?? []).map((c) => ({ name: c.name, image: c.image })),
      };
    },
    async describeTasks(cluster, taskArns) {
      const tasks: TaskView[] = [];
      const failures: TaskFailureView[] = [];
      for (let i = 0; i < taskArns.length; i += MAX_TASKS_PER_DESCRIBE) {
        const out = await client.send(new DescribeTasksCommand({ cluster, tasks: taskArns.slice(i, i + MAX_TASKS_PER_DESCRIBE) }));
        tasks.push(...(out.tasks ?? []).map(taskView));
        failures.push(...(out.failures ?? []).map((f) => ({ arn: f.arn ?? '?', reason: f.reason ?? 'unknown' })));
      }
      return { tasks, failures };
    },
  };
}

function taskView(t: Task): TaskView {
  const arn = t.taskArn ?? '';
  return {
    arn,
    id: taskIdOf(arn),
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    zone: t.availabilityZone,
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    stoppingAt: t.stoppingAt,
    stoppedAt: t.stoppedAt,
    stopCode: t.stopCode,
    stoppedReason: t.stoppedReason,
    containers: (t.containers ?? []).map((c) => ({ name: c.name, exitCode: c.exitCode, reason: c.reason })),
  };
}

/** `arn:aws:ecs:…:task/<cluster>/<id>` → `<id>`; an id stays as it is. */
export function taskIdOf(arnOrId: string): string {
  return arnOrId.split('/').pop() ?? arnOrId;
}
