/**
 * The experiment role trusts fis.amazonaws.com only with the `aws:SourceAccount` and
 * `aws:SourceArn` conditions (the confused-deputy guard AWS recommends). A role that is not a
 * resource of the templates checked is not judged.
 */
import type { GuardrailRule } from '../../types';
import { isRow, rows, type Row } from '../ecs-links';
import { EXPERIMENT_TEMPLATE } from '../fis-links';

const trustsFis = (statement: Row): boolean => statement.Effect !== 'Deny' && isRow(statement.Principal) && JSON.stringify(statement.Principal.Service ?? '').includes('fis.amazonaws.com');

function conditionKeys(statement: Row): Set<string> {
  const keys = new Set<string>();
  if (isRow(statement.Condition)) {
    for (const operator of Object.values(statement.Condition)) {
      if (isRow(operator)) Object.keys(operator).forEach((k) => keys.add(k.toLowerCase()));
    }
  }
  return keys;
}

export const roleTrustConfusedDeputy: GuardrailRule = (resource, context) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const role = context.template.resolveResource(resource.properties.RoleArn, resource);
  if (role?.type !== 'AWS::IAM::Role') return { compliance: 'not-applicable', detail: 'the experiment role is not in the templates checked' };
  const document = role.properties.AssumeRolePolicyDocument;
  const statements = rows(isRow(document) ? document.Statement : undefined).filter(trustsFis);
  if (statements.length === 0) return { compliance: 'non-compliant', detail: `role ${role.logicalId} does not trust fis.amazonaws.com` };
  const failures = statements
    .map(conditionKeys)
    .map((keys) => ['aws:SourceAccount', 'aws:SourceArn'].filter((k) => !keys.has(k.toLowerCase())))
    .filter((missing) => missing.length > 0)
    .map((missing) => `role ${role.logicalId} trusts FIS without ${missing.join(' and ')}`);
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
