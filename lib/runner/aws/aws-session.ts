/**
 * What the AWS commands share: clients from the default chain, the narrow APIs over them, and
 * the deployment resolved from `--outputs <file>` or `--stack <name>` (CloudFormation).
 */
import { existsSync } from 'fs';
import { createClients, destroyClients, type AwsClients } from './clients';
import { fisApi } from './fis-api';
import { identityApi } from './identity-api';
import { metricsApi } from './metrics-api';
import type { AwsApis } from './preflight';
import { OutputsError, readOutputsFile, resolveOutputs, type DeployedService } from './resolve-outputs';
import { serviceApi } from './service-api';
import { stackApi, type StackApi } from './stack-api';

export interface AwsSessionOptions {
  /** A `cdk deploy --outputs-file` JSON. @default ./cdk-outputs.json when it exists */
  readonly outputs?: string;
  /** Stack names: limit the outputs file to them, or read their outputs from CloudFormation. */
  readonly stacks?: readonly string[];
  readonly region?: string;
  readonly cwd?: string;
}

export interface AwsSession {
  readonly clients: AwsClients;
  readonly apis: AwsApis & { readonly stack: StackApi };
  close(): void;
}

export const DEFAULT_OUTPUTS_FILE = 'cdk-outputs.json';

export function openAwsSession(options: Pick<AwsSessionOptions, 'region'> = {}): AwsSession {
  const clients = createClients({ region: options.region });
  return {
    clients,
    apis: {
      fis: fisApi(clients.fis),
      metrics: metricsApi(clients.cloudwatch),
      service: serviceApi(clients.ecs),
      identity: identityApi(clients.sts),
      stack: stackApi(clients.cloudformation),
    },
    close: () => destroyClients(clients),
  };
}

/** Resolve the deployment: the outputs file (searched across its stacks), else CloudFormation. */
export async function resolveDeployment(session: AwsSession, options: AwsSessionOptions): Promise<DeployedService> {
  const stacks = options.stacks ?? [];
  const fallback = `${options.cwd ?? process.cwd()}/${DEFAULT_OUTPUTS_FILE}`;
  const file = options.outputs ?? (stacks.length === 0 && existsSync(fallback) ? fallback : undefined);
  if (file) return readOutputsFile(file, stacks);
  if (stacks.length === 0) throw new OutputsError(`pass --outputs <file> (from \`cdk deploy --outputs-file\`) or --stack <name>; no ${DEFAULT_OUTPUTS_FILE} here`);
  const read = await Promise.all(stacks.map((name) => session.apis.stack.outputs(name)));
  return resolveOutputs(
    Object.fromEntries(read.map((s) => [s.stackName, s.outputs])),
    Object.fromEntries(read.filter((s) => s.stackId).map((s) => [s.stackName, s.stackId as string])),
  );
}
