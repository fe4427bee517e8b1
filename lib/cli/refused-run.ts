/**
 * An unattended `drills run` (a game day: `--yes`, nobody at a terminal) that is refused before
 * its fault — preflight refused, another run holds the service's lock, a signal came first — is
 * reported as a run: ABORTED with the reason (issue 14; DESIGN "Verdicts", exit 3). Its journal
 * and reports go to the evidence store (S3 in a scheduled run), the JUnit and the root's
 * index.html follow (finishRuns), the verdict metric is published and the notification sent
 * (publishVerdict), so the "not HELD" alarm fires and on-call reads why. An operator at a
 * terminal is told at once and gets nothing of this (notStarted in run.ts).
 */
import type { Drill } from '../drill';
import type { MetricsApi } from '../runner/aws/metrics-api';
import type { NotifyApi } from '../runner/aws/notify-api';
import type { EvidenceStore } from '../runner/evidence-store';
import type { JournalProvenance } from '../runner/journal';
import { JOURNAL_FILE } from '../runner/journal-writer';
import { refusedJournal } from '../runner/refused-journal';
import { runProvenance } from '../runner/run-provenance';
import { writeReports } from '../runner/write-reports';
import { EXIT_CODE } from '../runner/verdict';
import { finishRuns } from './finish-runs';
import type { Output } from './output';
import { publishVerdict } from './publish-verdict';
import { reasonLines, runResultLine } from './reporter';
import { runsJson } from './result-json';

export interface RecordRefusedRun {
  readonly drill: Drill;
  readonly runId: string;
  /** Why nothing started (the judgement's first reason is `aborted: <reason>`). */
  readonly reason: string;
  /** What was found (failed preflight checks, the lock's holder), one timeline note each. */
  readonly notes?: readonly string[];
  /** When the command started. */
  readonly startedAt: Date;
  readonly store: EvidenceStore;
  /** `--out` as given (the local root when the store is a folder). */
  readonly outRoot: string;
  readonly junit?: string;
  /** The ECS service's name: the verdict metric's `Service` dimension. */
  readonly ecsServiceName: string;
  readonly target?: Record<string, string>;
  readonly settings?: Record<string, unknown>;
  readonly metrics: Pick<MetricsApi, 'putMetricData'>;
  readonly notify?: { readonly api: NotifyApi; readonly topicArn: string };
  readonly output: Output;
  /** @default read from this machine (runProvenance) */
  readonly provenance?: JournalProvenance;
  readonly now?: () => Date;
}

/**
 * Writes the refused run's evidence, publishes its verdict, prints its result line (and JSON) and
 * resolves with exit code 3 (ABORTED). Never throws: a journal or report that cannot be written
 * is said as a failure on stderr, and the verdict is still published and the code still 3.
 */
export async function recordRefusedRun(o: RecordRefusedRun): Promise<number> {
  const now = o.now ?? (() => new Date());
  const journal = refusedJournal({
    drill: o.drill,
    runId: o.runId,
    reason: o.reason,
    notes: o.notes,
    startedAt: o.startedAt.toISOString(),
    endedAt: now().toISOString(),
    settings: o.settings,
    target: o.target,
    provenance: o.provenance ?? runProvenance(process.cwd()),
  });
  const folder = o.store.folder(o.drill.id, o.runId);
  o.output.notice(`${o.reason}; nothing was started (ABORTED, evidence kept)`);
  try {
    await folder.write(JOURNAL_FILE, `${JSON.stringify(journal, null, 2)}\n`);
    await writeReports(folder, journal);
  } catch (e) {
    o.output.failure(`could not write the evidence of the refused run to ${folder.location}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const judgement = journal.judgement ?? { verdict: 'ABORTED' as const, expectations: [], reasons: [`aborted: ${o.reason}`], notJudged: [] };
  const run = { drill: o.drill.id, runId: o.runId, verdict: 'ABORTED' as const, figures: {}, judgement, evidence: folder.location };
  await finishRuns({ outRoot: o.outRoot, store: o.store, junit: o.junit, runs: [run], output: o.output, now: now() });
  await publishVerdict({ ...run, ecsServiceName: o.ecsServiceName, folder, metrics: o.metrics, notify: o.notify, output: o.output, now: now() });
  o.output.result([runResultLine(run), ...reasonLines(run)], runsJson('ABORTED', [run]));
  return EXIT_CODE.ABORTED;
}
