/**
 * Engines are built before the run they report to: give an engine `relay.sink` as its
 * `onEvent`, and runDrill (option `timeline`) connects the relay to the run's journal.
 */
import type { TimelineSink } from './engine';
import type { TimelineEntry } from './samples';

export interface TimelineRelay {
  readonly sink: TimelineSink;
  connect(to: TimelineSink): void;
}

export function timelineRelay(): TimelineRelay {
  let target: TimelineSink | undefined;
  const early: TimelineEntry[] = [];
  return {
    sink: (entry) => (target ? target(entry) : early.push(entry)),
    connect: (to) => {
      target = to;
      for (const e of early.splice(0)) to(e);
    },
  };
}
