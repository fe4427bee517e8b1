/**
 * Streams (and jobs, when the journal has them) → one swimlane row each, grouped by the task
 * that served it: start, first token, end, clean or broken. The data of the swimlane chart. Pure.
 */
import type { Journal } from '../runner/journal';

export interface Lane {
  /** `#3` for a stream, `job 2` for a job. */
  readonly item: string;
  /** The task that served it, `unknown task` when the platform did not say. */
  readonly task: string;
  /** Seconds on the run's axis. */
  readonly start: number;
  readonly firstToken?: number;
  readonly end: number;
  readonly outcome: 'clean' | 'broken';
  /** How it broke (`reset`, `refused`, …) or how a job ended. */
  readonly detail?: string;
}

const s = (ms: number): number => Math.round(ms) / 1000;

export function streamLanes(journal: Journal): Lane[] {
  const lanes: Lane[] = journal.samples.streams.map((x) => ({
    item: `#${x.id}`,
    task: x.task ?? 'unknown task',
    start: s(x.startedAtMs),
    firstToken: x.firstEventAtMs === undefined ? undefined : s(x.firstEventAtMs),
    end: s(x.endedAtMs),
    outcome: x.outcome,
    detail: x.outcome === 'broken' ? (x.broken ?? 'broken') : undefined,
  }));
  for (const j of journal.samples.jobs ?? []) {
    lanes.push({
      item: `job ${j.id}`,
      task: j.task ?? 'unknown task',
      start: s(j.startedAtMs),
      end: s(j.endedAtMs),
      outcome: j.outcome === 'succeeded' ? 'clean' : 'broken',
      detail: j.state ?? j.error ?? j.outcome,
    });
  }
  return lanes.sort((a, b) => a.task.localeCompare(b.task) || a.start - b.start);
}
