/**
 * Finds what the runner needs in a deployment's stack outputs: the `cdk deploy --outputs-file`
 * JSON (`{ "<stack>": { "<key>": "<value>" } }`) or CloudFormation DescribeStacks. Every stack
 * is searched; keys are the names in DESIGN "Interfaces" (`ServiceUrl`, `ClusterName`, …,
 * `Drill<PascalCaseId>TemplateId`).
 */
import { promises as fs } from 'fs';
import { OPTIONAL_OUTPUT_KEYS, OUTPUT_KEYS, TEMPLATE_OUTPUT_KEY, templateOutputKey } from '../../contract';
import { RUNNER_OUTPUT_KEYS, runnerOutputsOf, type RunnerOutputs } from './runner-outputs';

export interface DeployedService {
  readonly serviceUrl: string;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly loadBalancerFullName?: string;
  readonly targetGroupFullName?: string;
  /**
   * The service's Aurora cluster (`DatabaseClusterIdentifier` output; a service with
   * `service.database` on, or an existing one naming `databaseClusterIdentifier`). @default - no database
   */
  readonly databaseClusterIdentifier?: string;
  /** The database's port (`DatabasePort` output). @default - none given */
  readonly databasePort?: number;
  /** Template id by drill output key (`DrillTaskStopDrainTemplateId` → `EXT…`). */
  readonly templateIds: Readonly<Record<string, string>>;
  /** Read from an ARN among the outputs (or the stack id), or the load balancer's host name. */
  readonly account?: string;
  readonly region?: string;
  readonly stacks: readonly string[];
  /** The game-day runner task (`drills run --remote`), when the Drills stack has game days on. */
  readonly runner?: RunnerOutputs;
}

export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputsError';
  }
}

const REQUIRED = [OUTPUT_KEYS.serviceUrl, OUTPUT_KEYS.clusterName, OUTPUT_KEYS.serviceName] as const;
const OPTIONAL = [OUTPUT_KEYS.loadBalancerFullName, OUTPUT_KEYS.targetGroupFullName, OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier, OPTIONAL_OUTPUT_KEYS.databasePort, ...RUNNER_OUTPUT_KEYS] as const;
const TEMPLATE_KEY = TEMPLATE_OUTPUT_KEY;
/** CDK appends an 8-character hash to outputs declared inside a construct. */
const CDK_HASH = /[0-9A-F]{8}$/;

export function templateIdFor(deployed: DeployedService, drillId: string): string | undefined {
  return deployed.templateIds[templateOutputKey(drillId)];
}

/** Pure: resolve from `{ stack: { key: value } }`, searching every stack. Throws OutputsError naming what is missing. */
export function resolveOutputs(stacks: Readonly<Record<string, Readonly<Record<string, unknown>>>>, stackIds: Readonly<Record<string, string>> = {}): DeployedService {
  const found = new Map<string, { value: string; stack: string }>();
  const conflicts: string[] = [];
  const allValues: string[] = [];
  for (const [stack, outputs] of Object.entries(stacks)) {
    if (!outputs || typeof outputs !== 'object') continue;
    for (const [rawKey, raw] of Object.entries(outputs)) {
      if (typeof raw !== 'string') continue;
      allValues.push(raw);
      const key = canonicalKey(rawKey);
      if (!key) continue;
      const seen = found.get(key);
      if (seen && seen.value !== raw) conflicts.push(`${key}: ${seen.stack} says ${seen.value}, ${stack} says ${raw}`);
      if (!seen) found.set(key, { value: raw, stack });
    }
  }
  if (conflicts.length > 0) throw new OutputsError(`stacks disagree on outputs (choose one with --stack):\n  ${conflicts.join('\n  ')}`);
  const missing = REQUIRED.filter((k) => !found.has(k));
  if (missing.length > 0) {
    const where = Object.keys(stacks).join(', ') || 'no stacks';
    throw new OutputsError(`outputs ${missing.join(', ')} not found in ${where}; deploy the stacks with \`cdk deploy --outputs-file\` and pass that file`);
  }
  const templateIds: Record<string, string> = {};
  for (const [key, { value }] of found) if (TEMPLATE_KEY.test(key)) templateIds[key] = value;
  const get = (k: string) => found.get(k)?.value;
  const serviceUrl = get(OUTPUT_KEYS.serviceUrl) as string;
  const origin = accountAndRegion([...Object.values(stackIds), ...allValues], serviceUrl);
  const runner = runnerOutputsOf(get);
  return {
    serviceUrl,
    clusterName: get(OUTPUT_KEYS.clusterName) as string,
    serviceName: get(OUTPUT_KEYS.serviceName) as string,
    loadBalancerFullName: get(OUTPUT_KEYS.loadBalancerFullName),
    targetGroupFullName: get(OUTPUT_KEYS.targetGroupFullName),
    ...databaseOf(get(OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier), get(OPTIONAL_OUTPUT_KEYS.databasePort)),
    templateIds,
    ...origin,
    stacks: [...new Set([...found.values()].map((f) => f.stack))],
    ...(runner ? { runner } : {}),
  };
}

/** Reads a `cdk deploy --outputs-file` JSON file, optionally only some stacks. */
export async function readOutputsFile(file: string, onlyStacks: readonly string[] = []): Promise<DeployedService> {
  const stacks = await readOutputsJson(file);
  const chosen = onlyStacks.length === 0 ? stacks : Object.fromEntries(Object.entries(stacks).filter(([name]) => onlyStacks.includes(name)));
  return resolveOutputs(chosen);
}

/** The file's `{ "<stack>": { "<output>": "<value>" } }`. @throws OutputsError when it cannot be read or has another shape. */
export async function readOutputsJson(file: string): Promise<Record<string, Record<string, unknown>>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new OutputsError(
      `cannot read outputs file ${file}: ${(err as Error).message}; write it with \`npx cdk deploy --all --outputs-file ${file}\`, pass --outputs <the file cdk deploy wrote>, or --stack <name> to read the outputs from CloudFormation`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new OutputsError(`${file} is not a cdk outputs file ({ "<stack>": { "<output>": "<value>" } })`);
  return parsed as Record<string, Record<string, unknown>>;
}

/** The database outputs, when present; a port that is not a whole number 1–65535 is left out. */
function databaseOf(identifier: string | undefined, port: string | undefined): Pick<DeployedService, 'databaseClusterIdentifier' | 'databasePort'> {
  if (!identifier) return {};
  const n = Number(port);
  return { databaseClusterIdentifier: identifier, ...(Number.isInteger(n) && n > 0 && n < 65536 ? { databasePort: n } : {}) };
}

function canonicalKey(key: string): string | undefined {
  for (const candidate of [key, key.replace(CDK_HASH, '')]) {
    if ((REQUIRED as readonly string[]).includes(candidate) || (OPTIONAL as readonly string[]).includes(candidate) || TEMPLATE_KEY.test(candidate)) return candidate;
  }
  return undefined;
}

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/;
const ELB_HOST = /\.([a-z]{2}(?:-[a-z]+)+-\d)\.elb\.amazonaws\.com/;

function accountAndRegion(values: readonly string[], serviceUrl: string): { account?: string; region?: string } {
  for (const v of values) {
    const m = ARN.exec(v);
    if (m) return { region: m[1], account: m[2] };
  }
  const host = ELB_HOST.exec(serviceUrl);
  return host ? { region: host[1] } : {};
}
