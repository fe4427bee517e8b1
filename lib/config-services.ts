/**
 * Several services in one app: `services` in the `drills` context of cdk.json (beside `service`
 * and `drills`), each a service profile with a `name` and the settings `service` takes (merged
 * over the defaults by loadConfig, the one settings table), plus
 * - `existing: { clusterName, serviceName, targetGroupFullName, loadBalancerFullName, vpcId, zones,
 *   serviceUrl, subnetIdsByZone?, dedicatedSubnets? }` for a service this app did not build
 *   (lib/config-existing.ts), else the service is managed (built from `imageUri` or the demo);
 * - `drills: [ids…]`, the drills it gets (default: the whole catalogue).
 * The single `service` key is a list of one. DESIGN "Services and their traffic".
 */
import { needsDatabase, type Drill } from './drill';
import { ConfigError, loadConfigWithSources, type ContextLookup, type DrillsConfig } from './config';
import { databaseSettingsOf } from './config-database';
import { existingServiceProblems, type ExistingService } from './config-existing';
import { contextObject, serviceEntries, type ServiceEntry } from './config-service-entries';
import type { SettingSources } from './config-sources';

export interface ServiceConfig {
  /** The profile's name: names the stacks (`<PascalName>-Workload`, `-Drills`), the alarms and the FIS tags. */
  readonly name: string;
  /** The whole config as this service sees it: `service` is its own profile, `drills` and `local` are shared. */
  readonly config: DrillsConfig;
  /** Set for a service attached by name; unset for one this app builds. */
  readonly existing?: ExistingService;
  /** The drill ids it gets. @default - the whole catalogue */
  readonly drillIds?: readonly string[];
}

export interface LoadServicesOptions {
  /** The catalogue: `drills: [ids…]` are checked against it, and az-outage against `existing.subnetIdsByZone`. @default - ids not checked */
  readonly catalogue?: readonly Drill[];
  /** Where flagged settings came from (single-service commands), as loadConfigWithSources takes. */
  readonly sources?: SettingSources;
}

/** Settings an existing service cannot take: the app does not build its image, task size, zones, load balancer or database (`existing.databaseClusterIdentifier` names one). */
const MANAGED_ONLY = [
  'imageUri',
  'healthCheckCommand',
  'cpu',
  'memoryMiB',
  'azCount',
  'albIdleTimeoutSeconds',
  'environment',
  'secrets',
  'taskRolePolicyStatements',
  'cpuArchitecture',
  'internal',
  'https',
  'sidecars',
  'database',
] as const;

/**
 * Every service of the config, in the order written. Dotted `-c service.<key>=<value>` keys apply
 * to every service; `-c drills.<key>` to the shared drill options.
 * @throws ConfigError listing every problem of every service at once, each prefixed with where it
 *   is written (`services[1] "payments": …`), the value received and what to do.
 */
export function loadServices(lookup: ContextLookup = () => undefined, options: LoadServicesOptions = {}): ServiceConfig[] {
  const raw = lookup('drills');
  const context = contextObject(raw);
  if (raw !== undefined && raw !== null && Object.keys(context).length === 0 && JSON.stringify(raw) !== '{}' && raw !== '{}') {
    // Not an object (or not JSON): loadConfig says so in its own words.
    loadConfigWithSources(lookup, options.sources);
  }
  const { entries, problems } = serviceEntries(context);
  const { service: _service, services: _services, ...shared } = context;
  const loaded: ServiceConfig[] = [];
  for (const entry of entries) {
    const one = loadEntry(entry, shared, lookup, options, context.services !== undefined);
    problems.push(...one.problems);
    if (one.service) loaded.push(one.service);
  }
  problems.push(...duplicateNames(entries.map((e) => e.settings.name).filter((n): n is string => typeof n === 'string')));
  // A shared setting's problem (drills.*, local.*) is the same for every service: said once.
  const unique = [...new Set(problems)];
  if (unique.length > 0) throw new ConfigError(unique, options.sources);
  return loaded;
}

function loadEntry(entry: ServiceEntry, shared: Record<string, unknown>, lookup: ContextLookup, options: LoadServicesOptions, listed: boolean): { service?: ServiceConfig; problems: string[] } {
  const problems: string[] = [];
  const prefix = listed ? `${entry.where}: ` : '';
  if (listed && typeof entry.settings.name !== 'string') problems.push(`${entry.where}.name: give each service a name (letters, digits and dashes); got ${JSON.stringify(entry.settings.name)}`);
  const existing = entry.existing === undefined ? undefined : existingServiceProblems(entry.existing, `${entry.where}.existing`);
  if (existing) problems.push(...existing.problems);
  const settings = { ...entry.settings };
  if (existing) {
    for (const key of MANAGED_ONLY) {
      if (settings[key] !== undefined)
        problems.push(
          `${entry.where}.${key} ${typeof settings[key] === 'object' ? 'is set' : `is ${JSON.stringify(settings[key])}`}: it applies to a service this app builds, not to an existing one (its task definition and load balancer are its own); remove it`,
        );
    }
    // The zones are the service's own; the rest of the table's checks hold as they are.
    if (existing.existing) settings.azCount = existing.existing.zones.length;
  }
  let config: DrillsConfig | undefined;
  try {
    const entryLookup: ContextLookup = (key) => (key === 'drills' ? { ...shared, service: settings } : lookup(key));
    config = loadConfigWithSources(entryLookup, options.sources).config;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems.map((p) => (/^(drills|local)\./.test(p) ? p : `${prefix}${p}`)));
  }
  const drillIds = drillIdsOf(entry, options.catalogue, problems);
  if (existing?.existing && options.catalogue) {
    const ids = drillsOf({ drillIds }, options.catalogue).map((d) => d.id);
    const zoneDrills = options.catalogue.filter((d) => d.fault.kind === 'az-outage' && ids.includes(d.id));
    if (zoneDrills.length > 0 && existing.existing.subnetIdsByZone === undefined) {
      const others = ids.filter((id) => !zoneDrills.some((d) => d.id === id));
      problems.push(
        `${entry.where}.existing.subnetIdsByZone is not set but ${zoneDrills.map((d) => d.id).join(', ')} cut(s) a zone: give the service's subnets per zone ({ "${existing.existing.zones[0]}": ["subnet-…"] }), or leave the drill out with "drills": ${JSON.stringify(others)}`,
      );
    }
  }
  if (config && drillIds && options.catalogue)
    problems.push(...databaseDrillProblems(entry.where, drillIds, options.catalogue, hasDatabase({ config, existing: existing?.existing }), existing !== undefined));
  if (problems.length > 0 || !config) return { problems };
  return { service: { name: config.service.name, config, ...(existing?.existing ? { existing: existing.existing } : {}), ...(drillIds ? { drillIds } : {}) }, problems };
}

