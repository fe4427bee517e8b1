/**
 * The settings table: every setting of the config, declared once, with its kind, default,
 * whether it may be left unset, and what it means. The TypeScript types (lib/config.ts), the
 * defaults, the merge of overrides (kind and known keys) and the settings table in
 * docs/deploy.md all read this schema; cross-setting rules live in lib/config-validate.ts.
 * A new setting is one line here (and a row in docs/deploy.md, which a test keeps in step).
 */
import { z } from 'zod';
import { derivedDrainTimeoutMs } from './config-derive';
import { certificateArnSchema, environmentSchema, policyStatementsSchema, secretsSchema, sidecarsSchema } from './config-managed-settings';
import { DEMO_TRAFFIC } from './traffic/demo-traffic';
import type { TrafficProfile } from './traffic/traffic-profile';

export interface SettingMeta {
  readonly description: string;
  /** The value when nothing sets it; absent for an optional setting. */
  readonly default?: unknown;
  /** How docs/deploy.md shows the default when the value alone would mislead ("stopTimeout − 10 s"). */
  readonly docDefault?: string;
  /** An optional group whose unset keys come from this setting's merged value. */
  readonly defaultsFrom?: string;
  /** Taken as a whole when set (a JSON value), checked by its own schema in config-validate. */
  readonly whole?: boolean;
}

/** What each schema of the table means; read by settingRows (lib/config-rows.ts). */
export const settingMeta = z.registry<SettingMeta>();

function setting<T extends z.ZodType>(schema: T, defaultValue: z.output<T>, description: string, docDefault?: string): T {
  settingMeta.add(schema, { description, default: defaultValue, ...(docDefault ? { docDefault } : {}) });
  return schema;
}

function optional<T extends z.ZodType>(schema: T, description: string, docDefault: string): z.ZodOptional<T> {
  const unset = schema.optional();
  settingMeta.add(unset, { description, docDefault });
  return unset;
}

/** An optional setting taken as a whole (a JSON value; `-c key='<json>'`), checked by its schema. */
function optionalWhole<T extends z.ZodType>(schema: T, description: string, docDefault: string): z.ZodOptional<T> {
  const unset = schema.optional();
  settingMeta.add(unset, { description, docDefault, whole: true });
  return unset;
}

function group<T extends z.ZodRawShape>(shape: T, description: string) {
  return z.object(shape).register(settingMeta, { description });
}

const STOP_TIMEOUT_SECONDS = 120;

/** Container health check, as ECS runs it (ECS `HealthCheck`: interval 5–300 s, timeout 2–60 s, retries 1–10). */
function containerHealthCheckShape(d: { intervalSeconds: number; timeoutSeconds: number; retries: number; startPeriodSeconds: number }) {
  return {
    intervalSeconds: setting(z.number(), d.intervalSeconds, 'container health check: seconds between checks (ECS 5–300)'),
    timeoutSeconds: setting(z.number(), d.timeoutSeconds, 'container health check: seconds before a check fails (ECS 2–60)'),
    retries: setting(z.number(), d.retries, 'container health check: failed checks before the container is unhealthy (ECS 1–10)'),
    startPeriodSeconds: setting(z.number(), d.startPeriodSeconds, 'container health check: seconds after start when failures do not count (ECS 0–300)'),
  };
}

/** Target-group health check (ELB `HealthCheckIntervalSeconds` 5–300, timeout 2–120, thresholds 2–10). */
function albHealthCheckShape(d: { intervalSeconds: number; timeoutSeconds: number; healthyThreshold: number; unhealthyThreshold: number }, who: string) {
  return {
    intervalSeconds: setting(z.number(), d.intervalSeconds, `${who}: seconds between checks`),
    timeoutSeconds: setting(z.number(), d.timeoutSeconds, `${who}: seconds before a check fails (below the interval)`),
    healthyThreshold: setting(z.number(), d.healthyThreshold, `${who}: passing checks before a target is healthy`),
    unhealthyThreshold: setting(z.number(), d.unhealthyThreshold, `${who}: failing checks before a target is unhealthy`),
  };
}

/**
 * `service.database`: an Aurora PostgreSQL Serverless v2 cluster for the service (lib/workload/aurora-database.ts).
 * `true` takes every default; an object sets some. Capacity is in Aurora capacity units (ACU); CDK
 * takes 0–256 in steps of 0.5 for the minimum and 1–256 for the maximum (aws-rds `ClusterInstance.serverlessV2`).
 */
