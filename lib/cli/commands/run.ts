/**
 * `drills run <drill>`: a guarded production drill through AWS FIS. Preflight → confirmation
 * (a prompt on stderr at a terminal; `--yes` when nobody is there) → the runner core
 * (`runDrill`: probes and warm-up, inject, recovery, figures, judge, evidence) driving the
 * FisEngine → exit code by verdict. Ctrl-C, SIGTERM or SIGHUP stop the experiment and wait for
 * `stopped` before the command returns; so does any exception (the engine is always closed).
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import * as readline from 'readline';
import { findDrill } from '../../../experiments';
import type { Drill } from '../../drill';
import { describeError } from '../../runner/aws/aws-error';
import type { AwsSession } from '../../runner/aws/aws-session';
import { FisEngine, type FisEngineOptions } from '../../runner/aws/fis-engine';
import { failedOnlyOnHeartbeat, HeartbeatPublisher } from '../../runner/aws/heartbeat';
import { Sleeper } from '../../runner/aws/poll';
import { httpProbe, type PreflightOutcome } from '../../runner/aws/preflight';
import { preflightLines, preflightSummary } from '../../runner/aws/preflight-format';
import type { DeployedService } from '../../runner/aws/resolve-outputs';
import { runDrill, type RunResult } from '../../runner/run-drill';
import { timelineRelay } from '../../runner/timeline-relay';
import { EXIT_CODE, exitCodeOf } from '../../runner/verdict';
import { openEvidenceTarget, type EvidenceTarget } from '../evidence-target';
import { finishRuns } from '../finish-runs';
import { npmLaunchHint } from '../npm-launch-hint';
import { listenForOperatorSignals } from '../operator-signals';
import { progressLine } from '../reporter';
import { projectRoot } from '../project-root';
import { awsServiceTraffic, type ServiceTraffic } from '../service-traffic';
import { awsTargetOptions, defaultRunId, openTarget, preflightFor, type AwsCommandDeps, type CommandIo, type PreflightArgs, type PreflightTraffic } from './preflight';

export interface RunArgs extends Omit<PreflightArgs, 'dryRun'> {
  /** Inject without asking (required when stdin is not a terminal). */
  readonly yes?: boolean;
  /** Evidence root: a run writes `<out>/<drill>/<run-id>/`. @default evidence */
  readonly out?: string;
  /** Publish the dead-man's switch heartbeat while the drill runs. */
  readonly heartbeat?: boolean;
  readonly runId?: string;
  /** Write JUnit XML here (one test case for the drill). */
  readonly junit?: string;
}

export interface RunDeps extends AwsCommandDeps {
  /** The runner core. @default runDrill (lib/runner/run-drill.ts) */
  readonly runDrill?: typeof runDrill;
  /** @default process.stdin.isTTY */
  readonly interactive?: boolean;
  /** Answers the confirmation prompt. @default - a line read from stdin */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** With `--heartbeat`: how long to wait for the dead-man's switch alarm to turn OK, and how often to look. @default { timeoutMs: 120000, everyMs: 10000 } */
  readonly heartbeatSettle?: { readonly timeoutMs: number; readonly everyMs: number };
  /** The environment to look for npm's marks in (the npm hint). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Heartbeat publishing interval in ms. @default 10000 (the alarm's period) */
  readonly heartbeatIntervalMs?: number;
  /** Polling settings of the FIS engine (tests shorten them). @default - the engine's defaults */
  readonly engineTimings?: Pick<FisEngineOptions, 'poll' | 'recoveryPollMs' | 'runningPollMs' | 'rebalanceSettleMs' | 'stopWaitMs'>;
}

export async function runCommand(args: RunArgs, io: CommandIo, deps: RunDeps = {}): Promise<number> {
  const interactive = deps.interactive ?? Boolean(process.stdin.isTTY);
  if (!(deps.findDrill ?? findDrill)(args.drill)) {
    io.err(`drills run: unknown drill '${args.drill}'; see \`drills list\`\n`);
    return EXIT_CODE.USAGE;
  }
  if (!args.yes && !interactive) {
    io.err('drills run: stdin is not a terminal, so nobody can confirm the fault: pass --yes to inject without asking\n');
    return EXIT_CODE.USAGE;
  }
  const traffic = awsServiceTraffic(args.traffic, deps.cwd ?? projectRoot());
  if ('usage' in traffic) {
    io.err(`drills run: ${traffic.usage}\n`);
    return EXIT_CODE.USAGE;
  }
  if (traffic.traffic.notice) io.err(`drills run: ${traffic.traffic.notice}\n`);
  const hint = npmLaunchHint(deps.env ?? process.env);
  if (hint) io.err(`${hint}\n`);
  const evidence = openEvidenceTarget(args.out ?? 'evidence', { region: args.region });
  if ('usage' in evidence) {
    io.err(`drills run: ${evidence.usage}\n`);
    return EXIT_CODE.USAGE;
  }
  const target = await openTarget('run', args.drill, args, io, deps);
  if ('exit' in target) return (evidence.close(), target.exit);
  const { session, deployed } = target;
  const drill = target.drill as Drill;
  // The heartbeat starts before preflight: the switch's alarm is OK only once it is published.
  const heartbeat = args.heartbeat
    ? new HeartbeatPublisher(session.apis.metrics, deployed.serviceName, (m) => io.err(`${m}\n`), deps.heartbeatIntervalMs)
    : undefined;
  heartbeat?.start(async () => (await httpProbe(deployed.serviceUrl)).ok);
  try {
    return await guardedRun(args, io, deps, drill, session, deployed, interactive, traffic, evidence);
  } finally {
    await heartbeat?.stop();
    session.close();
    evidence.close();
  }
}

