/**
 * The time bounds of `drills run --remote`'s watch (lib/runner/aws/remote-run.ts), on a clock the
 * test drives: the look every pollMs, the stop after maxRunMs for a task that never gets to
 * RUNNING, and the end of the wait for STOPPED at stopTimeout + stopSlackMs after a stop.
 */
import { remoteRun, type RemoteRunClock } from '../../../lib/runner/aws/remote-run';
import type { RunnerTaskApi, RunnerTaskView } from '../../../lib/runner/aws/runner-task-api';
import type { TaskLogApi } from '../../../lib/runner/aws/task-log-api';

const ARN = 'arn:aws:ecs:eu-west-1:111122223333:task/c/abc';

/** A clock whose sleep only moves time on; every sleep is kept. */
function fakeClock(): RemoteRunClock & { sleeps: number[]; t: number } {
  const c = { t: 0, sleeps: [] as number[], now: () => c.t, sleep: async (ms: number) => void (c.sleeps.push(ms), (c.t += ms)), wake: () => undefined };
  return c;
}

/** ECS answering `statusAt(now)`, with the stop requests kept. */
function tasks(statusAt: (stops: number) => string): RunnerTaskApi & { stops: string[] } {
  const stops: string[] = [];
  return {
    stops,
    runTask: async () => ARN,
    describeTask: async (): Promise<RunnerTaskView> => ({ arn: ARN, lastStatus: statusAt(stops.length) }),
    stopTask: async (_c, _t, reason) => void stops.push(reason),
    logSettings: async () => ({ container: 'drills', logGroup: 'g', streamPrefix: 'runner', stopTimeoutSeconds: 120 }),
  };
}

const logs: TaskLogApi = { page: async () => ({ lines: [] }) };

function watch(api: RunnerTaskApi, clock: RemoteRunClock, extra: { pollMs?: number; maxRunMs?: number; stopSlackMs?: number } = {}) {
  const notices: string[] = [];
  const run = remoteRun({
    tasks: api,
    logs,
    clock,
    signal: new AbortController().signal,
    start: { cluster: 'c', taskDefinition: 'td', subnets: ['s'], securityGroups: ['g'], command: ['run'], startedBy: 'x', tags: {} },
    onStatus: () => undefined,
    onLogLine: () => undefined,
    onNotice: (m) => notices.push(m),
    ...extra,
  });
  return { run, notices };
}

describe('the remote run watch, timed', () => {
  test('looks every pollMs until the task is STOPPED', async () => {
    const clock = fakeClock();
    let looks = 0;
    const api = tasks(() => (++looks >= 4 ? 'STOPPED' : 'RUNNING'));
    const { run } = watch(api, clock, { pollMs: 2000 });
    const result = await run;
    expect(result).toMatchObject({ taskArn: ARN, stopRequested: false, task: { lastStatus: 'STOPPED' } });
    // Three pauses between four looks, then the log's last pulls (0 ms, then pollMs).
    expect(clock.sleeps.slice(0, 3)).toEqual([2000, 2000, 2000]);
    expect(clock.sleeps.slice(3)).toEqual([0, 2000]);
  });

  test('stops a task that never reaches RUNNING once maxRunMs has passed, and gives up at stopTimeout + stopSlackMs', async () => {
    const clock = fakeClock();
    const api = tasks(() => 'PROVISIONING');
    const { run, notices } = watch(api, clock, { pollMs: 1000, maxRunMs: 10_000, stopSlackMs: 5000 });
    const result = await run;
    expect(api.stops).toEqual(['drills run --remote: it ran longer than 0 min']);
    expect(result).toMatchObject({ stopRequested: true, task: { lastStatus: 'PROVISIONING' } });
    // The stop came at the first look after 10 s; the watch ended at the first look after 120 s + 5 s more.
    const stopAt = 11_000;
    expect(notices.some((n) => n.startsWith(`stopping runner task ${ARN}`))).toBe(true);
    expect(notices.at(-1)).toBe(`runner task ${ARN} is still PROVISIONING after the stop; giving up the watch (check it with \`aws ecs describe-tasks\`)`);
    const lastLook = clock.t - clock.sleeps.slice(-2).reduce((a, b) => a + b, 0);
    expect(lastLook).toBeGreaterThan(stopAt + 125_000);
    expect(lastLook).toBeLessThanOrEqual(stopAt + 125_000 + 1000);
  });

  test('waits for STOPPED after a stop as long as the task is STOPPING within the bound', async () => {
    const clock = fakeClock();
    const api = tasks((stops) => (stops === 0 ? 'RUNNING' : clock.t < 60_000 ? 'STOPPING' : 'STOPPED'));
    const { run } = watch(api, clock, { pollMs: 1000, maxRunMs: 5000, stopSlackMs: 5000 });
    const result = await run;
    expect(result).toMatchObject({ stopRequested: true, task: { lastStatus: 'STOPPED' } });
    expect(api.stops).toHaveLength(1);
  });
});
