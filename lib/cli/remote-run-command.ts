/**
 * `drills run <drill> --remote`: the same run, made by the game-day runner task in the service's
 * VPC (for a service behind an internal load balancer a laptop cannot probe). Starts the task
 * with the run's command line (lib/runner/aws/remote-command.ts), shows its status and follows
 * its log on stderr, forwards Ctrl-C/SIGTERM/SIGHUP as StopTask (the runner stops the experiment
 * and writes ABORTED), then copies the run's evidence from S3 into `--out` (default evidence/)
 * and exits with the verdict and exit code of the remote run (lib/runner/aws/remote-verdict.ts).
 * Needs the Drills stack's runner outputs (lib/game-days/runner-outputs.ts): without them, a
 * usage error saying to turn game days on and redeploy (2).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { RUNNER_ENV, TRIGGER_TAG } from '../contract';
import { describeError } from '../runner/aws/aws-error';
import { fetchRunEvidence } from '../runner/aws/fetch-run-evidence';
import { experimentTags } from '../runner/aws/fis-tags';
import { remoteCommand, remoteStartedBy } from '../runner/aws/remote-command';
import { remoteRun, type RemoteRunOptions, type RemoteRunResult } from '../runner/aws/remote-run';
import { remoteOutcome } from '../runner/aws/remote-verdict';
import { RUNNER_OUTPUT_KEYS } from '../runner/aws/runner-outputs';
import { runnerTaskApi } from '../runner/aws/runner-task-api';
import { s3Client } from '../runner/aws/s3-client';
import { isS3Url } from '../runner/aws/s3-url';
import { taskLogApi } from '../runner/aws/task-log-api';
import { isJournal, type Journal } from '../runner/journal';
import { JOURNAL_FILE } from '../runner/journal-writer';
import { newRunId } from '../runner/run-id';
import { EXIT_CODE } from '../runner/verdict';
import { askOnStderr } from './ask-on-stderr';
import { openTarget, refused, targetDrill, type AwsTarget } from './aws-target';
import type { RunArgs, RunDeps } from './commands/run';
import { finishRuns } from './finish-runs';
import type { IoHost } from './io-host';
import { listenForOperatorSignals } from './operator-signals';
import { Output } from './output';
import { reasonLines, runResultLine } from './reporter';
import { remoteEndedJson, runsJson } from './result-json';

export interface RemoteRunDeps extends RunDeps {
  /** Timings of the watch (tests shorten them). @default - remoteRun's defaults */
  readonly remoteTimings?: Pick<RemoteRunOptions, 'pollMs' | 'maxRunMs' | 'stopSlackMs'>;
}

/** Resolves with the exit code; says every failure once on stderr. */
export async function remoteRunCommand(args: RunArgs, io: IoHost, deps: RemoteRunDeps = {}): Promise<number> {
  const output = new Output(io, 'run', { json: args.json });
  const drill = targetDrill(output, args.drill, deps);
  if (refused(drill)) return drill.exit;
  const usage = remoteUsage(args);
  if (usage) return (output.failure(usage), EXIT_CODE.USAGE);
  if (!args.yes && !(deps.interactive ?? Boolean(process.stdin.isTTY))) {
    output.failure('stdin is not a terminal, so nobody can confirm the fault: pass --yes to start the remote run without asking');
    return EXIT_CODE.USAGE;
  }
  const target = await openTarget(output, args, deps);
  if (refused(target)) return target.exit;
  try {
    return await remoteDrill(args, output, deps, target);
  } finally {
    target.session.close();
  }
}

/** A run id given with `--run-id` names folders and S3 keys: what is wrong with it, or undefined. */
export function runIdUsage(runId: string | undefined): string | undefined {
  if (runId === undefined || /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(runId)) return undefined;
  return `--run-id '${runId}' is not a run id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 20261201T041500Z-ab12)`;
}

/** Flags that make no sense for a run on the task, said as a usage error. */
function remoteUsage(args: RunArgs): string | undefined {
  if (runIdUsage(args.runId)) return runIdUsage(args.runId);
  if (args.traffic !== undefined)
    return `--traffic ${args.traffic} is a file on this machine; with --remote the runner task sends its service's traffic, from the profile in its task definition (DRILLS_SERVICE_PROFILE, set at deploy)`;
  if (args.out !== undefined && isS3Url(args.out))
    return `--out ${args.out}: with --remote the runner writes to its own bucket (the EvidenceBucketName output); --out is the folder on this machine its evidence is copied to`;
  return undefined;
}

