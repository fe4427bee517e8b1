/**
 * `drills preflight <drill>`: is it safe to run this drill now? One line per check on stdout
 * (`--json`: only the preflight object). Never starts an experiment, except `--dry-run`
 * (actionsMode skip-all, injects nothing). Exit OK (0) when every check passed, FAILED (1) when
 * one failed, USAGE (2) on bad arguments or an unreadable outputs file, UNREACHABLE (5) when AWS
 * could not be reached at all.
 */
import type { Command } from 'commander';
import { preflightJson, preflightLines, preflightSummary } from '../../runner/aws/preflight-format';
import { awsTargetOptions, openTarget, refused, targetDrill, targetTraffic, type AwsCommandDeps } from '../aws-target';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { listenForOperatorSignals } from '../operator-signals';
import { Output } from '../output';
import { preflightFor, type PreflightArgs } from '../preflight-for';

export async function preflightCommand(args: PreflightArgs, io: IoHost, deps: AwsCommandDeps = {}): Promise<number> {
  const output = new Output(io, 'preflight', { json: args.json });
  const traffic = targetTraffic(output, args.traffic, deps, args.service);
  if (refused(traffic)) return traffic.exit;
  const drill = targetDrill(output, args.drill, deps);
  if (refused(drill)) return drill.exit;
  const target = await openTarget(output, args, deps, drill);
  if (refused(target)) return target.exit;
  // Only a dry run starts something (a skip-all experiment): a signal ends its wait and stops it.
  const operator = args.dryRun
    ? listenForOperatorSignals({
        source: deps.signals,
        onFirst: (name) => output.notice(`${name}: stopping the dry run's skip-all experiment …`, { newLineFirst: true }),
        onRepeat: (name) => output.notice(`${name}: still waiting for FIS to stop the skip-all experiment (30 s at most)`, { newLineFirst: true }),
      })
    : undefined;
  try {
    const result = await preflightFor({ args, drill, target, deps, signal: operator?.signal, traffic: { resolved: traffic.traffic.resolved, healthPath: traffic.healthPath } });
    output.result(preflightLines(result.checks), preflightJson(result));
    output.progress(preflightSummary(result));
    return result.ok ? COMMAND_EXIT.OK : COMMAND_EXIT.FAILED;
  } finally {
    operator?.dispose();
    target.session.close();
  }
}

export function registerPreflight(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('preflight <drill>').description('check that a drill is safe to run now against AWS (starts nothing)'))
    .option('--allow-insufficient-data', 'accept stop-condition alarms in INSUFFICIENT_DATA')
    .option('--dry-run', 'also start the experiment with actionsMode skip-all (injects nothing)')
    .option('--traffic <file>', "a traffic profile (JSON) to check instead of the config's service.traffic")
    .action(async (drill: string, opts: Omit<PreflightArgs, 'drill'>) => ctx.setExitCode(await preflightCommand({ ...opts, drill }, ctx.io)));
}
