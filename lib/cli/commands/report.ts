/**
 * `drills report <experiment-id>`: evidence for an experiment a schedule (or anyone) started —
 * the game-day path. No probe data: stream and request figures are unmeasured and their
 * expectations "not judged". FIS states, resolved targets, ECS events and CloudWatch metrics
 * are read for the window; `<out>/<drill>/<experiment-id>/journal.json`, `report.md` and
 * `report.html` (with its charts) are written atomically; the exit code follows the verdict.
 */
import type { Command } from 'commander';
import { promises as fs } from 'fs';
import * as path from 'path';
import { findDrill } from '../../../experiments';
import { describeError } from '../../runner/aws/aws-error';
import { scheduledJournal } from '../../runner/aws/scheduled-evidence';
import { scheduledReport } from '../../runner/aws/scheduled-report';
import { scheduledTimeline } from '../../runner/aws/scheduled-timeline';
import { writeAtomically } from '../../runner/journal-writer';
import { runProvenance } from '../../runner/run-provenance';
import { writeReports } from '../../runner/write-reports';
import { EXIT_CODE, exitCodeOf } from '../../runner/verdict';
import { awsTargetOptions, openTarget, refused, type AwsCommandDeps, type AwsTargetArgs } from '../aws-target';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';
import { wholeNumber } from '../parse-options';
import { runResultLine } from '../reporter';
import { runsJson } from '../result-json';

export interface ReportArgs extends AwsTargetArgs {
  readonly experimentId: string;
  /** Evidence root. @default evidence */
  readonly out?: string;
  /** Seconds after the experiment's end to keep reading events and metrics. @default 600 */
  readonly afterSeconds?: number;
}

export async function reportCommand(args: ReportArgs, io: IoHost, deps: AwsCommandDeps = {}): Promise<number> {
  const output = new Output(io, 'report', { json: args.json });
  if (!args.experimentId) {
    output.failure('give the experiment id (EXP…) of the experiment to report');
    return EXIT_CODE.USAGE;
  }
  const target = await openTarget(output, args, deps);
  if (refused(target)) return target.exit;
  const { session, deployed } = target;
  try {
    const report = await scheduledReport({
      ...session.apis,
      deployed,
      experimentId: args.experimentId,
      afterSeconds: args.afterSeconds,
      isZoneDrill: (id) => findDrill(id)?.fault.kind === 'az-outage',
    });
    const drill = report.drillId === undefined ? undefined : findDrill(report.drillId);
    if (!drill) {
      output.failure(`experiment ${report.experiment.id} is tagged drill '${report.drillId ?? '(none)'}', which is not in this catalogue: nothing to judge it by`);
      return EXIT_CODE.ERROR;
    }
    const journal = scheduledJournal({
      drill,
      experiment: report.experiment,
      deployed,
      injection: report.injection,
      figures: report.figures,
      timeline: scheduledTimeline(report.experiment, report.evidence.timeline, report.faultStart),
      notes: report.evidence.notes,
      metrics: report.evidence.metrics,
      censored: report.censored,
    });
    const { judgement } = journal;
    const dir = path.join(args.out ?? 'evidence', drill.id, report.experiment.id);
    await fs.mkdir(dir, { recursive: true });
    journal.provenance ??= runProvenance(process.cwd());
    await writeAtomically(path.join(dir, 'journal.json'), `${JSON.stringify(journal, null, 2)}\n`);
    await writeReports(dir, journal);
    if (judgement.notJudged.length > 0) output.notice(`not judged (no probe data on a scheduled run): ${judgement.notJudged.join(', ')}`);
    const run = { drill: drill.id, verdict: judgement.verdict, figures: journal.figures ?? {}, evidence: dir, experimentId: report.experiment.id };
    output.result(runResultLine(run), runsJson(run.verdict, [run]));
    return exitCodeOf(judgement.verdict);
  } catch (err) {
    output.failure(describeError(err));
    return EXIT_CODE.ERROR;
  } finally {
    session.close();
  }
}

export function registerReport(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('report <experiment-id>').description('evidence and a verdict for an experiment a schedule (or anyone) started'))
    .option('--out <dir>', 'evidence root', 'evidence')
    .option('--after-seconds <s>', 'seconds after the end to keep reading events and metrics', wholeNumber('--after-seconds'))
    .action(async (experimentId: string, opts: Omit<ReportArgs, 'experimentId'>) => ctx.setExitCode(await reportCommand({ ...opts, experimentId }, ctx.io)));
}
