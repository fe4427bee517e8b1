/**
 * The settings a managed service (one this app builds) takes beyond its drain budget, as zod
 * schemas the settings table (lib/config-settings.ts) declares once: the app container's
 * `environment` and `secrets`, task-role policy statements, extra `sidecars` and the HTTPS
 * listener. Each message says what is wrong and what to do; the checker
 * (lib/config-schema-check.ts) adds where it is written and the value received.
 *
 * A secret is a reference (ECS `secrets[].valueFrom`: a Secrets Manager secret or an SSM Parameter
 * Store parameter, by ARN or by name), never its value: cdk.json is committed and the template
 * would carry it. Anything that reads like a value is refused, and the text is not echoed.
 * Names: Secrets Manager "CreateSecret" (1–512 of `A-Za-z0-9/_+=.@-`), SSM "PutParameter"
 * (`A-Za-z0-9/_.-`, up to 1011 with the path). ACM ARNs: `arn:aws:acm:<region>:<account>:certificate/<id>`.
 */
import { z } from 'zod';
import { SERVICE_ENV } from './contract';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const PARAMETER_NAME = /^[A-Za-z0-9/_.-]{1,1011}$/;
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
/** The app container and the SSM agent sidecar (lib/workload): a sidecar cannot take their names. */
const RESERVED_CONTAINER_NAMES = ['app', 'ssm-agent'];
const OWNED_ENVIRONMENT: readonly string[] = [SERVICE_ENV.port, SERVICE_ENV.drainTimeoutMs];

/**
 * A secret reference: a Secrets Manager secret or SSM parameter ARN, `{ "secretsManager": "<name or
 * ARN>", "field"?: "<JSON key>" }`, or `{ "ssmParameter": "<name or ARN>" }`.
 */
export type SecretReference = string | { readonly secretsManager: string; readonly field?: string } | { readonly ssmParameter: string };

const HOW = 'store it in Secrets Manager or SSM Parameter Store and give its ARN, or { "secretsManager": "<secret name>" } / { "ssmParameter": "<parameter name>" }';

/** Marks an issue whose value must not be printed (it may be the secret itself). */
const REDACT = { redact: true } as const;

function secretReferenceIssue(value: unknown): string | undefined {
  const notShown = (v: unknown) => (typeof v === 'string' ? `a ${v.length}-character text, not shown` : `${typeof v}`);
  if (typeof value === 'string') {
    if (SECRETS_MANAGER_ARN.test(value) || SSM_PARAMETER_ARN.test(value)) return undefined;
    if (value.startsWith('arn:'))
      return `not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>); fix the ARN`;
    return `this reads like a secret's value (${notShown(value)}), not a reference: never put a value in config; ${HOW}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `give a reference (${notShown(value)}): ${HOW}`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if ('secretsManager' in o) {
    const extra = keys.filter((k) => k !== 'secretsManager' && k !== 'field');
    if (extra.length > 0) return `unknown key(s) ${extra.join(', ')} beside secretsManager: it takes "secretsManager" and optionally "field"`;
    if (typeof o.secretsManager !== 'string' || !(SECRETS_MANAGER_ARN.test(o.secretsManager) || SECRET_NAME.test(o.secretsManager)))
      return `secretsManager is not a secret name or ARN (${notShown(o.secretsManager)}): names are 1–512 of letters, digits and /_+=.@-; ${HOW}`;
    if (o.field !== undefined && (typeof o.field !== 'string' || o.field === '')) return 'field must be the JSON key to read from the secret (text)';
    return undefined;
  }
  if ('ssmParameter' in o) {
    if (keys.length > 1)
      return `unknown key(s) ${keys.filter((k) => k !== 'ssmParameter').join(', ')} beside ssmParameter: it takes "ssmParameter" only (fields exist in Secrets Manager JSON secrets)`;
    if (typeof o.ssmParameter !== 'string' || !(SSM_PARAMETER_ARN.test(o.ssmParameter) || PARAMETER_NAME.test(o.ssmParameter)))
      return `ssmParameter is not a parameter name or ARN (${notShown(o.ssmParameter)}): names are letters, digits and /_.-; ${HOW}`;
    return undefined;
  }
  return `give { "secretsManager": "<name>" } or { "ssmParameter": "<name>" } (got the key(s) ${keys.join(', ') || 'none'}), or an ARN`;
}

const secretReference = z.custom<SecretReference>().superRefine((value, ctx) => {
  const issue = secretReferenceIssue(value);
  // An ARN is a reference and may be shown; anything else may be the secret itself.
  if (issue) ctx.addIssue({ code: 'custom', message: issue, ...(typeof value === 'string' && value.startsWith('arn:') ? {} : { params: REDACT }) });
});

const envName = z.string().regex(ENV_NAME, 'use a variable name: letters, digits and _, not starting with a digit');

/** The app container's extra environment: names to text values (not secrets: see `secrets`). */
export const environmentSchema = z.record(envName, z.string({ error: 'give the value as text (quote numbers: "3")' })).superRefine((env, ctx) => {
  for (const key of Object.keys(env).filter((k) => OWNED_ENVIRONMENT.includes(k)))
    ctx.addIssue({ code: 'custom', path: [key], message: `${key} is set by the app from containerPort and drainTimeoutMs; set those instead` });
});

/** Variable name → secret reference; ECS injects the value at task start, the template holds the reference. */
export const secretsSchema = z.record(envName, secretReference);

/** An IAM statement for the task role (what the app itself calls). */
export const policyStatementSchema = z.strictObject({
  effect: z.enum(['Allow', 'Deny'], { error: 'use "Allow" or "Deny"' }).optional(),
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, 'use service:Action, e.g. "s3:GetObject"'), { error: 'list the actions, e.g. ["s3:GetObject"]' }).min(1, 'list at least one action'),
  resources: z.array(z.string().min(1, 'a resource ARN is empty'), { error: 'list the resource ARNs, e.g. ["arn:aws:s3:::my-bucket/*"]' }).min(1, 'list at least one resource ARN'),
  conditions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export const policyStatementsSchema = z.array(policyStatementSchema, { error: 'give a list of statements like [{ "actions": ["s3:GetObject"], "resources": ["arn:…"] }]' });

/** An extra container in the task. */
export const sidecarSchema = z.strictObject({
  image: z.string({ error: 'give the image URI (text)' }).min(1, 'give the image URI'),
  essential: z.boolean({ error: 'use true or false' }).optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(envName, z.string()).optional(),
  secrets: secretsSchema.optional(),
  cpu: z.number().int().min(0).optional(),
  memoryReservationMiB: z.number().int().min(6, 'ECS takes at least 6 MiB').optional(),
  containerPort: z.number().int().min(1).max(65535).optional(),
});
export const sidecarsSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'a container name: letters, digits, - and _'), sidecarSchema).superRefine((sidecars, ctx) => {
  for (const name of Object.keys(sidecars).filter((n) => RESERVED_CONTAINER_NAMES.includes(n)))
    ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is a container the app makes (${RESERVED_CONTAINER_NAMES.join(', ')}); rename the sidecar` });
});

export const certificateArnSchema = z
  .string({ error: 'give the ACM certificate ARN, e.g. "arn:aws:acm:eu-west-1:123456789012:certificate/…"' })
  .regex(ACM_CERTIFICATE_ARN, 'give an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)');
