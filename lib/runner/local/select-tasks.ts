import type { TaskSelection } from '../../drill';

/**
 * The tasks a fault hits, as FIS selects them: `COUNT(n)` or `PERCENT(n)` (rounded down; a
 * percentage below one task selects nothing). FIS picks at random; locally the pick is
 * deterministic (the first tasks in launch order) so a rehearsal can be repeated.
 */
export function selectTasks<T>(running: readonly T[], selection: TaskSelection): readonly T[] {
  const n = 'count' in selection ? selection.count : Math.floor((running.length * selection.percent) / 100);
  return running.slice(0, Math.max(0, Math.min(n, running.length)));
}
