/**
 * The service profile the game-day runner task carries in its environment
 * (RUNNER_ENV.serviceProfile, `DRILLS_SERVICE_PROFILE`): the drilled service's settings, resolved
 * over the defaults by the same settings table and schema cdk.json goes through
 * (lib/config-services.ts loadServices), written as one `services` entry —
 * `{ "name", "healthPath", "traffic", …, "drills": [ids] }`. `drills run` in the task reads its
 * config from it (lib/cli/service-profile-env.ts), never from a cdk.json: the task knows only what
 * travels with its task definition, so a library user's own app, or a service given only with
 * `-c` at deploy time, is drilled with its own traffic. Pure; synth-time only.
 */
import { ConfigError, type ServiceProfile } from '../config';
import { loadServices } from '../config-services';
import { RUNNER_ENV } from '../contract';

/** The settings a runner profile is made from: any of `service.*` (lib/config-settings.ts); unset ones take their defaults. */
export type RunnerServiceSettings = Partial<ServiceProfile>;

/**
 * The app container's own settings, left out of the profile: the runner never reads them, and
 * they can be large (policy statements, sidecars). Everything else of `service.*` travels.
 */
export const APP_CONTAINER_KEYS = ['environment', 'secrets', 'taskRolePolicyStatements', 'sidecars'] as const;

/**
 * The most bytes (UTF-8 JSON) the profile may take. An ECS task definition may be at most 64 KiB
 * (ECS Developer Guide, "Amazon ECS service quotas", "Task definition size"; older copies of that
 * page say 32 KiB, not checked against a live account here): keeping the profile under 32 KiB
 * leaves the rest of the runner's definition (~2 KiB) room under either figure.
 */
export const SERVICE_PROFILE_MAX_BYTES = 32 * 1024;

export interface RunnerServiceProfileInput {
  /** The service's name (ServiceDrills `name`: the FIS `service` tag, `--service <name>`). */
  readonly name: string;
  /** Its settings. @default - every setting's default (the demo's traffic) */
  readonly settings?: RunnerServiceSettings;
  /** The drills it has templates for. */
  readonly drillIds: readonly string[];
}

/**
 * The profile as the JSON the task's environment gets, or every problem with it at once: a
 * setting the schema refuses (as cdk.json would be told), a `name` other than the service's,
 * or a profile over SERVICE_PROFILE_MAX_BYTES. Never throws for bad settings.
 */
export function runnerServiceProfile(input: RunnerServiceProfileInput): { json: string } | { problems: string[] } {
  const where = `serviceProfile of ${input.name} (the game-day runner's ${RUNNER_ENV.serviceProfile})`;
  const given = { ...(input.settings ?? {}) } as Record<string, unknown>;
  if (given.name !== undefined && given.name !== input.name) {
    return { problems: [`${where}: name is ${JSON.stringify(given.name)} but the service is named ${input.name}; leave name out, or give ServiceDrills the same name`] };
  }
  for (const key of APP_CONTAINER_KEYS) delete given[key];
  let resolved: Record<string, unknown>;
  try {
    const [service] = loadServices((key) => (key === 'drills' ? { services: [{ ...given, name: input.name, drills: [...input.drillIds] }] } : undefined));
    resolved = { ...(service.config.service as unknown as Record<string, unknown>) };
  } catch (e) {
    if (e instanceof ConfigError) return { problems: e.problems.map((p) => `${where}: ${p.replace(/^services\[0\] "[^"]*": /, '')}`) };
    throw e;
  }
  for (const key of APP_CONTAINER_KEYS) delete resolved[key];
  // `${` written as `\u0024{`: the same JSON to a parser, but no `${env:…}` placeholder in the
  // template that CloudFormation's linter takes for an Fn::Sub parameter (cfn-lint E1029).
  const json = JSON.stringify({ ...resolved, drills: [...input.drillIds] }).replace(/\$\{/g, '\\u0024{');
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > SERVICE_PROFILE_MAX_BYTES) {
    return {
      problems: [
        `${where} is ${bytes} bytes of JSON, over the ${SERVICE_PROFILE_MAX_BYTES} the runner task definition keeps for it (an ECS task definition may be at most 64 KiB): make service.traffic smaller (shorter bodies, fewer headers)`,
      ],
    };
  }
  return { json };
}
