/**
 * One typed config for the CDK app and the runner: the service profile, the drill options and
 * the local rehearsal's settings. Defaults are data here, merged once with overrides from
 * cdk.json context (`"drills": { ... }`) and `-c service.stopTimeoutSeconds=60`-style keys.
 */
import { derivedDrainTimeoutMs } from './config-derive';
import type { SettingSources } from './config-sources';
import { configProblems } from './config-validate';
import { DEMO_TRAFFIC } from './traffic/demo-traffic';
import type { TrafficProfile } from './traffic/traffic-profile';

export interface ContainerHealthCheckSettings {
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

export interface AlbHealthCheckSettings {
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

export interface ServiceProfile {
  /** Names the stacks, the ECS service and the FIS tags. */
  readonly name: string;
  /** A container image URI to drill instead of the demo service built from `service/`. @default - build `service/` */
  readonly imageUri?: string;
  /** Exec-form container health check for a custom `imageUri`, words separated by spaces (e.g. "/app/healthcheck --port 8080"). @default - none for a custom image; the demo image runs `node dist/healthcheck.js` */
  readonly healthCheckCommand?: string;
  readonly containerPort: number;
  readonly healthPath: string;
  /** The app's process name as `killall` sees it (FIS kill-process). */
  readonly processName: string;
  /** The container's start command, run locally by `drills rehearse`. */
  readonly startCommand: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly azCount: number;
  /** ECS stopTimeout: SIGKILL follows SIGTERM this much later (Fargate: at most 120 s). */
  readonly stopTimeoutSeconds: number;
  /** The app's drain deadline (`DRAIN_TIMEOUT_MS`); must be below stopTimeout. @default - stopTimeout − 10 s */
  readonly drainTimeoutMs: number;
  readonly deregistrationDelaySeconds: number;
  /** The longest request the service serves (a whole SSE stream). */
  readonly longestRequestSeconds: number;
  readonly healthCheckGracePeriodSeconds: number;
  readonly containerHealthCheck: ContainerHealthCheckSettings;
  readonly albHealthCheck: AlbHealthCheckSettings;
  /**
   * What customers do to the service (lib/traffic): streams, requests, jobs. Replaced as a whole
   * when set (never merged key by key with the demo's); `--traffic <file>` wins over it.
   * @default the demo service's traffic (DEMO_TRAFFIC)
   */
  readonly traffic: TrafficProfile;
  /** The load balancer's idle timeout; the service should keep idle keep-alive connections open longer. @default 60 (the ALB default) */
  readonly albIdleTimeoutSeconds: number;
}

export interface StopConditionSettings {
  /** The 5xx share of requests (target + ELB) that trips the error-rate alarm. */
  readonly maxErrorRate: number;
  /** The healthy-hosts alarm trips below this many healthy targets. */
  readonly minHealthyHosts: number;
  /** The running-tasks alarm trips below this many running tasks. */
  readonly minRunningTasks: number;
}

export interface DrillOptions {
  /** `production` tightens the guardrails (no ALL / PERCENT(100) on service tasks). */
  readonly environment: 'production' | 'non-production';
  /** Create EventBridge Scheduler schedules for drills that declare one. @default false */
  readonly gameDays: boolean;
  /** Schedules are created DISABLED unless this is true. @default false */
  readonly gameDaysEnabled: boolean;
  /** S3 bucket for FIS experiment reports. @default - no experiment reports */
  readonly reportBucket?: string;
  /** Publish the runner's probe heartbeat and guard drills with it (dead-man's switch). @default false */
  readonly deadMansSwitch: boolean;
  readonly stopConditions: StopConditionSettings;
}

/**
 * Settings for local rehearsal only. The drain budget (stopTimeout, deregistration delay,
 * drain deadline) and the container health check are the stack's own; only the load balancer's
 * polling is shortened here.
 */
export interface LocalSettings {
  readonly zones: readonly string[];
  /** How long the local scheduler takes to start a replacement task. */
  readonly launchDelayMs: number;
  /**
   * A different container health check for rehearsals only (tests shorten it).
   * @default - the service's own `service.containerHealthCheck`, run as ECS runs it
   */
  readonly containerHealthCheck?: ContainerHealthCheckSettings;
  readonly albHealthCheck: AlbHealthCheckSettings;
}

export interface DrillsConfig {
  readonly service: ServiceProfile;
  readonly drills: DrillOptions;
  readonly local: LocalSettings;
}

type DeepPartial<T> = { -readonly [K in keyof T]?: NonNullable<T[K]> extends object ? (NonNullable<T[K]> extends readonly unknown[] ? T[K] : DeepPartial<NonNullable<T[K]>>) : T[K] };
export type DrillsConfigOverrides = DeepPartial<DrillsConfig>;

const STOP_TIMEOUT_SECONDS = 120;

export const DEFAULT_CONFIG: DrillsConfig = {
  service: {
    name: 'drills-demo',
    containerPort: 8080,
    healthPath: '/healthz',
    processName: 'node',
    startCommand: 'node service/dist/server.js',
    cpu: 256,
    memoryMiB: 512,
    desiredCount: 2,
    azCount: 2,
    stopTimeoutSeconds: STOP_TIMEOUT_SECONDS,
    drainTimeoutMs: (STOP_TIMEOUT_SECONDS - 10) * 1000,
    deregistrationDelaySeconds: 90,
    longestRequestSeconds: 60,
    healthCheckGracePeriodSeconds: 30,
    containerHealthCheck: { intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
    albHealthCheck: { intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
    traffic: DEMO_TRAFFIC,
    albIdleTimeoutSeconds: 60,
  },
  drills: {
    environment: 'non-production',
    gameDays: false,
    gameDaysEnabled: false,
    deadMansSwitch: false,
    stopConditions: { maxErrorRate: 0.05, minHealthyHosts: 1, minRunningTasks: 1 },
  },
  local: {
    zones: ['zone-a', 'zone-b', 'zone-c'],
    launchDelayMs: 300,
    albHealthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.4, healthyThreshold: 2, unhealthyThreshold: 2 },
  },
};

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

/** Reads one context value: CDK's `node.tryGetContext`, or the runner's reader of cdk.json. */
export type ContextLookup = (key: string) => unknown;

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
  const fromObject = parseContextObject(lookup('drills'), problems);
  const { rest, localCheck } = withoutLocalContainerCheck(fromObject);
  const merged = mergeOverrides(DEFAULT_CONFIG, rest, '', lookup, problems) as DrillsConfig;
  const derived = withDerivedDrainTimeout(merged, fromObject, lookup, sources);
  const local = withLocalContainerCheck(merged, localCheck, lookup, problems);
  const config: DrillsConfig = { ...merged, service: derived.service, local };
  problems.push(...configProblems(config, derived.sources));
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

function mergeOverrides(defaults: object, overrides: Record<string, unknown>, prefix: string, lookup: ContextLookup, problems: string[]): object {
  const known = new Set(Object.keys(defaults));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key) && !OPTIONAL_KEYS.has(prefix + key)) problems.push(`unknown setting "${prefix}${key}"; known here: ${[...known].join(', ')}`);
  }
  const result: Record<string, unknown> = {};
  const optionalHere = [...OPTIONAL_KEYS].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('.')).map((k) => k.slice(prefix.length));
  const optionalSet = optionalHere.filter((k) => overrides[k] !== undefined || lookup(prefix + k) !== undefined);
  for (const key of new Set([...known, ...optionalSet])) {
    const path = prefix + key;
    const fallback = (defaults as Record<string, unknown>)[key];
    if (WHOLE_KEYS.has(path)) {
      const raw = lookup(path) ?? overrides[key];
      result[key] = raw === undefined ? fallback : typeof raw === 'string' ? parseJsonSetting(path, raw, problems) : raw;
      continue;
    }
    if (fallback !== null && typeof fallback === 'object' && !Array.isArray(fallback)) {
      const nested = overrides[key];
      result[key] = mergeOverrides(fallback, (nested && typeof nested === 'object' ? nested : {}) as Record<string, unknown>, `${path}.`, lookup, problems);
      continue;
    }
    const flat = lookup(path);
    const raw = flat !== undefined ? flat : overrides[key];
    result[key] = raw === undefined ? fallback : coerce(path, raw, fallback, problems);
  }
  return result;
}

