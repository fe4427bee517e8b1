/**
 * `drills stop [<experiment-id> | --all-mine]`: stop one experiment, or every active one this
 * tool started for the caller (tags `fis-drills:run-id` and `fis-drills:operator`), and wait
 * until FIS says each is stopped. Exit 0 when all are stopped (or had already ended), 2 on bad
 * arguments, 5 when one could not be stopped or AWS could not be read.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { describeError } from '../../runner/aws/aws-error';
import { openAwsSession } from '../../runner/aws/aws-session';
import { mineToStop, stopExperiments, type StopOutcome } from '../../runner/aws/stop-experiments';
import { EXIT_CODE } from '../../runner/verdict';
import { listenForOperatorSignals } from '../operator-signals';
import { wholeNumber } from '../parse-options';
import type { AwsCommandDeps, CommandIo } from './preflight';

export interface StopArgs {
  readonly experimentId?: string;
  readonly allMine?: boolean;
  readonly region?: string;
  readonly json?: boolean;
  /** Longest wait per experiment for `stopped`, in ms. @default 180000 */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

export async function stopCommand(args: StopArgs, io: CommandIo, deps: AwsCommandDeps = {}): Promise<number> {
  if (Boolean(args.experimentId) === Boolean(args.allMine)) {
    io.err('drills stop: give one experiment id, or --all-mine for every experiment this tool started for you\n');
    return EXIT_CODE.USAGE;
  }
  const session = (deps.session ?? ((region) => openAwsSession({ region })))(args.region);
  // The emergency lever is not cut short by a signal (a closed terminal's SIGHUP included): every
  // StopExperiment is still sent; only the wait for `stopped` ends, and the outcome says so.
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) => io.err(`\ndrills stop: ${name}: sending the stops still due, then leaving without waiting for stopped\n`),
    onRepeat: (name) => io.err(`\ndrills stop: ${name}: still sending StopExperiment\n`),
  });
  try {
    let ids: string[];
    if (args.experimentId) {
      ids = [args.experimentId];
    } else {
      const caller = await session.apis.identity.callerIdentity();
      ids = mineToStop(await session.apis.fis.listExperiments(), caller.arn).map((e) => e.id);
      io.err(`drills stop: ${ids.length} active experiment(s) started by ${caller.arn}\n`);
    }
    const outcomes: StopOutcome[] = await stopExperiments({ fis: session.apis.fis, ids, waitMs: args.waitMs, pollMs: args.pollMs, signal: operator.signal });
    if (args.json) io.out(`${JSON.stringify({ ok: outcomes.every((o) => o.ok), experiments: outcomes }, null, 2)}\n`);
    else outcomes.forEach((o) => io.out(`${o.ok ? 'ok    ' : 'FAILED'}  ${o.id}  ${o.detail}\n`));
    return outcomes.every((o) => o.ok) ? EXIT_CODE.HELD : EXIT_CODE.ERROR;
  } catch (err) {
    io.err(`drills stop: ${describeError(err)}\n`);
    return EXIT_CODE.ERROR;
  } finally {
    operator.dispose();
    session.close();
  }
}

export function registerStop(program: Command, ctx: CliContext): void {
  program
    .command('stop [experiment-id]')
    .description('stop an experiment, or --all-mine: every active one this tool started for you; waits for stopped')
    .option('--all-mine', 'every active experiment this tool started for the caller')
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--json', 'print only the result as JSON on stdout')
    .option('--wait-ms <ms>', 'longest wait per experiment for stopped', wholeNumber('--wait-ms'))
    .action(async (experimentId: string | undefined, opts: Omit<StopArgs, 'experimentId'>) => ctx.setExitCode(await stopCommand({ ...opts, experimentId }, ctx.io)));
}
