/**
 * `drills run <drill>`: a guarded production drill through AWS FIS. Preflight → confirmation
 * (a prompt on stderr at a terminal; `--yes` when nobody is there) → the runner core
 * (`runDrill`: probes and warm-up, inject, recovery, figures, judge, evidence) driving the
 * FisEngine → exit code by verdict. Ctrl-C, SIGTERM or SIGHUP stop the experiment and wait for
 * `stopped` before the command returns; so does any exception (the engine is always closed).
 */
import * as os from 'os';
import type { Command } from 'commander';
import { findDrill } from '../../../experiments';
import type { Drill } from '../../drill';
import { describeError } from '../../runner/aws/aws-error';
import { FisEngine, type FisEngineOptions } from '../../runner/aws/fis-engine';
import { failedOnlyOnHeartbeat, HeartbeatPublisher } from '../../runner/aws/heartbeat';
import { Sleeper } from '../../runner/aws/poll';
import { httpProbe, type PreflightOutcome } from '../../runner/aws/preflight';
import { preflightLines, preflightSummary } from '../../runner/aws/preflight-format';
import { runDrill, type RunResult } from '../../runner/run-drill';
import { newRunId } from '../../runner/run-id';
import { lockRefusal, takeServiceLock } from '../../runner/service-lock';
import { timelineRelay } from '../../runner/timeline-relay';
import { EXIT_CODE, exitCodeOf } from '../../runner/verdict';
import { awsTargetOptions, openTarget, refused, targetDrill, targetTraffic, type AwsCommandDeps, type AwsTarget } from '../aws-target';
import type { CliContext } from '../context';
import { openEvidenceTarget, type EvidenceTarget } from '../evidence-target';
import { finishRuns } from '../finish-runs';
import { withJunitFallback } from '../junit-fallback';
import type { IoHost } from '../io-host';
import { publishVerdict } from '../publish-verdict';
import { notifyApi } from '../../runner/aws/notify-api';
import { npmLaunchHint } from '../npm-launch-hint';
import { listenForOperatorSignals } from '../operator-signals';
import { askOnStderr } from '../ask-on-stderr';
import { Output } from '../output';
import { remoteRunCommand, runIdUsage } from '../remote-run-command';
import { preflightFor, type PreflightArgs, type PreflightTraffic } from '../preflight-for';
import { recordRefusedRun } from '../refused-run';
import { progressLine, reasonLines, runResultLine } from '../reporter';
import { runsJson } from '../result-json';
import { RUNNER_ENV } from '../../contract';
import type { ServiceTraffic } from '../service-traffic';

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
  /** An SNS topic ARN: the finished run's summary and report location are published there. @default the `DRILLS_NOTIFY_TOPIC_ARN` environment variable (RUNNER_ENV; the game-day task sets it) */
  readonly notify?: string;
  /** Run on the game-day runner task in the service's VPC instead of here (remote-run-command.ts). */
  readonly remote?: boolean;
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
  /** The environment to look for npm's marks in (the npm hint) and the notification topic (RUNNER_ENV). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Heartbeat publishing interval in ms. @default 10000 (the alarm's period) */
  readonly heartbeatIntervalMs?: number;
  /** Polling settings of the FIS engine (tests shorten them). @default - the engine's defaults */
  readonly engineTimings?: Pick<FisEngineOptions, 'poll' | 'recoveryPollMs' | 'runningPollMs' | 'rebalanceSettleMs' | 'stopWaitMs'>;
}

export async function runCommand(args: RunArgs, io: IoHost, deps: RunDeps = {}): Promise<number> {
  // --junit gets a file whenever the drill is known, even if the command ends before a verdict.
  const known = (deps.findDrill ?? findDrill)(args.drill);
  return withJunitFallback({ file: args.junit, command: 'run', mode: 'aws', drills: known ? [known] : [] }, io, (kept) =>
    args.remote ? remoteRunCommand(args, kept, deps) : runDrillCommand(args, kept, deps),
  );
}

