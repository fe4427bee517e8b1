/**
 * Reads an ECS task definition in the API shape — the input of
 * `aws ecs register-task-definition --cli-input-json` (`{ "family", "containerDefinitions", … }`)
 * or the output of `describe-task-definition` (`{ "taskDefinition": { … }, "tags": [ … ] }`) —
 * as the `AWS::ECS::TaskDefinition` resource the rules read (ECS API RegisterTaskDefinition;
 * CloudFormation AWS::ECS::TaskDefinition: the same names, capitalized). Read-only fields of
 * the describe output (ARN, revision, status, registeredAt …) are dropped.
 */
import type { NamedTemplate } from '../types';
import { toCfnKeys } from './cfn-keys';

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** User maps: Docker labels, log and FireLens options, volume driver options and labels. */
const KEEP = new Set(['dockerLabels', 'options', 'driverOpts', 'labels']);
const READ_ONLY = new Set(['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt']);

export const ECS_REGISTER_SHAPE = 'ECS task definition (register-task-definition shape)';
export const ECS_DESCRIBE_SHAPE = 'ECS task definition (describe-task-definition shape)';

/** The task definition as a one-resource CloudFormation template, or undefined when `doc` is not this shape. */
export function fromEcsTaskDefinition(doc: unknown, name: string): NamedTemplate | undefined {
  if (!isRow(doc) || 'Resources' in doc) return undefined;
  const described = isRow(doc.taskDefinition);
  const body = described ? (doc.taskDefinition as Row) : doc;
  if (!Array.isArray(body.containerDefinitions)) return undefined;
  const kept = Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.has(k)));
  const tags = described ? doc.tags : body.tags;
  const properties = toCfnKeys({ ...kept, ...(Array.isArray(tags) && tags.length > 0 ? { tags } : {}) }, { keepKeys: KEEP }) as Row;
  const logicalId = typeof body.family === 'string' && body.family !== '' ? body.family : 'TaskDefinition';
  return {
    name,
    shape: described ? ECS_DESCRIBE_SHAPE : ECS_REGISTER_SHAPE,
    template: { Resources: { [logicalId]: { Type: 'AWS::ECS::TaskDefinition', Properties: properties } } },
  };
}
