/**
 * `drills history [--out <root | s3://bucket/prefix>] [--json]`: one line per run found under the evidence root
 * (drill, service, mode, when, verdict, recovery, broken streams, failed requests, its folder),
 * oldest first, and `<root>/index.html` written with the history charts and a link to every
 * report (a local root that does not exist: nothing written, exit 0). Journals that cannot be read are named on stderr and skipped. Exit OK (0), or
 * UNREACHABLE (5) when the root cannot be read or the index cannot be written.
 */
import { existsSync } from 'fs';
import type { Command } from 'commander';
import { historyTable } from '../../report/history-table';
import { writeEvidenceIndex } from '../../runner/evidence-history';
import { COMMAND_EXIT } from '../command-exit';
import { openEvidenceTarget } from '../evidence-target';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';
import { historyJson } from '../result-json';
import { isS3Url } from '../../runner/aws/s3-url';

export interface HistoryArgs {
  /** Evidence root. @default evidence */
  readonly out?: string;
  readonly json?: boolean;
}

export async function historyCommand(args: HistoryArgs, io: IoHost, now: Date = new Date()): Promise<number> {
  const output = new Output(io, 'history', { json: args.json });
  const root = args.out ?? 'evidence';
  if (!isS3Url(root) && !existsSync(root)) {
    // A typo in --out must not leave a new folder with an empty index.html behind.
    output.result(`no runs under ${root}/ yet: the folder does not exist, nothing written (drills rehearse --out ${root} writes the first run there; check --out)`, historyJson(root, undefined, []));
    return COMMAND_EXIT.OK;
  }
  const evidence = openEvidenceTarget(root);
  if ('usage' in evidence) {
    output.failure(evidence.usage);
    return COMMAND_EXIT.USAGE;
  }
  try {
    const { lines, problems, file } = await writeEvidenceIndex(evidence.store, now);
    for (const p of problems) output.notice(`skipped ${p}`);
    output.result(lines.length > 0 ? historyTable(lines) : `no runs under ${root}/ yet (drills rehearse writes the first)`, historyJson(root, file, lines));
    output.notice(file);
    return COMMAND_EXIT.OK;
  } catch (e) {
    output.failure(`cannot read ${root}/ or write its index.html: ${e instanceof Error ? e.message : String(e)}`);
    return COMMAND_EXIT.UNREACHABLE;
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
