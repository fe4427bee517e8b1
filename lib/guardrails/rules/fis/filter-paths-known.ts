/**
 * Target filters use paths that exist for the resource type (where known: filter-paths.ts),
 * written PascalCase as FIS wants. A filter on a path that does not exist matches nothing: the
 * target resolves no resource, and with `skip` the drill completes having injected nothing.
 */
import type { GuardrailRule } from '../../types';
import { rows } from '../ecs-links';
import { EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';
import { FILTER_ROOTS } from './filter-paths';

export const filterPathsKnown: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures: string[] = [];
  let judged = 0;
  for (const [name, t] of targetsOf(resource)) {
    const roots = FILTER_ROOTS[String(t.ResourceType)];
    if (!roots) continue;
    for (const f of rows(t.Filters)) {
      if (typeof f.Path !== 'string') continue;
      judged += 1;
      const root = f.Path.split('.')[0];
      if (roots.includes(root)) continue;
      const near = roots.find((r) => r.toLowerCase() === root.toLowerCase());
      failures.push(
        `target ${name}: filter path '${f.Path}' does not exist on ${String(t.ResourceType)}${near ? ` (write '${near}': FIS wants PascalCase)` : ` (top-level fields: ${roots.join(', ')})`}`,
      );
    }
  }
  if (failures.length > 0) return { compliance: 'non-compliant', detail: failures.join('; ') };
  return judged > 0 ? 'compliant' : 'not-applicable';
};