async function runDrillCommand(args: RunArgs, io: IoHost, deps: RunDeps): Promise<number> {
  const startedAt = new Date();
  const output = new Output(io, 'run', { json: args.json });
  const interactive = deps.interactive ?? Boolean(process.stdin.isTTY);
  const drill = targetDrill(output, args.drill, deps);
  if (refused(drill)) return drill.exit;
  if (!args.yes && !interactive) {
    output.failure('stdin is not a terminal, so nobody can confirm the fault: pass --yes to inject without asking');
    return EXIT_CODE.USAGE;
  }
  const traffic = targetTraffic(output, args.traffic, deps, args.service);
  if (refused(traffic)) return traffic.exit;
  // npm's own marks: its hint carries the `drills run: ` prefix itself.
  output.progress(npmLaunchHint(deps.env ?? process.env) ?? '');
  const envTopic = (deps.env ?? process.env)[RUNNER_ENV.notifyTopicArn] || undefined;
  const notify = args.notify ?? envTopic;
  if (notify !== undefined && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(notify)) {
    const given = args.notify !== undefined ? '--notify' : RUNNER_ENV.notifyTopicArn;
    output.failure(`${given} '${notify}' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>); the GameDayTopicArn stack output is one`);
    return EXIT_CODE.USAGE;
  }
  if (runIdUsage(args.runId)) {
    output.failure(runIdUsage(args.runId) as string);
    return EXIT_CODE.USAGE;
  }
  const evidence = openEvidenceTarget(args.out ?? 'evidence', { region: args.region });
  if ('usage' in evidence) {
    output.failure(evidence.usage);
    return EXIT_CODE.USAGE;
  }
  const target = await openTarget(output, args, deps, drill);
  if (refused(target)) return (evidence.close(), target.exit);
  const { session, deployed } = target;
  // The heartbeat starts before preflight: the switch's alarm is OK only once it is published.
  const heartbeat = args.heartbeat ? new HeartbeatPublisher(session.apis.metrics, deployed.serviceName, (m) => output.progress(m), deps.heartbeatIntervalMs) : undefined;
  heartbeat?.start(async () => (await httpProbe(deployed.serviceUrl)).ok);
  try {
    // One game day per service at a time, when the evidence is shared (S3): lib/runner/service-lock.ts.
    const runId = args.runId ?? (deps.newRunId ?? newRunId)();
    const run: GuardedRun = { args: { ...args, runId, notify }, output, deps, drill, target, interactive, traffic, evidence, startedAt };
    const lock = evidence.store.remote ? await takeServiceLock(evidence.store, { runId, drill: drill.id, service: deployed.serviceName, host: os.hostname() }) : undefined;
    if (lock && 'heldBy' in lock) return await refusedBeforeTheFault(run, lockRefusal(deployed.serviceName, lock));
    try {
      return await guardedRun(run);
    } finally {
      await lock?.release().catch((e: unknown) => output.notice(`could not release ${lock.file}: ${describeError(e)}`));
    }
  } finally {
    await heartbeat?.stop();
    session.close();
    evidence.close();
  }
}

/** What the guarded run works with, once the target is open. */
interface GuardedRun {
  readonly args: RunArgs;
  readonly output: Output;
  readonly deps: RunDeps;
  readonly drill: Drill;
  readonly target: AwsTarget;
  readonly interactive: boolean;
  readonly traffic: { readonly traffic: ServiceTraffic; readonly healthPath: string };
  /** Where the evidence goes (`--out`: a folder or S3). */
  readonly evidence: EvidenceTarget;
  /** When the command started (a refused run's journal starts there). */
  readonly startedAt: Date;
}

/**
 * Preflight; with `--heartbeat`, a failure only on the switch's alarm is retried until the alarm
 * has seen the heartbeat (bounded; a signal ends the wait).
 */
