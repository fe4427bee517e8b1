/**
 * `drills run <drill>`: a guarded production drill through AWS FIS. Preflight → confirmation
 * (a prompt on stderr at a terminal; `--yes` when nobody is there) → the runner core
 * (`runDrill`: probes and warm-up, inject, recovery, figures, judge, evidence) driving the
 * FisEngine → exit code by verdict. Ctrl-C or SIGTERM stop the experiment and wait for
 * `stopped` before the command returns; so does any exception (the engine is always closed).
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import * as readline from 'readline';
import type { Drill } from '../../drill';
import { describeError } from '../../runner/aws/aws-error';
import type { AwsSession } from '../../runner/aws/aws-session';
import { FisEngine } from '../../runner/aws/fis-engine';
import { HeartbeatPublisher } from '../../runner/aws/heartbeat';
import { httpProbe } from '../../runner/aws/preflight';
import { preflightLines, preflightSummary } from '../../runner/aws/preflight-format';
import type { DeployedService } from '../../runner/aws/resolve-outputs';
import { runDrill, type RunResult } from '../../runner/run-drill';
import { timelineRelay } from '../../runner/timeline-relay';
import { EXIT_CODE, exitCodeOf } from '../../runner/verdict';
import { progressLine } from '../reporter';
import { awsTargetOptions, defaultRunId, openTarget, preflightFor, type AwsCommandDeps, type CommandIo, type PreflightArgs } from './preflight';

export interface RunArgs extends Omit<PreflightArgs, 'dryRun'> {
  /** Inject without asking (required when stdin is not a terminal). */
  readonly yes?: boolean;
  /** Evidence root: a run writes `<out>/<drill>/<run-id>/`. @default evidence */
  readonly out?: string;
  /** Publish the dead-man's switch heartbeat while the drill runs. */
  readonly heartbeat?: boolean;
  readonly runId?: string;
}

export interface RunDeps extends AwsCommandDeps {
  /** The runner core. @default runDrill (lib/runner/run-drill.ts) */
  readonly runDrill?: typeof runDrill;
  /** @default process.stdin.isTTY */
  readonly interactive?: boolean;
  /** Answers the confirmation prompt. @default - a line read from stdin */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Where SIGINT/SIGTERM come from. @default process */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export async function runCommand(args: RunArgs, io: CommandIo, deps: RunDeps = {}): Promise<number> {
  const interactive = deps.interactive ?? Boolean(process.stdin.isTTY);
  if (!args.yes && !interactive) {
    io.err('drills run: stdin is not a terminal, so nobody can confirm the fault: pass --yes to inject without asking\n');
    return EXIT_CODE.USAGE;
  }
  const target = await openTarget('run', args.drill, args, io, deps);
  if ('exit' in target) return target.exit;
  const { session, deployed } = target;
  const drill = target.drill as Drill;
  try {
    return await guardedRun(args, io, deps, drill, session, deployed, interactive);
  } finally {
    session.close();
  }
}

async function guardedRun(args: RunArgs, io: CommandIo, deps: RunDeps, drill: Drill, session: AwsSession, deployed: DeployedService, interactive: boolean): Promise<number> {
  const runId = args.runId ?? (deps.newRunId ?? (() => defaultRunId(drill.id)))();
  const preflight = await preflightFor(args, drill, session, deployed, deps);
  preflightLines(preflight.checks).forEach((line) => io.err(`${line}\n`));
  io.err(`${preflightSummary(preflight)}\n`);
  if (!preflight.ok || !preflight.templateId || !preflight.caller) {
    io.err('drills run: refused by preflight; nothing was started (ABORTED)\n');
    if (args.json) io.out(`${JSON.stringify({ verdict: 'ABORTED', runs: [] }, null, 2)}\n`);
    return EXIT_CODE.ABORTED;
  }
  const templateId = preflight.templateId;
  if (!args.yes) {
    const question = `Start FIS template ${templateId} (${drill.id}: ${drill.title}) against ${deployed.serviceName} in account ${preflight.caller.account}? [y/N] `;
    const confirmed = await (deps.confirm ?? ((q) => askOnStderr(q)))(question);
    if (!confirmed) {
      io.err('drills run: not confirmed; nothing was started\n');
      return EXIT_CODE.ABORTED;
    }
  } else if (!interactive) {
    io.err(`drills run: --yes given; starting ${drill.id} (run ${runId}) without a prompt\n`);
  }
  const run = deps.runDrill ?? runDrill;
  const timeline = timelineRelay();
  const controller = new AbortController();
  const signals = deps.signals ?? process;
  const onSignal = (name: NodeJS.Signals) => () => {
    if (!controller.signal.aborted) io.err(`\ndrills run: ${name}: stopping the experiment and waiting for FIS to confirm …\n`);
    controller.abort(name);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  signals.on('SIGINT', onInt);
  signals.on('SIGTERM', onTerm);
  const engine = new FisEngine({
    ...session.apis,
    deployed,
    templateId,
    runId,
    operator: preflight.caller.arn,
    signal: controller.signal,
    log: (line) => io.err(`${line}\n`),
    onEvent: timeline.sink,
  });
  const heartbeat = args.heartbeat ? new HeartbeatPublisher(session.apis.metrics, deployed.serviceName, (m) => io.err(`${m}\n`)) : undefined;
  heartbeat?.start(async () => (await httpProbe(deployed.serviceUrl)).ok);
  let result: RunResult | undefined;
  try {
    result = await run({
      drill,
      engine,
      outRoot: args.out ?? 'evidence',
      runId,
      signal: controller.signal,
      timeline,
      settings: { templateId, heartbeat: Boolean(args.heartbeat) },
      target: { account: preflight.caller.account, cluster: deployed.clusterName, service: deployed.serviceName, serviceUrl: deployed.serviceUrl },
      onEvent: (e) => io.err(progressLine(drill.id, e)),
    });
  } catch (err) {
    io.err(`drills run: ${describeError(err)}\n`);
  } finally {
    // Always: an experiment still running is stopped, and FIS has said so, before we return.
    await engine.close();
    heartbeat?.stop();
    signals.off('SIGINT', onInt);
    signals.off('SIGTERM', onTerm);
  }
  if (!result) return EXIT_CODE.ERROR;
  const experimentId = result.experimentId ?? engine.experimentId;
  if (args.json) {
    const run = { drill: drill.id, verdict: result.verdict, figures: result.figures, evidence: result.evidence, experimentId };
    io.out(`${JSON.stringify({ verdict: result.verdict, runs: [run] }, null, 2)}\n`);
  } else {
    io.out(`${result.verdict}  ${drill.id}  experiment ${experimentId ?? '-'}  evidence ${result.evidence}\n`);
  }
  return exitCodeOf(result.verdict);
}

function askOnStderr(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

export function registerRun(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('run <drill>').description('run a drill through AWS FIS: preflight, confirm, inject, judge, evidence'))
    .option('--yes', 'inject without asking (required when nobody is at a terminal)')
    .option('--out <dir>', 'evidence root', 'evidence')
    .option('--allow-insufficient-data', 'accept stop-condition alarms in INSUFFICIENT_DATA')
    .option('--heartbeat', "publish the dead-man's switch heartbeat while the drill runs")
    .action(async (drill: string, opts: Omit<RunArgs, 'drill'>) => ctx.setExitCode(await runCommand({ ...opts, drill }, ctx.io)));
}
