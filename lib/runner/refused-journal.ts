/**
 * The journal of a run that never started its fault because it was refused first: preflight
 * refused (an active experiment or deployment on the service, a stop-condition alarm not OK…),
 * another run holds the service's lock, or a signal arrived before anything started. For an
 * unattended run (a game day) this is ABORTED with the reason (issue 14: "preflight refuses and
 * the run is ABORTED with the reason"; DESIGN "Verdicts": ABORTED, exit 3), so the refusal leaves
 * the same evidence, metric and notification as any finished run. Pure: data in, journal out.
 */
import type { Drill, FigureName } from '../drill';
import { JOURNAL_SCHEMA } from '../contract';
import type { Journal, JournalProvenance } from './journal';
import { judge } from './judge';
import type { TimelineEvent } from './samples';

export interface RefusedRun {
  readonly drill: Drill;
  readonly runId: string;
  /** Why nothing started, one sentence (the first reason of the judgement: `aborted: <reason>`). */
  readonly reason: string;
  /** What was found before the refusal (each failed preflight check, the lock's holder…), one timeline note each. */
  readonly notes?: readonly string[];
  /** Wall-clock ISO times of the run's start and of the refusal. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly settings?: Record<string, unknown>;
  readonly target?: Record<string, string>;
  readonly provenance?: JournalProvenance;
}

/** Why every expectation is "not judged": nothing was sent. */
export const REFUSED_NOT_JUDGED = 'nothing was sent: the run was refused before the probe started';

/**
 * A finished `journal@1` in aws mode: timeline `run-started`, a `note` per `notes`, `aborted`
 * (the reason) and `run-ended` (ABORTED); no samples, no figures; the judgement ABORTED with
 * `aborted: <reason>` first and every expectation not judged (REFUSED_NOT_JUDGED). Never throws.
 */
export function refusedJournal(run: RefusedRun): Journal {
  const { drill } = run;
  const startMs = Date.parse(run.startedAt);
  const endMs = Math.max(startMs, Date.parse(run.endedAt));
  const at = (ms: number, e: Omit<TimelineEvent, 'atMs' | 'at'>): TimelineEvent => ({ ...e, atMs: ms - startMs, at: new Date(ms).toISOString() });
  const timeline: TimelineEvent[] = [
    at(startMs, { kind: 'run-started', detail: `${drill.id} (aws)` }),
    ...(run.notes ?? []).map((detail) => at(endMs, { kind: 'note', detail })),
    at(endMs, { kind: 'aborted', detail: run.reason }),
    at(endMs, { kind: 'run-ended', detail: 'ABORTED' }),
  ];
  const unmeasured = Object.fromEntries(drill.expect.map((e) => [e.figure, REFUSED_NOT_JUDGED])) as Partial<Record<FigureName, string>>;
  const judgement = judge({}, drill.expect, 'aws', { injection: { injected: false, targets: [], aborted: run.reason }, unmeasured });
  const { id, title, hypothesis, fault, expect, file } = drill;
  return {
    schema: JOURNAL_SCHEMA,
    runId: run.runId,
    mode: 'aws',
    drill: { id, title, hypothesis, fault, expect, file },
    settings: run.settings ?? {},
    target: run.target ?? {},
    startedAt: new Date(startMs).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    timeline,
    samples: { streams: [], requests: [] },
    injection: { injected: false, targets: [], aborted: run.reason },
    figures: {},
    judgement,
    ...(run.provenance ? { provenance: run.provenance } : {}),
  };
}
