/**
 * The config a game-day runner task reads: the service profile its task definition carries in
 * `DRILLS_SERVICE_PROFILE` (RUNNER_ENV.serviceProfile; written at synth by
 * lib/game-days/runner-service-profile.ts), one `services` entry as JSON. When it is set, the
 * CLI's config comes from it and not from cdk.json (the task has none); the settings go through
 * the same table and schema as cdk.json's (lib/config-services.ts), so a bad value is said the
 * same way, naming the variable.
 */
import { ConfigError, type ContextLookup } from '../config';
import { servicePrefix } from '../config-services';
import { RUNNER_ENV } from '../contract';

export interface ServiceProfileContext {
  /** The config context with the profile as the one entry of `services`. */
  readonly lookup: ContextLookup;
  /** The profile's service name, when it has one. */
  readonly name?: string;
}

const FIX = `it is written at synth by the game-day runner construct: fix the service's settings where the app is built (cdk.json, -c, or ServiceDrills' serviceProfile) and redeploy, or unset ${RUNNER_ENV.serviceProfile} to read cdk.json`;

/**
 * The profile in `env`, or undefined when the variable is unset or empty.
 * @throws ConfigError when it is not a JSON object, naming the variable and the fix.
 */
export function serviceProfileContext(env: NodeJS.ProcessEnv = process.env): ServiceProfileContext | undefined {
  const text = env[RUNNER_ENV.serviceProfile];
  if (text === undefined || text.trim() === '') return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([`${RUNNER_ENV.serviceProfile} is not JSON (${(e as Error).message}; it begins ${JSON.stringify(text.slice(0, 40))}); ${FIX}`]);
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ConfigError([`${RUNNER_ENV.serviceProfile} must be a JSON object like { "name": "checkout", "traffic": { … } }; got ${JSON.stringify(entry)}; ${FIX}`]);
  }
  const name = (entry as { name?: unknown }).name;
  return { lookup: (key) => (key === 'drills' ? { services: [entry] } : undefined), ...(typeof name === 'string' ? { name } : {}) };
}

/** A ConfigError of the profile's settings, said as the profile's: each problem, then the fix. */
export function profileProblems(e: ConfigError): string {
  return `${RUNNER_ENV.serviceProfile} (this runner task's service profile) has ${e.problems.length} problem(s):\n${e.problems.map((p) => `  - ${p}`).join('\n')}\n${FIX}`;
}

/** `--service <name>` against the profile's service: undefined when it is the same service (by name or stacks' prefix, any case), else the usage error. */
export function profileServiceMismatch(profile: ServiceProfileContext, service: string | undefined): string | undefined {
  if (service === undefined || profile.name === undefined) return undefined;
  const names = (n: string) => [n, servicePrefix(n)].map((x) => x.toLowerCase());
  if (names(service).some((n) => names(profile.name as string).includes(n))) return undefined;
  return `--service ${service}: this runner task's ${RUNNER_ENV.serviceProfile} is the profile of service ${profile.name}; each service has its own runner task (its Drills stack's RunnerTaskDefinitionArn output): run that one, or pass --service ${profile.name}`;
}
