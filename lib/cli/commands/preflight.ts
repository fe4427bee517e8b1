/**
 * `drills preflight <drill>`: is it safe to run this drill now? One line per check on stdout
 * (`--json`: only the preflight object). Never starts an experiment, except `--dry-run`
 * (actionsMode skip-all, injects nothing). Exit 0 when every check passed, 1 when one failed,
 * 2 on bad arguments or an unreadable outputs file, 5 when AWS could not be reached at all.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { findDrill } from '../../../experiments';
import { describeError } from '../../runner/aws/aws-error';
import { openAwsSession, resolveDeployment, type AwsSession } from '../../runner/aws/aws-session';
import { runPreflight, type PreflightOutcome, type UrlProbe } from '../../runner/aws/preflight';
import { preflightJson, preflightLines, preflightSummary } from '../../runner/aws/preflight-format';
import { OutputsError, type DeployedService } from '../../runner/aws/resolve-outputs';
import { EXIT_CODE } from '../../runner/verdict';
import type { Drill } from '../../drill';
import { listenForOperatorSignals } from '../operator-signals';
import { monotonicClock } from '../../runner/clock';
import { probeKinds } from '../../runner/probe';
import { checkTraffic } from '../../runner/probe/check-traffic';
import type { ResolvedTraffic } from '../../traffic';
import { projectRoot } from '../project-root';
import { awsServiceTraffic } from '../service-traffic';

export interface AwsTargetArgs {
  /** `cdk deploy --outputs-file` JSON. @default ./cdk-outputs.json when present */
  readonly outputs?: string;
  /** Stack names (repeatable): limit the outputs file, or read outputs from CloudFormation. */
  readonly stack?: readonly string[];
  readonly account?: string;
  readonly region?: string;
  readonly json?: boolean;
}

export interface PreflightArgs extends AwsTargetArgs {
  readonly drill: string;
  /** A traffic profile file; wins over the config's service.traffic. */
  readonly traffic?: string;
  readonly allowInsufficientData?: boolean;
  readonly dryRun?: boolean;
}

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface AwsCommandDeps {
  /** @default - clients from the SDK's default chain */
  readonly session?: (region?: string) => AwsSession;
  readonly probe?: UrlProbe;
  readonly newRunId?: () => string;
  /** Looks a drill up by id. @default findDrill over the catalogue (experiments/) */
  readonly findDrill?: (id: string) => Drill | undefined;
  /** Where SIGINT, SIGTERM and SIGHUP come from (commands that start something). @default process */
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Where cdk.json (the config and its service.traffic) is. @default the project root */
  readonly cwd?: string;
  /** Checks the service's traffic through its URL. @default checkTraffic (lib/runner/probe/check-traffic.ts) */
  readonly trafficCheck?: typeof checkTraffic;
}

/** A drill id, the AWS session and the deployment, or the exit code that says why not. */
export async function openTarget(
  command: string,
  drillId: string | undefined,
  args: AwsTargetArgs,
  io: CommandIo,
  deps: AwsCommandDeps,
): Promise<{ drill?: Drill; session: AwsSession; deployed: DeployedService } | { exit: number }> {
  const drill = drillId === undefined ? undefined : (deps.findDrill ?? findDrill)(drillId);
  if (drillId !== undefined && !drill) {
    io.err(`drills ${command}: unknown drill '${drillId}'; see \`drills list\`\n`);
    return { exit: EXIT_CODE.USAGE };
  }
  const session = (deps.session ?? ((region) => openAwsSession({ region })))(args.region);
  try {
    const deployed = await resolveDeployment(session, { outputs: args.outputs, stacks: args.stack });
    return { drill, session, deployed };
  } catch (err) {
    session.close();
    io.err(`drills ${command}: ${describeError(err)}\n`);
    return { exit: err instanceof OutputsError ? EXIT_CODE.USAGE : EXIT_CODE.ERROR };
  }
}

