/**
 * How long an experiment runs at most, in seconds: each action lasts its longest duration-type
 * parameter (catalogue), starts after the actions in its StartAfter, and the experiment ends
 * with its last action. 0 when no action has a duration (stop-task alone is over in seconds);
 * undefined when a duration is not a literal ISO 8601 value.
 */
import { fisAction } from '../../../fis/action-catalogue';
import type { CfnResourceView } from '../../types';
import { isRow } from '../ecs-links';
import { actionsOf } from '../fis-links';
import { isoDurationSeconds } from '../fis/iso-duration';

export function experimentSeconds(template: CfnResourceView): number | undefined {
  const actions = new Map(actionsOf(template));
  const own = new Map<string, number | undefined>();
  for (const [name, a] of actions) {
    const params = isRow(a.Parameters) ? a.Parameters : {};
    const durations = (fisAction(String(a.ActionId))?.parameters ?? [])
      .filter((p) => p.duration && params[p.name] !== undefined)
      .map((p) => (typeof params[p.name] === 'string' ? isoDurationSeconds(params[p.name] as string) : undefined));
    own.set(name, durations.includes(undefined) ? undefined : Math.max(0, ...(durations as number[])));
  }
  const finish = new Map<string, number | undefined>();
  const end = (name: string, depth: number): number | undefined => {
    if (finish.has(name)) return finish.get(name);
    if (depth > actions.size) return undefined; // a cycle: DRILL-FIS-11's
    const after = actions.get(name)?.StartAfter;
    const starts = (Array.isArray(after) ? after : []).filter((n): n is string => typeof n === 'string' && actions.has(n)).map((n) => end(n, depth + 1));
    const mine = own.get(name);
    const result = mine === undefined || starts.includes(undefined) ? undefined : Math.max(0, ...(starts as number[])) + mine;
    finish.set(name, result);
    return result;
  };
  const ends = [...actions.keys()].map((n) => end(n, 0));
  return ends.includes(undefined) ? undefined : Math.max(0, ...(ends as number[]));
}
