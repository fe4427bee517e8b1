/**
 * Every target's `SelectionMode` is one FIS takes: `ALL`, `COUNT(n)` with n ≥ 1, or
 * `PERCENT(n)` with n from 1 to 100 (FIS User Guide, targets.html; fis-facts §2).
 */
import type { GuardrailRule } from '../../types';
import { EXPERIMENT_TEMPLATE, targetsOf } from '../fis-links';

/** Why a selection mode is not one FIS takes, or undefined when it is (or is not a literal). */
export function selectionModeProblem(mode: unknown): string | undefined {
  if (mode === undefined) return 'no SelectionMode';
  if (typeof mode !== 'string') return undefined;
  if (mode === 'ALL') return undefined;
  const m = /^(COUNT|PERCENT)\((\d+)\)$/.exec(mode);
  if (!m) return `'${mode}' is not ALL, COUNT(n) or PERCENT(n)`;
  const n = Number(m[2]);
  if (m[1] === 'COUNT' && n < 1) return `'${mode}': COUNT takes n of 1 or more`;
  if (m[1] === 'PERCENT' && (n < 1 || n > 100)) return `'${mode}': PERCENT takes n from 1 to 100`;
  return undefined;
}

export const selectionModesParse: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const failures = targetsOf(resource)
    .map(([name, t]) => [name, selectionModeProblem(t.SelectionMode)] as const)
    .filter(([, problem]) => problem !== undefined)
    .map(([name, problem]) => `target ${name}: ${problem}`);
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
