/**
 * A target is selected by ARNs, or by tags and/or filters — never ARNs together with tags or
 * filters, and at most 5 ARNs (FIS User Guide targets.html; botocore-fis ResourceArnList max 5;
 * fis-facts §2). Actions the reference restricts (ARN only: insufficient-capacity errors on a
 * role, EKS custom resources; tags only: S3 replication pause) get their target selected that way.
 */
import { fisAction } from '../../../fis/action-catalogue';
import type { GuardrailRule } from '../../types';
import { isRow, rows } from '../ecs-links';
import { actionsOf, EXPERIMENT_TEMPLATE, targetNamesOf, targetsOf } from '../fis-links';

export const MAX_TARGET_ARNS = 5;

export const targetSelectionExclusive: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures: string[] = [];
  const targets = new Map(targetsOf(resource));
  for (const [name, t] of targets) {
    const arns = Array.isArray(t.ResourceArns) ? t.ResourceArns.length : 0;
    const tags = isRow(t.ResourceTags) && Object.keys(t.ResourceTags).length > 0;
    const filters = rows(t.Filters).length > 0;
    if (arns > 0 && (tags || filters)) {
      failures.push(`target ${name}: ResourceArns with ${[tags && 'ResourceTags', filters && 'Filters'].filter(Boolean).join(' and ')} (FIS takes ARNs, or tags and/or filters, not both)`);
    }
    if (arns > MAX_TARGET_ARNS) failures.push(`target ${name}: ${arns} ResourceArns (FIS takes at most ${MAX_TARGET_ARNS})`);
  }
  for (const [action, spec] of actionsOf(resource)) {
    const selectBy = fisAction(String(spec.ActionId))?.selectBy;
    for (const name of targetNamesOf(spec)) {
      const t = targets.get(name);
      if (!t || !selectBy) continue;
      const byArns = Array.isArray(t.ResourceArns) && t.ResourceArns.length > 0;
      if (selectBy === 'arns-only' && (!byArns || isRow(t.ResourceTags) || rows(t.Filters).length > 0 || isRow(t.Parameters))) {
        failures.push(`target ${name}: ${String(spec.ActionId)} (action ${action}) takes its target by ResourceArns only`);
      }
      if (selectBy === 'tags-only' && !(isRow(t.ResourceTags) && !byArns)) failures.push(`target ${name}: ${String(spec.ActionId)} (action ${action}) takes its target by ResourceTags only`);
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
