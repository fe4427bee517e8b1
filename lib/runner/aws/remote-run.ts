/**
 * Starts the game-day runner task and stays with it until ECS says STOPPED: each status change
 * (PROVISIONING → PENDING → RUNNING → … → STOPPED) and each line of its log are handed out as
 * they come. When `signal` aborts (the operator's Ctrl-C, SIGTERM, SIGHUP) the task is stopped
 * with StopTask — ECS sends the runner SIGTERM, and the runner stops its experiment and finishes
 * an ABORTED journal within the container's stopTimeout — and the watch goes on until STOPPED.
 * Bounded: a run longer than `maxRunMs` is stopped the same way; after a stop, the watch gives up
 * once stopTimeout plus `stopSlackMs` have passed without STOPPED.
 */
import { taskLogStream, TaskLogFollower } from './follow-task-log';
import { Sleeper } from './poll';
import type { RunnerTaskApi, RunnerTaskStart, RunnerTaskView } from './runner-task-api';
import type { TaskLogApi } from './task-log-api';

export interface RemoteRunOptions {
  readonly tasks: RunnerTaskApi;
  readonly logs: TaskLogApi;
  /** The task to start; its container comes from the task definition's awslogs container. */
  readonly start: Omit<RunnerTaskStart, 'container'>;
  readonly signal: AbortSignal;
  readonly onStatus: (status: string, task: RunnerTaskView) => void;
  readonly onLogLine: (line: string) => void;
  /** Something the operator should know that does not end the watch (a failed read, the stop request). */
  readonly onNotice: (message: string) => void;
  /** Pause between two looks, in ms. @default 2000 */
  readonly pollMs?: number;
  /** The longest the task may run before it is stopped, in ms. @default 4 h */
  readonly maxRunMs?: number;
  /** Beyond the container's stopTimeout, how long to wait for STOPPED after a stop, in ms. @default 180000 (Fargate deprovisioning) */
  readonly stopSlackMs?: number;
  /** The time in ms and the pause between looks (tests drive both). @default - Date.now and a Sleeper that `signal` wakes */
  readonly clock?: RemoteRunClock;
}

export interface RemoteRunClock {
  now(): number;
  /** Resolves after `ms`, or earlier when woken. */
  sleep(ms: number): Promise<void>;
  /** Ends a sleep at once (the operator's signal). */
  wake(): void;
}

export interface RemoteRunResult {
  /** Undefined when the signal came before RunTask was called. */
  readonly taskArn?: string;
  /** The last view of the task: STOPPED unless the watch gave up (or ECS forgot it: undefined). */
  readonly task?: RunnerTaskView;
  /** True when this watch asked ECS to stop the task. */
  readonly stopRequested: boolean;
  readonly logLines: number;
}

/** Consecutive failed DescribeTasks calls tolerated (the SDK already retries each one). */
const MAX_READ_FAILURES = 5;

/** @throws Error when the task definition cannot be read or RunTask starts nothing; later read failures are notices until MAX_READ_FAILURES in a row. */
export async function remoteRun(options: RemoteRunOptions): Promise<RemoteRunResult> {
  const { tasks, start, signal } = options;
  const pollMs = options.pollMs ?? 2000;
  const settings = await tasks.logSettings(start.taskDefinition);
  if (signal.aborted) return { stopRequested: false, logLines: 0 };
  const taskArn = await tasks.runTask({ ...start, container: settings.container });
  const follower = new TaskLogFollower(options.logs, settings.logGroup, taskLogStream(settings.streamPrefix, settings.container, taskArn), options.onLogLine);
  const sleeper: RemoteRunClock = options.clock ?? Object.assign(new Sleeper(), { now: () => Date.now() });
  const wake = () => sleeper.wake();
  signal.addEventListener('abort', wake, { once: true });
  const maxRunMs = options.maxRunMs ?? 4 * 3600_000;
  const runDeadline = sleeper.now() + maxRunMs;
  let stopDeadline: number | undefined;
  let last: RunnerTaskView | undefined;
  let failures = 0;
  const pullLogs = async () => {
    try {
      return await follower.pull();
    } catch (e) {
      options.onNotice(`could not read the runner's log: ${(e as Error).message}`);
      return 0;
    }
  };
  const requestStop = async (reason: string) => {
    stopDeadline = sleeper.now() + settings.stopTimeoutSeconds * 1000 + (options.stopSlackMs ?? 180_000);
    options.onNotice(`stopping runner task ${taskArn} (${reason}); ECS sends it SIGTERM and the runner stops its experiment`);
    try {
      await tasks.stopTask(start.cluster, taskArn, `drills run --remote: ${reason}`);
    } catch (e) {
      options.onNotice(`StopTask failed: ${(e as Error).message}; stop it with \`aws ecs stop-task --cluster ${start.cluster} --task ${taskArn}\``);
    }
  };
  try {
    for (;;) {
      if (stopDeadline === undefined && signal.aborted) await requestStop('the operator stopped the run');
      if (stopDeadline === undefined && sleeper.now() > runDeadline) await requestStop(`it ran longer than ${Math.round(maxRunMs / 60_000)} min`);
      let view: RunnerTaskView | undefined;
      try {
        view = await tasks.describeTask(start.cluster, taskArn);
        failures = 0;
      } catch (e) {
        failures += 1;
        if (failures >= MAX_READ_FAILURES) throw e;
        options.onNotice(`could not read runner task ${taskArn}: ${(e as Error).message}`);
      }
      if (view && view.lastStatus !== last?.lastStatus) options.onStatus(view.lastStatus, view);
      if (view) last = view;
      await pullLogs();
      if (view?.lastStatus === 'STOPPED' || (failures === 0 && view === undefined)) break;
      if (stopDeadline !== undefined && sleeper.now() > stopDeadline) {
        options.onNotice(`runner task ${taskArn} is still ${last?.lastStatus ?? 'unknown'} after the stop; giving up the watch (check it with \`aws ecs describe-tasks\`)`);
        break;
      }
      await sleeper.sleep(pollMs);
    }
    // CloudWatch Logs may deliver the last lines a little after the task stopped.
    for (let i = 0; i < 3; i++) {
      await sleeper.sleep(i === 0 ? 0 : pollMs);
      if ((await pullLogs()) === 0 && i > 0) break;
    }
  } finally {
    signal.removeEventListener('abort', wake);
  }
  return { taskArn, task: last, stopRequested: stopDeadline !== undefined, logLines: follower.lines };
}
