/**
 * `drills rehearse [ids…]`: every drill (or the named ones), one after another, on the local
 * engine. Ctrl-C, SIGTERM or SIGHUP abort the current drill (evidence still written, exit 3); a second
 * signal forces exit once cleanup was attempted.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError, type DrillsConfig } from '../../config';
import { rehearsalConfig } from '../../config-rehearsal';
import type { SettingSources } from '../../config-sources';
import { needsDatabase } from '../../drill';
import { LocalEngine, LocalEngineError } from '../../runner/local';
import type { RunResult } from '../../runner/run-drill';
import { runDrill } from '../../runner/run-drill';
import { newRunId } from '../../runner/run-id';
import { timelineRelay } from '../../runner/timeline-relay';
import { EXIT_CODE, exitCodeOf, worstVerdict } from '../../runner/verdict';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';
import { wholeNumber } from '../parse-options';
import { listenForOperatorSignals } from '../operator-signals';
import { projectRoot } from '../project-root';
import { readCdkContext } from '../read-cdk-context';
import { rehearsalTarget, type RehearsalTarget } from '../rehearsal-target';
import { rehearsalProgress } from '../progress';
import { summaryTable, type RunLine } from '../reporter';
import { runsJson } from '../result-json';
import { serviceLog } from '../service-log';
import { openEvidenceTarget } from '../evidence-target';
import { remoteServiceLog } from '../remote-service-log';
import { finishRuns } from '../finish-runs';
import { withJunitFallback } from '../junit-fallback';
import { unrunDrills, type UnrunContext } from '../unrun-drills';
import { demoTrafficFor, serviceTraffic, type ServiceTraffic } from '../service-traffic';
import { scrubSecrets, TrafficError } from '../../traffic';

export interface RehearseArgs {
  ids: readonly string[];
  command?: string;
  out?: string;
  json?: boolean;
  stopOrder?: 'together' | 'drain-first';
  stopTimeout?: number;
  desiredCount?: number;
  deregistrationDelay?: number;
  drainTimeoutMs?: number;
  launchDelayMs?: number;
  longestRequest?: number;
  healthPath?: string;
  /** Write JUnit XML here (one test case per drill). */
  junit?: string;
  /** A traffic profile file; wins over the config's service.traffic. */
  traffic?: string;
  /** The service of cdk.json's `services` whose profile (settings, traffic, drills) to rehearse. @default the first */
  service?: string;
}

export interface RehearseDeps {
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  readonly cwd?: string;
  readonly forceExit?: (code: number) => void;
}

export async function rehearseCommand(args: RehearseArgs, io: IoHost, deps: RehearseDeps = {}): Promise<number> {
  const root = deps.cwd ?? projectRoot();
  const target = rehearsalTarget(args.ids, args.service, readCdkContext(root));
  // --junit gets a file whenever the drills are known, even if the rehearsal ends before any verdict.
  const known = 'usage' in target ? [] : [...target.drills];
  return withJunitFallback({ file: args.junit, command: 'rehearse', mode: 'local', drills: known }, io, (kept) => rehearseDrills(args, target, root, kept, deps));
}

