/**
 * Recovery and tasks.sigkilled from ECS's answers (lib/runner/aws/task-figures.ts). Services and
 * tasks are written the way DescribeServices and DescribeTasks give them, after the runner's
 * mapping (lib/runner/aws/service-api.ts): runningCount/desiredCount/pendingCount, deployments
 * with status PRIMARY/ACTIVE and rolloutState IN_PROGRESS/COMPLETED/FAILED, tasks with
 * lastStatus/desiredStatus along the lifecycle (… STOPPING → DEPROVISIONING → STOPPED, fis-facts
 * §9), containers with exitCode and reason, and the task's stoppedReason.
 */
import type { DeploymentView, ServiceView, TaskView } from '../../../lib/runner/aws/service-api';
import { isRecovered, isSteady, sigkilledCount, steadyDetail, wasSigkilled } from '../../../lib/runner/aws/task-figures';

const primary = (rolloutState: string | undefined = 'COMPLETED', counts = { running: 2, desired: 2 }): DeploymentView => ({
  id: 'ecs-svc/111',
  status: 'PRIMARY',
  ...(rolloutState ? { rolloutState } : {}),
  ...counts,
});
const service = (running: number, desired: number, deployments: DeploymentView[] = [primary()], pending = 0): ServiceView => ({
  name: 'demo-Service-AbC123',
  status: 'ACTIVE',
  running,
  desired,
  pending,
  deployments,
  events: [],
});
const task = (id: string, lastStatus: string, desiredStatus: string, more: Partial<TaskView> = {}): TaskView => ({
  arn: `arn:aws:ecs:eu-west-1:111122223333:task/demo-Cluster-XyZ/${id}`,
  id,
  lastStatus,
  desiredStatus,
  containers: [{ name: 'app' }],
  ...more,
});

describe('isSteady: the service ECS describes is steady', () => {
  it('holds when running equals desired with one COMPLETED deployment, or one without a rollout state (older services)', () => {
    expect(isSteady(service(2, 2))).toBe(true);
    expect(isSteady(service(2, 2, [primary(undefined)]))).toBe(true);
  });

  it('fails while a task is missing, or one more runs than desired', () => {
    expect(isSteady(service(1, 2))).toBe(false);
    expect(isSteady(service(3, 2))).toBe(false);
  });

  it('fails for a service scaled to zero (nothing to recover), even with running = desired', () => {
    expect(isSteady(service(0, 0))).toBe(false);
  });

  it('fails while a deployment rolls out or after it failed', () => {
    expect(isSteady(service(2, 2, [primary('IN_PROGRESS')]))).toBe(false);
    expect(isSteady(service(2, 2, [primary('FAILED')]))).toBe(false);
  });

  it('fails with two deployments (a replacement under way) or none listed', () => {
    expect(isSteady(service(2, 2, [primary(), { id: 'ecs-svc/110', status: 'ACTIVE', rolloutState: 'COMPLETED', running: 0, desired: 0 }]))).toBe(false);
    expect(isSteady(service(2, 2, []))).toBe(false);
  });
});

describe('isRecovered: the fault is over for the service', () => {
  const steady = service(2, 2);

  it('holds once every task the fault hit is STOPPED, DEPROVISIONING or told to stop, and the service is steady', () => {
    expect(isRecovered(steady, [task('a', 'STOPPED', 'STOPPED')])).toBe(true);
    expect(isRecovered(steady, [task('a', 'DEPROVISIONING', 'STOPPED'), task('b', 'STOPPED', 'STOPPED')])).toBe(true);
    expect(isRecovered(steady, [task('a', 'DEACTIVATING', 'STOPPED')])).toBe(true);
  });

  it('holds with no target task left to describe (ECS forgot them)', () => {
    expect(isRecovered(steady, [])).toBe(true);
  });

  it('fails while one hit task still runs, even with the others gone', () => {
    expect(isRecovered(steady, [task('a', 'STOPPED', 'STOPPED'), task('b', 'RUNNING', 'RUNNING')])).toBe(false);
    expect(isRecovered(steady, [task('b', 'RUNNING', 'RUNNING')])).toBe(false);
  });

  it('fails while the service is not steady, even with every hit task stopped', () => {
    expect(isRecovered(service(1, 2), [task('a', 'STOPPED', 'STOPPED')])).toBe(false);
    expect(isRecovered(service(2, 2, [primary('IN_PROGRESS')]), [task('a', 'STOPPED', 'STOPPED')])).toBe(false);
  });
});