export const databaseObjectSchema = z
  .strictObject({
    minCapacity: z.number().min(0.5).max(256).multipleOf(0.5).optional(),
    maxCapacity: z.number().min(1).max(256).multipleOf(0.5).optional(),
    databaseName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'a letter, then letters, digits and _, at most 63 characters')
      .optional(),
    port: z.number().int().min(1150).max(65535).optional(),
    maxConnections: z.number().int().min(1).optional(),
  })
  .refine((d) => (d.minCapacity ?? 0.5) <= (d.maxCapacity ?? 2), { message: 'minCapacity must not be above maxCapacity', path: ['minCapacity'] });

/** `service.database` as written: a switch, or an object of settings. */
export const databaseSettingsSchema = z.union([z.boolean(), databaseObjectSchema], { error: 'use true, false or an object like { "maxCapacity": 4 } (on the command line: -c service.database=true)' });

export const serviceSettings = group(
  {
    name: setting(z.string(), 'drills-demo', 'names the stacks, alarms, dashboard, the ECS service and the FIS `service` tag'),
    imageUri: optional(z.string(), 'a container image URI to drill instead of the demo service built from `service/`', '(build `service/`)'),
    healthCheckCommand: optional(
      z.string(),
      'exec-form container health check for your own image, words separated by spaces (e.g. "/app/healthcheck --port 8080")',
      '(demo: `node dist/healthcheck.js`)',
    ),
    containerPort: setting(z.number(), 8080, "the app's port (also passed as `PORT`)"),
    healthPath: setting(z.string(), '/healthz', 'ALB health-check path'),
    processName: setting(z.string(), 'node', "the app's process name as `killall` sees it (FIS kill-process, the hard-kill drill)"),
    startCommand: setting(z.string(), 'node service/dist/server.js', "the container's start command, run locally by `drills rehearse`"),
    cpu: setting(z.number(), 256, 'Fargate task CPU units'),
    memoryMiB: setting(z.number(), 512, 'Fargate task memory, MiB'),
    desiredCount: setting(z.number(), 2, 'tasks (at least 2)'),
    azCount: setting(z.number(), 2, 'zones of the VPC and service (at least 2)'),
    stopTimeoutSeconds: setting(z.number(), STOP_TIMEOUT_SECONDS, 'ECS stopTimeout: SIGKILL follows SIGTERM this much later (2–120 on Fargate)'),
    drainTimeoutMs: setting(z.number(), derivedDrainTimeoutMs(STOP_TIMEOUT_SECONDS), "the app's drain deadline, passed as `DRAIN_TIMEOUT_MS`; below stopTimeout", 'stopTimeout − 10 s'),
    deregistrationDelaySeconds: setting(z.number(), 90, 'ALB `deregistration_delay.timeout_seconds`'),
    longestRequestSeconds: setting(z.number(), 60, 'the longest request (a whole stream) the service serves'),
    healthCheckGracePeriodSeconds: setting(z.number(), 30, 'ECS ignores ALB health this long after a task starts'),
    containerHealthCheck: group(containerHealthCheckShape({ intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 }), 'container health check'),
    albHealthCheck: group(albHealthCheckShape({ intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2 }, 'target-group health check'), 'target-group health check'),
    traffic: z.custom<TrafficProfile>().register(settingMeta, {
      description: 'what customers do to the service (streams, requests, jobs; docs/your-service.md), replaced as a whole; `--traffic <file>` wins over it',
      default: DEMO_TRAFFIC,
      docDefault: "(the demo's traffic)",
      whole: true,
    }),
    albIdleTimeoutSeconds: setting(z.number(), 60, "the load balancer's idle timeout; keep idle keep-alive connections open longer in the service"),
    environment: optionalWhole(environmentSchema, 'managed only: extra environment of the app container, `{ "NAME": "value" }` (not `PORT`, `DRAIN_TIMEOUT_MS`; no secrets here)', '(none)'),
    secrets: optionalWhole(
      secretsSchema,
      'managed only: `{ "NAME": <reference> }`, a Secrets Manager or SSM parameter ARN, `{ "secretsManager": "<name>", "field": "<key>" }` or `{ "ssmParameter": "<name>" }`; never a value',
      '(none)',
    ),
    taskRolePolicyStatements: optionalWhole(
      policyStatementsSchema,
      'managed only: task-role statements, `[{ "actions": ["s3:GetObject"], "resources": ["arn:…"], "effect"?, "conditions"? }]`',
      '(none)',
    ),
    cpuArchitecture: setting(
      z.enum(['X86_64', 'ARM64'], { error: 'use "X86_64" or "ARM64"' }),
      'X86_64',
      'managed only: the task CPU architecture (`ARM64`: Graviton); the demo image is built for it',
    ),
    internal: setting(z.boolean(), false, 'managed only: an internal load balancer in the private subnets (reachable from inside the VPC only)'),
    https: z
      .object({
        certificateArn: certificateArnSchema.register(settingMeta, { description: 'the ACM certificate of the HTTPS listener' }),
        redirectHttp: setting(z.boolean(), true, 'port 80 redirects to HTTPS; `false` for HTTPS only'),
      })
      .optional()
      .register(settingMeta, {
        description: 'managed only: `{ "certificateArn": "arn:aws:acm:…", "redirectHttp"?: true }`, HTTPS on 443 (TLS 1.3 policy) and HTTP on 80 redirecting to it',
        docDefault: '(HTTP on 80 only)',
      }),
    sidecars: optionalWhole(
      sidecarsSchema,
      'managed only: extra containers, `{ "<name>": { "image", "essential"?, "command"?, "environment"?, "secrets"?, "cpu"?, "memoryReservationMiB"?, "containerPort"? } }`',
      '(none)',
    ),
    database: databaseSettingsSchema.register(settingMeta, {
      description:
        'managed only: an Aurora PostgreSQL Serverless v2 database for the service (`true`, or `{ minCapacity, maxCapacity, databaseName, port, maxConnections }`); the dependency drills get templates only where a service has one (docs/deploy.md, "A database")',
      default: false,
      whole: true,
    }),
  },
  'the service profile',
);

