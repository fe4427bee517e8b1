/** The journal's timeline as rows: seconds on the run's axis, what happened, to what, detail. Pure. */
import type { Journal } from '../runner/journal';

export interface TimelineRow {
  readonly t: string;
  readonly event: string;
  readonly who: string;
  readonly detail: string;
}

export function timelineRows(journal: Journal): TimelineRow[] {
  return journal.timeline.map((e) => {
    const exit = e.kind === 'task-exited' && (e.code !== undefined || e.signal !== undefined) ? `exit code ${e.code ?? 'none'}, signal ${e.signal ?? 'none'}` : '';
    return {
      t: (e.atMs / 1000).toFixed(2),
      event: e.kind.replace(/-/g, ' '),
      who: [e.task, e.zone].filter(Boolean).join(' in '),
      detail: [exit, e.detail].filter(Boolean).join('; '),
    };
  });
}