/** Settings taken as a whole when set (validated by their own schema in configProblems). */
const WHOLE_KEYS = new Set(['service.traffic']);

function parseJsonSetting(path: string, raw: string, problems: string[]): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    problems.push(`${path} is not JSON: ${raw.slice(0, 80)}`);
    return undefined;
  }
}

/** Settings with no default value that may still be set. */
const OPTIONAL_KEYS = new Set(['service.imageUri', 'service.healthCheckCommand', 'drills.reportBucket']);

function coerce(path: string, raw: unknown, fallback: unknown, problems: string[]): unknown {
  const kind = fallback === undefined ? 'string' : Array.isArray(fallback) ? 'array' : typeof fallback;
  if (kind === 'number') {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
    problems.push(`${path} must be a number, got ${JSON.stringify(raw)}`);
  } else if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${path} must be true or false, got ${JSON.stringify(raw)}`);
  } else if (kind === 'array') {
    const list = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
    if (Array.isArray(list)) return list;
    problems.push(`${path} must be a list, got ${JSON.stringify(raw)}`);
  } else {
    if (typeof raw === 'string') return raw;
    problems.push(`${path} must be text, got ${JSON.stringify(raw)}`);
  }
  return fallback;
}

const LOCAL_CHECK = 'local.containerHealthCheck';

/** `local.containerHealthCheck` has no default (the service's own applies): it is merged on its own. */
function withoutLocalContainerCheck(fromObject: Record<string, unknown>): { rest: Record<string, unknown>; localCheck: unknown } {
  const local = fromObject.local;
  if (!local || typeof local !== 'object' || !('containerHealthCheck' in local)) return { rest: fromObject, localCheck: undefined };
  const { containerHealthCheck, ...otherLocal } = local as Record<string, unknown>;
  return { rest: { ...fromObject, local: otherLocal }, localCheck: containerHealthCheck };
}

/** The override, merged over the service's own check, when it (or one of its dotted keys) is set. */
function withLocalContainerCheck(merged: DrillsConfig, localCheck: unknown, lookup: ContextLookup, problems: string[]): LocalSettings {
  const base = merged.service.containerHealthCheck;
  const flat = Object.keys(base).some((k) => lookup(`${LOCAL_CHECK}.${k}`) !== undefined);
  if (localCheck === undefined && !flat) return merged.local;
  if (localCheck !== undefined && (localCheck === null || typeof localCheck !== 'object')) {
    problems.push(`${LOCAL_CHECK} must be an object like { "startPeriodSeconds": 30 }, got ${JSON.stringify(localCheck)}`);
    return merged.local;
  }
  const containerHealthCheck = mergeOverrides(base, (localCheck ?? {}) as Record<string, unknown>, `${LOCAL_CHECK}.`, lookup, problems) as ContainerHealthCheckSettings;
  return { ...merged.local, containerHealthCheck };
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
  const from = `${stopSource?.fromFlag && stopSource.flag ? `${stopSource.flag} ${stop}` : `service.stopTimeoutSeconds ${stop}`}: stopTimeout − ${Math.min(10, stop / 5)} s`;
  return {
    service: { ...merged.service, drainTimeoutMs: derivedDrainTimeoutMs(stop) },
    sources: { ...sources, drainTimeoutMs: { ...sources.drainTimeoutMs, derivedFrom: from } },
  };
}
