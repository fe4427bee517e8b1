/**
 * `StartAfter` names actions of the same template, not the action itself, and without a cycle:
 * FIS rejects a template whose actions wait for one that does not exist or for each other.
 */
import type { GuardrailRule } from '../../types';
import { actionsOf, EXPERIMENT_TEMPLATE } from '../fis-links';

const startAfterOf = (action: Readonly<Record<string, unknown>>): string[] => (Array.isArray(action.StartAfter) ? action.StartAfter.filter((s): s is string => typeof s === 'string') : []);

export const startAfterExists: GuardrailRule = (resource) => {
  if (resource.type !== EXPERIMENT_TEMPLATE) return 'not-applicable';
  const actions = new Map(actionsOf(resource).map(([name, a]) => [name, startAfterOf(a)]));
  const failures: string[] = [];
  for (const [name, after] of actions) {
    for (const other of after) {
      if (other === name) failures.push(`action ${name}: StartAfter names itself`);
      else if (!actions.has(other)) failures.push(`action ${name}: StartAfter names '${other}', which is not an action of this template (actions: ${[...actions.keys()].join(', ')})`);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const cycleFrom = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    for (const next of (actions.get(name) ?? []).filter((n) => n !== name && actions.has(n))) {
      const cycle = cycleFrom(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const name of actions.keys()) {
    const cycle = cycleFrom(name, []);
    if (cycle) {
      failures.push(`StartAfter forms a cycle: ${cycle.join(' -> ')}`);
      break;
    }
  }
  return failures.length > 0 ? { compliance: 'non-compliant', detail: failures.join('; ') } : 'compliant';
};
