/**
 * What the AWS commands share: clients from the default chain, the narrow APIs over them, and
 * the deployment resolved from `--outputs <file>` or `--stack <name>` (CloudFormation).
 */
import { existsSync } from 'fs';
import { OUTPUT_KEYS } from '../../contract';
import { createClients, destroyClients, type AwsClients } from './clients';
import { fisApi } from './fis-api';
import { identityApi } from './identity-api';
import { metricsApi } from './metrics-api';
import type { AwsApis } from './preflight';
import { OutputsError, readOutputsJson, resolveOutputs, type DeployedService } from './resolve-outputs';
import { cloudFormationStacksOf, stacksOfService } from './service-stacks';
import { serviceApi } from './service-api';
import { stackApi, type StackApi, type StackOutputs } from './stack-api';

export interface AwsSessionOptions {
  /** A `cdk deploy --outputs-file` JSON. @default ./cdk-outputs.json when it exists */
  readonly outputs?: string;
  /** Stack names: limit the outputs file to them, or read their outputs from CloudFormation. */
  readonly stacks?: readonly string[];
  /** The service (config name or stack prefix) whose stacks to read; needed when the outputs hold several (service-stacks.ts). */
  readonly service?: string;
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

/**
 * Resolve the deployment: the outputs file (searched across the chosen service's stacks, or every
 * stack when it holds one service), else CloudFormation (`--stack`, or the `--service`'s stacks).
 * @throws OutputsError for a missing or unreadable file, several services and no `--service`, or missing outputs.
 */
export async function resolveDeployment(session: AwsSession, options: AwsSessionOptions): Promise<DeployedService> {
  const stacks = options.stacks ?? [];
  const fallback = `${options.cwd ?? process.cwd()}/${DEFAULT_OUTPUTS_FILE}`;
  const file = options.outputs ?? (stacks.length === 0 && existsSync(fallback) ? fallback : undefined);
  if (file) {
    const all = await readOutputsJson(file);
    const names = Object.keys(all).filter((name) => stacks.length === 0 || stacks.includes(name));
    const chosen = stacksOfService(names, options.service, file);
    return resolveOutputs(Object.fromEntries(chosen.map((name) => [name, all[name]])));
  }
  if (stacks.length === 0 && options.service !== undefined) return serviceFromCloudFormation(session, options.service);
  if (stacks.length === 0) throw new OutputsError(`pass --outputs <file> (from \`cdk deploy --outputs-file\`), --service <name> or --stack <name>; no ${DEFAULT_OUTPUTS_FILE} here`);
  return fromCloudFormation(session, stacks);
}

/** A service's `<Prefix>-Drills` stack, and its `-Workload` unless the Drills stack holds the service's outputs (an existing service). */
async function serviceFromCloudFormation(session: AwsSession, service: string): Promise<DeployedService> {
  const { drills, workload } = cloudFormationStacksOf(service);
  const first = await session.apis.stack.outputs(drills);
  const existing = Object.keys(first.outputs).some((k) => k.startsWith(OUTPUT_KEYS.serviceUrl));
  return resolveRead(existing ? [first] : [await session.apis.stack.outputs(workload), first]);
}

async function fromCloudFormation(session: AwsSession, stacks: readonly string[]): Promise<DeployedService> {
  return resolveRead(await Promise.all(stacks.map((name) => session.apis.stack.outputs(name))));
}

function resolveRead(read: readonly StackOutputs[]): DeployedService {
  return resolveOutputs(Object.fromEntries(read.map((s) => [s.stackName, s.outputs])), Object.fromEntries(read.filter((s) => s.stackId).map((s) => [s.stackName, s.stackId as string])));
}