describe('steadyDetail: why preflight found the service not steady', () => {
  it('names the counts and each deployment as status/rolloutState', () => {
    const s = service(1, 2, [primary('IN_PROGRESS', { running: 1, desired: 2 }), { status: 'ACTIVE', running: 0, desired: 0 }], 1);
    expect(steadyDetail(s)).toBe('running 1/2 desired, 1 pending, deployments: PRIMARY/IN_PROGRESS, ACTIVE/-');
  });

  it('marks a deployment without a status, and says none when ECS lists none', () => {
    expect(steadyDetail(service(0, 1, [{ running: 0, desired: 1 }]))).toBe('running 0/1 desired, 0 pending, deployments: ?/-');
    expect(steadyDetail(service(0, 1, []))).toBe('running 0/1 desired, 0 pending, deployments: none');
  });
});

describe('wasSigkilled and tasks.sigkilled', () => {
  const drained = (id: string) => task(id, 'STOPPED', 'STOPPED', { stoppedReason: 'Task stopped by user', containers: [{ name: 'app', exitCode: 0 }] });
  const killed = (id: string) => task(id, 'STOPPED', 'STOPPED', { stoppedReason: 'Task stopped by user', containers: [{ name: 'app', exitCode: 137 }] });

  it('counts a container that exited 137 (128 + SIGKILL), whichever container it was', () => {
    expect(wasSigkilled(killed('a'))).toBe(true);
    expect(
      wasSigkilled(
        task('a', 'STOPPED', 'STOPPED', {
          containers: [
            { name: 'sidecar', exitCode: 0 },
            { name: 'app', exitCode: 137 },
          ],
        }),
      ),
    ).toBe(true);
  });

  it('does not count other exit codes: 143 is SIGTERM obeyed, 0 a clean drain, 1 an error', () => {
    for (const exitCode of [0, 1, 143, 136, 138]) expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { containers: [{ name: 'app', exitCode }] }))).toBe(false);
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { containers: [{ name: 'app' }] }))).toBe(false);
  });

  it('counts a stop reason or a container reason that says SIGKILL or exit code 137, in any case, when ECS gave no exit code', () => {
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { stoppedReason: 'Essential container in task exited: sigkill after stopTimeout' }))).toBe(true);
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { containers: [{ name: 'app', reason: 'Container exited with exit code: 137' }] }))).toBe(true);
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { containers: [{ name: 'app', reason: 'Exit Code 137' }] }))).toBe(true);
  });

  it('does not count a reason that names another signal or exit code', () => {
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { stoppedReason: 'Essential container in task exited', containers: [{ name: 'app', reason: 'exit code: 143' }] }))).toBe(false);
    expect(wasSigkilled(task('a', 'STOPPED', 'STOPPED', { stoppedReason: 'Task stopped by user' }))).toBe(false);
  });

  it('counts the SIGKILLed among the STOPPED tasks only (a task still deprovisioning is not counted yet)', () => {
    expect(sigkilledCount([killed('a'), drained('b'), killed('c')])).toBe(2);
    expect(sigkilledCount([drained('a'), drained('b')])).toBe(0);
    expect(sigkilledCount([killed('a'), task('d', 'DEPROVISIONING', 'STOPPED', { containers: [{ name: 'app', exitCode: 137 }] })])).toBe(1);
  });

  it('leaves tasks.sigkilled unmeasured while no hit task has stopped (not zero)', () => {
    expect(sigkilledCount([])).toBeUndefined();
    expect(sigkilledCount([task('a', 'STOPPING', 'STOPPED'), task('b', 'DEPROVISIONING', 'STOPPED')])).toBeUndefined();
  });
});
