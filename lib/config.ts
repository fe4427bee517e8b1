/**
 * One typed config for the CDK app and the runner: the service profile, the drill options and
 * the local rehearsal's settings. Every setting (kind, default, optional, meaning) is a row of
 * lib/config-settings.ts; the types below come from it, and its defaults are merged once with
 * overrides from cdk.json context (`"drills": { ... }`) and `-c service.stopTimeoutSeconds=60`-style keys.
 */
import type { z } from 'zod';
import { derivedDrainTimeoutMs, drainMarginSeconds } from './config-derive';
import { mergeRows, type ContextLookup } from './config-merge';
import { firstServiceContext } from './config-service-entries';
import { defaultsOf, SETTING_ROWS } from './config-rows';
import { schemaProblems } from './config-schema-check';
import type { drillSettings, localSettings, serviceSettings } from './config-settings';
import type { SettingSources } from './config-sources';
import { configProblems } from './config-validate';
import type { TrafficProfile } from './traffic/traffic-profile';

export type { ContextLookup } from './config-merge';

type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type ContainerHealthCheckSettings = DeepReadonly<z.output<typeof serviceSettings.shape.containerHealthCheck>>;
export type AlbHealthCheckSettings = DeepReadonly<z.output<typeof serviceSettings.shape.albHealthCheck>>;
/** The service profile: `service.*` in lib/config-settings.ts (names, task size, drain budget, health checks, traffic). */
export type ServiceProfile = DeepReadonly<Omit<z.output<typeof serviceSettings>, 'traffic'>> & { readonly traffic: TrafficProfile };
export type StopConditionSettings = DeepReadonly<z.output<typeof drillSettings.shape.stopConditions>>;
/** The drill options: `drills.*` in lib/config-settings.ts. */
export type DrillOptions = DeepReadonly<z.output<typeof drillSettings>>;
/** Settings for local rehearsal only: `local.*` in lib/config-settings.ts. */
export type LocalSettings = DeepReadonly<z.output<typeof localSettings>>;

export interface DrillsConfig {
  readonly service: ServiceProfile;
  readonly drills: DrillOptions;
  readonly local: LocalSettings;
}

type DeepPartial<T> = { -readonly [K in keyof T]?: NonNullable<T[K]> extends object ? (NonNullable<T[K]> extends readonly unknown[] ? T[K] : DeepPartial<NonNullable<T[K]>>) : T[K] };
export type DrillsConfigOverrides = DeepPartial<DrillsConfig>;

/** Every setting's default (lib/config-settings.ts); optional settings are absent. */
export const DEFAULT_CONFIG: DrillsConfig = defaultsOf(SETTING_ROWS) as unknown as DrillsConfig;

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** Where the values came from (flags, derivations), when the caller said. */
    readonly sources: SettingSources = {},
  ) {
    super(`fis-drills config has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the config: defaults, then the `drills` context object, then flat dotted keys
 * (`service.stopTimeoutSeconds`), each coerced to the default's type. Throws ConfigError
 * listing every problem at once.
 */
export function loadConfig(lookup: ContextLookup = () => undefined, sources: SettingSources = {}): DrillsConfig {
  return loadConfigWithSources(lookup, sources).config;
}

/**
 * loadConfig, also returning where each flagged or derived value came from: `sources` says which
 * settings came from which flag; a derived drain deadline is added. Problems name them.
 */
export function loadConfigWithSources(lookup: ContextLookup, sources: SettingSources = {}): { config: DrillsConfig; sources: SettingSources } {
  const problems: string[] = [];
  // With `services`, a single-service reader sees the first (lib/config-services.ts reads them all).
  const fromObject = firstServiceContext(parseContextObject(lookup('drills'), problems));
  const merged = mergeRows(SETTING_ROWS, fromObject, '', lookup, problems) as unknown as DrillsConfig;
  const derived = withDerivedDrainTimeout(merged, fromObject, lookup, sources);
  const config: DrillsConfig = { ...merged, service: derived.service };
  problems.push(...schemaProblems(SETTING_ROWS, config), ...configProblems(config, derived.sources));
  if (problems.length > 0) throw new ConfigError(problems, derived.sources);
  return { config, sources: derived.sources };
}

/** Same as loadConfig with an object of overrides (tests, the runner's flags). */
export function configWith(overrides: DrillsConfigOverrides): DrillsConfig {
  return loadConfig((key) => (key === 'drills' ? overrides : undefined));
}

function parseContextObject(value: unknown, problems: string[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    try {
      return parseContextObject(JSON.parse(value), problems);
    } catch {
      problems.push(`context "drills" is not JSON: ${value}`);
      return {};
    }
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('context "drills" must be an object like { "service": { "desiredCount": 3 } }');
    return {};
  }
  return value as Record<string, unknown>;
}

/** The container health check a rehearsal runs: the override, or the service's own. */
export function localContainerHealthCheck(config: DrillsConfig): ContainerHealthCheckSettings {
  return config.local.containerHealthCheck ?? config.service.containerHealthCheck;
}

/** DRAIN_TIMEOUT_MS follows stopTimeout unless it was set itself; a derived one says so in `sources`. */
function withDerivedDrainTimeout(merged: DrillsConfig, fromObject: Record<string, unknown>, lookup: ContextLookup, sources: SettingSources): { service: ServiceProfile; sources: SettingSources } {
  const setExplicitly = lookup('service.drainTimeoutMs') !== undefined || (fromObject.service as Record<string, unknown> | undefined)?.drainTimeoutMs !== undefined;
  if (setExplicitly) return { service: merged.service, sources };
  const stop = merged.service.stopTimeoutSeconds;
  const stopSource = sources.stopTimeoutSeconds;
  const from = `${stopSource?.fromFlag && stopSource.flag ? `${stopSource.flag} ${stop}` : `service.stopTimeoutSeconds ${stop}`}: stopTimeout − ${drainMarginSeconds(stop)} s`;
  return {
    service: { ...merged.service, drainTimeoutMs: derivedDrainTimeoutMs(stop) },
    sources: { ...sources, drainTimeoutMs: { ...sources.drainTimeoutMs, derivedFrom: from } },
  };
}