export function defaultRunId(drillId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${drillId}-${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

/** The service's traffic, checked by preflight and sent by run. */
export interface PreflightTraffic {
  readonly resolved: ResolvedTraffic;
  readonly healthPath: string;
}

/** `signal` ends a `--dry-run` wait (its skip-all experiment is stopped); `traffic` is checked through the service URL. */
export async function preflightFor(
  args: PreflightArgs,
  drill: Drill,
  session: AwsSession,
  deployed: DeployedService,
  deps: AwsCommandDeps,
  runId?: string,
  signal?: AbortSignal,
  traffic?: PreflightTraffic,
): Promise<PreflightOutcome> {
  const outcome = await runPreflight({
    apis: session.apis,
    deployed,
    drillId: drill.id,
    expected: { account: args.account, region: args.region },
    allowInsufficientData: args.allowInsufficientData,
    probe: deps.probe,
    dryRun: args.dryRun ? { runId: runId ?? (deps.newRunId ?? (() => defaultRunId(drill.id)))(), signal } : undefined,
  });
  if (!traffic) return outcome;
  // The service's contract, through its URL: health, then one of each kind the drill sends.
  const kinds = probeKinds(drill.probe.aws, traffic.resolved);
  const found = await (deps.trafficCheck ?? checkTraffic)(deployed.serviceUrl, traffic.resolved, monotonicClock(), { healthPath: traffic.healthPath, kinds });
  const checks = [...outcome.checks, ...found.map((c) => ({ ...c, name: `traffic: ${c.name}` }))];
  return { ...outcome, checks, ok: checks.every((c) => c.ok) };
}

export async function preflightCommand(args: PreflightArgs, io: CommandIo, deps: AwsCommandDeps = {}): Promise<number> {
  const traffic = awsServiceTraffic(args.traffic, deps.cwd ?? projectRoot());
  if ('usage' in traffic) {
    io.err(`drills preflight: ${traffic.usage}\n`);
    return EXIT_CODE.USAGE;
  }
  if (traffic.traffic.notice) io.err(`drills preflight: ${traffic.traffic.notice}\n`);
  const target = await openTarget('preflight', args.drill, args, io, deps);
  if ('exit' in target) return target.exit;
  const { session, deployed } = target;
  // Only a dry run starts something (a skip-all experiment): a signal ends its wait and stops it.
  const operator = args.dryRun
    ? listenForOperatorSignals({
        source: deps.signals,
        onFirst: (name) => io.err(`\ndrills preflight: ${name}: stopping the dry run's skip-all experiment …\n`),
        onRepeat: (name) => io.err(`\ndrills preflight: ${name}: still waiting for FIS to stop the skip-all experiment (30 s at most)\n`),
      })
    : undefined;
  try {
    const result = await preflightFor(args, target.drill as Drill, session, deployed, deps, undefined, operator?.signal, { resolved: traffic.traffic.resolved, healthPath: traffic.healthPath });
    if (args.json) io.out(`${JSON.stringify(preflightJson(result), null, 2)}\n`);
    else preflightLines(result.checks).forEach((line) => io.out(`${line}\n`));
    io.err(`${preflightSummary(result)}\n`);
    return result.ok ? EXIT_CODE.HELD : EXIT_CODE.VIOLATED;
  } finally {
    operator?.dispose();
    session.close();
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options every AWS command shares: where the deployment is, and the account it must be in. */
export function awsTargetOptions(command: Command): Command {
  return command
    .option('--outputs <file>', 'the JSON `cdk deploy --outputs-file` wrote (default: ./cdk-outputs.json)')
    .option('--stack <name>', 'a stack to read outputs from (repeatable); without --outputs, read from CloudFormation', collect)
    .option('--region <region>', 'AWS region (default: the SDK chain)')
    .option('--account <id>', 'refuse to run unless the caller is in this account')
    .option('--json', 'print only the result as JSON on stdout');
}

export function registerPreflight(program: Command, ctx: CliContext): void {
  awsTargetOptions(program.command('preflight <drill>').description('check that a drill is safe to run now against AWS (starts nothing)'))
    .option('--allow-insufficient-data', 'accept stop-condition alarms in INSUFFICIENT_DATA')
    .option('--dry-run', 'also start the experiment with actionsMode skip-all (injects nothing)')
    .option('--traffic <file>', "a traffic profile (JSON) to check instead of the config's service.traffic")
    .action(async (drill: string, opts: Omit<PreflightArgs, 'drill'>) => ctx.setExitCode(await preflightCommand({ ...opts, drill }, ctx.io)));
}
