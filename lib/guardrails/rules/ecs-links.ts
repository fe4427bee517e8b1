/**
 * Reading ECS resources as synthesized: containers of a task definition, a service's task
 * definition and target groups, and the longest request the service serves.
 */
import { LONGEST_REQUEST_TAG, SERVICE_ENV } from '../../contract';
import type { CfnResourceView, GuardrailContext } from '../types';

export type Row = Readonly<Record<string, unknown>>;

export const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
export const SERVICE = 'AWS::ECS::Service';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/** Env var on an essential container, or task-definition tag, that states the longest request (seconds). */
export const LONGEST_REQUEST_ENV = SERVICE_ENV.longestRequestSeconds;
export { LONGEST_REQUEST_TAG };
export const DRAIN_TIMEOUT_ENV = SERVICE_ENV.drainTimeoutMs;

export const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

export const rows = (v: unknown): Row[] => (Array.isArray(v) ? v.filter(isRow) : []);

/** A number, or a string holding one (CloudFormation often carries numbers as strings). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export const isTrue = (v: unknown): boolean => v === true || v === 'true';

export const containersOf = (taskDefinition: CfnResourceView): Row[] => rows(taskDefinition.properties.ContainerDefinitions);

/** Containers whose exit stops the task (Essential defaults to true). */
export const essentialContainers = (taskDefinition: CfnResourceView): Row[] => containersOf(taskDefinition).filter((c) => c.Essential !== false && c.Essential !== 'false');

export const containerName = (c: Row): string => (typeof c.Name === 'string' ? c.Name : '(unnamed)');

export function envOf(container: Row, name: string): unknown {
  return rows(container.Environment).find((e) => e.Name === name)?.Value;
}

export function tagOf(resource: CfnResourceView, key: string): unknown {
  const tags = resource.properties.Tags;
  if (Array.isArray(tags)) return rows(tags).find((t) => t.Key === key)?.Value;
  return isRow(tags) ? tags[key] : undefined;
}

export function taskDefinitionOf(service: CfnResourceView, context: GuardrailContext): CfnResourceView | undefined {
  const td = context.template.resolveResource(service.properties.TaskDefinition, service);
  return td?.type === TASK_DEFINITION ? td : undefined;
}

export function targetGroupsOf(service: CfnResourceView, context: GuardrailContext): CfnResourceView[] {
  return rows(service.properties.LoadBalancers)
    .map((lb) => context.template.resolveResource(lb.TargetGroupArn, service))
    .filter((tg): tg is CfnResourceView => tg?.type === TARGET_GROUP);
}

/** Option/flag first, then the task-definition tag, then the env var on an essential container. */
export function longestRequestSeconds(taskDefinition: CfnResourceView, context: GuardrailContext): number | undefined {
  if (context.longestRequestSeconds !== undefined) return context.longestRequestSeconds;
  const tagged = asNumber(tagOf(taskDefinition, LONGEST_REQUEST_TAG));
  if (tagged !== undefined) return tagged;
  for (const c of essentialContainers(taskDefinition)) {
    const fromEnv = asNumber(envOf(c, LONGEST_REQUEST_ENV));
    if (fromEnv !== undefined) return fromEnv;
  }
  return undefined;
}

export const UNKNOWN_LONGEST_REQUEST =
  `longest request unknown: set env ${LONGEST_REQUEST_ENV} on the app container, tag the task definition ` + `${LONGEST_REQUEST_TAG}, or pass longestRequestSeconds / --longest-request`;

/** Folds per-item verdicts: any failure wins, then any pass, else not applicable. */
export function worstOf(failures: readonly string[], judged: number): { compliance: 'compliant' | 'non-compliant' | 'not-applicable'; detail?: string } {
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; ') };
  return { compliance: judged > 0 ? 'compliant' : 'not-applicable' };
}