async function rehearseDrills(args: RehearseArgs, target: RehearsalTarget | { readonly usage: string }, root: string, io: IoHost, deps: RehearseDeps): Promise<number> {
  const output = new Output(io, 'rehearse', { json: args.json });
  if ('usage' in target) {
    output.failure(target.usage);
    return EXIT_CODE.USAGE;
  }
  const drills = [...target.drills];
  let config: DrillsConfig;
  let sources: SettingSources;
  try {
    ({ config, sources } = rehearsalConfig(target.lookup, args, drills));
  } catch (e) {
    if (e instanceof ConfigError) {
      output.failure(e.message);
      return EXIT_CODE.USAGE;
    }
    throw e;
  }
  let traffic: ServiceTraffic;
  try {
    const sent = demoTrafficFor(args.command !== undefined ? 'other-command' : undefined, args.traffic, config.service.traffic);
    traffic = serviceTraffic(args.traffic, sent.profile);
    if (sent.notice) output.notice(sent.notice);
  } catch (e) {
    if (e instanceof TrafficError) {
      output.failure(e.message);
      return EXIT_CODE.USAGE;
    }
    throw e;
  }
  const { secrets } = traffic.resolved;
  const command = args.command ?? config.service.startCommand;
  const outRoot = args.out ?? 'evidence';
  const evidence = openEvidenceTarget(outRoot);
  if ('usage' in evidence) {
    output.failure(evidence.usage);
    return EXIT_CODE.USAGE;
  }
  const store = evidence.store;
  const progress = rehearsalProgress(drills, output);
  // The drill under way, for a second signal to be told what is still being waited for.
  let current: string | undefined;
  const operator = listenForOperatorSignals({
    source: deps.signals,
    // One Ctrl-C that npx passes on again must not be taken for a second one, which forces the exit.
    echoMs: 300,
    onFirst: (name) => progress.notice(`${name}: aborting the current drill, stopping every process (again to force)`),
    // Local processes die with the CLI (its exit hook and the orphan guard), so an operator's second
    // SIGINT or SIGTERM may leave now. A SIGHUP never forces: a closed terminal sends one to the
    // shell's jobs and another when the session ends, and nobody is there who asked to skip the evidence.
    onRepeat: (name) => {
      const waitingFor = current ? `the processes of ${current} are still stopping` : 'still winding up';
      if (name === 'SIGHUP') return progress.notice(`${name} again: ${waitingFor}; finishing the evidence first`);
      progress.notice(`second ${name}: ${waitingFor}; forcing exit (what is left is killed on the way out)`);
      (deps.forceExit ?? ((c) => process.exit(c)))(EXIT_CODE.ABORTED);
    },
  });
  const runs: RunLine[] = [];
  // For --junit: the drill whose runner threw, or why the drills after the last one were not run.
  let thrown: UnrunContext['thrown'];
  let stoppedBecause: string | undefined;
  try {
    for (const drill of drills) {
      if (operator.signal.aborted) break;
      progress.drillStarted(drill);
      current = drill.id;
      const runId = newRunId();
      const services = serviceLog(remoteServiceLog.dir(store, outRoot, drill.id, runId));
      const timeline = timelineRelay();
      const engine = new LocalEngine({
        config,
        command,
        cwd: root,
        stopOrder: args.stopOrder ?? 'together',
        database: needsDatabase(drill.fault),
        onEvent: timeline.sink,
        log: (line) => services.write(scrubSecrets(line, secrets)),
      });
      const result = await runDrill({
        drill,
        engine,
        outRoot,
        evidence: store,
        runId,
        signal: operator.signal,
        timeline,
        traffic: traffic.resolved,
        settings: {
          command,
          stopOrder: args.stopOrder ?? 'together',
          service: { ...config.service, traffic: traffic.redacted },
          trafficSource: traffic.source,
          local: config.local,
          derived: derivedSettings(sources),
        },
        target: { command, cwd: root },
        onEvent: (e) => progress.event(drill.id, e),
      })
        .finally(async () => {
          await services.close();
          const lost = await remoteServiceLog.keep(store, drill.id, runId, services.file);
          if (lost) output.failure(lost);
        })
        .catch((error: unknown) => {
          thrown = { drill: drill.id, runId, error };
          throw error;
        });
      runs.push(result);
      progress.drillEnded(result);
      const startError = startFailure(result);
      if (startError && !operator.signal.aborted) {
        await progress.close();
        const code = startError.kind === 'start-failed' ? EXIT_CODE.USAGE : EXIT_CODE.ERROR;
        stoppedBecause = `the service did not come up for ${drill.id}`;
        output.failure(
          `the service did not come up (${startError.kind}): ${startError.message}\n  command: ${command}\n  evidence: ${result.evidence}\n  its output (${services.file}):\n${services
            .tail()
            .map((l) => `    ${l}\n`)
            .join('')}`,
        );
        output.result(summaryTable(result.verdict, runs, outRoot, output.columns), runsJson(result.verdict, runs));
        return code;
      }
    }
  } finally {
    await progress.close();
    operator.dispose();
    const abortReason: unknown = operator.signal.reason;
    if (operator.signal.aborted) stoppedBecause ??= `the rehearsal was aborted (${abortReason instanceof Error ? abortReason.message : String(abortReason)})`;
    const unrun = unrunDrills({ drills, ran: runs, thrown, stoppedBecause, folderOf: (d, r) => store.folder(d, r).location });
    await finishRuns({ outRoot, store, junit: args.junit, runs: [...runs, ...unrun], output });
    evidence.close();
  }
  const verdict = operator.signal.aborted ? worstVerdict([...runs.map((r) => r.verdict), 'ABORTED']) : worstVerdict(runs.map((r) => r.verdict));
  output.result(summaryTable(verdict, runs, outRoot, output.columns), runsJson(verdict, runs));
  return exitCodeOf(verdict);
}