function drillIdsOf(entry: ServiceEntry, catalogue: readonly Drill[] | undefined, problems: string[]): string[] | undefined {
  if (entry.drills === undefined) return undefined;
  const known = catalogue?.map((d) => d.id);
  const hint = known ? ` (the catalogue: ${known.join(', ')})` : '';
  if (!Array.isArray(entry.drills) || entry.drills.length === 0 || entry.drills.some((d) => typeof d !== 'string')) {
    problems.push(`${entry.where}.drills must be a non-empty list of drill ids${hint}, or left out for every drill; got ${JSON.stringify(entry.drills)}`);
    return undefined;
  }
  const ids = entry.drills as string[];
  const unknown = known ? ids.filter((id) => !known.includes(id)) : [];
  if (unknown.length > 0) problems.push(`${entry.where}.drills names ${unknown.map((id) => `"${id}"`).join(', ')}, not in the catalogue${hint}; see \`drills list\``);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`${entry.where}.drills lists ${[...new Set(twice)].join(', ')} more than once`);
  return ids;
}

/** Two services whose stacks would share a name (`my-svc` and `My-Svc` both make `MySvc-Drills`). */
function duplicateNames(names: readonly string[]): string[] {
  const byPrefix = new Map<string, string[]>();
  for (const name of names) {
    const key = servicePrefix(name).toLowerCase();
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), name]);
  }
  return [...byPrefix.values()]
    .filter((names) => names.length > 1)
    .map((names) => `services ${names.map((n) => `"${n}"`).join(' and ')} would name the same stacks (${servicePrefix(names[0])}-Drills): give each service a different name`);
}

/** `drills-demo` → `DrillsDemo`: the stacks' name prefix. */
export function servicePrefix(serviceName: string): string {
  return serviceName
    .split('-')
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/**
 * The service `name` (its config name, or its stacks' prefix, any case) among the config's
 * services; the first one when `name` is unset.
 * @throws ConfigError for a config with problems, or a name that is not there (listing those that are).
 */
export function serviceNamed(lookup: ContextLookup, name: string | undefined): ServiceConfig {
  const services = loadServices(lookup);
  if (name === undefined) return services[0];
  const wanted = [name, servicePrefix(name)].map((n) => n.toLowerCase());
  const found = services.find((s) => wanted.includes(s.name.toLowerCase()) || wanted.includes(servicePrefix(s.name).toLowerCase()));
  if (found) return found;
  throw new ConfigError([
    `--service ${name}: no such service in cdk.json (the drills context has ${services.map((s) => s.name).join(', ')}); use one of those names, or pass --traffic <file> for a service this project does not configure`,
  ]);
}

/** The service has a database the dependency drills can act on: `service.database` (managed) or `existing.databaseClusterIdentifier`. */
export function hasDatabase(service: { readonly config?: DrillsConfig; readonly existing?: ExistingService }): boolean {
  if (service.existing) return service.existing.databaseClusterIdentifier !== undefined;
  return databaseSettingsOf(service.config?.service.database) !== undefined;
}

/** A drill listed in `drills` that needs a database the service does not have. */
function databaseDrillProblems(where: string, drillIds: readonly string[], catalogue: readonly Drill[], withDatabase: boolean, existing: boolean): string[] {
  if (withDatabase) return [];
  const needing = catalogue.filter((d) => needsDatabase(d.fault) && drillIds.includes(d.id)).map((d) => d.id);
  if (needing.length === 0) return [];
  const fix = existing ? `${where}.existing.databaseClusterIdentifier` : 'service.database (e.g. -c service.database=true)';
  return [`${where}.drills lists ${needing.join(', ')}, which need(s) the service's database, and it has none: set ${fix} for it, or leave the drill(s) out`];
}

/**
 * The drills a service gets, in catalogue order: its `drills`, else the whole catalogue — without
 * the drills that need a database when the service has none (ServiceDrills makes no template for them).
 */
export function drillsOf(service: Pick<ServiceConfig, 'drillIds'> & { readonly config?: DrillsConfig; readonly existing?: ExistingService }, catalogue: readonly Drill[]): Drill[] {
  if (service.drillIds) return catalogue.filter((d) => service.drillIds!.includes(d.id));
  const withDatabase = hasDatabase(service);
  return catalogue.filter((d) => withDatabase || !needsDatabase(d.fault));
}
