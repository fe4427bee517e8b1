import * as path from 'path';
import { isFigureName } from './figures';
import { parseIsoDuration } from './iso-duration';
import { FAULT_KINDS, MAX_STOP_CONDITIONS, STOP_CONDITION_NAMES, type Drill, type DrillSpec, type PerMode, type ProbeSpec } from './types';

export class DrillDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: invalid drill definition:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DrillDefinitionError';
  }
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const COMPARISONS = ['<=', '<', '>=', '>', '=='];
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/;

/**
 * Validates a drill and returns it with its file recorded. Every problem is gathered into one
 * error that names the file. Call as `defineDrill(__filename, { ... })`.
 */
export function defineDrill(file: string, spec: DrillSpec): Drill {
  const problems = drillProblems(spec);
  const expectedId = path.basename(file).replace(/\.(ts|js)$/, '');
  if (spec.id !== expectedId && !file.startsWith('<')) {
    problems.push(`id ${JSON.stringify(spec.id)} does not match the file name: name the file ${spec.id}.ts or the drill ${JSON.stringify(expectedId)}`);
  }
  if (problems.length > 0) throw new DrillDefinitionError(file, problems);
  return { ...spec, file };
}

/** Every problem of a drill spec, each naming the field, the value received and what to do; empty when valid. */
export function drillProblems(spec: DrillSpec): string[] {
  const problems: string[] = [];
  if (typeof spec.id !== 'string' || !ID.test(spec.id)) problems.push(`id ${JSON.stringify(spec.id)} must be kebab-case (e.g. "task-stop-drain")`);
  if (!spec.title) problems.push('title is empty: give the drill a short title');
  if (!spec.hypothesis) problems.push('hypothesis is empty: state in one sentence what should hold');
  problems.push(...faultProblems(spec.fault));
  const stops = spec.stopConditions ?? [];
  if (stops.length === 0) problems.push('stopConditions is empty: name at least one alarm (FIS templates must never run unguarded)');
  if (stops.length > MAX_STOP_CONDITIONS) problems.push(`stopConditions has ${stops.length} alarms: FIS allows at most ${MAX_STOP_CONDITIONS}`);
  for (const s of stops) {
    if (!STOP_CONDITION_NAMES.includes(s)) problems.push(`stopConditions: unknown alarm ${JSON.stringify(s)}; known: ${STOP_CONDITION_NAMES.join(', ')}`);
  }
  problems.push(...perMode('probe', spec.probe, probeProblems));
  if (!spec.expect || spec.expect.length === 0) problems.push('expect is empty: a drill without expectations cannot be judged');
  for (const [i, e] of (spec.expect ?? []).entries()) {
    if (!isFigureName(e.figure)) problems.push(`expect[${i}]: unknown figure ${JSON.stringify(e.figure)}`);
    if (!COMPARISONS.includes(e.op)) problems.push(`expect[${i}]: unknown comparison ${JSON.stringify(e.op)}; use one of ${COMPARISONS.join(' ')}`);
    const bounds = typeof e.bound === 'number' ? [e.bound] : [e.bound?.aws, e.bound?.local];
    if (bounds.some((b) => typeof b !== 'number' || !Number.isFinite(b))) problems.push(`expect[${i}]: bound must be a finite number (or { aws, local } numbers)`);
  }
  if (spec.schedule !== undefined && !SCHEDULE.test(spec.schedule)) {
    problems.push(`schedule ${JSON.stringify(spec.schedule)} is not a rate(...) or cron(...) expression`);
  }
  return problems;
}

