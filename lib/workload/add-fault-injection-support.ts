import { RemovalPolicy } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SSM_AGENT_CONTAINER_NAME, SsmAgentSidecar } from './ssm-agent-sidecar';

export interface FaultInjectionSupportOptions {
  /** Log group of the sidecar. @default - a new group (one month) next to the task definition */
  readonly logGroup?: logs.ILogGroup;
}

/**
 * Makes a Fargate task definition ready for the FIS `aws:ecs:task-*` actions (kill-process,
 * CPU/IO stress, network faults; fis-facts §1): `enableFaultInjection: true`, `pidMode: task`
 * (so the sidecar sees `container`'s processes; the OS family is set to LINUX when the task
 * definition leaves it unset, as ECS wants it stated with pidMode) and the SSM agent sidecar with its roles. ECS
 * Exec must stay off on the service (the sidecar refuses to run next to its agent). Idempotent:
 * a task definition that already has the `ssm-agent` container gets no second one.
 *
 * `container` is the app container the actions aim at; it must run in the same task. The
 * sidecar's image is the public SSM agent image at `latest` whatever the task's CPU
 * architecture: that the tag is a multi-architecture manifest (amd64 and arm64) is our
 * reading, not confirmed on an AWS page.
 *
 * @returns the sidecar (existing or new).
 * @throws Error when `container` belongs to another task definition.
 */
export function addFaultInjectionSupport(taskDefinition: ecs.FargateTaskDefinition, container?: ecs.ContainerDefinition, options: FaultInjectionSupportOptions = {}): SsmAgentSidecar {
  if (container && container.taskDefinition !== taskDefinition) {
    throw new Error(`addFaultInjectionSupport: container ${container.containerName} is not in task definition ${taskDefinition.node.path}; pass the container of the task the drills aim at`);
  }
  const cfn = taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
  const platform = cfn.runtimePlatform as ecs.CfnTaskDefinition.RuntimePlatformProperty | undefined;
  if (platform?.operatingSystemFamily && !String(platform.operatingSystemFamily).startsWith('LINUX')) {
    throw new Error(`addFaultInjectionSupport: task definition ${taskDefinition.node.path} runs ${String(platform.operatingSystemFamily)}; FIS task actions need Linux tasks`);
  }
  cfn.enableFaultInjection = true;
  // ECS wants the OS family stated when a Fargate task sets pidMode (CDK's TaskDefinitionProps.pidMode doc).
  if (!platform?.operatingSystemFamily) cfn.runtimePlatform = { ...platform, operatingSystemFamily: 'LINUX' };
  cfn.pidMode = ecs.PidMode.TASK;
  const existing = taskDefinition.node.tryFindChild('FisSsmAgent');
  if (existing instanceof SsmAgentSidecar) return existing;
  if (taskDefinition.findContainer(SSM_AGENT_CONTAINER_NAME)) {
    throw new Error(
      `addFaultInjectionSupport: task definition ${taskDefinition.node.path} already has a container named ${SSM_AGENT_CONTAINER_NAME} that is not this library's sidecar; rename it or drop it`,
    );
  }
  const logGroup = options.logGroup ?? new logs.LogGroup(taskDefinition, 'FisSsmAgentLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  return new SsmAgentSidecar(taskDefinition, 'FisSsmAgent', { taskDefinition, logGroup });
}