/**
 * Preflight; with `--heartbeat`, a failure only on the switch's alarm is retried until the alarm
 * has seen the heartbeat (bounded; a signal ends the wait).
 */
async function preflightAwaitingHeartbeat(
  args: RunArgs,
  io: CommandIo,
  deps: RunDeps,
  drill: Drill,
  session: AwsSession,
  deployed: DeployedService,
  signal: AbortSignal,
  traffic: PreflightTraffic,
): Promise<PreflightOutcome> {
  const settle = deps.heartbeatSettle ?? { timeoutMs: 120_000, everyMs: 10_000 };
  const deadline = Date.now() + settle.timeoutMs;
  const sleeper = new Sleeper();
  const wake = () => sleeper.wake();
  signal.addEventListener('abort', wake, { once: true });
  try {
    let preflight = await preflightFor(args, drill, session, deployed, deps, undefined, signal, traffic);
    while (args.heartbeat && !preflight.ok && failedOnlyOnHeartbeat(preflight.checks) && !signal.aborted && Date.now() + settle.everyMs <= deadline) {
      io.err(`drills run: waiting for the dead-man's switch alarm to see the heartbeat (up to ${Math.round(settle.timeoutMs / 1000)} s) …\n`);
      await sleeper.sleep(settle.everyMs);
      if (signal.aborted) break;
      preflight = await preflightFor(args, drill, session, deployed, deps, undefined, signal, traffic);
    }
    return preflight;
  } finally {
    signal.removeEventListener('abort', wake);
  }
}

async function guardedRun(
  args: RunArgs,
  io: CommandIo,
  deps: RunDeps,
  drill: Drill,
  session: AwsSession,
  deployed: DeployedService,
  interactive: boolean,
  traffic: { traffic: ServiceTraffic; healthPath: string },
  evidence: EvidenceTarget,
): Promise<number> {
  const checked = { resolved: traffic.traffic.resolved, healthPath: traffic.healthPath };
  const runId = args.runId ?? (deps.newRunId ?? (() => defaultRunId(drill.id)))();
  // Signals are ours from here (SIGINT, SIGTERM, SIGHUP): before anything starts they end the
  // command (ABORTED, nothing started); once the experiment may be running they stop it first
  // (the engine listens too) and the command returns only once FIS says it is final.
  let engine: FisEngine | undefined;
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) => io.err(engine ? `\ndrills run: ${name}: stopping the experiment and waiting for FIS to confirm …\n` : `\ndrills run: ${name}: stopping; no experiment was started\n`),
    // A second signal does not cut the wait short: leaving before FIS says stopped could leave the fault in.
    onRepeat: (name) => io.err(`\ndrills run: ${name}: ${stillWaitingFor(engine)}\n`),
  });
  try {
    const preflight = await preflightAwaitingHeartbeat(args, io, deps, drill, session, deployed, operator.signal, checked);
    preflightLines(preflight.checks).forEach((line) => io.err(`${line}\n`));
    io.err(`${preflightSummary(preflight)}\n`);
    if (operator.signal.aborted) return notStarted(args, io, (operator.signal.reason as Error).message);
    if (!preflight.ok || !preflight.templateId || !preflight.caller) return notStarted(args, io, 'refused by preflight');
    const templateId = preflight.templateId;
    if (!args.yes) {
      const question = `Start FIS template ${templateId} (${drill.id}: ${drill.title}) against ${deployed.serviceName} in account ${preflight.caller.account}? [y/N] `;
      const confirmed = await (deps.confirm ?? ((q) => askOnStderr(q, operator.signal)))(question);
      if (!confirmed || operator.signal.aborted) return notStarted(args, io, 'not confirmed');
    } else if (!interactive) {
      io.err(`drills run: --yes given; starting ${drill.id} (run ${runId}) without a prompt\n`);
    }
    const timeline = timelineRelay();
    engine = new FisEngine({
      ...deps.engineTimings,
      ...session.apis,
      deployed,
      templateId,
      runId,
      operator: preflight.caller.arn,
      signal: operator.signal,
      log: (line) => io.err(`${line}\n`),
      onEvent: timeline.sink,
    });
    const result = await runOnEngine(engine, {
      drill,
      engine,
      outRoot: args.out ?? 'evidence',
      evidence: evidence.store,
      runId,
      signal: operator.signal,
      timeline,
      traffic: checked.resolved,
      healthPath: checked.healthPath,
      settings: { templateId, heartbeat: Boolean(args.heartbeat), traffic: traffic.traffic.redacted, trafficSource: traffic.traffic.source },
      target: { account: preflight.caller.account, cluster: deployed.clusterName, service: deployed.serviceName, serviceUrl: deployed.serviceUrl },
      onEvent: (e) => io.err(progressLine(drill.id, e)),
    }, io, deps);
    if (!result) return EXIT_CODE.ERROR;
    await finishRuns({ command: 'drills run', outRoot: args.out ?? 'evidence', store: evidence.store, junit: args.junit, runs: [result], io });
    const experimentId = result.experimentId ?? engine.experimentId;
    if (args.json) {
      const run = { drill: drill.id, verdict: result.verdict, figures: result.figures, evidence: result.evidence, experimentId };
      io.out(`${JSON.stringify({ verdict: result.verdict, runs: [run] }, null, 2)}\n`);
    } else {
      io.out(`${result.verdict}  ${drill.id}  experiment ${experimentId ?? '-'}  evidence ${result.evidence}\n`);
      // A run that did not hold says why, each broken expectation with its cause (judge's reasons).
      if (result.verdict !== 'HELD') io.out(result.judgement.reasons.map((r) => `  - ${r}\n`).join(''));
    }
    return exitCodeOf(result.verdict);
  } finally {
    operator.dispose();
  }
}