async function remoteDrill(args: RunArgs, output: Output, deps: RemoteRunDeps, target: AwsTarget): Promise<number> {
  const { session, deployed } = target;
  const runner = deployed.runner;
  if (!runner) {
    output.failure(
      `--remote needs the game-day runner task, and the outputs of ${deployed.stacks.join(', ') || 'the stacks'} have no ${RUNNER_OUTPUT_KEYS.join(', ')}: turn game days on (cdk.json "drills": { "gameDays": true }, or -c drills.gameDays=true; the service needs a drill with a schedule), redeploy with \`cdk deploy --outputs-file\`, and pass the new outputs`,
    );
    return EXIT_CODE.USAGE;
  }
  let caller: { arn: string; account: string };
  try {
    caller = await session.apis.identity.callerIdentity();
  } catch (e) {
    return (output.failure(describeError(e)), EXIT_CODE.ERROR);
  }
  const runId = args.runId ?? (deps.newRunId ?? newRunId)();
  const command = remoteCommand({ ...args, runId, runner, stacks: deployed.stacks });
  let taskArn: string | undefined;
  const operator = listenForOperatorSignals({
    source: deps.signals,
    onFirst: (name) =>
      output.notice(taskArn ? `${name}: stopping the runner task; it stops the experiment and writes its evidence …` : `${name}: stopping; no runner task was started`, { newLineFirst: true }),
    onRepeat: (name) => output.notice(`${name}: still waiting for runner task ${taskArn ?? '(starting)'} to stop, so that its evidence can be fetched`, { newLineFirst: true }),
  });
  let watched: RemoteRunResult;
  const logTail: string[] = [];
  try {
    if (!args.yes) {
      const question = `Start ${args.drill} on the runner task in cluster ${runner.clusterName} against ${deployed.serviceName} in account ${caller.account}? (the runner's preflight decides whether it injects) [y/N] `;
      const confirmed = await (deps.confirm ?? ((q) => askOnStderr(q, operator.signal)))(question);
      if (!confirmed || operator.signal.aborted) return notStarted(output, 'not confirmed');
    }
    output.notice(`starting ${args.drill} (run ${runId}) on the runner task in cluster ${runner.clusterName}`);
    watched = await remoteRun({
      ...deps.remoteTimings,
      tasks: runnerTaskApi(session.clients.ecs),
      logs: taskLogApi(session.clients.logs),
      start: {
        cluster: runner.clusterName,
        taskDefinition: runner.taskDefinitionArn,
        subnets: runner.subnetIds,
        securityGroups: [runner.securityGroupId],
        command,
        startedBy: remoteStartedBy(caller.arn),
        // An operator's run pages nobody unless asked: the task definition's topic is blanked (`--notify` passes its own on the command line).
        ...(args.notify === undefined ? { environment: { [RUNNER_ENV.notifyTopicArn]: '' } } : {}),
        tags: { ...experimentTags(args.drill, runId, caller.arn), [TRIGGER_TAG]: 'remote' },
      },
      signal: operator.signal,
      onStatus: (status, task) => {
        taskArn = task.arn;
        output.progress(`runner task ${task.arn.slice(task.arn.lastIndexOf('/') + 1)}: ${status}${status === 'STOPPED' && task.stoppedReason ? ` (${task.stoppedReason})` : ''}`);
      },
      onLogLine: (line) => {
        output.progress(`  | ${line}`);
        if (logTail.push(line) > RUNNER_LOG_TAIL) logTail.shift();
      },
      onNotice: (message) => output.notice(message),
    });
  } catch (e) {
    output.failure(describeError(e));
    return EXIT_CODE.ERROR;
  } finally {
    operator.dispose();
  }
  if (!watched.taskArn) return notStarted(output, 'stopped before the runner task was started');
  return finish(args, output, runner, runId, watched, logTail);
}

/** The runner's last log lines `--json` carries when its run ended without a journal. */
const RUNNER_LOG_TAIL = 20;

function notStarted(output: Output, why: string): number {
  output.notice(`${why}; nothing was started (ABORTED)`);
  if (output.json) output.result('', runsJson('ABORTED', []));
  return EXIT_CODE.ABORTED;
}

/** Fetches the run's folder, reads its journal and says the outcome as a local run would. */
async function finish(args: RunArgs, output: Output, runner: NonNullable<AwsTarget['deployed']['runner']>, runId: string, watched: RemoteRunResult, logTail: readonly string[]): Promise<number> {
  const outRoot = args.out ?? 'evidence';
  const folder = path.join(outRoot, args.drill, runId);
  const client = s3Client({ region: args.region });
  let journal: Journal | undefined;
  try {
    const files = await fetchRunEvidence(client, { bucket: runner.evidenceBucket, prefix: runner.evidencePrefix }, `${args.drill}/${runId}`, folder);
    if (files.length > 0) output.notice(`fetched ${files.length} evidence files from s3://${runner.evidenceBucket}/${runner.evidencePrefix}/${args.drill}/${runId} into ${folder}`);
    if (files.includes(JOURNAL_FILE)) {
      const parsed: unknown = JSON.parse(await fs.readFile(path.join(folder, JOURNAL_FILE), 'utf8'));
      journal = isJournal(parsed) ? parsed : undefined;
    }
  } catch (e) {
    output.failure(`could not fetch the run's evidence: ${describeError(e)}`);
  } finally {
    client.destroy();
  }
  const outcome = remoteOutcome(journal, watched.task);
  if (outcome.mismatch) output.notice(outcome.mismatch);
  if (outcome.reason) output.failure(outcome.reason);
  if (!outcome.journal || !outcome.verdict) {
    // With --json, stdout still answers: the verdict (none for exit 2), the exit code, why, and the runner's last lines.
    if (output.json) output.result('', remoteEndedJson({ verdict: outcome.verdict, exitCode: outcome.exit, reason: outcome.reason ?? 'the runner task ended without a journal', runnerLog: logTail }));
    return outcome.exit;
  }
  const j = outcome.journal;
  const ran = { drill: args.drill, verdict: outcome.verdict, figures: j.figures ?? {}, evidence: folder, runId, experimentId: j.experimentId, judgement: j.judgement };
  await finishRuns({ outRoot, junit: args.junit, runs: [ran], output });
  output.result([runResultLine(ran), ...reasonLines(ran)], runsJson(ran.verdict, [ran]));
  return outcome.exit;
}
