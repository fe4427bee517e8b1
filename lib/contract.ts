/**
 * Every name that crosses a layer: the tags the stacks write and the runner, the guardrails and
 * `drills stop` read; the environment the stacks and the local engine give the service; the
 * stack outputs the runner reads; the journal's schema id. Both sides import these constants, so
 * renaming one renames it everywhere (test/contract.test.ts synthesizes the app and reads it back
 * with the runner's readers). DESIGN "Interfaces".
 *
 * The demo service (service/src/env.ts) is built on its own (its Docker context is `service/`)
 * and spells the environment names itself; the contract test reads its env with these names.
 */

/** Tag on every FIS experiment template and experiment this tool makes: the drill id. */
export const DRILL_TAG = 'drill';
/** Tag on every FIS experiment template: the service name (`service.name`). */
export const SERVICE_TAG = 'service';
/** Tag on an experiment a game-day schedule starts: `game-day`. */
export const TRIGGER_TAG = 'trigger';
/** Tag on every experiment the runner starts: its run id (`drills stop --all-mine` looks for it). */
export const RUN_ID_TAG = 'fis-drills:run-id';
/** Tag on every experiment the runner starts: the caller's ARN, cut to MAX_TAG_VALUE. */
export const OPERATOR_TAG = 'fis-drills:operator';
/** Tag on the experiment of a preflight dry run (`actionsMode: skip-all`). */
export const DRY_RUN_TAG = 'fis-drills:dry-run';
/** FIS tag values are at most 256 characters (FIS API Reference, "Tag" / `tags` of StartExperiment). */
export const MAX_TAG_VALUE = 256;
/** Task-definition tag: the longest request the service serves, in seconds (read by the drain guardrails). */
export const LONGEST_REQUEST_TAG = 'fis-drills:longest-request-seconds';

/** Environment the service reads (the stacks set PORT and DRAIN_TIMEOUT_MS; the local engine all five). */
export const SERVICE_ENV = {
  /** Port to listen on. */
  port: 'PORT',
  /** Address to bind (the local engine: 127.0.0.1). */
  host: 'HOST',
  /** Task id the service reports in its logs and `x-task` header. */
  taskId: 'TASK_ID',
  /** Zone the service reports. */
  zone: 'ZONE',
  /** The drain deadline after SIGTERM, in ms (`service.drainTimeoutMs`; DESIGN "The drain budget"). */
  drainTimeoutMs: 'DRAIN_TIMEOUT_MS',
  /** Optional: the longest request in seconds, an alternative to LONGEST_REQUEST_TAG for your own stacks. */
  longestRequestSeconds: 'LONGEST_REQUEST_SECONDS',
} as const;

/**
 * Environment the game-day runner task's container gets (lib/game-days/runner-task.ts) and
 * `drills run` reads:
 * - `notifyTopicArn`: the topic a finished run's summary goes to (as `--notify` does; the flag
 *   wins), so a schedule's command stays `run <drill> --service <name> --yes --out s3://…`;
 * - `serviceProfile`: the drilled service's profile as JSON, one `services` entry of the config
 *   (`{ "name", "traffic", "healthPath", …, "drills": [ids] }`, lib/game-days/runner-service-profile.ts):
 *   when set, the CLI reads its config from it instead of cdk.json (lib/cli/service-profile-env.ts).
 */
export const RUNNER_ENV = {
  notifyTopicArn: 'DRILLS_NOTIFY_TOPIC_ARN',
  serviceProfile: 'DRILLS_SERVICE_PROFILE',
} as const;

/**
 * Every game-day schedule of a service is in the EventBridge Scheduler schedule group
 * `fis-drills-<service>` (gameDayScheduleGroup): `drills game-days pause|resume` finds them all
 * by this prefix (lib/cli/commands/game-days.ts).
 */
export const GAME_DAY_SCHEDULE_GROUP_PREFIX = 'fis-drills-';

/** The schedule group of a service's game days (Scheduler allows 64 characters of `[0-9A-Za-z-_.]`). */
export function gameDayScheduleGroup(serviceName: string): string {
  return `${GAME_DAY_SCHEDULE_GROUP_PREFIX}${serviceName}`.replace(/[^0-9A-Za-z_.-]/g, '-').slice(0, 64);
}

/**
 * How the service reaches its database (service/src/database-settings.ts reads them): the local
 * engine gives `url`; the Workload stack gives the parts — host, port, name and TLS mode in the
 * environment, user and password as ECS secrets from the cluster's Secrets Manager secret.
 */
export const DATABASE_ENV = {
  url: 'DATABASE_URL',
  host: 'DATABASE_HOST',
  port: 'DATABASE_PORT',
  name: 'DATABASE_NAME',
  user: 'DATABASE_USER',
  password: 'DATABASE_PASSWORD',
  /** `no-verify` (TLS, certificate not checked) or `disable`. */
  ssl: 'DATABASE_SSL',
  /** `true` puts the database on the health check's path: the anti-pattern the guardrail DRILL-DRAIN-14 and dependency-outage catch. */
  healthCheckDatabase: 'HEALTH_CHECK_DATABASE',
} as const;

/** Stack outputs the runner reads from `cdk deploy --outputs-file` or DescribeStacks. */
export const OUTPUT_KEYS = {
  serviceUrl: 'ServiceUrl',
  clusterName: 'ClusterName',
  serviceName: 'ServiceName',
  loadBalancerFullName: 'LoadBalancerFullName',
  targetGroupFullName: 'TargetGroupFullName',
} as const;

/**
 * Optional stack outputs, present only where the stack builds the thing they name.
 * - `databaseClusterIdentifier`: the Aurora cluster of `service.database` (Workload stack); the RDS
 *   CloudWatch dimension `DBClusterIdentifier` and the FIS `aws:rds:*` target use it.
 * - `databasePort`: the port the dependency drills black-hole.
 * - `runnerTaskDefinitionArn`, `runnerClusterName`, `runnerSubnetIds` (comma-separated), `runnerSecurityGroupId`,
 *   `evidenceBucketName`: what `drills run --remote` needs to start the game-day runner task (Drills stack).
 * - `evidencePrefix`: the prefix in that bucket the runner task may write (`game-days/<service>`); the
 *   remote run's `--out` and where its evidence is fetched from.
 */
export const OPTIONAL_OUTPUT_KEYS = {
  databaseClusterIdentifier: 'DatabaseClusterIdentifier',
  databasePort: 'DatabasePort',
  runnerTaskDefinitionArn: 'RunnerTaskDefinitionArn',
  runnerClusterName: 'RunnerClusterName',
  runnerSubnetIds: 'RunnerSubnetIds',
  runnerSecurityGroupId: 'RunnerSecurityGroupId',
  evidenceBucketName: 'EvidenceBucketName',
  evidencePrefix: 'EvidencePrefix',
} as const;

/** A drill's template-id output key, as templateOutputKey writes it. */
export const TEMPLATE_OUTPUT_KEY = /^Drill([A-Za-z0-9]+)TemplateId$/;

/** The stack output that carries a drill's FIS template id: `task-stop-drain` → `DrillTaskStopDrainTemplateId`. */
export function templateOutputKey(drillId: string): string {
  const pascal = drillId
    .split('-')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `Drill${pascal}TemplateId`;
}

/** The `schema` of every journal.json the runner writes and `drills report` reads. */
export const JOURNAL_SCHEMA = 'fis-drills/journal@1';