/** What a repeated signal is told: what the command still waits for before it may return. */
function stillWaitingFor(engine: FisEngine | undefined): string {
  const id = engine?.experimentId;
  if (id) return `still waiting for FIS to stop ${id} (at most 3 minutes); \`drills stop ${id}\` from another shell does the same`;
  if (engine) return 'still waiting for StartExperiment to answer, so that what it started is stopped too';
  return 'already stopping; nothing was started';
}

/** The runner core over the engine; whatever happens, the engine is closed (the experiment stopped, FIS has said so) before this returns. */
async function runOnEngine(engine: FisEngine, options: Parameters<typeof runDrill>[0], io: CommandIo, deps: RunDeps): Promise<RunResult | undefined> {
  try {
    return await (deps.runDrill ?? runDrill)(options);
  } catch (err) {
    io.err(`drills run: ${describeError(err)}\n`);
    return undefined;
  } finally {
    await engine.close();
  }
}

function notStarted(args: RunArgs, io: CommandIo, why: string): number {
  io.err(`drills run: ${why}; nothing was started (ABORTED)\n`);
  if (args.json) io.out(`${JSON.stringify({ verdict: 'ABORTED', runs: [] }, null, 2)}\n`);
  return EXIT_CODE.ABORTED;
}

/** y or yes starts; anything else, Ctrl-D, Ctrl-C at the prompt or a signal does not. */
function askOnStderr(question: string, signal: AbortSignal): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    const finish = (yes: boolean) => {
      if (answered) return;
      answered = true;
      signal.removeEventListener('abort', onAbort);
      rl.close();
      resolve(yes);
    };
    const onAbort = () => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    // At a terminal readline takes Ctrl-C itself (no process signal): treat it as "no".
    rl.on('SIGINT', () => finish(false));
    rl.on('close', () => finish(false));
    rl.question(question, (answer) => finish(/^y(es)?$/i.test(answer.trim())));
  });
}

export function registerRun(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('run <drill>').description('run a drill through AWS FIS: preflight, confirm, inject, judge, evidence'))
    .option('--yes', 'inject without asking (required when nobody is at a terminal)')
    .option('--out <dir>', 'evidence root: a folder, or s3://bucket/prefix', 'evidence')
    .option('--junit <file>', 'also write the result as JUnit XML (one test case for the drill)')
    .option('--allow-insufficient-data', 'accept stop-condition alarms in INSUFFICIENT_DATA')
    .option('--heartbeat', "publish the dead-man's switch heartbeat while the drill runs")
    .option('--traffic <file>', "a traffic profile (JSON) to send instead of the config's service.traffic")
    .action(async (drill: string, opts: Omit<RunArgs, 'drill'>) => ctx.setExitCode(await runCommand({ ...opts, drill }, ctx.io)));
}