export const drillSettings = group(
  {
    environment: setting(
      z.enum(['production', 'non-production'], { error: 'use "production" or "non-production"' }),
      'non-production',
      '`production` tightens the guardrails (no ALL / PERCENT(100) on service tasks)',
    ),
    gameDays: setting(z.boolean(), false, 'create EventBridge Scheduler schedules for drills that declare one'),
    gameDaysEnabled: setting(z.boolean(), false, 'create those schedules ENABLED (otherwise DISABLED); `false` and a deploy pauses every game day of the app'),
    gameDaysTopicArn: optional(z.string(), "an existing SNS topic each game day's verdict goes to; the runner task may publish only there", '(a topic per service, made by the app)'),
    gameDaysTopicKeyArn: optional(z.string(), 'the customer managed KMS key that encrypts `gameDaysTopicArn`, if one does: the runner task may use it to publish', '(none)'),
    reportBucket: optional(z.string(), 'S3 bucket for FIS experiment reports', '(none)'),
    deadMansSwitch: setting(z.boolean(), false, "publish the runner's probe heartbeat and guard drills with its alarm"),
    stopConditions: group(
      {
        maxErrorRate: setting(z.number(), 0.05, 'error-rate alarm threshold (5xx share of requests, target + ELB)'),
        minHealthyHosts: setting(z.number(), 1, 'the healthy-hosts alarm trips below this'),
        minRunningTasks: setting(z.number(), 1, 'the running-tasks alarm trips below this'),
      },
      'stop-condition alarms',
    ),
  },
  'the drill options',
);

export const localSettings = group(
  {
    zones: setting(z.array(z.string()), ['zone-a', 'zone-b', 'zone-c'], 'the zones a rehearsal spreads tasks over'),
    launchDelayMs: setting(z.number(), 300, 'how long the local scheduler takes to start a replacement task'),
    containerHealthCheck: z
      .object(containerHealthCheckShape({ intervalSeconds: 10, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 }))
      .optional()
      .register(settingMeta, {
        description: "a different container health check for rehearsals only; keys not set are the service's own",
        docDefault: "(the service's own)",
        defaultsFrom: 'service.containerHealthCheck',
      }),
    albHealthCheck: group(
      albHealthCheckShape({ intervalSeconds: 0.5, timeoutSeconds: 0.4, healthyThreshold: 2, unhealthyThreshold: 2 }, 'local load balancer health check'),
      'local load balancer health check',
    ),
  },
  "local rehearsal only: the drain budget and container check are the stack's own, only the load balancer polls faster",
);

export const drillsConfigSettings = z.object({ service: serviceSettings, drills: drillSettings, local: localSettings });
