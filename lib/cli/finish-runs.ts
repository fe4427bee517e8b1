/**
 * After `rehearse` or `run`: the JUnit file when `--junit <file>` was given (one test case per
 * drill, read from each run's journal), and the evidence root's index.html refreshed so the
 * history shows the new runs. Never throws and never changes the exit code: evidence of the
 * runs is already written; a file that cannot be written is named on stderr with the reason.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { writeJunitFile } from '../report/junit-file';
import type { JunitRun } from '../report/junit-xml';
import type { EvidenceStore } from '../runner/evidence-store';
import { writeEvidenceIndex } from '../runner/evidence-history';
import { isJournal, type Journal } from '../runner/journal';
import { JOURNAL_FILE } from '../runner/journal-writer';
import { localEvidenceFolder } from '../runner/local-evidence';
import type { Verdict } from '../runner/verdict';
import type { Output } from './output';

/** A finished run as the commands hold it (a RunResult, or a summary line with its judgement). */
export interface FinishedRun {
  readonly drill: string;
  readonly verdict: Verdict;
  /** The run's folder; absent for a drill that never ran (the rehearsal stopped first). */
  readonly evidence?: string;
  /** The drill's title, when no journal says it. */
  readonly title?: string;
  readonly runId?: string;
  readonly experimentId?: string;
  readonly judgement?: { readonly reasons: readonly string[] };
}

export interface FinishRunsOptions {
  readonly outRoot: string;
  /** The evidence root the runs wrote to. @default a local folder at outRoot */
  readonly store?: EvidenceStore;
  readonly junit?: string;
  readonly runs: readonly FinishedRun[];
  /** The command's output (rehearse or run): its notices, and the JUnit suite's name (`drills <command>`). */
  readonly output: Output;
  readonly now?: Date;
}

/** The name of a run's JUnit file inside its folder, when the evidence root is remote (S3). */
export const RUN_JUNIT_FILE = 'junit.xml';

async function journalOf(run: FinishedRun, store?: EvidenceStore): Promise<Journal | undefined> {
  try {
    const folder = store && run.runId ? store.folder(run.drill, run.runId) : run.evidence !== undefined ? localEvidenceFolder(run.evidence) : undefined;
    if (!folder) return undefined;
    const parsed: unknown = JSON.parse((await folder.read(JOURNAL_FILE)) ?? '');
    return isJournal(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A run as JUnit sees it; title, mode and duration come from its journal when it can be read. */
export async function junitRun(run: FinishedRun, store?: EvidenceStore): Promise<JunitRun> {
  const journal = await journalOf(run, store);
  // A local folder the run never created (it failed first) is not evidence.
  const local = run.evidence !== undefined && !store?.remote && (journal !== undefined || existsSync(run.evidence)) ? path.resolve(run.evidence) : undefined;
  const seconds = journal?.endedAt ? (Date.parse(journal.endedAt) - Date.parse(journal.startedAt)) / 1000 : undefined;
  return {
    drill: run.drill,
    title: journal?.drill.title ?? run.title,
    verdict: run.verdict,
    reasons: run.judgement?.reasons ?? journal?.judgement?.reasons ?? [],
    evidence: store?.remote ? run.evidence : local,
    runId: run.runId ?? journal?.runId,
    experimentId: run.experimentId,
    mode: journal?.mode,
    seconds: seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
  };
}

export async function finishRuns(options: FinishRunsOptions): Promise<void> {
  const { output } = options;
  const now = options.now ?? new Date();
  const store = options.store;
  if (store?.remote) await junitInEachFolder(options, store, now);
  if (options.junit) {
    try {
      await writeJunitFile(options.junit, `drills ${output.command}`, await Promise.all(options.runs.map((r) => junitRun(r, store))), now);
      output.notice(`JUnit written to ${options.junit}`);
    } catch (e) {
      output.failure(`could not write the JUnit file ${options.junit}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    const index = await writeEvidenceIndex(store ?? options.outRoot, now);
    output.notice(`history of ${index.lines.length} run(s): ${index.file}`);
  } catch (e) {
    output.failure(`could not write ${store?.remote ? `${store.root}/index.html` : path.join(options.outRoot, 'index.html')}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A remote evidence root keeps the whole folder there: each run's folder gets its own junit.xml. */
async function junitInEachFolder(options: FinishRunsOptions, store: EvidenceStore, now: Date): Promise<void> {
  const { junitXml } = await import('../report/junit-xml');
  for (const run of options.runs) {
    if (!run.runId) continue;
    const folder = store.folder(run.drill, run.runId);
    try {
      await folder.write(RUN_JUNIT_FILE, junitXml(`drills ${options.output.command}`, [await junitRun(run, store)], now.toISOString()));
    } catch (e) {
      options.output.failure(`could not write ${folder.locationOf(RUN_JUNIT_FILE)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