async function preflightAwaitingHeartbeat(run: GuardedRun, signal: AbortSignal, traffic: PreflightTraffic): Promise<PreflightOutcome> {
  const { args, deps, output } = run;
  const settle = deps.heartbeatSettle ?? { timeoutMs: 120_000, everyMs: 10_000 };
  const deadline = Date.now() + settle.timeoutMs;
  const sleeper = new Sleeper();
  const wake = () => sleeper.wake();
  signal.addEventListener('abort', wake, { once: true });
  const preflight = () => preflightFor({ args, drill: run.drill, target: run.target, deps, signal, traffic });
  try {
    let outcome = await preflight();
    while (args.heartbeat && !outcome.ok && failedOnlyOnHeartbeat(outcome.checks) && !signal.aborted && Date.now() + settle.everyMs <= deadline) {
      output.notice(`waiting for the dead-man's switch alarm to see the heartbeat (up to ${Math.round(settle.timeoutMs / 1000)} s) …`);
      await sleeper.sleep(settle.everyMs);
      if (signal.aborted) break;
      outcome = await preflight();
    }
    return outcome;
  } finally {
    signal.removeEventListener('abort', wake);
  }
}

async function guardedRun(run: GuardedRun): Promise<number> {
  const { args, output, deps, drill, interactive } = run;
  const { deployed, session } = run.target;
  const checked = { resolved: run.traffic.traffic.resolved, healthPath: run.traffic.healthPath };
  const runId = args.runId ?? (deps.newRunId ?? newRunId)();
  // Signals are ours from here (SIGINT, SIGTERM, SIGHUP): before anything starts they end the
  // command (ABORTED, nothing started); once the experiment may be running they stop it first
  // (the engine listens too) and the command returns only once FIS says it is final.
  let engine: FisEngine | undefined;
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) => output.notice(engine ? `${name}: stopping the experiment and waiting for FIS to confirm …` : `${name}: stopping; no experiment was started`, { newLineFirst: true }),
    // A second signal does not cut the wait short: leaving before FIS says stopped could leave the fault in.
    onRepeat: (name) => output.notice(`${name}: ${stillWaitingFor(engine)}`, { newLineFirst: true }),
  });
  try {
    const preflight = await preflightAwaitingHeartbeat(run, operator.signal, checked);
    preflightLines(preflight.checks).forEach((line) => output.progress(line));
    output.progress(preflightSummary(preflight));
    if (operator.signal.aborted) return await refusedBeforeTheFault(run, (operator.signal.reason as Error).message);
    if (!preflight.ok || !preflight.templateId || !preflight.caller) {
      const failed = preflight.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
      const notes = preflight.checks.map((c) => `preflight ${c.ok ? 'ok' : 'FAILED'}: ${c.name}: ${c.detail}`);
      return await refusedBeforeTheFault(run, `refused by preflight${failed.length > 0 ? ` (${failed.join('; ')})` : ''}`, notes);
    }
    const templateId = preflight.templateId;
    if (!args.yes) {
      const question = `Start FIS template ${templateId} (${drill.id}: ${drill.title}) against ${deployed.serviceName} in account ${preflight.caller.account}? [y/N] `;
      const confirmed = await (deps.confirm ?? ((q) => askOnStderr(q, operator.signal)))(question);
      if (!confirmed || operator.signal.aborted) return notStarted(output, 'not confirmed');
    } else if (!interactive) {
      output.notice(`--yes given; starting ${drill.id} (run ${runId}) without a prompt`);
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
      log: (line) => output.progress(line),
      onEvent: timeline.sink,
    });
    const result = await runOnEngine(engine, output, deps, {
      drill,
      engine,
      outRoot: args.out ?? 'evidence',
      evidence: run.evidence.store,
      runId,
      signal: operator.signal,
      timeline,
      traffic: checked.resolved,
      healthPath: checked.healthPath,
      settings: { templateId, heartbeat: Boolean(args.heartbeat), traffic: run.traffic.traffic.redacted, trafficSource: run.traffic.traffic.source },
      target: { account: preflight.caller.account, caller: preflight.caller.arn, cluster: deployed.clusterName, service: deployed.serviceName, serviceUrl: deployed.serviceUrl },
      onEvent: (e) => output.progress(progressLine(drill.id, e)),
    });
    if (!result) return EXIT_CODE.ERROR;
    await finishRuns({ outRoot: args.out ?? 'evidence', store: run.evidence.store, junit: args.junit, runs: [result], output });
    await publishVerdict({ ...result, ecsServiceName: deployed.serviceName, folder: run.evidence.store.folder(drill.id, result.runId), metrics: session.apis.metrics, notify: notifyOf(run), output });
    const ran = { ...result, experimentId: result.experimentId ?? engine.experimentId };
    // A run that did not hold says why, each broken expectation with its cause (judge's reasons).
    output.result([runResultLine(ran), ...reasonLines(ran)], runsJson(ran.verdict, [ran]));
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
async function runOnEngine(engine: FisEngine, output: Output, deps: RunDeps, options: Parameters<typeof runDrill>[0]): Promise<RunResult | undefined> {
  try {
    return await (deps.runDrill ?? runDrill)(options);
  } catch (err) {
    output.failure(describeError(err));
    return undefined;
  } finally {
    await engine.close();
  }
}