/** For the journal: each setting that came from a flag or was derived, and from what. */
function derivedSettings(sources: SettingSources): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, source] of Object.entries(sources)) {
    if (source?.derivedFrom) out[key] = `derived from ${source.derivedFrom}`;
    else if (source?.fromFlag && source.flag) out[key] = source.flag;
  }
  return out;
}

/** The LocalEngineError start() threw, when the service did not come up (the command names it and picks the exit code). */
function startFailure(result: RunResult): LocalEngineError | undefined {
  const cause = result.error?.inStart ? result.error.cause : undefined;
  return cause instanceof LocalEngineError ? cause : undefined;
}

export function registerRehearse(program: Command, ctx: CliContext): void {
  program
    .command('rehearse')
    .description('rehearse drills on this machine against the real service process (default: the whole catalogue)')
    .argument('[ids...]', 'drill ids (default: all)')
    .option('--command <command>', 'the service start command (default: config service.startCommand)')
    .option('--out <dir>', 'evidence root: a folder, or s3://bucket/prefix', 'evidence')
    .option('--json', 'print only the result as JSON on stdout')
    .option('--junit <file>', 'also write the result as JUnit XML (one test case per drill)')
    .option('--stop-order <order>', 'together | drain-first', (v: string) => {
      if (v !== 'together' && v !== 'drain-first') throw new InvalidArgumentError(`--stop-order must be together or drain-first, got '${v}'`);
      return v;
    })
    .option('--stop-timeout <s>', 'stopTimeout seconds (SIGTERM → SIGKILL)', wholeNumber('--stop-timeout'))
    .option('--desired-count <n>', 'tasks in the fleet', wholeNumber('--desired-count'))
    .option('--deregistration-delay <s>', 'deregistration delay seconds', wholeNumber('--deregistration-delay'))
    .option('--drain-timeout-ms <ms>', "the service's drain deadline", wholeNumber('--drain-timeout-ms'))
    .option('--longest-request <s>', 'the longest request the service serves, seconds (bounds the drain settings)', wholeNumber('--longest-request'))
    .option('--health-path <path>', 'the path the health checks GET (default: config service.healthPath, /healthz)')
    .option('--launch-delay-ms <ms>', 'delay before a replacement starts', wholeNumber('--launch-delay-ms'))
    .option('--traffic <file>', "a traffic profile (JSON; `drills schema traffic`) to send instead of the config's service.traffic")
    .option('--service <name>', 'the service in cdk.json whose profile to rehearse: its settings, traffic and drills (default: the first)')
    .action(async (ids: string[], opts: Omit<RehearseArgs, 'ids'>) => ctx.setExitCode(await rehearseCommand({ ids, ...opts }, ctx.io)));
}
