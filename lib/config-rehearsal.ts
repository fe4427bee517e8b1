/**
 * The config of a rehearsal: cdk.json's context with the command's flags over it, and the
 * values derived from them re-derived (DESIGN "The local engine": settings come from the same
 * config as the stack, so a bad setting shows up locally).
 * - a flag beats both the context object and a flat `-c service.x=…` key;
 * - `--stop-timeout` without `--drain-timeout-ms`: the drain deadline is derived from the flag
 *   (stopTimeout − min(10 s, a fifth)), even over a deadline cdk.json set for the stack's stopTimeout;
 * - with the demo's traffic, the longest request is its stream (TTFT + tokens × interval, rounded
 *   up to a second), unless `--longest-request` says otherwise: a rehearsal's requests are the
 *   probe's. A service's own traffic (`--traffic`, `service.traffic`) has a length only it knows:
 *   then `service.longestRequestSeconds` or `--longest-request` stands.
 * Throws ConfigError whose problems name the flag to pass and what a value was derived from.
 */
import { loadConfigWithSources, type ContextLookup, type DrillsConfig, type DrillsConfigOverrides, type ServiceProfile } from './config';
import type { SettingSources } from './config-sources';
import type { Drill } from './drill';
import { DEMO_STREAM } from './traffic/demo-traffic';

export interface RehearsalFlags {
  readonly stopTimeout?: number;
  readonly desiredCount?: number;
  readonly deregistrationDelay?: number;
  readonly drainTimeoutMs?: number;
  readonly longestRequest?: number;
  readonly healthPath?: string;
  readonly launchDelayMs?: number;
  /** A traffic profile file: the streams are the service's own, of a length the config must say. */
  readonly traffic?: string;
}

/** Each flag of `drills rehearse` that sets a service setting. */
const FLAGS: readonly (readonly [keyof RehearsalFlags, keyof ServiceProfile, string])[] = [
  ['stopTimeout', 'stopTimeoutSeconds', '--stop-timeout'],
  ['desiredCount', 'desiredCount', '--desired-count'],
  ['deregistrationDelay', 'deregistrationDelaySeconds', '--deregistration-delay'],
  ['drainTimeoutMs', 'drainTimeoutMs', '--drain-timeout-ms'],
  ['longestRequest', 'longestRequestSeconds', '--longest-request'],
  ['healthPath', 'healthPath', '--health-path'],
];

/** The demo traffic's stream, when the drills open any, and how its length adds up. */
export function localProbeLongestStream(drills: readonly Drill[]): { seconds: number; how: string } | undefined {
  if (!drills.some((d) => d.probe.local.streams.count > 0)) return undefined;
  const { ttftMs, tokens, intervalMs } = DEMO_STREAM;
  const ms = ttftMs + tokens * intervalMs;
  return { seconds: Math.ceil(ms / 1000), how: `the demo traffic's stream: ${ttftMs} ms to the first event + ${tokens} × ${intervalMs} ms = ${ms / 1000} s, rounded up` };
}

export function rehearsalConfig(base: ContextLookup, flags: RehearsalFlags, drills: readonly Drill[]): { config: DrillsConfig; sources: SettingSources } {
  const fromCdk = (base('drills') ?? {}) as DrillsConfigOverrides;
  const service: Record<string, unknown> = { ...(fromCdk.service ?? {}) };
  const sources: Record<string, { flag: string; fromFlag?: boolean; derivedFrom?: string }> = {};
  const masked = new Set<string>();
  for (const [flag, key, name] of FLAGS) {
    sources[key] = { flag: name };
    if (flags[flag] === undefined) continue;
    service[key] = flags[flag];
    sources[key] = { flag: name, fromFlag: true };
    masked.add(`service.${key}`);
  }
  if (flags.stopTimeout !== undefined && flags.drainTimeoutMs === undefined) {
    delete service.drainTimeoutMs; // re-derived from the flag by loadConfig
    masked.add('service.drainTimeoutMs');
  }
  const ownTraffic = flags.traffic !== undefined || (fromCdk.service as { traffic?: unknown } | undefined)?.traffic !== undefined || base('service.traffic') !== undefined;
  const probe = ownTraffic ? undefined : localProbeLongestStream(drills);
  if (flags.longestRequest === undefined && probe) {
    service.longestRequestSeconds = probe.seconds;
    sources.longestRequestSeconds = { flag: '--longest-request', derivedFrom: probe.how };
    masked.add('service.longestRequestSeconds');
  }
  const overrides: DrillsConfigOverrides = {
    ...fromCdk,
    service: service as DrillsConfigOverrides['service'],
    local: { ...(fromCdk.local ?? {}), ...(flags.launchDelayMs !== undefined ? { launchDelayMs: flags.launchDelayMs } : {}) },
  };
  if (flags.launchDelayMs !== undefined) masked.add('local.launchDelayMs');
  const lookup: ContextLookup = (key) => (key === 'drills' ? overrides : masked.has(key) ? undefined : base(key));
  return loadConfigWithSources(lookup, sources as SettingSources);
}
