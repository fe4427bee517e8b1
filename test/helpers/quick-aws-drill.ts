import { EventEmitter } from 'events';
import { findDrill } from '../../experiments';
import type { RunDeps } from '../../lib/cli/commands/run';
import type { Drill } from '../../lib/drill';

/**
 * The catalogue's drill `id` with an AWS probe short enough for a test (about a second; the same
 * expectations and bounds). `jobs`: how many jobs the probe submits. Throws when there is no such drill.
 */
export function quickAwsDrill(id: string, jobs = 0): Drill {
  const drill = findDrill(id);
  if (!drill) throw new Error(`no drill ${id}`);
  return { ...drill, probe: { ...drill.probe, aws: { streams: { count: 2 }, requests: { perSecond: 10 }, jobs: { count: jobs }, warmup: 'PT0.3S', recoveryTimeout: 'PT15S' } } };
}

/** `drills run <drillId>` deps over the fake AWS: nobody at a terminal, no process signals, a fixed run id, the quick drill, polls every 100–300 ms. */
export function fakeRunDeps(drillId: string): RunDeps {
  return {
    probe: async () => ({ ok: true, detail: 'stub' }),
    interactive: false,
    signals: new EventEmitter() as never,
    newRunId: () => `run-${drillId}`,
    findDrill: (id) => (id === drillId ? quickAwsDrill(id) : undefined),
    engineTimings: { poll: { initialMs: 100, maxMs: 300, factor: 1.5 }, recoveryPollMs: 100, runningPollMs: 100, rebalanceSettleMs: 500 },
  };
}
