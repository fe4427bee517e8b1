/** Shared test fixtures: mocked SDK clients behind the real adapters, and FIS/ECS shapes. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import {
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentResolvedTargetsCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type Experiment,
} from '@aws-sdk/client-fis';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { identityApi } from '../../../lib/runner/aws/identity-api';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import type { DeployedService } from '../../../lib/runner/aws/resolve-outputs';
import { serviceApi } from '../../../lib/runner/aws/service-api';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const TEMPLATE_ID = 'EXTabc123';
export const TASK_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/demo-cluster/0123456789abcdef`;

export const deployed: DeployedService = {
  serviceUrl: 'http://127.0.0.1:9',
  clusterName: 'demo-cluster',
  serviceName: 'demo-service',
  loadBalancerFullName: 'app/demo/50dc6c495c0c9188',
  targetGroupFullName: 'targetgroup/demo/73e2d6bc24d8a067',
  templateIds: { DrillTaskStopDrainTemplateId: TEMPLATE_ID },
  account: ACCOUNT,
  region: REGION,
  stacks: ['Workload', 'Drills'],
};

export function mockedApis() {
  const clients = {
    fis: new FisClient({ region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    cloudwatch: new CloudWatchClient({ region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    ecs: new ECSClient({ region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    sts: new STSClient({ region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
  };
  const mocks = {
    // client-fis 3.523.0 is built on older smithy types than aws-sdk-client-mock expects; the
    // stub works the same at runtime.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fis: mockClient(clients.fis as never) as unknown as AwsStub<any, any, any>,
    cloudwatch: mockClient(clients.cloudwatch),
    ecs: mockClient(clients.ecs),
    sts: mockClient(clients.sts),
  };
  const apis = {
    fis: fisApi(clients.fis),
    metrics: metricsApi(clients.cloudwatch),
    service: serviceApi(clients.ecs),
    identity: identityApi(clients.sts),
  };
  return { clients, mocks, apis };
}

/** An experiment in `status`, with one action in `actionStatus`. */
export function experiment(status: string, actionStatus = 'completed', extra: Partial<Experiment> = {}): Experiment {
  const started = new Date('2026-11-23T04:00:00Z');
  return {
    id: 'EXP1',
    experimentTemplateId: TEMPLATE_ID,
    state: { status: status as never, reason: extra.state?.reason },
    startTime: started,
    actions: {
      stopOneTask: {
        actionId: 'aws:ecs:stop-task',
        state: { status: actionStatus as never },
        ...(actionStatus === 'pending' || actionStatus === 'skipped' || actionStatus === 'cancelled' ? {} : { startTime: started }),
      },
    },
    ...extra,
  };
}

export const RESOLVED = { resolvedTargets: [{ resourceType: 'aws:ecs:task', targetName: 'oneTask', targetInformation: { arn: TASK_ARN } }] };
export const STEADY_SERVICE = {
  services: [
    {
      serviceName: 'demo-service',
      runningCount: 2,
      desiredCount: 2,
      pendingCount: 0,
      deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' as const, runningCount: 2, desiredCount: 2 }],
      events: [],
    },
  ],
};

/** FIS commands, cast for aws-sdk-client-mock (see `mocks.fis` above). */
export const Fis = {
  Start: StartExperimentCommand as never,
  Get: GetExperimentCommand as never,
  Stop: StopExperimentCommand as never,
  List: ListExperimentsCommand as never,
  Template: GetExperimentTemplateCommand as never,
  Resolved: ListExperimentResolvedTargetsCommand as never,
};
