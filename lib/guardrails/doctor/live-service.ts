/**
 * `drills doctor --live`: reads a deployed service and its task definition through ECS and
 * turns them into the CloudFormation shape the rules read, so the same pack runs on them.
 * Target-group attributes (the deregistration delay) are not read: the ELBv2 SDK client is not
 * a dependency of this project, so DRILL-DRAIN-5 reports them as unmeasured.
 */
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, type ContainerDefinition, type ECSClient, type Service, type TaskDefinition, type Tag } from '@aws-sdk/client-ecs';
import type { NamedTemplate } from '../types';

export class LiveServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveServiceError';
  }
}

const defined = <T extends Record<string, unknown>>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function containerToCfn(c: ContainerDefinition): Record<string, unknown> {
  const hc = c.healthCheck;
  return defined({
    Name: c.name,
    Image: c.image,
    Essential: c.essential,
    StopTimeout: c.stopTimeout,
    EntryPoint: c.entryPoint,
    Command: c.command,
    LinuxParameters: c.linuxParameters ? defined({ InitProcessEnabled: c.linuxParameters.initProcessEnabled }) : undefined,
    Environment: c.environment?.map((e) => ({ Name: e.name, Value: e.value })),
    HealthCheck: hc ? defined({ Command: hc.command, Interval: hc.interval, Timeout: hc.timeout, Retries: hc.retries, StartPeriod: hc.startPeriod }) : undefined,
  });
}

function taskDefinitionToCfn(td: TaskDefinition, tags: readonly Tag[]): Record<string, unknown> {
  return defined({
    Family: td.family,
    NetworkMode: td.networkMode,
    PidMode: td.pidMode,
    EnableFaultInjection: td.enableFaultInjection,
    RequiresCompatibilities: td.requiresCompatibilities,
    ContainerDefinitions: (td.containerDefinitions ?? []).map(containerToCfn),
    Tags: tags.length > 0 ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
  });
}

function serviceToCfn(s: Service): Record<string, unknown> {
  const dc = s.deploymentConfiguration;
  return defined({
    ServiceName: s.serviceName,
    Cluster: s.clusterArn,
    LaunchType: s.launchType,
    SchedulingStrategy: s.schedulingStrategy,
    DesiredCount: s.desiredCount,
    HealthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    EnableExecuteCommand: s.enableExecuteCommand,
    TaskDefinition: { Ref: 'TaskDefinition' },
    DeploymentController: s.deploymentController ? { Type: s.deploymentController.type } : undefined,
    DeploymentConfiguration: dc
      ? defined({
          MinimumHealthyPercent: dc.minimumHealthyPercent,
          MaximumPercent: dc.maximumPercent,
          DeploymentCircuitBreaker: dc.deploymentCircuitBreaker ? { Enable: dc.deploymentCircuitBreaker.enable, Rollback: dc.deploymentCircuitBreaker.rollback } : undefined,
        })
      : undefined,
    LoadBalancers: s.loadBalancers?.map((lb) => defined({ TargetGroupArn: lb.targetGroupArn, ContainerName: lb.containerName, ContainerPort: lb.containerPort })),
    NetworkConfiguration: s.networkConfiguration?.awsvpcConfiguration ? { AwsvpcConfiguration: { Subnets: s.networkConfiguration.awsvpcConfiguration.subnets ?? [] } } : undefined,
  });
}

/** The deployed service and its task definition as a template named `live:<cluster>/<service>`. */
export async function liveServiceTemplate(ecs: Pick<ECSClient, 'send'>, cluster: string, service: string): Promise<NamedTemplate> {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = described.services?.find((s) => s.status !== 'INACTIVE');
  if (!found) {
    const reason = described.failures
      ?.map((f) => f.reason)
      .filter(Boolean)
      .join(', ');
    throw new LiveServiceError(`service ${service} not found in cluster ${cluster}${reason ? ` (${reason})` : ''}`);
  }
  if (!found.taskDefinition) throw new LiveServiceError(`service ${service} has no task definition`);
  const td = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: found.taskDefinition, include: ['TAGS'] }));
  if (!td.taskDefinition) throw new LiveServiceError(`task definition ${found.taskDefinition} not found`);
  return {
    name: `live:${cluster}/${service}`,
    template: {
      Resources: {
        Service: { Type: 'AWS::ECS::Service', Properties: serviceToCfn(found) },
        TaskDefinition: { Type: 'AWS::ECS::TaskDefinition', Properties: taskDefinitionToCfn(td.taskDefinition, td.tags ?? []) },
      },
    },
  };
}
