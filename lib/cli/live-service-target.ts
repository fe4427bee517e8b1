/**
 * The deployed service `drills doctor --live --service <name>` reads, and its config: `<name>` is
 * the ECS service name, or a service's name in cdk.json (or its stacks' prefix). An existing
 * service's config gives its ECS cluster and service names (`--cluster` may then be left out); a
 * managed one's ECS names are made at deploy, so they come from its stacks in the outputs file
 * (`cdk-outputs.json` in the project, or `--outputs`). A name cdk.json does not know is taken as
 * the ECS service's, in `--cluster`.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { ConfigError, type ContextLookup } from '../config';
import { loadServices, servicePrefix, type ServiceConfig } from '../config-services';
import type { Drill } from '../drill';
import { DEFAULT_OUTPUTS_FILE } from '../runner/aws/aws-session';
import { OutputsError, readOutputsJson, resolveOutputs } from '../runner/aws/resolve-outputs';
import { stacksOfService } from '../runner/aws/service-stacks';

export interface LiveServiceTarget {
  readonly cluster: string;
  /** The ECS service name. */
  readonly service: string;
  /** The service in cdk.json, when it is one of them. */
  readonly configured?: ServiceConfig;
}

export interface LiveServiceQuery {
  readonly cluster?: string;
  readonly service: string;
  /** The outputs file. @default `cdk-outputs.json` under `root`, when there */
  readonly outputs?: string;
  readonly root: string;
}

function configuredServices(lookup: ContextLookup, catalogue: readonly Drill[]): ServiceConfig[] {
  try {
    return loadServices(lookup, { catalogue });
  } catch (e) {
    if (e instanceof ConfigError) return [];
    throw e;
  }
}

/** The ECS names to read and the service's config, or a usage message. Reads the outputs file only for a managed service named by its config name. */
export async function liveServiceTarget(q: LiveServiceQuery, lookup: ContextLookup, catalogue: readonly Drill[]): Promise<LiveServiceTarget | { readonly usage: string }> {
  const services = configuredServices(lookup, catalogue);
  const byEcsName = services.find((s) => s.existing?.serviceName === q.service && (q.cluster === undefined || s.existing.clusterName === q.cluster));
  if (byEcsName?.existing) return { cluster: byEcsName.existing.clusterName, service: byEcsName.existing.serviceName, configured: byEcsName };
  const wanted = [q.service, servicePrefix(q.service)].map((n) => n.toLowerCase());
  const byName = services.find((s) => wanted.includes(s.name.toLowerCase()) || wanted.includes(servicePrefix(s.name).toLowerCase()));
  if (byName?.existing) {
    const e = byName.existing;
    if (q.cluster !== undefined && q.cluster !== e.clusterName)
      return { usage: `--cluster ${q.cluster} but cdk.json's service ${byName.name} runs in cluster ${e.clusterName} (ECS service ${e.serviceName}): drop --cluster or fix existing.clusterName` };
    return { cluster: e.clusterName, service: e.serviceName, configured: byName };
  }
  if (byName) return managedTarget(q, byName);
  if (q.cluster === undefined)
    return { usage: `--service ${q.service} is not a service in cdk.json (${services.map((s) => s.name).join(', ') || 'none'}): give its ECS cluster with --cluster, or one of those names` };
  return { cluster: q.cluster, service: q.service };
}

async function managedTarget(q: LiveServiceQuery, configured: ServiceConfig): Promise<LiveServiceTarget | { readonly usage: string }> {
  const file = q.outputs ?? path.join(q.root, DEFAULT_OUTPUTS_FILE);
  const how = `pass --outputs <file> from \`cdk deploy --outputs-file\`, or the ECS names: --cluster <ClusterName> --service <ServiceName>`;
  if (!existsSync(file)) return { usage: `${configured.name} is built by this app: its ECS names are made at deploy and no ${file} holds them; ${how}` };
  try {
    const all = await readOutputsJson(file);
    const stacks = stacksOfService(Object.keys(all), configured.name, file);
    const deployed = resolveOutputs(Object.fromEntries(stacks.map((name) => [name, all[name]])));
    if (q.cluster !== undefined && q.cluster !== deployed.clusterName) return { usage: `--cluster ${q.cluster} but ${file} says ${configured.name} runs in ${deployed.clusterName}: drop --cluster` };
    return { cluster: deployed.clusterName, service: deployed.serviceName, configured };
  } catch (e) {
    if (e instanceof OutputsError) return { usage: `${e.message}; or ${how}` };
    throw e;
  }
}
