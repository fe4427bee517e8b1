/**
 * Pure: the timeline of an experiment the runner did not watch (`drills report`), from what FIS
 * and ECS recorded: the experiment's start and end, each action's start and end, and the
 * service's events. Times are milliseconds from the experiment's start (the run's clock origin).
 */
import type { TimelineEvent } from '../samples';
import type { ExperimentView } from './fis-api';
import type { ServiceTimelineEvent } from './service-events';

export function scheduledTimeline(experiment: ExperimentView, service: readonly ServiceTimelineEvent[], origin: Date): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const at = (d: Date) => ({ atMs: d.getTime() - origin.getTime(), at: d.toISOString() });
  if (experiment.startTime) events.push({ ...at(experiment.startTime), kind: 'experiment-state', detail: `experiment ${experiment.id} started` });
  for (const a of experiment.actions) {
    if (a.startTime) events.push({ ...at(a.startTime), kind: 'action-state', detail: `action ${a.name} (${a.actionId ?? '?'}) started` });
    if (a.endTime) events.push({ ...at(a.endTime), kind: 'action-state', detail: `action ${a.name} ${a.status}${a.reason ? `: ${a.reason}` : ''}` });
  }
  for (const e of service) events.push({ ...at(e.at), kind: e.kind, task: e.tasks[0], detail: e.detail });
  if (experiment.endTime) {
    events.push({ ...at(experiment.endTime), kind: 'experiment-state', detail: `experiment ${experiment.id} ${experiment.status}${experiment.reason ? `: ${experiment.reason}` : ''}` });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}
