/**
 * Which stacks of an outputs file are one service's: the app names them `<Prefix>-Workload`
 * (a managed service only) and `<Prefix>-Drills`, the prefix being the service's name in
 * PascalCase (`payments-api` → `PaymentsApi`, lib/config-services.ts). `--service <name>` takes
 * the config name or the prefix. Pure.
 */
import { servicePrefix } from '../../config-services';
import { OutputsError } from './resolve-outputs';

const SERVICE_STACK = /^(.+)-(Workload|Drills)$/;

/** Stack names by service prefix, in the file's order. */
export function serviceGroups(stackNames: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const name of stackNames) {
    const m = SERVICE_STACK.exec(name);
    if (m) groups.set(m[1], [...(groups.get(m[1]) ?? []), name]);
  }
  return groups;
}

/**
 * The stacks to read for `service`: its `-Workload` and `-Drills` stacks. Without `service`, every
 * stack when the file holds at most one service (so a file with other stacks, or stacks named
 * otherwise, reads as before).
 * @throws OutputsError when `service` has no stacks in the file, or when the file holds several
 *   services and none was chosen — both listing the services it holds.
 */
export function stacksOfService(stackNames: readonly string[], service: string | undefined, file: string): readonly string[] {
  const groups = serviceGroups(stackNames);
  const listed = () => [...groups].map(([prefix, stacks]) => `${prefix} (${stacks.join(', ')})`).join('; ');
  if (service === undefined) {
    if (groups.size <= 1) return stackNames;
    throw new OutputsError(`${file} holds ${groups.size} services: ${listed()}; choose one with --service <name>`);
  }
  const wanted = [service, servicePrefix(service)].map((s) => s.toLowerCase());
  const match = [...groups].find(([prefix]) => wanted.includes(prefix.toLowerCase()));
  if (!match) {
    const held = groups.size > 0 ? `it holds ${listed()}` : 'it holds no <Name>-Workload or <Name>-Drills stack';
    throw new OutputsError(
      `no stacks of service "${service}" (${servicePrefix(service)}-Drills) in ${file}: ${held}; deploy that service's stacks with \`cdk deploy --outputs-file\`, or pass one of those names to --service`,
    );
  }
  return match[1];
}

/**
 * The stacks to read from CloudFormation for `service` (no outputs file): `-Drills` first, since
 * for an existing service it is the only one.
 */
export function cloudFormationStacksOf(service: string): { readonly drills: string; readonly workload: string } {
  const prefix = servicePrefix(service);
  return { drills: `${prefix}-Drills`, workload: `${prefix}-Workload` };
}
