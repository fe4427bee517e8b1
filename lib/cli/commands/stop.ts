/**
 * `drills stop [<experiment-id> | --all-mine | --service <name>]`: stop one experiment, or every
 * active one this tool started for the caller (tags `fis-drills:run-id` and `fis-drills:operator`),
 * with `--service` only those of that service's templates (lib/cli/service-experiments.ts), and wait
 * until FIS says each is stopped (lib/runner/aws/experiment-wait.ts: StopExperiment retried while
 * the error may pass, GetExperiment with backoff, bounded, a signal ends only the wait). Exit OK
 * (0) when all are stopped (or had already ended), USAGE (2) on bad arguments, UNREACHABLE (5)
 * when one could not be stopped or AWS could not be read.
 */
import type { Command } from 'commander';
import { describeError } from '../../runner/aws/aws-error';
import { mineToStop, stopExperiments, type StopOutcome } from '../../runner/aws/stop-experiments';
import { openSession, type AwsCommandDeps } from '../aws-target';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { listenForOperatorSignals } from '../operator-signals';
import { Output } from '../output';
import { wholeNumber } from '../parse-options';
import { projectRoot } from '../project-root';
import { readCdkContext } from '../read-cdk-context';
import { stopJson } from '../result-json';
import { ofTemplates, serviceTemplateIds } from '../service-experiments';

export interface StopArgs {
  readonly experimentId?: string;
  readonly allMine?: boolean;
  readonly region?: string;
  readonly json?: boolean;
  /** Longest wait per experiment for `stopped`, in ms. @default 180000 */
  readonly waitMs?: number;
  readonly pollMs?: number;
  /** Only this service's experiments (those of its templates); implies --all-mine. */
  readonly service?: string;
  /** The outputs file naming the service's templates. @default ./cdk-outputs.json when there, else CloudFormation */
  readonly outputs?: string;
}

export async function stopCommand(args: StopArgs, io: IoHost, deps: AwsCommandDeps = {}): Promise<number> {
  const output = new Output(io, 'stop', { json: args.json });
  const allMine = Boolean(args.allMine) || args.service !== undefined;
  if (Boolean(args.experimentId) === allMine) {
    output.failure('give one experiment id, or --all-mine (or --service <name>) for the experiments this tool started for you');
    return COMMAND_EXIT.USAGE;
  }
  const session = openSession(args, deps);
  // The emergency lever is not cut short by a signal (a closed terminal's SIGHUP included): every
  // StopExperiment is still sent; only the wait for `stopped` ends, and the outcome says so.
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) => output.notice(`${name}: sending the stops still due, then leaving without waiting for stopped`, { newLineFirst: true }),
    onRepeat: (name) => output.notice(`${name}: still sending StopExperiment`, { newLineFirst: true }),
  });
  try {
    let ids: string[];
    if (args.experimentId) {
      ids = [args.experimentId];
    } else {
      const ofService =
        args.service === undefined
          ? undefined
          : await serviceTemplateIds(session, { service: args.service, outputs: args.outputs, cwd: deps.cwd ?? projectRoot() }, readCdkContext(deps.cwd ?? projectRoot()));
      if (ofService && 'usage' in ofService) {
        output.failure(ofService.usage);
        return COMMAND_EXIT.USAGE;
      }
      const caller = await session.apis.identity.callerIdentity();
      const mine = mineToStop(await session.apis.fis.listExperiments(), caller.arn);
      ids = (ofService ? ofTemplates(mine, ofService.templateIds) : mine).map((e) => e.id);
      output.notice(`${ids.length} active experiment(s) started by ${caller.arn}${ofService ? ` from the templates of service ${args.service}` : ''}`);
    }
    const outcomes: StopOutcome[] = await stopExperiments({ fis: session.apis.fis, ids, waitMs: args.waitMs, pollMs: args.pollMs, signal: operator.signal });
    output.result(outcomes.map(stopLine), stopJson(outcomes));
    return outcomes.every((o) => o.ok) ? COMMAND_EXIT.OK : COMMAND_EXIT.UNREACHABLE;
  } catch (err) {
    output.failure(describeError(err));
    return COMMAND_EXIT.UNREACHABLE;
  } finally {
    operator.dispose();
    session.close();
  }
}

/** `ok      <id>  <detail>` or `FAILED  <id>  <detail>`. */
function stopLine(o: StopOutcome): string {
  return `${o.ok ? 'ok    ' : 'FAILED'}  ${o.id}  ${o.detail}`;
}

export function registerStop(program: Command, ctx: CliContext): void {
  program
    .command('stop [experiment-id]')
    .description('stop an experiment, or --all-mine: every active one this tool started for you (--service: of one service); waits for stopped')
    .option('--all-mine', 'every active experiment this tool started for the caller')
    .option('--service <name>', "only that service's experiments (started from its templates); implies --all-mine")
    .option('--outputs <file>', "the outputs file naming the service's templates (default: ./cdk-outputs.json, else CloudFormation)")
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--json', 'print only the result as JSON on stdout')
    .option('--wait-ms <ms>', 'longest wait per experiment for stopped', wholeNumber('--wait-ms'))
    .action(async (experimentId: string | undefined, opts: Omit<StopArgs, 'experimentId'>) => ctx.setExitCode(await stopCommand({ ...opts, experimentId }, ctx.io)));
}
