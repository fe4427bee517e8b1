/**
 * `drills history [--out <root | s3://bucket/prefix>] [--json]`: one line per run found under the evidence root
 * (drill, service, mode, when, verdict, recovery, broken streams, failed requests, its folder),
 * oldest first, and `<root>/index.html` written with the history charts and a link to every
 * report. Journals that cannot be read are named on stderr and skipped. Exit 0, or 5 (ERROR)
 * when the root cannot be read or the index cannot be written.
 */
import type { Command } from 'commander';
import { historyTable } from '../../report/history-table';
import { writeEvidenceIndex } from '../../runner/evidence-history';
import { EXIT_CODE } from '../../runner/verdict';
import { openEvidenceTarget } from '../evidence-target';
import type { CliContext } from '../context';
import type { CommandIo } from './preflight';

export interface HistoryArgs {
  /** Evidence root. @default evidence */
  readonly out?: string;
  readonly json?: boolean;
}

export async function historyCommand(args: HistoryArgs, io: CommandIo, now: Date = new Date()): Promise<number> {
  const root = args.out ?? 'evidence';
  const evidence = openEvidenceTarget(root);
  if ('usage' in evidence) {
    io.err(`drills history: ${evidence.usage}\n`);
    return EXIT_CODE.USAGE;
  }
  try {
    const { lines, problems, file } = await writeEvidenceIndex(evidence.store, now);
    for (const p of problems) io.err(`drills history: skipped ${p}\n`);
    if (args.json) io.out(`${JSON.stringify({ root, index: file, runs: lines }, null, 2)}\n`);
    else io.out(lines.length > 0 ? historyTable(lines) : `no runs under ${root}/ yet (drills rehearse writes the first)\n`);
    io.err(`drills history: ${file}\n`);
    return EXIT_CODE.HELD;
  } catch (e) {
    io.err(`drills history: cannot read ${root}/ or write its index.html: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_CODE.ERROR;
  } finally {
    evidence.close();
  }
}

export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('every run under the evidence root, one line each, and its index.html with charts over time')
    .option('--out <dir>', 'evidence root: a folder, or s3://bucket/prefix', 'evidence')
    .option('--json', 'print only the history as JSON on stdout')
    .action(async (opts: HistoryArgs) => ctx.setExitCode(await historyCommand(opts, ctx.io)));
}
