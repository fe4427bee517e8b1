/**
 * Fallback for `drills run` in a build without the runner core (lib/runner/run-drill.ts):
 * drive the FisEngine alone — inject, recover, AWS figures — and judge only what AWS measured
 * (no probe: stream and request figures are not judged). Evidence as `drills report` writes it.
 * Once the runner core is present, `drills run` uses it and this is not called.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { isoSeconds, type Drill } from '../../drill';
import type { TimelineEntry, TimelineEvent } from '../samples';
import type { Verdict } from '../verdict';
import type { FisEngine } from './fis-engine';
import { scheduledJournal, scheduledMarkdown } from './scheduled-evidence';

export interface EngineOnlyRunResult {
  readonly drill: Drill;
  readonly runId: string;
  readonly verdict: Verdict;
  readonly figures: Record<string, number>;
  readonly evidence: string;
  readonly experimentId?: string;
}

/** Stamps engine events with the run's clock (ms since the run began) and wall time. */
export class TimelineRecorder {
  readonly events: TimelineEvent[] = [];
  private readonly origin = Date.now();
  readonly sink = (entry: TimelineEntry): void => {
    const now = Date.now();
    this.events.push({ ...entry, atMs: now - this.origin, at: new Date(now).toISOString() });
  };
}

export async function engineOnlyRun(options: { drill: Drill; engine: FisEngine; recorder: TimelineRecorder; outRoot: string; runId: string }): Promise<EngineOnlyRunResult> {
  const { drill, engine, recorder, runId } = options;
  try {
    await engine.start();
    const injection = await engine.inject(drill);
    if (injection.injected || injection.aborted) await engine.awaitRecovery(isoSeconds(drill.probe.aws.recoveryTimeout) * 1000);
    await engine.close();
    const figures = engine.figures();
    const experiment = engine.lastExperiment ?? { id: 'not-started', status: 'failed' as const, actions: [], tags: {} };
    const journal = scheduledJournal({ source: 'run-without-probe', drillId: drill.id, drill, experiment, injection, figures, timeline: recorder.events, notes: [`run ${runId}: the runner core is not in this build, so no probe ran`] });
    const dir = path.join(options.outRoot, drill.id, runId);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'journal.json.tmp'), `${JSON.stringify(journal, null, 2)}\n`);
    await fs.rename(path.join(dir, 'journal.json.tmp'), path.join(dir, 'journal.json'));
    await fs.writeFile(path.join(dir, 'report.md.tmp'), scheduledMarkdown(journal));
    await fs.rename(path.join(dir, 'report.md.tmp'), path.join(dir, 'report.md'));
    return { drill, runId, verdict: journal.verdict, figures: figures as Record<string, number>, evidence: dir, experimentId: engine.experimentId };
  } finally {
    await engine.close();
  }
}