/** The notification of a run: `--notify`, or the topic in the environment (RUNNER_ENV). */
function notifyOf(run: GuardedRun): { api: ReturnType<typeof notifyApi>; topicArn: string } | undefined {
  const topicArn = run.args.notify;
  return topicArn ? { api: notifyApi(run.target.session.clients.sns), topicArn } : undefined;
}

/**
 * A run refused before its fault (preflight, the service's lock, a signal first). Unattended
 * (`--yes`, stdin not a terminal: a game day, CI) it is a run: ABORTED with the reason, its
 * evidence kept, its verdict published and notified (refused-run.ts). At a terminal the operator
 * is told, and nothing is kept.
 */
async function refusedBeforeTheFault(run: GuardedRun, reason: string, notes: readonly string[] = []): Promise<number> {
  const { args, output, drill } = run;
  if (!(args.yes && !run.interactive)) return notStarted(output, reason);
  const { deployed, session } = run.target;
  return recordRefusedRun({
    drill,
    runId: args.runId ?? (run.deps.newRunId ?? newRunId)(),
    reason,
    notes,
    startedAt: run.startedAt,
    store: run.evidence.store,
    outRoot: args.out ?? 'evidence',
    junit: args.junit,
    ecsServiceName: deployed.serviceName,
    target: { cluster: deployed.clusterName, service: deployed.serviceName, serviceUrl: deployed.serviceUrl },
    settings: { traffic: run.traffic.traffic.redacted, trafficSource: run.traffic.traffic.source },
    metrics: session.apis.metrics,
    notify: notifyOf(run),
    output,
  });
}

function notStarted(output: Output, why: string): number {
  output.notice(`${why}; nothing was started (ABORTED)`);
  if (output.json) output.result('', runsJson('ABORTED', []));
  return EXIT_CODE.ABORTED;
}

export function registerRun(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('run <drill>').description('run a drill through AWS FIS: preflight, confirm, inject, judge, evidence'))
    .option('--yes', 'inject without asking (required when nobody is at a terminal)')
    .option('--out <dir>', 'evidence root: a folder, or s3://bucket/prefix', 'evidence')
    .option('--junit <file>', 'also write the result as JUnit XML (one test case for the drill)')
    .option('--notify <topic-arn>', "publish the finished run's summary and report location to this SNS topic")
    .option('--allow-insufficient-data', 'accept stop-condition alarms in INSUFFICIENT_DATA')
    .option('--heartbeat', "publish the dead-man's switch heartbeat while the drill runs")
    .option('--traffic <file>', "a traffic profile (JSON) to send instead of the config's service.traffic")
    .option('--remote', "run it on the game-day runner task in the service's VPC: follow its log here, Ctrl-C stops it, its evidence is copied into --out")
    .option('--run-id <id>', 'the run id (the evidence folder name; default: a new one)')
    .action(async (drill: string, opts: Omit<RunArgs, 'drill'>) => ctx.setExitCode(await runCommand({ ...opts, drill }, ctx.io)));
}
