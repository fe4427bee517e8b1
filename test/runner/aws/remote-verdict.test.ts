import { JOURNAL_SCHEMA } from '../../../lib/contract';
import type { Journal } from '../../../lib/runner/journal';
import { remoteOutcome } from '../../../lib/runner/aws/remote-verdict';
import type { RunnerTaskView } from '../../../lib/runner/aws/runner-task-api';

function journal(verdict?: 'HELD' | 'VIOLATED' | 'ABORTED', ended = true): Journal {
  return {
    schema: JOURNAL_SCHEMA,
    runId: 'r1',
    mode: 'aws',
    drill: { id: 'task-stop-drain', title: 't', hypothesis: 'h', fault: { kind: 'task-stop' } as never, expect: [], file: 'f' },
    settings: {},
    target: {},
    startedAt: '2026-12-01T04:00:00Z',
    ...(ended ? { endedAt: '2026-12-01T04:05:00Z' } : {}),
    timeline: [],
    samples: { streams: [], requests: [] },
    ...(verdict ? { judgement: { verdict, expectations: [], reasons: [], notJudged: [] } as never } : {}),
  };
}

const stopped = (exitCode?: number, extra: Partial<RunnerTaskView> = {}): RunnerTaskView => ({
  arn: 'arn:aws:ecs:eu-west-1:111122223333:task/c/abc',
  lastStatus: 'STOPPED',
  stopCode: 'EssentialContainerExited',
  stoppedReason: 'Essential container in task exited',
  ...(exitCode !== undefined ? { exitCode } : {}),
  ...extra,
});

describe('remoteOutcome', () => {
  it('takes the verdict and exit code from the finished journal', () => {
    expect(remoteOutcome(journal('HELD'), stopped(0))).toMatchObject({ verdict: 'HELD', exit: 0 });
    expect(remoteOutcome(journal('VIOLATED'), stopped(1))).toMatchObject({ verdict: 'VIOLATED', exit: 1 });
    expect(remoteOutcome(journal('ABORTED'), stopped(3)).mismatch).toBeUndefined();
  });

  it('says when the container exit code disagrees with the journal, and keeps the journal', () => {
    const outcome = remoteOutcome(journal('HELD'), stopped(137));
    expect(outcome).toMatchObject({ verdict: 'HELD', exit: 0, mismatch: expect.stringContaining('exited 137') });
  });

  it('fails as ERROR with the stop reason when the journal never ended (the task was killed)', () => {
    const outcome = remoteOutcome(journal(undefined, false), stopped(137, { stopCode: 'TaskFailedToStart' }));
    expect(outcome).toMatchObject({ verdict: 'ERROR', exit: 5, reason: expect.stringContaining('TaskFailedToStart') });
  });

  it('fails as ERROR with the stop reason when there is no journal at all', () => {
    const outcome = remoteOutcome(undefined, stopped(undefined, { stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: pull access denied' }));
    expect(outcome).toEqual({ exit: 5, verdict: 'ERROR', reason: expect.stringContaining('CannotPullContainerError: pull access denied; container exit code none') });
    expect(remoteOutcome(undefined, undefined).reason).toContain('ECS no longer knows the task');
  });

  it('reports a runner that refused before starting the drill as a local run would: ABORTED 3, usage 2', () => {
    expect(remoteOutcome(undefined, stopped(3))).toMatchObject({ exit: 3, verdict: 'ABORTED' });
    expect(remoteOutcome(undefined, stopped(2))).toEqual({ exit: 2, reason: expect.stringContaining('refused its command line') });
  });
});
