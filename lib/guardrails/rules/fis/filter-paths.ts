/**
 * The first element of a target filter path that exists for a resource type, where known. FIS
 * runs filters against the output of the resource's Describe API, with every path element in
 * PascalCase (FIS User Guide targets.html; fis-facts §2). `aws:ecs:task` is ECS DescribeTasks'
 * `Task`: the list below is checked against the ECS SDK's `Task` type at compile time. Other
 * resource types are not judged.
 */
import type { Task } from '@aws-sdk/client-ecs';

const ECS_TASK_FIELDS = [
  'attachments',
  'attributes',
  'availabilityZone',
  'capacityProviderName',
  'clusterArn',
  'connectivity',
  'connectivityAt',
  'containerInstanceArn',
  'containers',
  'cpu',
  'createdAt',
  'desiredStatus',
  'enableExecuteCommand',
  'executionStoppedAt',
  'group',
  'healthStatus',
  'inferenceAccelerators',
  'lastStatus',
  'launchType',
  'memory',
  'overrides',
  'platformVersion',
  'platformFamily',
  'pullStartedAt',
  'pullStoppedAt',
  'startedAt',
  'startedBy',
  'stopCode',
  'stoppedAt',
  'stoppedReason',
  'stoppingAt',
  'tags',
  'taskArn',
  'taskDefinitionArn',
  'version',
  'ephemeralStorage',
  'fargateEphemeralStorage',
] as const satisfies readonly (keyof Task)[];

const pascal = (s: string): string => s[0].toUpperCase() + s.slice(1);

/** Resource type → the first path elements FIS can filter on. */
export const FILTER_ROOTS: Readonly<Record<string, readonly string[]>> = {
  'aws:ecs:task': ECS_TASK_FIELDS.map(pascal),
};
