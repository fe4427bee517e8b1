/**
 * The zone for a new task: the open zone with the fewest tasks, earliest in the list on a tie
 * (the ECS spread over `attribute:ecs.availability-zone`). Undefined when every zone is closed.
 */
export function placeTask(zones: readonly string[], closed: ReadonlySet<string>, tasksPerZone: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const zone of zones) {
    if (closed.has(zone)) continue;
    if (best === undefined || (tasksPerZone.get(zone) ?? 0) < (tasksPerZone.get(best) ?? 0)) best = zone;
  }
  return best;
}