function faultProblems(fault: DrillSpec['fault']): string[] {
  if (!fault || !FAULT_KINDS.includes(fault.kind)) {
    return [`fault.kind ${JSON.stringify((fault as { kind?: unknown } | undefined)?.kind)} is unknown; known: ${FAULT_KINDS.join(', ')}`];
  }
  switch (fault.kind) {
    case 'stop-task':
      return selectionProblems(fault.targets);
    case 'kill-process': {
      const problems = selectionProblems(fault.targets);
      if (fault.signal !== 'SIGKILL' && fault.signal !== 'SIGTERM') problems.push(`fault.signal ${JSON.stringify(fault.signal)} must be SIGKILL or SIGTERM`);
      return problems;
    }
    case 'az-outage': {
      const problems = Number.isInteger(fault.zoneIndex) && fault.zoneIndex >= 0 ? [] : [`fault.zoneIndex ${fault.zoneIndex} must be a whole number ≥ 0`];
      return problems.concat(perMode('fault.duration', fault.duration, durationProblems(60, 12 * 3600)));
    }
    case 'dependency-outage': {
      const problems = fault.dependency === 'database' ? [] : [`fault.dependency ${JSON.stringify(fault.dependency)} is unknown; known: database`];
      // The ECS network actions state no range: FIS's 12-hour action quota bounds them (fis-facts §1, §7).
      return problems.concat(perMode('fault.duration', fault.duration, durationProblems(1, 12 * 3600)));
    }
    case 'database-failover':
      return durationProblems(0, Infinity)('fault.localDowntime', fault.localDowntime, 'local');
  }
}

function selectionProblems(targets: { count?: number; percent?: number } | undefined): string[] {
  if (targets && 'count' in targets) return Number.isInteger(targets.count) && targets.count! >= 1 ? [] : [`fault.targets.count ${targets.count} must be a whole number ≥ 1`];
  if (targets && 'percent' in targets)
    return Number.isInteger(targets.percent) && targets.percent! >= 1 && targets.percent! <= 100 ? [] : [`fault.targets.percent ${targets.percent} must be a whole number 1–100`];
  return ['fault.targets must be { count: n } or { percent: n }'];
}

/** FIS action durations run from 1 minute to 12 hours; local rehearsals may be shorter. */
function durationProblems(awsMinSeconds: number, awsMaxSeconds: number) {
  return (name: string, value: string, mode: keyof PerMode<unknown>): string[] => {
    const seconds = parseIsoDuration(value);
    if (seconds === undefined) return [`${name} ${JSON.stringify(value)} is not an ISO-8601 duration (e.g. PT5M)`];
    if (mode === 'aws' && (seconds < awsMinSeconds || seconds > awsMaxSeconds)) return [`${name} ${value} is outside what FIS accepts (PT1M to PT12H)`];
    return seconds > 0 ? [] : [`${name} ${value} must be longer than zero`];
  };
}

function probeProblems(name: string, probe: ProbeSpec, mode: keyof PerMode<unknown>): string[] {
  if (!probe) return [`${name} is missing`];
  const problems: string[] = [];
  const s = probe.streams;
  if (!s || !Number.isInteger(s.count) || s.count < 0) problems.push(`${name}.streams.count must be a whole number ≥ 0`);
  if (s && ('tokens' in s || 'intervalMs' in s || 'ttftMs' in s))
    problems.push(`${name}.streams takes only count now: what a stream is (path, body, length) is the service's traffic profile (service.traffic)`);
  const j = probe.jobs;
  if (!j || !Number.isInteger(j.count) || j.count < 0) problems.push(`${name}.jobs.count must be a whole number ≥ 0 (0 = no jobs)`);
  if (!probe.requests || !(probe.requests.perSecond >= 0)) problems.push(`${name}.requests.perSecond must be ≥ 0`);
  const anyDuration = durationProblems(0, Infinity);
  problems.push(...anyDuration(`${name}.warmup`, probe.warmup, mode), ...anyDuration(`${name}.recoveryTimeout`, probe.recoveryTimeout, mode));
  return problems;
}

function perMode<T>(name: string, value: PerMode<T> | undefined, check: (name: string, v: T, mode: keyof PerMode<T>) => string[]): string[] {
  if (!value || value.aws === undefined || value.local === undefined) return [`${name} needs both { aws, local }`];
  return [...check(`${name}.aws`, value.aws, 'aws'), ...check(`${name}.local`, value.local, 'local')];
}

/** The bound of an expectation in one mode. */
export function boundFor(bound: number | PerMode<number>, mode: keyof PerMode<number>): number {
  return typeof bound === 'number' ? bound : bound[mode];
}
